// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/me (F16).
#include <nlohmann/json.hpp>

#include "http/client_address.hpp"
#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {
namespace {

nlohmann::json principal_json(const services::Principal& who) {
    nlohmann::json j = {{"username", who.username}, {"role", who.kiosk ? "kiosk" : store::to_string(who.role)}};
    if (who.provider_id) j["provider_id"] = *who.provider_id;
    if (who.customer_id) j["customer_id"] = *who.customer_id;
    return j;
}

}  // namespace

void register_auth_routes(Router& router, ApiServices& api) {
    router.post("/api/v1/auth/login", [&api](const httplib::Request& req, httplib::Response& res) {
        auto body = nlohmann::json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object() || !body.contains("username") ||
            !body.contains("password") || !body["username"].is_string() || !body["password"].is_string()) {
            send_problem(res, req, Error{"bad_request", "body", "{\"username\", \"password\"}"});
            return;
        }
        auto session = api.auth.login(body["username"].get<std::string>(), body["password"].get<std::string>(),
                                      client_address(req, api.config));
        if (!session) {
            const auto& e = session.error();
            // A back-off or a full password-check queue says when to come back (SPEC 4).
            if (e.code == "login_throttled" || e.code == "login_busy") res.set_header("Retry-After", e.value);
            send_problem(res, req, e);
            return;
        }
        const auto& s = session.value();
        // The browser keeps the session in an HttpOnly cookie that scripts cannot read and
        // other sites cannot send (SameSite=Strict); API clients use the token. Over TLS (the
        // trusted front says so) it is Secure: never sent back over plain HTTP.
        res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + s.token +
                                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                         std::to_string(api.config.session_ttl_s) +
                                         (came_over_tls(req, api.config) ? "; Secure" : ""));
        nlohmann::json out = principal_json(s.principal);
        out["token"] = s.token;
        out["expires_at"] = s.expires_at;
        send_json(res, out);
    });

    router.post("/api/v1/auth/logout",
                [&api](const httplib::Request& req, httplib::Response& res, const services::Principal&) {
                    api.auth.logout(session_token(req));
                    res.set_header("Set-Cookie", std::string(kSessionCookie) +
                                                     "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                                                     (came_over_tls(req, api.config) ? "; Secure" : ""));
                    res.status = 204;
                });

    router.kiosk_get("/api/v1/me", [](const httplib::Request&, httplib::Response& res, const services::Principal& who) {
        send_json(res, principal_json(who));
    });
}

}  // namespace phonefleet::http
