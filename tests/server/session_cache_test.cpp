// Sessions are cached in the process for a few seconds (AuthService): a logout here takes
// effect at once, the cache never outlives the session, and a change made straight in the
// store (as another instance sharing it would) takes effect within the cache period.
#include <catch2/catch.hpp>

#include "services/auth_service.hpp"
#include "services/secrets.hpp"
#include "store/sqlite_store.hpp"
#include "test_server.hpp"

using namespace phonefleet;

namespace {

struct Accounts {
    testing::TempDir dir;
    testing::ManualClock clock;
    store::SqliteStore store{(dir.path() / "db.sqlite").string(), 2};
    Accounts() {
        auto provider = store.insert_provider("P");
        auto customer = store.insert_customer(provider, "C");
        store::User u;
        u.username = "admin";
        u.password_hash = services::hash_password("secret-pass");
        u.role = store::Role::CustomerAdmin;
        u.provider_id = provider;
        u.customer_id = customer;
        store.insert_user(u);
    }
};

}  // namespace

TEST_CASE("a logout takes effect at once even for a cached session", "[auth][session-cache]") {
    Accounts a;
    services::AuthService auth(a.store, a.store, a.clock.as_clock(), 3600, 5);
    auto session = auth.login("admin", "secret-pass");
    REQUIRE(session);
    const auto token = session.value().token;
    REQUIRE(auth.authenticate(token));
    REQUIRE(auth.authenticate(token));  // from the cache now
    auth.logout(token);
    CHECK_FALSE(auth.authenticate(token));
    a.clock.now += 1;
    CHECK_FALSE(auth.authenticate(token));
}

TEST_CASE("a cached session never outlives its expiry", "[auth][session-cache]") {
    Accounts a;
    services::AuthService auth(a.store, a.store, a.clock.as_clock(), 10, 60);
    const auto token = auth.login("admin", "secret-pass").value().token;
    a.clock.now += 9;
    CHECK(auth.authenticate(token));
    a.clock.now += 1;
    CHECK_FALSE(auth.authenticate(token));
}

TEST_CASE("a session removed from the store elsewhere ends within the cache period", "[auth][session-cache]") {
    Accounts a;
    services::AuthService auth(a.store, a.store, a.clock.as_clock(), 3600, 2);
    const auto token = auth.login("admin", "secret-pass").value().token;
    REQUIRE(auth.authenticate(token));
    a.store.delete_session(services::token_digest(token));  // another instance's logout
    CHECK(auth.authenticate(token));  // still trusted for up to the cache period here
    a.clock.now += 2;
    CHECK_FALSE(auth.authenticate(token));

    // Without a cache the store answers every time.
    services::AuthService uncached(a.store, a.store, a.clock.as_clock(), 3600, 0);
    const auto other = uncached.login("admin", "secret-pass").value().token;
    REQUIRE(uncached.authenticate(other));
    a.store.delete_session(services::token_digest(other));
    CHECK_FALSE(uncached.authenticate(other));
}
