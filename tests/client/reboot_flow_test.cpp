// The reboot of a device followed to its end (F4), natively: the Controller polls the status
// while the phone has accepted and not yet registered again; a refusal is never shown as done.
#include <catch2/catch.hpp>

#include <memory>

#include <nlohmann/json.hpp>

#include "client_harness.hpp"
#include "phonefleet/device_json.hpp"

namespace pf = phonefleet;
using namespace phonefleet::client;
using namespace phonefleet::client::testing;

namespace {

constexpr const char* kMac = "001E4A0A0001";

using Client = ClientHarness;

// The device's status as the server writes it (the shared contract), with its reboot.
std::string status_with_reboot(const char* reboot_state) {
    pf::DeviceStatus s;
    s.device.mac = kMac;
    s.device.device_type = "Cisco 6821";
    s.device.site = "Paris";
    s.device.site_id = 1;
    s.ports = 2;
    s.reboot = pf::RebootReport{reboot_state, 1000, 200, "OK"};
    return nlohmann::json(s).dump();
}

}  // namespace

TEST_CASE("reboot: accepted, polled, then confirmed by the phone's new REGISTER", "[client][reboot]") {
    Client c;
    c.controller.tick(50.0);
    c.controller.open_reboot(kMac);
    c.controller.confirm_reboot();
    c.controller.confirm_reboot();  // a second click while it is sent does not send twice
    c.answer("POST /api/v1/devices/001E4A0A0001/reboot", 202,
             R"({"state":"accepted","at":1000,"sip_status":200,"sip_reason":"OK"})");
    CHECK(c.log->pending.empty());
    REQUIRE(c.state.reboot.reboot);
    CHECK(c.state.reboot.reboot->state == "accepted");
    CHECK(c.state.reboot.sent);

    c.controller.tick(50.5);  // before the poll period: nothing asked
    CHECK(c.log->pending.empty());
    c.controller.tick(52.0);
    c.answer("GET /api/v1/devices/001E4A0A0001/status", 200, status_with_reboot("accepted"));
    CHECK(c.state.reboot.reboot->state == "accepted");
    c.controller.tick(54.0);
    c.answer("GET /api/v1/devices/001E4A0A0001/status", 200, status_with_reboot("confirmed"));
    CHECK(c.state.reboot.reboot->state == "confirmed");
    CHECK_FALSE(c.state.toasts.empty());
    c.controller.tick(60.0);  // final: no more polls
    CHECK_FALSE(has_pending(*c.log, "GET /api/v1/devices/001E4A0A0001/status"));
}

TEST_CASE("reboot: a phone that refuses is said so, never shown as rebooting", "[client][reboot]") {
    Client c;
    c.controller.open_reboot(kMac);
    c.controller.confirm_reboot();
    c.answer("POST /api/v1/devices/001E4A0A0001/reboot", 409,
             R"({"code":"reboot_refused","detail":"The phone refused the reboot (486 Busy Here).","status":409})");
    CHECK(c.state.reboot.sent);  // the NOTIFY left
    CHECK_FALSE(c.state.reboot.reboot);
    CHECK(c.state.reboot.error == "The phone refused the reboot (486 Busy Here).");
    c.controller.tick(100.0);
    CHECK(c.log->pending.empty());  // nothing to follow
}

TEST_CASE("reboot: the answer for a dialog since closed and reopened on another device is dropped", "[client][reboot]") {
    Client c;
    c.controller.open_reboot(kMac);
    c.controller.confirm_reboot();
    c.controller.open_reboot("001E4A0A0002");
    c.answer("POST /api/v1/devices/001E4A0A0001/reboot", 202, R"({"state":"accepted","at":1,"sip_status":200,"sip_reason":"OK"})");
    CHECK_FALSE(c.state.reboot.reboot);
    CHECK(c.state.reboot.mac == "001E4A0A0002");
}
