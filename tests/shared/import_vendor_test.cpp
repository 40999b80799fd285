#include <catch2/catch.hpp>

#include <string>

#include "phonefleet/import_validator.hpp"
#include "phonefleet/json_text.hpp"

using namespace phonefleet;

namespace {

CatalogView vendor_catalog() {
    CatalogView c;
    c.device_types = {{"Cisco 6821", "Cisco", 2, false},
                      {"Yealink T54W", "Yealink", 16, false},
                      {"Poly VVX 450", "Poly", 12, false},
                      {"Acme 1", "Acme Telecom", 1, false}};
    c.sites = {{1, "Paris", {"Cisco 6821", "Yealink T54W", "Poly VVX 450", "Acme 1"}}};
    return c;
}

}  // namespace

TEST_CASE("an import warns of a MAC of another vendor, and the row stays valid", "[import][mac_vendor]") {
    const std::string file =
        "mac,device_type,site\n"
        "00:1E:4A:0A:00:01,Yealink T54W,Paris\n"   // 2: a Cisco OUI on a Yealink: warns
        "64:16:7F:0B:00:01,Poly VVX 450,Paris\n"   // 3: Polycom OUI, Poly type: fine
        "1A:2B:3C:00:00:01,Yealink T54W,Paris\n"   // 4: unregistered OUI: no warning
        "02:1E:4A:00:00:01,Yealink T54W,Paris\n"   // 5: locally administered: no warning
        "00:1E:4A:0A:00:02,Acme 1,Paris\n"         // 6: a vendor we have no mapping for
        "805EC00C0001,Cisco 6821,Lyon\n";          // 7: Yealink OUI on a Cisco, and an unknown site
    ImportOptions options;
    options.keep_rows = true;
    const ImportReport r = validate_import(file, vendor_catalog(), options);
    CHECK(r.valid_rows == 5);
    CHECK(r.rows.size() == 5);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "site_unknown");
    REQUIRE(r.warnings.size() == 2);  // the row with an error is warned of too
    CHECK(r.warnings[0].row == 2);
    CHECK(r.warnings[0].column == "mac");
    CHECK(r.warnings[0].value == "00:1E:4A:0A:00:01");
    CHECK(r.warnings[0].code == "mac_vendor_mismatch");
    CHECK(message(r.warnings[0], r.headers, Language::En) ==
          "MAC address 00:1E:4A:0A:00:01 belongs to Cisco (IEEE registry), but Yealink T54W is a Yealink model: "
          "check the address.");
    CHECK(r.warnings[1].row == 7);
    CHECK(message(r.warnings[1], Language::Fr).find("appartient à Yealink") != std::string::npos);
    CHECK_FALSE(r.warnings_truncated);
}

TEST_CASE("warnings are capped like errors, and go out in the report's JSON", "[import][mac_vendor][json]") {
    std::string file = "mac,device_type,site\n";
    for (int i = 0; i < 30; ++i) file += "00:1E:4A:0A:01:" + std::to_string(10 + i) + ",Yealink T54W,Paris\n";
    ImportOptions options;
    options.max_errors = 10;
    const ImportReport r = validate_import(file, vendor_catalog(), options);
    CHECK(r.valid_rows == 30);
    CHECK(r.warnings.size() == 10);
    CHECK(r.warnings_truncated);
    const std::string json = import_report_json(r, 0, Language::En);
    CHECK(json.find(R"("warnings":[{"code":"mac_vendor_mismatch","column":"mac","message":"MAC address 00:1E:4A:0A:01:10 belongs to Cisco)") !=
          std::string::npos);
    CHECK(json.find(R"("warnings_truncated":true)") != std::string::npos);
}
