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

// The text of a JSON body. Strings that are not UTF-8 (a phone's SIP reason phrase, a cell of a
// file in another encoding) get U+FFFD for their bad bytes: an answer, never a 500.
std::string json_text(const nlohmann::json& body);
void send_json(httplib::Response& res, const nlohmann::json& body, int status = 200);
void send_problem(httplib::Response& res, const httplib::Request& req, const Error& error);
void send_problem(httplib::Response& res, const httplib::Request& req, const Error& error, int status);

}  // namespace phonefleet::http
