#pragma once
// What the Devices tab's views share: state colours and names, catalogue helpers, formats.
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>

#include "phonefleet/messages.hpp"
#include "phonefleet/line_state.hpp"

namespace phonefleet::client::views {

inline const ImVec4 kErrorColor(0.75f, 0.1f, 0.1f, 1.0f);
inline const ImVec4 kWarningColor(0.65f, 0.38f, 0.0f, 1.0f);
inline const ImVec4 kMutedColor(0.4f, 0.4f, 0.4f, 1.0f);

// Registered is the one healthy state (SPEC 3): green; Aged needs a look: amber; else grey.
ImVec4 state_color(RegistrationState s);
const char* state_key(RegistrationState s);

// A catalogue text with its {value} filled in, through the same code as error messages.
std::string fill(const char* key, const std::string& value, Language lang);
// "00:AA:6E:33:D7:48" from the normalised form (as the guide shows it); unchanged if not a MAC.
std::string format_mac(const std::string& mac);
// "2025-11-25 22:01:00 UTC" from Unix seconds; the catalogue's N/A when absent.
std::string format_time(const std::optional<std::int64_t>& seconds, Language lang);

}  // namespace phonefleet::client::views
