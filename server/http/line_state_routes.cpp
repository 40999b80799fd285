// Line States (F11) and their CSV export under the limits of SPEC 6 (F13).
//   GET /api/v1/customers/{cid}/line-states             JSON page (kiosk tokens too, F14)
//   GET /api/v1/customers/{cid}/line-states/export.csv  CSV of the filtered view
//   GET /api/v1/customers/{cid}/line-states/export-status  where the caller's export stands
#include <algorithm>

#include "phonefleet/device_json.hpp"
#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "services/secrets.hpp"

namespace phonefleet::http {
namespace {

using services::Principal;
using Req = httplib::Request;
using Res = httplib::Response;

Result<services::LineStateFilter> filter_of(const Req& req) {
    services::LineStateFilter f;
    auto site = site_param(req);
    if (!site) return site.error();
    f.site_id = site.value();
    f.device_type = req.get_param_value("type");
    f.text = req.get_param_value("q");
    if (auto state = req.get_param_value("state"); !state.empty()) {
        f.state = parse_registration_state(state);
        if (!f.state) return Error{"bad_request", "state", state};
    }
    return f;
}

void list_line_states(ApiServices& api, const Req& req, Res& res, const Principal& who) {
    auto filter = filter_of(req);
    auto page = int_param(req, "page", 1);
    auto per_page = int_param(req, "per_page", 100);
    if (!filter) return send_problem(res, req, filter.error());
    for (const auto* r : {&page, &per_page})
        if (!*r) return send_problem(res, req, r->error());
    auto result = api.line_states.list(who, path_id(req, 1), filter.value(),
                                       static_cast<int>(std::clamp<std::int64_t>(page.value(), -1, 1 << 30)),
                                       static_cast<int>(std::clamp<std::int64_t>(per_page.value(), -1, 1 << 30)),
                                       req.get_param_value("cursor"));
    if (!result) return send_problem(res, req, result.error());
    res.set_header("Cache-Control", "no-store");
    send_json(res, result.value());
}

void export_line_states(ApiServices& api, const Req& req, Res& res, const Principal& who) {
    auto filter = filter_of(req);
    if (!filter) return send_problem(res, req, filter.error());
    const auto customer = path_id(req, 1);
    // Spacing is per session: the login session or API token, known here by its digest only.
    auto delivery = api.line_states.export_csv(who, customer, filter.value(), services::token_digest(session_token(req)));
    if (delivery.error) {
        if (delivery.retry_after_s > 0) res.set_header("Retry-After", std::to_string(delivery.retry_after_s));
        return send_problem(res, req, *delivery.error);
    }
    // The file is complete before the first byte leaves (a failure was a 500 above); it is
    // streamed from disk in pieces, with its length known, so memory stays flat.
    auto reader = std::make_shared<exports::ExportFileReader>(delivery.file);
    const std::string site = filter.value().site_id ? std::to_string(*filter.value().site_id) : "all";
    res.set_header("X-Export-Cache", delivery.cache_hit ? "hit" : "miss");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Disposition",
                   "attachment; filename=\"line-states-" + std::to_string(customer) + "-" + site + ".csv\"");
    res.set_content_provider(static_cast<std::size_t>(reader->size()), "text/csv; charset=utf-8",
                             [reader](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 char buf[64 * 1024];
                                 const auto n = reader->read_at(offset, buf, std::min(length, sizeof buf));
                                 if (n <= 0) return false;  // the connection is closed: never a short success
                                 return sink.write(buf, static_cast<std::size_t>(n));
                             });
}

void export_status(ApiServices& api, const Req& req, Res& res, const Principal& who) {
    // A customer the caller cannot see is not found, as everywhere.
    auto enabled = api.line_states.export_enabled(who, path_id(req, 1));
    if (!enabled) return send_problem(res, req, enabled.error());
    auto snapshot = api.line_states.limiter().snapshot();
    nlohmann::json out = {{"state", "idle"},
                          {"export_enabled", enabled.value()},
                          {"running", snapshot.running},
                          {"queued", snapshot.queued},
                          {"concurrency", api.line_states.limiter().limits().concurrency},
                          {"queue", api.line_states.limiter().limits().queue}};
    if (auto mine = api.line_states.export_progress(services::token_digest(session_token(req)))) {
        out["state"] = exports::to_string(mine->phase);
        if (mine->phase == exports::ExportPhase::Queued) out["position"] = mine->position;
    }
    res.set_header("Cache-Control", "no-store");
    send_json(res, out);
}

}  // namespace

void register_line_state_routes(Router& router, ApiServices& api) {
    router.kiosk_get(R"(/api/v1/customers/(\d+)/line-states)",
                     [&api](const Req& req, Res& res, const Principal& who) { list_line_states(api, req, res, who); });
    router.get(R"(/api/v1/customers/(\d+)/line-states/export\.csv)",
               [&api](const Req& req, Res& res, const Principal& who) { export_line_states(api, req, res, who); });
    router.get(R"(/api/v1/customers/(\d+)/line-states/export-status)",
               [&api](const Req& req, Res& res, const Principal& who) { export_status(api, req, res, who); });
}

}  // namespace phonefleet::http
