#pragma once
// Reading path and query parameters and JSON bodies, with errors that name what was wrong.
#include <httplib.h>

#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "phonefleet/result.hpp"

namespace phonefleet::http {

inline std::optional<std::int64_t> to_int(const std::string& s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// A path capture of a \d+ route: digits, but perhaps too many for an int64.
inline std::int64_t path_id(const httplib::Request& req, std::size_t index) {
    return to_int(req.matches[index]).value_or(-1);
}

// An integer query parameter: absent → fallback; malformed → an error naming it.
inline Result<std::int64_t> int_param(const httplib::Request& req, const char* name, std::int64_t fallback) {
    if (!req.has_param(name)) return fallback;
    auto text = req.get_param_value(name);
    auto v = to_int(text);
    if (!v) return Error{"bad_request", name, text};
    return *v;
}

// A yes/no query parameter: absent → false; "1" or "true" → true; "0" or "false" → false;
// anything else is an error naming it (a mistyped dry_run must not import for real).
inline Result<bool> flag_param(const httplib::Request& req, const char* name) {
    if (!req.has_param(name)) return false;
    const auto text = req.get_param_value(name);
    if (text == "1" || text == "true") return true;
    if (text == "0" || text == "false") return false;
    return Error{"flag_invalid", name, text};
}

// The `site` filter: absent, empty or "all" → every site; else a site id.
inline Result<std::optional<std::int64_t>> site_param(const httplib::Request& req) {
    const auto text = req.get_param_value("site");
    if (text.empty() || text == "all") return std::optional<std::int64_t>{};
    auto v = to_int(text);
    if (!v) return Error{"bad_request", "site", text};
    return std::optional<std::int64_t>{*v};
}

// The request body as a JSON object, or bad_request.
inline Result<nlohmann::json> json_body(const httplib::Request& req) {
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return Error{"bad_request", "body", "JSON object expected"};
    return body;
}

// A string member: absent → empty; present but not a string → error naming it.
inline Result<std::string> string_member(const nlohmann::json& body, const char* name) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::string();
    if (!it->is_string()) return Error{"bad_request", name, it->dump()};
    return it->get<std::string>();
}

}  // namespace phonefleet::http
