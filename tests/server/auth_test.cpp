#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "test_server.hpp"

using namespace phonefleet::testing;

TEST_CASE("login with the demo users returns a token and an HttpOnly session cookie", "[auth]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    auto res = server.client().Post("/api/v1/auth/login", R"({"username":"client-admin","password":"client-demo"})",
                                    "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto body = json_of(res);
    CHECK(body["token"].get<std::string>().size() == 64);
    CHECK(body["role"] == "customer_admin");
    auto cookie = res->get_header_value("Set-Cookie");
    CHECK(cookie.find("pf_session=" + body["token"].get<std::string>()) == 0);
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);

    for (auto [user, pw] : {std::pair{"operator", "operator-demo"}, {"sp-admin", "sp-demo"}, {"other-admin", "other-demo"}})
        CHECK_FALSE(server.login(user, pw).empty());
}

TEST_CASE("a wrong password or unknown user is refused alike, in the caller's language", "[auth]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    for (const char* body : {R"({"username":"client-admin","password":"nope"})",
                             R"({"username":"nobody","password":"client-demo"})"}) {
        auto fr = server.client().Post("/api/v1/auth/login", {{"Accept-Language", "fr-FR,fr;q=0.9"}}, body,
                                       "application/json");
        REQUIRE(fr);
        CHECK(fr->status == 401);
        CHECK(fr->get_header_value("Content-Type") == "application/problem+json");
        CHECK(json_of(fr)["code"] == "auth_failed");
        CHECK(json_of(fr)["detail"] == "Nom d'utilisateur ou mot de passe incorrect.");
        auto en = server.client().Post("/api/v1/auth/login", body, "application/json");
        CHECK(json_of(en)["detail"] == "Wrong user name or password.");
        CHECK_FALSE(en->has_header("Set-Cookie"));
    }
    auto bad = server.client().Post("/api/v1/auth/login", "{not json", "application/json");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(json_of(bad)["code"] == "bad_request");
}

TEST_CASE("the session works by bearer token and by cookie, and not after logout", "[auth]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    auto token = server.login("sp-admin", "sp-demo");
    REQUIRE_FALSE(token.empty());

    auto me = server.get("/api/v1/me", token);
    REQUIRE(me);
    CHECK(me->status == 200);
    CHECK(json_of(me)["username"] == "sp-admin");
    CHECK(json_of(me)["role"] == "provider_admin");

    auto by_cookie = server.client().Get("/api/v1/me", {{"Cookie", "theme=dark; pf_session=" + token}});
    CHECK(by_cookie->status == 200);

    auto none = server.get("/api/v1/me", "");
    CHECK(none->status == 401);
    CHECK(json_of(none)["code"] == "auth_required");
    CHECK(server.get("/api/v1/me", "0000")->status == 401);

    auto out = server.client().Post("/api/v1/auth/logout", {{"Authorization", "Bearer " + token}}, "", "text/plain");
    CHECK(out->status == 204);
    CHECK(server.get("/api/v1/me", token)->status == 401);
}

TEST_CASE("sessions expire", "[auth]") {
    TempDir dir;
    ManualClock clock;
    auto config = TestServer::default_config();
    config.session_ttl_s = 3600;
    TestServer server(dir.path() / "db.sqlite", config, &clock);
    auto token = server.login("client-admin", "client-demo");
    CHECK(server.get("/api/v1/me", token)->status == 200);
    clock.now += 3599;
    CHECK(server.get("/api/v1/me", token)->status == 200);
    clock.now += 1;
    CHECK(server.get("/api/v1/me", token)->status == 401);
}

TEST_CASE("passwords are stored as argon2id hashes, tokens only as digests", "[auth]") {
    TempDir dir;
    std::string token;
    {
        TestServer server(dir.path() / "db.sqlite");
        token = server.login("client-admin", "client-demo");
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((dir.path() / "db.sqlite").c_str(), &db) == SQLITE_OK);
    std::vector<std::string> hashes, sessions;
    sqlite3_exec(db, "SELECT password_hash FROM users", [](void* out, int, char** v, char**) {
        static_cast<std::vector<std::string>*>(out)->push_back(v[0]);
        return 0;
    }, &hashes, nullptr);
    sqlite3_exec(db, "SELECT token_hash FROM sessions", [](void* out, int, char** v, char**) {
        static_cast<std::vector<std::string>*>(out)->push_back(v[0]);
        return 0;
    }, &sessions, nullptr);
    sqlite3_close(db);
    REQUIRE(hashes.size() == 4);
    for (const auto& h : hashes) {
        CHECK(h.rfind("$argon2id$", 0) == 0);
        CHECK(h.find("demo") == std::string::npos);
    }
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0] != token);
}
