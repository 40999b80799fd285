// The OpenAPI document covers every route the server registers, with the same methods.
#include <catch2/catch.hpp>

#include <regex>

#include "test_server.hpp"

using namespace phonefleet::testing;

namespace {

// "/api/v1/customers/(\d+)/devices" and "/api/v1/customers/{cid}/devices" both become
// "/api/v1/customers/{}/devices".
std::string normalize_route(const std::string& pattern) {
    static const std::regex group(R"(\([^)]*\))");
    static const std::regex escaped_dot(R"(\\\.)");
    return std::regex_replace(std::regex_replace(pattern, group, "{}"), escaped_dot, ".");
}
std::string normalize_doc_path(const std::string& path) {
    static const std::regex param(R"(\{[^}]*\})");
    return std::regex_replace(path, param, "{}");
}

}  // namespace

TEST_CASE("every registered route is documented in /api/openapi.json, and nothing else", "[openapi]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    auto res = server.client().Get("/api/openapi.json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto doc = json_of(res);
    CHECK(doc["openapi"].get<std::string>().rfind("3.", 0) == 0);

    std::set<std::string> documented;
    for (const auto& [path, ops] : doc["paths"].items())
        for (const auto& [method, op] : ops.items()) documented.insert(method + " " + normalize_doc_path(path));

    std::set<std::string> registered;
    for (const auto& r : server.app().http().routes()) {
        std::string method = r.method;
        std::transform(method.begin(), method.end(), method.begin(), ::tolower);
        registered.insert(method + " " + normalize_route(r.pattern));
    }
    CHECK(registered.size() >= 20);
    CHECK(registered == documented);
}
