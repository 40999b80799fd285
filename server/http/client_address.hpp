#pragma once
// Who is on the other end of a request. X-Forwarded-For / X-Forwarded-Proto are believed only
// from the peers named by --trusted-proxy (SPEC 9): anyone else could write them.
#include <httplib.h>

#include <string>

#include "app/config.hpp"

namespace phonefleet::http {

bool is_trusted_proxy(const httplib::Request& req, const app::Config& config);
// The client's address: the peer's, or from a trusted proxy the nearest X-Forwarded-For entry
// that is not itself a trusted proxy (entries further left were written by the client).
std::string client_address(const httplib::Request& req, const app::Config& config);
// The request reached the front over TLS (X-Forwarded-Proto: https from a trusted proxy).
bool came_over_tls(const httplib::Request& req, const app::Config& config);

}  // namespace phonefleet::http
