// How answers are written (server/http/responses): text that is not UTF-8 never fails an answer.
#include <catch2/catch.hpp>

#include "http/responses.hpp"

using phonefleet::http::json_text;

TEST_CASE("JSON answers carry text that is not UTF-8 with U+FFFD, not a failure", "[http]") {
    // A phone's SIP reason phrase in Latin-1 ("Opération refusée"), as some firmwares send it.
    const nlohmann::json body = {{"sip_reason", std::string("Op\xE9ration")}, {"ok", "\xC3\xA9t\xC3\xA9"}};
    CHECK_THROWS(body.dump());  // what the answers used before: a 500
    const std::string text = json_text(body);
    CHECK(text == "{\"ok\":\"\xC3\xA9t\xC3\xA9\",\"sip_reason\":\"Op\xEF\xBF\xBDration\"}");
    CHECK_NOTHROW(nlohmann::json::parse(text));
}
