#include "views/view_common.hpp"

#include <ctime>

#include "phonefleet/mac_address.hpp"
#include "phonefleet/result.hpp"

namespace phonefleet::client::views {

ImVec4 state_color(RegistrationState s) {
    switch (s) {
        case RegistrationState::Registered: return ImVec4(0.05f, 0.55f, 0.2f, 1.0f);
        case RegistrationState::Aged: return ImVec4(0.8f, 0.5f, 0.0f, 1.0f);
        case RegistrationState::Unregistered: break;
    }
    return ImVec4(0.45f, 0.45f, 0.45f, 1.0f);
}

const char* state_key(RegistrationState s) {
    switch (s) {
        case RegistrationState::Registered: return "state_registered";
        case RegistrationState::Aged: return "state_aged";
        case RegistrationState::Unregistered: break;
    }
    return "state_unregistered";
}

std::string count_of(RegistrationState s, std::int64_t n, Language lang) {
    Error e;
    e.code = "ui.count_of";
    e.field = std::string(text(state_key(s), lang));
    e.value = std::to_string(n);
    return message(e, lang);
}

std::string format_mac(const std::string& mac) {
    auto parsed = MacAddress::parse(mac);
    return parsed ? parsed.value().colon_form() : mac;
}

std::string format_time(const std::optional<std::int64_t>& seconds, Language lang) {
    if (!seconds) return std::string(text("ui.na", lang));
    std::time_t when = static_cast<std::time_t>(*seconds);
    std::tm tm{};
    gmtime_r(&when, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return out;
}

}  // namespace phonefleet::client::views
