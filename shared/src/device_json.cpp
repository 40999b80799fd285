#include "phonefleet/device_json.hpp"

namespace phonefleet {

void to_json(nlohmann::json& j, const Customer& c) {
    j = {{"id", c.id}, {"name", c.name}, {"provider_id", c.provider_id}};
}
void from_json(const nlohmann::json& j, Customer& c) {
    j.at("id").get_to(c.id);
    j.at("name").get_to(c.name);
    j.at("provider_id").get_to(c.provider_id);
}

void to_json(nlohmann::json& j, const Site& s) { j = {{"id", s.id}, {"name", s.name}}; }
void from_json(const nlohmann::json& j, Site& s) {
    j.at("id").get_to(s.id);
    j.at("name").get_to(s.name);
}

void to_json(nlohmann::json& j, const DeviceType& t) {
    j = {{"name", t.name}, {"vendor", t.vendor}, {"ports", t.ports}, {"dect", t.dect}};
}
void from_json(const nlohmann::json& j, DeviceType& t) {
    j.at("name").get_to(t.name);
    j.at("vendor").get_to(t.vendor);
    j.at("ports").get_to(t.ports);
    j.at("dect").get_to(t.dect);
}

void to_json(nlohmann::json& j, const Device& d) {
    j = {{"mac", d.mac},
         {"device_type", d.device_type},
         {"site", d.site},
         {"site_id", d.site_id},
         {"state", to_string(d.state)},
         {"available_lines", d.available_lines},
         {"flapping", d.flapping}};
    // Only DECT bases carry the key at all (F2: non-DECT never show it).
    if (d.multicell_station_id) j["multicell_station_id"] = *d.multicell_station_id;
}
void from_json(const nlohmann::json& j, Device& d) {
    j.at("mac").get_to(d.mac);
    j.at("device_type").get_to(d.device_type);
    j.at("site").get_to(d.site);
    j.at("site_id").get_to(d.site_id);
    d.state = parse_registration_state(j.at("state").get<std::string>())
                  .value_or(RegistrationState::Unregistered);
    j.at("available_lines").get_to(d.available_lines);
    d.flapping = j.value("flapping", false);  // F18; absent from older servers
    if (auto it = j.find("multicell_station_id"); it != j.end() && it->is_string())
        d.multicell_station_id = it->get<std::string>();
    else
        d.multicell_station_id.reset();
}

void to_json(nlohmann::json& j, const LineInfo& l) {
    j = {{"port", l.port},
         {"phone_number", l.phone_number},
         {"extension", l.extension},
         {"display_name", l.display_name},
         {"state", to_string(l.state)}};
}
void from_json(const nlohmann::json& j, LineInfo& l) {
    j.at("port").get_to(l.port);
    j.at("phone_number").get_to(l.phone_number);
    j.at("extension").get_to(l.extension);
    l.display_name = j.value("display_name", "");
    l.state = parse_registration_state(j.value("state", "")).value_or(RegistrationState::Unregistered);
}

void to_json(nlohmann::json& j, const ProbeResult& p) {
    j = {{"reachable", p.reachable}, {"checked_at", p.checked_at}};
    j["rtt_ms"] = p.rtt_ms ? nlohmann::json(*p.rtt_ms) : nlohmann::json(nullptr);
}
void from_json(const nlohmann::json& j, ProbeResult& p) {
    j.at("reachable").get_to(p.reachable);
    j.at("checked_at").get_to(p.checked_at);
    if (auto it = j.find("rtt_ms"); it != j.end() && it->is_number()) p.rtt_ms = it->get<int>();
    else p.rtt_ms.reset();
}

namespace {
nlohmann::json optional_time(const std::optional<std::int64_t>& t) {
    return t ? nlohmann::json(*t) : nlohmann::json(nullptr);
}
std::optional<std::int64_t> read_optional_time(const nlohmann::json& j, const char* key) {
    if (auto it = j.find(key); it != j.end() && it->is_number()) return it->get<std::int64_t>();
    return std::nullopt;
}
}  // namespace

void to_json(nlohmann::json& j, const RebootReport& r) {
    j = {{"state", r.state}, {"at", r.at}, {"sip_reason", r.sip_reason}};
    j["sip_status"] = r.sip_status ? nlohmann::json(*r.sip_status) : nlohmann::json(nullptr);
}
void from_json(const nlohmann::json& j, RebootReport& r) {
    j.at("state").get_to(r.state);
    j.at("at").get_to(r.at);
    r.sip_reason = j.value("sip_reason", "");
    if (auto it = j.find("sip_status"); it != j.end() && it->is_number()) r.sip_status = it->get<int>();
    else r.sip_status.reset();
}

void to_json(nlohmann::json& j, const DeviceStatus& s) {
    to_json(j, s.device);
    j["ports"] = s.ports;
    j["dect"] = s.dect;
    j["remote_ip"] = s.remote_ip;
    j["host_ip"] = s.host_ip;
    j["registered_to"] = s.registered_to;
    j["user_agent"] = s.user_agent;
    j["registered_at"] = optional_time(s.registered_at);
    j["expires_at"] = optional_time(s.expires_at);
    j["probe"] = s.probe ? nlohmann::json(*s.probe) : nlohmann::json(nullptr);
    j["reboot"] = s.reboot ? nlohmann::json(*s.reboot) : nlohmann::json(nullptr);
    j["lines"] = s.lines;
}
void from_json(const nlohmann::json& j, DeviceStatus& s) {
    from_json(j, s.device);
    j.at("ports").get_to(s.ports);
    j.at("dect").get_to(s.dect);
    s.remote_ip = j.value("remote_ip", "");
    s.host_ip = j.value("host_ip", "");
    s.registered_to = j.value("registered_to", "");
    s.user_agent = j.value("user_agent", "");
    s.registered_at = read_optional_time(j, "registered_at");
    s.expires_at = read_optional_time(j, "expires_at");
    if (auto it = j.find("probe"); it != j.end() && it->is_object()) s.probe = it->get<ProbeResult>();
    else s.probe.reset();
    if (auto it = j.find("reboot"); it != j.end() && it->is_object()) s.reboot = it->get<RebootReport>();
    else s.reboot.reset();
    j.at("lines").get_to(s.lines);
}

void to_json(nlohmann::json& j, const LineCredentials& c) {
    to_json(j, c.line);
    j["sip_username"] = c.sip_username;
    j["sip_password"] = c.sip_password;
    j["sip_domain"] = c.sip_domain;
}
void from_json(const nlohmann::json& j, LineCredentials& c) {
    from_json(j, c.line);
    j.at("sip_username").get_to(c.sip_username);
    j.at("sip_password").get_to(c.sip_password);
    j.at("sip_domain").get_to(c.sip_domain);
}

void to_json(nlohmann::json& j, const DevicePage& p) { j = {{"items", p.items}, {"total", p.total}}; }
void from_json(const nlohmann::json& j, DevicePage& p) {
    j.at("items").get_to(p.items);
    j.at("total").get_to(p.total);
}

void to_json(nlohmann::json& j, const LineStateRow& r) {
    j = {{"site", r.site},
         {"site_id", r.site_id},
         {"mac", r.mac},
         {"device_type", r.device_type},
         {"port", r.port},
         {"phone_number", r.phone_number},
         {"extension", r.extension},
         {"state", to_string(r.state)},
         {"remote_ip", r.remote_ip},
         {"host_ip", r.host_ip},
         {"registered_to", r.registered_to},
         {"user_agent", r.user_agent},
         {"registered_at", optional_time(r.registered_at)},
         {"expires_at", optional_time(r.expires_at)},
         {"flapping", r.flapping}};
}
void from_json(const nlohmann::json& j, LineStateRow& r) {
    j.at("site").get_to(r.site);
    j.at("site_id").get_to(r.site_id);
    j.at("mac").get_to(r.mac);
    j.at("device_type").get_to(r.device_type);
    j.at("port").get_to(r.port);
    r.phone_number = j.value("phone_number", "");
    r.extension = j.value("extension", "");
    r.state = parse_registration_state(j.at("state").get<std::string>()).value_or(RegistrationState::Unregistered);
    r.remote_ip = j.value("remote_ip", "");
    r.host_ip = j.value("host_ip", "");
    r.registered_to = j.value("registered_to", "");
    r.user_agent = j.value("user_agent", "");
    r.registered_at = read_optional_time(j, "registered_at");
    r.expires_at = read_optional_time(j, "expires_at");
    r.flapping = j.value("flapping", false);  // F18; absent from older servers
}

void to_json(nlohmann::json& j, const LineStateCounts& c) {
    j = {{"registered", c.registered}, {"aged", c.aged}, {"unregistered", c.unregistered}};
}
void from_json(const nlohmann::json& j, LineStateCounts& c) {
    j.at("registered").get_to(c.registered);
    j.at("aged").get_to(c.aged);
    j.at("unregistered").get_to(c.unregistered);
}

void to_json(nlohmann::json& j, const SiteLineStates& s) {
    to_json(j, s.counts);
    j["site_id"] = s.site_id;
    j["site"] = s.site;
}
void from_json(const nlohmann::json& j, SiteLineStates& s) {
    from_json(j, s.counts);
    j.at("site_id").get_to(s.site_id);
    j.at("site").get_to(s.site);
}

void to_json(nlohmann::json& j, const LineStatePage& p) {
    j = {{"items", p.items},
         {"total", p.total},
         {"counts", p.counts},
         {"by_site", p.by_site},
         {"export_enabled", p.export_enabled},
         {"next_cursor", p.next_cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.next_cursor)}};
}
void from_json(const nlohmann::json& j, LineStatePage& p) {
    j.at("items").get_to(p.items);
    j.at("total").get_to(p.total);
    j.at("counts").get_to(p.counts);
    j.at("by_site").get_to(p.by_site);
    p.export_enabled = j.value("export_enabled", false);
    const auto cursor = j.find("next_cursor");
    p.next_cursor = cursor != j.end() && cursor->is_string() ? cursor->get<std::string>() : std::string();
}

}  // namespace phonefleet
