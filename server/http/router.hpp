#pragma once
// Registers API routes on the cpp-httplib server, remembers them (the OpenAPI document is
// checked against this list) and wraps handlers that need a logged-in principal.
#include <httplib.h>

#include <functional>
#include <string>
#include <vector>

#include "services/auth_service.hpp"

namespace phonefleet::http {

struct RouteInfo {
    std::string method;
    std::string pattern;  // the regular expression given to httplib
};

using AuthedHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const services::Principal&)>;

class Router {
public:
    Router(httplib::Server& server, services::AuthService& auth) : server_(server), auth_(auth) {}

    void get(const std::string& pattern, httplib::Server::Handler handler);
    void post(const std::string& pattern, httplib::Server::Handler handler);
    // The same, answering 401 problem+json before the handler when nobody is logged in.
    void get(const std::string& pattern, AuthedHandler handler);
    void post(const std::string& pattern, AuthedHandler handler);
    void put(const std::string& pattern, AuthedHandler handler);
    void patch(const std::string& pattern, AuthedHandler handler);
    void del(const std::string& pattern, AuthedHandler handler);
    // A GET that a kiosk token may call too (F14); every other route refuses kiosks (403).
    void kiosk_get(const std::string& pattern, AuthedHandler handler);

    const std::vector<RouteInfo>& routes() const { return routes_; }

private:
    // Mutations also need a principal that may write, and, when the session came by cookie,
    // proof that the request came from our page (CSRF, SPEC 8).
    httplib::Server::Handler authenticated(AuthedHandler handler, bool mutating, bool kiosk_allowed = false);

    httplib::Server& server_;
    services::AuthService& auth_;
    std::vector<RouteInfo> routes_;
};

// The session token of a request: `Authorization: Bearer <token>` or the session cookie.
std::string session_token(const httplib::Request& req);
inline constexpr const char* kSessionCookie = "pf_session";
// Browsers send a custom header only from our own origin (a cross-site form cannot, and a
// cross-site script would need a CORS preflight that we never grant).
inline constexpr const char* kCsrfHeader = "X-PhoneFleet-Request";

}  // namespace phonefleet::http
