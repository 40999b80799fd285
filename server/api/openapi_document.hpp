#pragma once
// The OpenAPI 3 document of the HTTP API (server/api/openapi.json, embedded at build time).
#include <string_view>

namespace phonefleet::api {

std::string_view openapi_document();

}  // namespace phonefleet::api
