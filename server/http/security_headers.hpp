#pragma once
// Headers sent with every answer (static files, API, errors): what the browser may load and
// run for our page, and that no other site may frame it (issue 17, SPEC 8).
#include <httplib.h>

namespace phonefleet::http {

// The Content-Security-Policy fitted to the WebAssembly client (web/index.html, bridge.js).
const char* content_security_policy();
httplib::Headers security_headers();
// Strict-Transport-Security: only on answers that went out over TLS (a trusted proxy said so).
inline constexpr const char* kHsts = "max-age=31536000";

}  // namespace phonefleet::http
