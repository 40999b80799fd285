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
         {"available_lines", d.available_lines}};
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
    if (auto it = j.find("multicell_station_id"); it != j.end() && it->is_string())
        d.multicell_station_id = it->get<std::string>();
    else
        d.multicell_station_id.reset();
}

void to_json(nlohmann::json& j, const DevicePage& p) { j = {{"items", p.items}, {"total", p.total}}; }
void from_json(const nlohmann::json& j, DevicePage& p) {
    j.at("items").get_to(p.items);
    j.at("total").get_to(p.total);
}

}  // namespace phonefleet
