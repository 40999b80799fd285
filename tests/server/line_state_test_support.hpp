#pragma once
// Helpers of the line-state tests: extra users with sessions made through the store (no
// password hashing per user: a burst of 16 users starts at once), bindings for demo lines.
#include <string>

#include "services/secrets.hpp"
#include "store/sqlite_db.hpp"
#include "test_server.hpp"

namespace phonefleet::testing {

// A customer admin of `customer_id` with a live session; returns its bearer token.
inline std::string make_user_session(TestServer& server, const std::string& name, std::int64_t customer_id,
                                     store::Role role = store::Role::CustomerAdmin) {
    auto& store = server.app().store();
    auto customer = store.find_customer(customer_id);
    const auto id = store.insert_user({0, name, "$argon2id$unused", role,
                                       customer ? std::optional<std::int64_t>(customer->provider_id) : std::nullopt,
                                       role == store::Role::CustomerAdmin ? std::optional<std::int64_t>(customer_id)
                                                                          : std::nullopt});
    const auto token = services::random_token();
    const auto now = services::system_clock()();
    store.insert_session(services::token_digest(token), id, now, now + 3600);
    return token;
}

// Registers the demo line with this phone number until now + seconds (system clock), as the
// registrar would: a row of the registrations table (written directly, so that these tests do
// not depend on the SIP side).
inline void register_line(TestServer& server, const std::string& number, std::int64_t seconds,
                          const std::string& ua = "Cisco-CP6821/11.3") {
    store::Database raw(server.app().config().db_path);
    const auto now = services::system_clock()();
    raw.prepare("INSERT INTO registrations(line_id, contact_uri, remote_addr, host_ip, registered_to, user_agent,"
                " registered_at, expires_at) SELECT id, ?2, '198.51.100.7:5062', '192.0.2.10', '127.0.0.1:5060', ?3,"
                " ?4, ?5 FROM lines WHERE phone_number = ?1")
        .bind(1, number)
        .bind(2, "sip:" + number + "@192.0.2.10:5062")
        .bind(3, ua)
        .bind(4, now)
        .bind(5, now + seconds)
        .run();
    if (raw.changes() != 1) throw std::runtime_error("no line " + number);
}

inline std::string cid_path(std::int64_t customer, const std::string& rest) {
    return "/api/v1/customers/" + std::to_string(customer) + rest;
}

}  // namespace phonefleet::testing
