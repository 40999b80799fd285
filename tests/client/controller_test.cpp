// The client's rules natively (issue 20): the Controller and ApiClient of the browser client,
// driven as the views drive them, against a fake transport answered by the test.
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>

#include <nlohmann/json.hpp>

#include "client_harness.hpp"

namespace pf = phonefleet;
using namespace phonefleet::client;
using namespace phonefleet::client::testing;

namespace {

constexpr const char* kCustomers = R"({"items":[{"id":7,"name":"Café Lumière","provider_id":1}]})";
constexpr const char* kSites = R"({"items":[{"id":1,"name":"Paris"},{"id":2,"name":"Lyon"}]})";
constexpr const char* kTypes = R"({"items":[{"name":"Cisco 6821","vendor":"Cisco","ports":2,"dect":false}]})";
constexpr const char* kMe = R"({"username":"client-admin","role":"customer_admin","customer_id":7})";

std::string page_of(int count, std::int64_t total) {
    nlohmann::json items = nlohmann::json::array();
    for (int i = 0; i < count; ++i) {
        char mac[13];
        std::snprintf(mac, sizeof mac, "001E4A%06X", i);
        items.push_back({{"mac", mac}, {"device_type", "Cisco 6821"}, {"site", "Paris"}, {"site_id", 1},
                         {"state", "registered"}, {"available_lines", 1}});
    }
    return nlohmann::json{{"items", items}, {"total", total}}.dump();
}

struct Client : ClientHarness {
    void type_login(const char* user, const char* password) {
        std::strncpy(state.login.username, user, sizeof state.login.username - 1);
        std::strncpy(state.login.password, password, sizeof state.login.password - 1);
    }
    // Logged in as client-admin, the first customer's sites and first page loaded.
    void logged_in() {
        type_login("client-admin", "client-demo");
        controller.log_in();
        answer("POST /api/v1/auth/login", 200, R"({"token":"tok"})");
        answer("GET /api/v1/me", 200, kMe);
        answer("GET /api/v1/device-types", 200, kTypes);
        answer("GET /api/v1/customers", 200, kCustomers);
        answer("GET /api/v1/customers/7/sites", 200, kSites);
        answer("GET /api/v1/customers/7/devices?", 200, page_of(3, 3));
    }
};

}  // namespace

TEST_CASE("log in: the token goes with every later request, the password leaves memory", "[client][session]") {
    Client c;
    c.type_login("client-admin", "client-demo");
    c.controller.log_in();
    CHECK(c.state.login.submitting);
    SentRequest login = take(*c.log, "POST /api/v1/auth/login");
    const auto body = nlohmann::json::parse(login.request.body);
    CHECK(body["username"] == "client-admin");
    CHECK(body["password"] == "client-demo");
    CHECK(login.header("X-PhoneFleet-Request") == "1");  // the CSRF rule of cookie sessions
    CHECK(login.header("Authorization").empty());
    login.done(json_answer(200, R"({"token":"tok"})"));
    c.api.deliver();

    CHECK(c.state.view == View::Devices);
    CHECK(c.state.login.password[0] == '\0');
    for (const char* next : {"GET /api/v1/me", "GET /api/v1/customers", "GET /api/v1/device-types"}) {
        INFO(next);
        CHECK(take(*c.log, next).header("Authorization") == "Bearer tok");
    }
}

TEST_CASE("a wrong password: the server's words in the form, still on the login view", "[client][session]") {
    Client c;
    c.type_login("client-admin", "nope");
    c.controller.log_in();
    c.answer("POST /api/v1/auth/login", 401,
             R"({"code":"login_failed","detail":"Wrong user name or password.","status":401})");
    CHECK(c.state.view == View::Login);
    CHECK_FALSE(c.state.login.submitting);
    CHECK(c.state.login.error == "Wrong user name or password.");
    CHECK(c.log->pending.empty());
}

TEST_CASE("the server unreachable at login: said so, in the chosen language", "[client][session]") {
    Client c;
    c.controller.set_language(pf::Language::Fr);
    c.type_login("client-admin", "client-demo");
    c.controller.log_in();
    SentRequest login = take(*c.log, "POST /api/v1/auth/login");
    CHECK(login.header("Accept-Language") == "fr");
    login.done(HttpResponse{0, "", {}});
    c.api.deliver();
    CHECK(c.state.login.error == std::string(pf::text("ui.server_unreachable", pf::Language::Fr)));
}

