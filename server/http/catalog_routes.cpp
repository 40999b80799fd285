// The catalog and what each site may use: device types, sites, approvals (F5, F8).
#include "phonefleet/device_json.hpp"
#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {

void register_catalog_routes(Router& router, ApiServices& api) {
    using services::Principal;
    router.get("/api/v1/device-types", [&api](const httplib::Request&, httplib::Response& res, const Principal&) {
        send_json(res, {{"items", api.inventory.device_types()}});
    });
    router.get(R"(/api/v1/customers/(\d+)/sites)",
               [&api](const httplib::Request& req, httplib::Response& res, const Principal& who) {
                   auto result = api.inventory.sites(who, path_id(req, 1));
                   if (!result) return send_problem(res, req, result.error());
                   send_json(res, {{"items", result.value()}});
               });
    router.get(R"(/api/v1/customers/(\d+)/sites/(\d+)/device-types)",
               [&api](const httplib::Request& req, httplib::Response& res, const Principal& who) {
                   auto result = api.inventory.approved_types(who, path_id(req, 1), path_id(req, 2));
                   if (!result) return send_problem(res, req, result.error());
                   send_json(res, {{"items", result.value()}});
               });
}

}  // namespace phonefleet::http
