#pragma once
// The inventory as both sides see it: the server fills these from its store and sends them
// as JSON, the browser client decodes them into the very same types (device_json.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "phonefleet/line_state.hpp"

namespace phonefleet {

struct Customer {
    std::int64_t id = 0;
    std::string name;
    std::int64_t provider_id = 0;
};

struct Site {
    std::int64_t id = 0;
    std::string name;
};

struct DeviceType {
    std::string name;    // "Cisco 6821"
    std::string vendor;  // "Cisco"
    int ports = 1;       // line ports
    bool dect = false;   // DECT base station (may carry a multicell station ID)
};

struct Device {
    std::string mac;  // normalised: 12 upper-case hex digits
    std::string device_type;
    std::string site;
    std::int64_t site_id = 0;
    RegistrationState state = RegistrationState::Unregistered;
    int available_lines = 0;  // ports without a line
    std::optional<std::string> multicell_station_id;  // DECT only
    bool flapping = false;  // F18: a line changed state more than N times in M minutes
};

// A line on a port of a device (F10) with its registration state.
struct LineInfo {
    int port = 1;
    std::string phone_number;
    std::string extension;
    std::string display_name;
    RegistrationState state = RegistrationState::Unregistered;
};

// The result of the last SIP OPTIONS probe of a device (F3).
struct ProbeResult {
    bool reachable = false;
    std::optional<int> rtt_ms;
    std::int64_t checked_at = 0;
};

// F4: the last reboot asked of a device and what became of it: "sent", "accepted" (2xx to the
// NOTIFY), "refused" (another final answer, kept in sip_status/sip_reason), "no_answer",
// "confirmed" (it registered again within the window) or "not_confirmed".
struct RebootReport {
    std::string state;
    std::int64_t at = 0;  // when it entered that state
    std::optional<int> sip_status;
    std::string sip_reason;
};

// F2: a device with what its registrations tell (from the binding seen last).
struct DeviceStatus {
    Device device;
    int ports = 0;
    bool dect = false;
    std::string remote_ip;      // where the REGISTER came from (ip:port)
    std::string host_ip;        // the phone's own address (Contact/Via); differs under NAT
    std::string registered_to;  // our address it registered to
    std::string user_agent;
    std::optional<std::int64_t> registered_at;
    std::optional<std::int64_t> expires_at;
    std::optional<ProbeResult> probe;
    std::optional<RebootReport> reboot;
    std::vector<LineInfo> lines;  // assigned ports only, by port
};

// What assigning a line answers: the SIP credentials, shown this once and never again.
struct LineCredentials {
    LineInfo line;
    std::string sip_username;
    std::string sip_password;
    std::string sip_domain;
};

struct DevicePage {
    std::vector<Device> items;
    std::int64_t total = 0;  // matching devices over all pages
};

// F11: one line port as the Line States page shows it; its state is the best of its
// bindings (SPEC 3) and the registration columns come from that best binding.
struct LineStateRow {
    std::int64_t site_id = 0;
    std::string site;
    std::string mac;
    std::string device_type;
    int port = 1;
    std::string phone_number;
    std::string extension;
    RegistrationState state = RegistrationState::Unregistered;
    std::string remote_ip;  // ip:port the REGISTER came from
    std::string host_ip;
    std::string registered_to;
    std::string user_agent;
    std::optional<std::int64_t> registered_at;
    std::optional<std::int64_t> expires_at;
    bool flapping = false;  // F18: changed state more than N times in M minutes
};

struct LineStateCounts {
    std::int64_t registered = 0;
    std::int64_t aged = 0;
    std::int64_t unregistered = 0;

    std::int64_t total() const { return registered + aged + unregistered; }
    std::int64_t of(RegistrationState s) const {
        return s == RegistrationState::Registered ? registered : s == RegistrationState::Aged ? aged : unregistered;
    }
};

struct SiteLineStates {
    std::int64_t site_id = 0;
    std::string site;
    LineStateCounts counts;
};

// A page of line states with the counts an overview needs (the Line States page, the kiosk).
struct LineStatePage {
    std::vector<LineStateRow> items;
    std::int64_t total = 0;               // lines matching every filter
    LineStateCounts counts;               // per state, every filter but the state
    std::vector<SiteLineStates> by_site;  // the same, per site (every selected site, even empty)
    bool export_enabled = false;          // F12: the provider's switch, so that a UI can explain Export
    std::string next_cursor;              // SPEC 4: `cursor=` of the next page; empty on the last
};

}  // namespace phonefleet