TEST_CASE("answers of an older session are dropped", "[client][session]") {
    Client c;
    c.type_login("client-admin", "client-demo");
    c.controller.log_in();
    c.answer("POST /api/v1/auth/login", 200, R"({"token":"tok"})");
    c.controller.log_out();
    CHECK(c.state.view == View::Login);
    // The customers asked before the logout arrive after it: nothing of them is kept.
    c.answer("GET /api/v1/customers", 200, kCustomers);
    c.answer("GET /api/v1/me", 200, kMe);
    CHECK(c.state.customers.empty());
    CHECK(c.state.username.empty());
    CHECK_FALSE(has_pending(*c.log, "GET /api/v1/customers/7/sites"));
}

TEST_CASE("device list: filters go into the page request, the search waits for a pause", "[client][list]") {
    Client c;
    c.logged_in();
    CHECK(c.state.devices.total == 3);
    REQUIRE(c.state.devices.row(2) != nullptr);
    CHECK(c.state.devices.row(2)->mac == "001E4A000002");

    c.controller.set_site_filter(2);
    CHECK(take(*c.log, "GET /api/v1/customers/7/devices?").request.path ==
          "/api/v1/customers/7/devices?page=1&per_page=250&site=2");
    c.controller.set_state_filter(pf::RegistrationState::Aged);
    CHECK(take(*c.log, "GET /api/v1/customers/7/devices?").request.path ==
          "/api/v1/customers/7/devices?page=1&per_page=250&site=2&state=aged");

    c.controller.tick(10.0);
    std::strcpy(c.state.filters.text, " 0A:00 ");
    c.controller.search_text_edited();
    c.controller.tick(10.1);
    CHECK_FALSE(has_pending(*c.log, "GET /api/v1/customers/7/devices?"));  // still typing
    c.controller.tick(10.5);
    CHECK(take(*c.log, "GET /api/v1/customers/7/devices?").request.path ==
          "/api/v1/customers/7/devices?page=1&per_page=250&site=2&state=aged&q=0A%3A00");
}

TEST_CASE("device list: a page answered after the filters changed is dropped", "[client][list]") {
    Client c;
    c.logged_in();
    c.controller.set_type_filter("Cisco 6821");
    SentRequest old_page = take(*c.log, "GET /api/v1/customers/7/devices?");
    c.controller.set_site_filter(1);
    old_page.done(json_answer(200, page_of(2, 2)));  // the type filter's answer, now stale
    c.api.deliver();
    // The table keeps its height until the new answer (no jump), and shows none of the old rows.
    CHECK(c.state.devices.total == 3);
    CHECK(c.state.devices.row(0) == nullptr);
    c.answer("GET /api/v1/customers/7/devices?", 200, page_of(1, 1));
    CHECK(c.state.devices.total == 1);
    REQUIRE(c.state.devices.row(0) != nullptr);
}

TEST_CASE("device list: rows far down fetch their pages, two at a time", "[client][list]") {
    Client c;
    c.logged_in();
    c.controller.set_site_filter(1);
    c.answer("GET /api/v1/customers/7/devices?", 200, page_of(250, 1000));
    c.controller.need_rows(600, 800);  // pages 3 and 4 (1-based)
    CHECK(has_pending(*c.log, "GET /api/v1/customers/7/devices?page=3&"));
    CHECK(has_pending(*c.log, "GET /api/v1/customers/7/devices?page=4&"));
    c.controller.need_rows(900, 1000);  // two already in flight: page 4 of 4 waits
    CHECK(c.log->pending.size() == 2);
}

TEST_CASE("an expired session: back to the login form with the server's reason", "[client][session]") {
    Client c;
    c.logged_in();
    c.controller.set_site_filter(1);
    c.answer("GET /api/v1/customers/7/devices?", 401,
             R"({"code":"session_expired","detail":"Your session has expired: log in again.","status":401})");
    CHECK(c.state.view == View::Login);
    CHECK(c.state.login.error == "Your session has expired: log in again.");
    CHECK(c.state.customers.empty());
    // The next login starts clean: no token of the old session goes with it.
    c.type_login("client-admin", "client-demo");
    c.controller.log_in();
    CHECK(take(*c.log, "POST /api/v1/auth/login").header("Authorization").empty());
}
