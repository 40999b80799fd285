#pragma once
// How the API answers: JSON bodies, and errors as RFC 9457 problem+json with a stable
// `code` and a `detail` in the caller's language (Accept-Language).
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "phonefleet/messages.hpp"
#include "phonefleet/result.hpp"

namespace phonefleet::http {

Language language_of(const httplib::Request& req);
int status_for(const std::string& error_code);
const char* status_title(int status);

void send_json(httplib::Response& res, const nlohmann::json& body, int status = 200);
void send_problem(httplib::Response& res, const httplib::Request& req, const Error& error);
void send_problem(httplib::Response& res, const httplib::Request& req, const Error& error, int status);

}  // namespace phonefleet::http
