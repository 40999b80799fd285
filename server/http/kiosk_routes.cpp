// Kiosk tokens (F14), made by a customer admin (or above) for one customer:
//   POST /api/v1/customers/{cid}/kiosk-tokens {"name"}  201, the token shown once
//   GET /api/v1/customers/{cid}/kiosk-tokens            list (never the tokens)
//   DELETE /api/v1/customers/{cid}/kiosk-tokens/{id}    revoke
// and GET /kiosk, the browser client's page for wall displays.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {
namespace {

nlohmann::json kiosk_json(const store::KioskTokenRecord& k) {
    return {{"id", k.id},
            {"customer_id", k.customer_id},
            {"name", k.name},
            {"created_by", k.created_by},
            {"created_at", k.created_at}};
}

}  // namespace

void register_kiosk_routes(Router& router, ApiServices& api) {
    using services::Principal;
    using Req = httplib::Request;
    using Res = httplib::Response;
    constexpr const char* kTokens = R"(/api/v1/customers/(\d+)/kiosk-tokens)";
    router.post(kTokens, [&api](const Req& req, Res& res, const Principal& who) {
        auto body = json_body(req);
        if (!body) return send_problem(res, req, body.error());
        auto name = string_member(body.value(), "name");
        if (!name) return send_problem(res, req, name.error());
        auto created = api.line_states.create_kiosk_token(who, path_id(req, 1), name.value());
        if (!created) return send_problem(res, req, created.error());
        auto out = kiosk_json(created.value().info);
        out["token"] = created.value().token;
        // The wall screen opens this; the token stays in the fragment, which is never sent.
        out["kiosk_url"] = "/kiosk#token=" + created.value().token;
        res.set_header("Cache-Control", "no-store");
        send_json(res, out, 201);
    });
    router.get(kTokens, [&api](const Req& req, Res& res, const Principal& who) {
        auto list = api.line_states.kiosk_tokens(who, path_id(req, 1));
        if (!list) return send_problem(res, req, list.error());
        auto items = nlohmann::json::array();
        for (const auto& k : list.value()) items.push_back(kiosk_json(k));
        send_json(res, {{"items", items}});
    });
    router.del(std::string(kTokens) + R"(/(\d+))", [&api](const Req& req, Res& res, const Principal& who) {
        auto done = api.line_states.revoke_kiosk_token(who, path_id(req, 1), path_id(req, 2));
        if (!done) return send_problem(res, req, done.error());
        res.status = 204;
    });
}

void register_kiosk_page(httplib::Server& server, const app::Config& config) {
    // The same single page as "/", which shows the kiosk view when its path is /kiosk.
    server.Get("/kiosk", [dirs = config.static_dirs](const httplib::Request&, httplib::Response& res) {
        for (const auto& dir : dirs) {
            std::ifstream in(std::filesystem::path(dir) / "index.html", std::ios::binary);
            if (!in) continue;
            std::ostringstream text;
            text << in.rdbuf();
            res.set_header("Cache-Control", "no-cache");
            res.set_content(text.str(), "text/html; charset=utf-8");
            return;
        }
        res.status = 404;
        res.set_content("index.html not found\n", "text/plain");
    });
}

}  // namespace phonefleet::http
