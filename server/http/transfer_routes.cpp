// CSV routes (F7, F8, F9): import template, import (dry run or real), streamed export.
#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {
namespace {

nlohmann::json report_json(const services::ImportOutcome& outcome, Language lang) {
    auto errors = nlohmann::json::array();
    for (const auto& e : outcome.report.errors)
        errors.push_back({{"row", e.row},
                          {"column", e.column},
                          {"value", e.value},
                          {"code", e.code},
                          {"message", message(e, outcome.report.headers, lang)}});
    return {{"valid_rows", outcome.report.valid_rows},
            {"data_rows", outcome.report.data_rows},
            {"imported", outcome.imported},
            {"errors", errors},
            {"errors_truncated", outcome.report.errors_truncated}};
}

void attachment(httplib::Response& res, const std::string& filename) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    res.set_header("Cache-Control", "no-store");
}

}  // namespace

void register_transfer_routes(Router& router, ApiServices& api) {
    using services::Principal;
    using Req = httplib::Request;
    using Res = httplib::Response;

    router.get(R"(/api/v1/customers/(\d+)/devices/import-template\.csv)",
               [&api](const Req& req, Res& res, const Principal& who) {
                   auto csv = api.transfer.import_template(who, path_id(req, 1), language_of(req));
                   if (!csv) return send_problem(res, req, csv.error());
                   attachment(res, "phonefleet-import-template.csv");
                   res.set_content(csv.value(), "text/csv; charset=utf-8");
               });

    router.post(R"(/api/v1/customers/(\d+)/devices/import)", [&api](const Req& req, Res& res, const Principal& who) {
        const bool dry_run = req.get_param_value("dry_run") == "1" || req.get_param_value("dry_run") == "true";
        auto outcome = api.transfer.import_devices(who, path_id(req, 1), req.body, dry_run);
        if (!outcome) return send_problem(res, req, outcome.error());
        const Language lang = language_of(req);
        auto body = report_json(outcome.value(), lang);
        if (dry_run) return send_json(res, body, 200);
        // 201 when devices were created; a clean file without rows (the untouched template) 200.
        if (outcome.value().report.clean()) return send_json(res, body, outcome.value().imported > 0 ? 201 : 200);
        // Every error at once, nothing imported: a problem document carrying the report.
        Error e{"import_invalid", "", std::to_string(outcome.value().report.errors.size())};
        send_problem(res, req, e, 422);
        auto problem = nlohmann::json::parse(res.body);
        problem.update(body);
        res.set_content(json_text(problem), "application/problem+json");
    });

    router.get(R"(/api/v1/customers/(\d+)/devices/export\.csv)", [&api](const Req& req, Res& res, const Principal& who) {
        auto site = site_param(req);
        if (!site) return send_problem(res, req, site.error());
        auto step = api.transfer.export_devices(who, path_id(req, 1), site.value());
        if (!step) return send_problem(res, req, step.error());
        attachment(res, "phonefleet-devices.csv");
        // Streamed in batches (chunked): memory stays flat whatever the inventory's size.
        res.set_chunked_content_provider("text/csv; charset=utf-8",
                                         [next = step.value()](size_t, httplib::DataSink& sink) {
                                             bool more = next([&sink](std::string_view piece) {
                                                 return sink.write(piece.data(), piece.size());
                                             });
                                             if (!more) sink.done();
                                             return true;
                                         });
    });
}

}  // namespace phonefleet::http
