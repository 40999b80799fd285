// GET /api/v1/customers, GET /api/v1/customers/{cid}/devices (F1).
#include <charconv>

#include "phonefleet/device_json.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {
namespace {

std::optional<std::int64_t> to_int(const std::string& s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// An integer query parameter: absent → fallback; malformed → an error naming it.
Result<std::int64_t> int_param(const httplib::Request& req, const char* name, std::int64_t fallback) {
    if (!req.has_param(name)) return fallback;
    auto text = req.get_param_value(name);
    auto v = to_int(text);
    if (!v) return Error{"bad_request", name, text};
    return *v;
}

}  // namespace

void register_inventory_routes(Router& router, ApiServices& api) {
    router.get("/api/v1/customers",
               [&api](const httplib::Request&, httplib::Response& res, const services::Principal& who) {
                   send_json(res, {{"items", api.inventory.customers(who)}});
               });

    router.get(R"(/api/v1/customers/(\d+)/devices)",
               [&api](const httplib::Request& req, httplib::Response& res, const services::Principal& who) {
                   auto cid = to_int(req.matches[1]);
                   auto page = int_param(req, "page", 1);
                   auto per_page = int_param(req, "per_page", 50);
                   auto site = int_param(req, "site", 0);
                   for (const auto* r : {&page, &per_page, &site})
                       if (!*r) return send_problem(res, req, r->error());
                   services::DeviceListParams p;
                   p.page = static_cast<int>(std::clamp<std::int64_t>(page.value(), -1, 1 << 30));
                   p.per_page = static_cast<int>(std::clamp<std::int64_t>(per_page.value(), -1, 1 << 30));
                   if (req.has_param("site")) p.site_id = site.value();
                   p.device_type = req.get_param_value("type");
                   p.text = req.get_param_value("q");
                   auto result = api.inventory.devices(who, cid.value_or(-1), p);
                   if (!result) return send_problem(res, req, result.error());
                   send_json(res, result.value());
               });
}

}  // namespace phonefleet::http
