// CSV routes (F7, F8, F9): import template, import (dry run or real), streamed export.
#include <cctype>

#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "phonefleet/json_text.hpp"

namespace phonefleet::http {
namespace {

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
        // The file itself is the body. A form (curl -F, an HTML form) or JSON wraps it: read as
        // CSV it would only give "no mac column" three times.
        const std::string content_type = req.get_header_value("Content-Type");
        std::string type = content_type.substr(0, content_type.find(';'));
        for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (type.rfind("multipart/", 0) == 0 || type == "application/x-www-form-urlencoded" || type == "application/json")
            return send_problem(res, req, Error{"media_type_unsupported", "Content-Type", type});
        const auto flag = flag_param(req, "dry_run");
        if (!flag) return send_problem(res, req, flag.error());
        const bool dry_run = flag.value();
        auto outcome = api.transfer.import_devices(who, path_id(req, 1), req.body, dry_run);
        if (!outcome) return send_problem(res, req, outcome.error());
        const Language lang = language_of(req);
        const auto& report = outcome.value().report;
        const std::size_t imported = outcome.value().imported;
        if (dry_run || report.clean()) {
            // 201 when devices were created; a dry run, or a clean file without rows (the untouched template), 200.
            res.status = !dry_run && imported > 0 ? 201 : 200;
            return res.set_content(import_report_json(report, imported, lang), "application/json");
        }
        // Every error at once, nothing imported: a problem document carrying the report.
        send_problem(res, req, Error{"import_invalid", "", std::to_string(report.errors.size())}, 422);
        std::string body = std::move(res.body);
        body.pop_back();  // the problem document's closing brace
        body += ',';
        append_import_report_fields(body, report, imported, lang);
        body += '}';
        res.body = std::move(body);  // its Content-Type is set (problem+json): no copy of a large report
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
