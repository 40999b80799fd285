#pragma once
// SQL pieces shared by the files of SqliteStore: the state rule of SPEC 3 as SQL (held to
// phonefleet::binding_state at every boundary by line_state_sql_test and line_state_store_test)
// and LIKE patterns of text typed by a person.
#include <cctype>
#include <string>
#include <string_view>

#include "phonefleet/line_state.hpp"

namespace phonefleet::store {

// The state of binding `b` (a registrations row alias): 0 registered, 1 aged, 2 unregistered.
// `now` and `window` are the SQL parameters holding the time and the aging window.
inline std::string binding_state_sql(std::string_view b, std::string_view now, std::string_view window) {
    const std::string r(b), n(now), w(window);
    return "CASE WHEN " + r + ".expires_at > " + n + " AND " + r + ".probe_failed_at IS NULL THEN 0"
           " WHEN " + n + " - min(" + r + ".expires_at, coalesce(" + r + ".probe_failed_at, " + r + ".expires_at)) < " +
           w + " THEN 1 ELSE 2 END";
}

inline RegistrationState state_from_code(int code) {
    return code == 0 ? RegistrationState::Registered
                     : code == 1 ? RegistrationState::Aged : RegistrationState::Unregistered;
}

// "%text%" with LIKE's wildcards escaped (ESCAPE '\'): what a person types is literal.
inline std::string like_pattern(std::string_view text) {
    std::string p = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') p += '\\';
        p += c;
    }
    return p + "%";
}

// A MAC fragment as typed ("00:1e:4a") in the stored form ("001E4A"); "-", which no MAC
// contains, when the text cannot be part of a MAC.
inline std::string mac_fragment(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ':' || c == '-' || c == '.') continue;
        if (!std::isxdigit(static_cast<unsigned char>(c))) return "-";
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out.empty() ? "-" : out;
}

}  // namespace phonefleet::store
