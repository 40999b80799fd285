// SPEC 5: a MAC of another vendor than its type's is a warning (mac_vendor_mismatch) in the
// import's dry run and real report and in the answer to adding a device; it never blocks.
#include <catch2/catch.hpp>

#include "test_server.hpp"

using namespace phonefleet::testing;
using nlohmann::json;

namespace {

struct Vendors {
    TempDir dir;
    TestServer server{dir.path() / "db.sqlite"};
    std::int64_t cafe = server.customer_id("Café Lumière");
    std::int64_t paris = server.site_id(cafe, "Paris");
    std::string token = server.login("client-admin", "client-demo");
    std::string base = "/api/v1/customers/" + std::to_string(cafe) + "/devices";

    httplib::Result import(const std::string& body, bool dry_run, const std::string& lang) const {
        return server.client().Post((base + "/import" + (dry_run ? "?dry_run=1" : "")).c_str(),
                                    TestServer::headers(token, lang), body, "text/csv");
    }
    std::int64_t total() const { return json_of(server.get(base, token))["total"].get<std::int64_t>(); }
};

// Row 2: a Cisco OUI on a Yealink; row 3: a Polycom OUI on a Poly; row 4: an unregistered OUI.
const std::string kFile =
    "mac,device_type,site\r\n"
    "00:1E:4A:77:00:01,Yealink T54W,Paris\r\n"
    "64:16:7F:77:00:02,Poly VVX 450,Paris\r\n"
    "1A:2B:3C:77:00:03,Yealink T46U,Paris\r\n";

void check_warning(const json& report, const std::string& lang) {
    REQUIRE(report["warnings"].size() == 1);
    const auto& w = report["warnings"][0];
    CHECK(w["row"] == 2);
    CHECK(w["column"] == "mac");
    CHECK(w["value"] == "00:1E:4A:77:00:01");
    CHECK(w["code"] == "mac_vendor_mismatch");
    const std::string text = w["message"].get<std::string>();
    CHECK(text.find(lang == "fr" ? "appartient à Cisco" : "belongs to Cisco") != std::string::npos);
    CHECK(text.find(lang == "fr" ? "modèle Yealink" : "a Yealink model") != std::string::npos);
    CHECK(report["warnings_truncated"] == false);
}

}  // namespace

TEST_CASE("the dry run and the real import report a MAC of another vendor, and import anyway", "[csv][F9][mac_vendor]") {
    Vendors v;
    const auto before = v.total();
    auto dry = v.import(kFile, true, "fr");
    REQUIRE(dry);
    CHECK(dry->status == 200);
    const json dry_report = json_of(dry);
    CHECK(dry_report["errors"].empty());
    CHECK(dry_report["valid_rows"] == 3);
    check_warning(dry_report, "fr");
    CHECK(v.total() == before);

    auto real = v.import(kFile, false, "en");
    REQUIRE(real);
    CHECK(real->status == 201);
    const json report = json_of(real);
    CHECK(report["imported"] == 3);
    check_warning(report, "en");
    CHECK(v.total() == before + 3);
}

TEST_CASE("a refused import carries its warnings beside its errors", "[csv][F9][mac_vendor]") {
    Vendors v;
    auto res = v.import(kFile + "00:1E:4A:77:00:04,Yealink T54W,Atlantis\r\n", false, "en");
    REQUIRE(res);
    CHECK(res->status == 422);
    const json report = json_of(res);
    CHECK(report["errors"].size() == 1);
    CHECK(report["warnings"].size() == 2);
    CHECK(report["imported"] == 0);
}

TEST_CASE("adding a device of another vendor's MAC answers 201 with the warning", "[devices][F5][mac_vendor]") {
    Vendors v;
    auto res = v.server.post(v.base, v.token,
                             {{"site_id", v.paris}, {"device_type", "Yealink T54W"}, {"mac", "00-1e-4a-77-00-09"}}, "fr");
    REQUIRE(res);
    CHECK(res->status == 201);
    const json body = json_of(res);
    CHECK(body["mac"] == "001E4A770009");
    REQUIRE(body["warnings"].size() == 1);
    CHECK(body["warnings"][0]["code"] == "mac_vendor_mismatch");
    CHECK(body["warnings"][0]["field"] == "mac");
    CHECK(body["warnings"][0]["value"] == "00-1e-4a-77-00-09");
    CHECK(body["warnings"][0]["message"].get<std::string>().find("appartient à Cisco") != std::string::npos);

    auto fine = v.server.post(v.base, v.token,
                              {{"site_id", v.paris}, {"device_type", "Poly VVX 450"}, {"mac", "64:16:7F:77:00:09"}});
    REQUIRE(fine);
    CHECK(fine->status == 201);
    CHECK(json_of(fine)["warnings"].empty());
}
