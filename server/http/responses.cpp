#include "http/responses.hpp"

#include <unordered_map>

namespace phonefleet::http {

Language language_of(const httplib::Request& req) {
    return language_from_header(req.get_header_value("Accept-Language"));
}

int status_for(const std::string& code) {
    static const std::unordered_map<std::string, int> kStatus = {
        {"auth_failed", 401},        {"auth_required", 401},    {"bad_request", 400},      {"flag_invalid", 400},
        {"request_too_large", 413},  {"media_type_unsupported", 415},
        {"customer_not_found", 404}, {"device_not_found", 404}, {"not_found", 404},
        {"line_not_found", 404},     {"token_not_found", 404},  {"forbidden", 403},
        {"csrf_failed", 403},        {"validation_failed", 422}, {"mac_exists", 409},
        {"mac_unavailable", 409},
        {"port_busy", 409},          {"phone_number_exists", 409}, {"internal_error", 500},
        // Line-state export (F12, F13: SPEC 6).
        {"line_state_export_disabled", 403}, {"export_rate_limited", 429}, {"export_queue_full", 429},
        {"export_queue_timeout", 408},       {"export_failed", 500},       {"provider_not_found", 404},
        // Login back-off and the password-check cap (SPEC 4, F22).
        {"login_throttled", 429},            {"login_busy", 503},
    };
    auto it = kStatus.find(code);
    // Field rule codes (mac_invalid, site_unknown, ...) are invalid input: 422.
    return it == kStatus.end() ? 422 : it->second;
}

const char* status_title(int status) {
    switch (status) {
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 413: return "Content Too Large";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Content";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return status >= 500 ? "Server Error" : "Client Error";
    }
}

std::string json_text(const nlohmann::json& body) {
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void send_json(httplib::Response& res, const nlohmann::json& body, int status) {
    res.status = status;
    res.set_content(json_text(body), "application/json");
}

void send_problem(httplib::Response& res, const httplib::Request& req, const Error& error) {
    send_problem(res, req, error, status_for(error.code));
}

void send_problem(httplib::Response& res, const httplib::Request& req, const Error& error, int status) {
    Language lang = language_of(req);
    nlohmann::json body = {
        {"type", "about:blank"},
        {"title", status_title(status)},
        {"status", status},
        {"code", error.code},
        {"detail", message(error, lang)},
    };
    if (!error.field.empty()) body["field"] = error.field;
    if (!error.errors.empty()) {
        auto& list = body["errors"] = nlohmann::json::array();
        for (const auto& e : error.errors)
            list.push_back({{"field", e.field}, {"code", e.code}, {"value", e.value}, {"message", message(e, lang)}});
    }
    res.status = status;
    res.set_header("Content-Language", std::string(language_tag(lang)));
    res.set_content(json_text(body), "application/problem+json");
}

}  // namespace phonefleet::http
