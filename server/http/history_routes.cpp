// Registration history (F18).
//   GET /api/v1/devices/{mac}/history?since=&until=&cursor=&per_page=   newest first (SPEC 4)
//   GET /api/v1/customers/{cid}/history/export.csv?site=&since=&until=  CSV (SPEC 5) under SPEC 6
#include <algorithm>

#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "services/secrets.hpp"

namespace phonefleet::http {
namespace {

using services::Principal;
using Req = httplib::Request;
using Res = httplib::Response;

Result<services::HistoryRange> range_of(const Req& req) {
    auto since = services::parse_history_time("since", req.get_param_value("since"));
    if (!since) return since.error();
    auto until = services::parse_history_time("until", req.get_param_value("until"));
    if (!until) return until.error();
    return services::HistoryRange{since.value(), until.value()};
}

nlohmann::json entry_json(const store::HistoryEntry& e, Language lang) {
    return {{"at", e.at},
            // A device's own events (reboot steps) belong to no port.
            {"port", e.port > 0 ? nlohmann::json(e.port) : nlohmann::json(nullptr)},
            {"from", to_string(e.from)},
            {"to", to_string(e.to)},
            {"reason", e.reason},
            {"message", text("history." + e.reason, lang)}};
}

void device_history(ApiServices& api, const Req& req, Res& res, const Principal& who) {
    auto range = range_of(req);
    if (!range) return send_problem(res, req, range.error());
    auto per_page = int_param(req, "per_page", 100);
    if (!per_page) return send_problem(res, req, per_page.error());
    auto page = api.history.device_history(who, req.matches[1], range.value(), req.get_param_value("cursor"),
                                           static_cast<int>(std::clamp<std::int64_t>(per_page.value(), -1, 1 << 30)));
    if (!page) return send_problem(res, req, page.error());
    const auto lang = language_of(req);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : page.value().items) items.push_back(entry_json(e, lang));
    res.set_header("Cache-Control", "no-store");
    send_json(res, {{"items", std::move(items)},
                    {"next_cursor", page.value().next_cursor ? nlohmann::json(*page.value().next_cursor)
                                                             : nlohmann::json(nullptr)}});
}

void export_history(ApiServices& api, const Req& req, Res& res, const Principal& who) {
    auto range = range_of(req);
    if (!range) return send_problem(res, req, range.error());
    auto site = site_param(req);
    if (!site) return send_problem(res, req, site.error());
    const auto customer = path_id(req, 1);
    auto delivery = api.history.export_csv(who, customer, site.value(), range.value(),
                                           services::token_digest(session_token(req)), language_of(req));
    if (delivery.error) {
        if (delivery.retry_after_s > 0) res.set_header("Retry-After", std::to_string(delivery.retry_after_s));
        return send_problem(res, req, *delivery.error);
    }
    // Complete on disk before the first byte leaves, streamed in pieces (as the line-state export).
    auto reader = std::make_shared<exports::ExportFileReader>(delivery.file);
    res.set_header("X-Export-Cache", delivery.cache_hit ? "hit" : "miss");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Disposition", "attachment; filename=\"history-" + std::to_string(customer) + "-" +
                                              (site.value() ? std::to_string(*site.value()) : "all") + ".csv\"");
    res.set_content_provider(static_cast<std::size_t>(reader->size()), "text/csv; charset=utf-8",
                             [reader](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 char buf[64 * 1024];
                                 const auto n = reader->read_at(offset, buf, std::min(length, sizeof buf));
                                 if (n <= 0) return false;  // the connection is closed: never a short success
                                 return sink.write(buf, static_cast<std::size_t>(n));
                             });
}

}  // namespace

void register_history_routes(Router& router, ApiServices& api) {
    router.get(R"(/api/v1/devices/([0-9A-Fa-f:.\-]{1,32})/history)",
               [&api](const Req& req, Res& res, const Principal& who) { device_history(api, req, res, who); });
    router.get(R"(/api/v1/customers/(\d+)/history/export\.csv)",
               [&api](const Req& req, Res& res, const Principal& who) { export_history(api, req, res, who); });
}

}  // namespace phonefleet::http
