// Devices of a customer (F1, F2, F5, F6, F10): list, add, details, status, remove, ports.
#include "phonefleet/device_json.hpp"
#include "phonefleet/json_text.hpp"
#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {
namespace {

using services::Principal;
using Req = httplib::Request;
using Res = httplib::Response;

constexpr const char* kDevicePath = R"(/api/v1/devices/([0-9A-Fa-f:.\-]{1,32}))";

void list_devices(ApiServices& api, const Req& req, Res& res, const Principal& who) {
    auto page = int_param(req, "page", 1);
    auto per_page = int_param(req, "per_page", 50);
    for (const auto* r : {&page, &per_page})
        if (!*r) return send_problem(res, req, r->error());
    auto site = site_param(req);
    if (!site) return send_problem(res, req, site.error());
    services::DeviceListParams p;
    p.page = static_cast<int>(std::clamp<std::int64_t>(page.value(), -1, 1 << 30));
    p.per_page = static_cast<int>(std::clamp<std::int64_t>(per_page.value(), -1, 1 << 30));
    p.site_id = site.value();
    p.device_type = req.get_param_value("type");
    p.text = req.get_param_value("q");
    if (auto state = req.get_param_value("state"); !state.empty()) {
        p.state = parse_registration_state(state);
        if (!p.state) return send_problem(res, req, Error{"bad_request", "state", state});
    }
    auto result = api.inventory.devices(who, path_id(req, 1), p);
    if (!result) return send_problem(res, req, result.error());
    // The list is the hot path: written straight to text (json_text.hpp), no JSON tree.
    res.set_content(device_page_json(result.value()), "application/json");
}

void add_device(ApiServices& api, const Req& req, Res& res, const Principal& who) {
    auto body = json_body(req);
    if (!body) return send_problem(res, req, body.error());
    const auto& j = body.value();
    NewDevice input;
    if (auto it = j.find("site_id"); it != j.end() && !it->is_null()) {
        if (!it->is_number_integer()) return send_problem(res, req, Error{"bad_request", "site_id", it->dump()});
        input.site_id = it->get<std::int64_t>();
    }
    auto type = string_member(j, "device_type");
    auto mac = string_member(j, "mac");
    auto multicell = string_member(j, "multicell_station_id");
    for (const auto* r : {&type, &mac, &multicell})
        if (!*r) return send_problem(res, req, r->error());
    input.device_type = type.value();
    input.mac = mac.value();
    if (!multicell.value().empty()) input.multicell_station_id = multicell.value();

    auto result = api.inventory.add_device(who, path_id(req, 1), input);
    if (!result) return send_problem(res, req, result.error());
    const auto& added = result.value();
    res.set_header("Location", "/api/v1/devices/" + added.status.device.mac);
    // The device's status, and what it was added despite (SPEC 5), shaped like the errors of a
    // refused one.
    nlohmann::json answer = added.status;
    auto& warnings = answer["warnings"] = nlohmann::json::array();
    const Language lang = language_of(req);
    for (const auto& w : added.warnings)
        warnings.push_back({{"field", w.field}, {"code", w.code}, {"value", w.value}, {"message", message(w, lang)}});
    send_json(res, answer, 201);
}

void assign_line(ApiServices& api, const Req& req, Res& res, const Principal& who) {
    auto body = json_body(req);
    if (!body) return send_problem(res, req, body.error());
    auto number = string_member(body.value(), "phone_number");
    auto extension = string_member(body.value(), "extension");
    auto name = string_member(body.value(), "display_name");
    for (const auto* r : {&number, &extension, &name})
        if (!*r) return send_problem(res, req, r->error());
    auto port = to_int(req.matches[2]).value_or(-1);
    auto result = api.inventory.assign_line(who, req.matches[1], static_cast<int>(std::clamp<std::int64_t>(port, -1, 1000)),
                                            {number.value(), extension.value(), name.value()});
    if (!result) return send_problem(res, req, result.error());
    res.set_header("Cache-Control", "no-store");  // the SIP password is in this answer, once
    send_json(res, result.value(), 201);
}

}  // namespace

void register_inventory_routes(Router& router, ApiServices& api) {
    router.get("/api/v1/customers", [&api](const Req&, Res& res, const Principal& who) {
        send_json(res, {{"items", api.inventory.customers(who)}});
    });
    router.get(R"(/api/v1/customers/(\d+)/devices)",
               [&api](const Req& req, Res& res, const Principal& who) { list_devices(api, req, res, who); });
    router.post(R"(/api/v1/customers/(\d+)/devices)",
                [&api](const Req& req, Res& res, const Principal& who) { add_device(api, req, res, who); });

    auto details = [&api](const Req& req, Res& res, const Principal& who) {
        auto result = api.inventory.status(who, req.matches[1]);
        if (!result) return send_problem(res, req, result.error());
        send_json(res, result.value());
    };
    router.get(kDevicePath, details);
    router.get(std::string(kDevicePath) + "/status", details);
    router.del(kDevicePath, [&api](const Req& req, Res& res, const Principal& who) {
        auto result = api.inventory.remove_device(who, req.matches[1]);
        if (!result) return send_problem(res, req, result.error());
        res.status = 204;
    });
    router.put(std::string(kDevicePath) + R"(/ports/(\d{1,4}))",
               [&api](const Req& req, Res& res, const Principal& who) { assign_line(api, req, res, who); });
    router.del(std::string(kDevicePath) + R"(/ports/(\d{1,4}))", [&api](const Req& req, Res& res, const Principal& who) {
        auto result = api.inventory.unassign_line(who, req.matches[1], static_cast<int>(path_id(req, 2)));
        if (!result) return send_problem(res, req, result.error());
        res.status = 204;
    });
}

}  // namespace phonefleet::http
