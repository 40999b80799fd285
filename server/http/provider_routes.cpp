// Service providers and the line-state export switch (F12, the guide's "Party Manager").
//   GET /api/v1/providers           the providers the caller may see
//   GET /api/v1/providers/{pid}     one of them
//   PATCH /api/v1/providers/{pid}   {"line_state_export": true|false}, operator only (audited)
#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {
namespace {

nlohmann::json provider_json(const store::ProviderRecord& p) {
    return {{"id", p.id}, {"name", p.name}, {"line_state_export", p.line_state_export}};
}

}  // namespace

void register_provider_routes(Router& router, ApiServices& api) {
    using services::Principal;
    using Req = httplib::Request;
    using Res = httplib::Response;
    router.get("/api/v1/providers", [&api](const Req&, Res& res, const Principal& who) {
        auto items = nlohmann::json::array();
        for (const auto& p : api.line_states.providers(who)) items.push_back(provider_json(p));
        send_json(res, {{"items", items}});
    });
    router.get(R"(/api/v1/providers/(\d+))", [&api](const Req& req, Res& res, const Principal& who) {
        auto p = api.line_states.provider(who, path_id(req, 1));
        if (!p) return send_problem(res, req, p.error());
        send_json(res, provider_json(p.value()));
    });
    router.patch(R"(/api/v1/providers/(\d+))", [&api](const Req& req, Res& res, const Principal& who) {
        auto body = json_body(req);
        if (!body) return send_problem(res, req, body.error());
        auto it = body.value().find("line_state_export");
        if (it == body.value().end() || !it->is_boolean())
            return send_problem(res, req, Error{"bad_request", "line_state_export", "{\"line_state_export\": true|false}"});
        auto p = api.line_states.set_line_state_export(who, path_id(req, 1), it->get<bool>());
        if (!p) return send_problem(res, req, p.error());
        send_json(res, provider_json(p.value()));
    });
}

}  // namespace phonefleet::http
