// API tokens (F15): created and revoked by a logged-in user, scoped like that user.
#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {
namespace {

nlohmann::json token_json(const store::ApiToken& t) {
    return {{"id", t.id}, {"name", t.name}, {"scope", t.can_write ? "write" : "read"}, {"created_at", t.created_at}};
}

}  // namespace

void register_token_routes(Router& router, ApiServices& api) {
    using services::Principal;
    router.post("/api/v1/tokens", [&api](const httplib::Request& req, httplib::Response& res, const Principal& who) {
        auto body = json_body(req);
        if (!body) return send_problem(res, req, body.error());
        auto name = string_member(body.value(), "name");
        auto scope = string_member(body.value(), "scope");
        for (const auto* r : {&name, &scope})
            if (!*r) return send_problem(res, req, r->error());
        if (name.value().empty() || name.value().size() > 100)
            return send_problem(res, req, Error{"bad_request", "name", name.value()});
        if (scope.value() != "read" && scope.value() != "write")
            return send_problem(res, req, Error{"bad_request", "scope", scope.value()});
        auto created = api.auth.create_api_token(who, name.value(), scope.value() == "write");
        api.audit.record(who, {who.provider_id, who.customer_id}, "token.create", std::to_string(created.info.id), "ok",
                         name.value());
        auto out = token_json(created.info);
        out["token"] = created.token;
        res.set_header("Cache-Control", "no-store");
        send_json(res, out, 201);
    });
    router.get("/api/v1/tokens", [&api](const httplib::Request&, httplib::Response& res, const Principal& who) {
        auto list = nlohmann::json::array();
        for (const auto& t : api.auth.api_tokens(who)) list.push_back(token_json(t));
        send_json(res, {{"items", list}});
    });
    router.del(R"(/api/v1/tokens/(\d+))", [&api](const httplib::Request& req, httplib::Response& res, const Principal& who) {
        auto id = path_id(req, 1);
        bool ok = api.auth.revoke_api_token(who, id);
        api.audit.record(who, {who.provider_id, who.customer_id}, "token.revoke", std::to_string(id),
                         ok ? "ok" : "token_not_found");
        if (!ok) return send_problem(res, req, Error{"token_not_found", "id", std::to_string(id)});
        res.status = 204;
    });
}

}  // namespace phonefleet::http
