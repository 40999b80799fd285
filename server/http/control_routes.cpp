// Talking to a device now (F3, F4): probe it with OPTIONS, reboot it with NOTIFY; or probe every
// registered device of a customer (or site) at once.
#include "phonefleet/device_json.hpp"
#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {
namespace {

using services::Principal;
using Req = httplib::Request;
using Res = httplib::Response;

constexpr const char* kDevicePath = R"(/api/v1/devices/([0-9A-Fa-f:.\-]{1,32}))";

// A problem+json that also carries the phone's own SIP answer.
void send_sip_problem(Res& res, const Req& req, const std::string& code, int http_status, const RebootReport& r) {
    std::string value = r.sip_status ? std::to_string(*r.sip_status) + " " + r.sip_reason : "";
    send_problem(res, req, Error{code, "", value}, http_status);
    auto body = nlohmann::json::parse(res.body);
    body["reboot"] = r;
    body["sip_status"] = r.sip_status ? nlohmann::json(*r.sip_status) : nlohmann::json(nullptr);
    body["sip_reason"] = r.sip_reason;
    res.set_content(json_text(body), "application/problem+json");
}

}  // namespace

void register_control_routes(Router& router, ApiServices& api) {
    router.post(std::string(kDevicePath) + "/probe", [&api](const Req& req, Res& res, const Principal& who) {
        auto result = api.control.probe(who, req.matches[1]);
        if (!result) return send_problem(res, req, result.error());
        send_json(res, result.value());
    });
    // As the single probe: a mutation (write tokens only, kiosks refused by the router).
    router.post(R"(/api/v1/customers/(\d+)/probe)", [&api](const Req& req, Res& res, const Principal& who) {
        auto site = site_param(req);
        if (!site) return send_problem(res, req, site.error());
        auto result = api.control.probe_customer(who, path_id(req, 1), site.value());
        if (!result) {
            const auto& code = result.error().code;
            return send_problem(res, req, result.error(), code == "probe_in_progress" ? 409 : status_for(code));
        }
        const auto& r = result.value();
        send_json(res, {{"probed", r.probed},
                        {"reachable", r.reachable},
                        {"unreachable", r.unreachable},
                        {"contacts", r.contacts},
                        {"duration_ms", r.duration_ms}});
    });
    router.post(std::string(kDevicePath) + "/reboot", [&api](const Req& req, Res& res, const Principal& who) {
        auto result = api.control.reboot(who, req.matches[1]);
        if (!result) {
            const auto& code = result.error().code;
            return send_problem(res, req, result.error(), code == "device_not_registered" ? 409 : status_for(code));
        }
        const auto& r = result.value();
        // 2xx is all the phone can promise; "confirmed" comes later, with its REGISTER (F4).
        if (r.state == "accepted" || r.state == "confirmed") {
            nlohmann::json body = r;
            body["reboot"] = "accepted";
            return send_json(res, body, 202);
        }
        if (r.state == "refused") return send_sip_problem(res, req, "reboot_refused", 502, r);
        send_sip_problem(res, req, "reboot_no_answer", 504, r);
    });
}

}  // namespace phonefleet::http
