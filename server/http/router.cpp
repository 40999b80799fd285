#include "http/router.hpp"

#include "http/responses.hpp"

namespace phonefleet::http {

namespace {

std::string bearer_token(const httplib::Request& req) {
    const std::string auth = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (auth.size() > kBearer.size() && auth.compare(0, kBearer.size(), kBearer) == 0)
        return auth.substr(kBearer.size());
    return {};
}

}  // namespace

std::string session_token(const httplib::Request& req) {
    if (auto token = bearer_token(req); !token.empty()) return token;
    // Cookie: a=b; pf_session=TOKEN; c=d
    const std::string cookies = req.get_header_value("Cookie");
    const std::string key = std::string(kSessionCookie) + "=";
    for (std::size_t pos = 0; pos < cookies.size();) {
        while (pos < cookies.size() && (cookies[pos] == ' ' || cookies[pos] == ';')) ++pos;
        std::size_t end = cookies.find(';', pos);
        if (end == std::string::npos) end = cookies.size();
        if (cookies.compare(pos, key.size(), key) == 0) return cookies.substr(pos + key.size(), end - pos - key.size());
        pos = end;
    }
    return {};
}

httplib::Server::Handler Router::authenticated(AuthedHandler handler, bool mutating, bool kiosk_allowed) {
    return [this, handler = std::move(handler), mutating, kiosk_allowed](const httplib::Request& req,
                                                                         httplib::Response& res) {
        auto who = auth_.authenticate(session_token(req));
        if (!who) {
            res.set_header("WWW-Authenticate", "Bearer");
            send_problem(res, req, Error{"auth_required", "", ""});
            return;
        }
        who->by_cookie = bearer_token(req).empty();
        if (who->kiosk && !kiosk_allowed) {  // F14: default deny
            send_problem(res, req, Error{"forbidden", "", ""});
            return;
        }
        if (mutating && who->by_cookie && req.get_header_value(kCsrfHeader).empty()) {
            send_problem(res, req, Error{"csrf_failed", "", ""});
            return;
        }
        if (mutating && !who->can_write) {
            send_problem(res, req, Error{"forbidden", "", ""});
            return;
        }
        handler(req, res, *who);
    };
}

void Router::get(const std::string& p, httplib::Server::Handler h) {
    routes_.push_back({"GET", p});
    server_.Get(p, std::move(h));
}
void Router::post(const std::string& p, httplib::Server::Handler h) {
    routes_.push_back({"POST", p});
    server_.Post(p, std::move(h));
}
void Router::get(const std::string& p, AuthedHandler h) { get(p, authenticated(std::move(h), false)); }
void Router::kiosk_get(const std::string& p, AuthedHandler h) { get(p, authenticated(std::move(h), false, true)); }
void Router::post(const std::string& p, AuthedHandler h) { post(p, authenticated(std::move(h), true)); }
void Router::put(const std::string& p, AuthedHandler h) {
    routes_.push_back({"PUT", p});
    server_.Put(p, authenticated(std::move(h), true));
}
void Router::patch(const std::string& p, AuthedHandler h) {
    routes_.push_back({"PATCH", p});
    server_.Patch(p, authenticated(std::move(h), true));
}
void Router::del(const std::string& p, AuthedHandler h) {
    routes_.push_back({"DELETE", p});
    server_.Delete(p, authenticated(std::move(h), true));
}

}  // namespace phonefleet::http
