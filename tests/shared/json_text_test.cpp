#include <catch2/catch.hpp>

#include "phonefleet/device_json.hpp"
#include "phonefleet/json_text.hpp"

using namespace phonefleet;

TEST_CASE("the direct JSON of a device page is the document to_json describes", "[json]") {
    DevicePage page;
    page.total = 123456789012;
    page.items.push_back({"00AA6E33D748", "Cisco 6821", "Paris", 3, RegistrationState::Aged, 1, std::nullopt});
    page.items.push_back({"001565ABCDEF", "Yealink W70B", "Lyon \"Part-Dieu\"\\\n\t\x01 é", 4,
                          RegistrationState::Registered, 10, "42"});
    auto text = device_page_json(page);
    CHECK(nlohmann::json::parse(text) == nlohmann::json(page));
    // Byte for byte what nlohmann writes (sorted keys, same escapes), so clients see no change.
    CHECK(text == nlohmann::json(page).dump());
    CHECK(device_page_json(DevicePage{}) == R"({"items":[],"total":0})");
}

TEST_CASE("the direct JSON of an import report is the document of its fields", "[json][import]") {
    ImportReport report;
    report.data_rows = 100000;
    report.valid_rows = 99998;
    report.errors_truncated = true;
    report.headers = {{"mac", "Adresse MAC"}, {"site", "Site"}};
    report.errors = {{3, "mac", "1565123456", "mac_invalid"},
                     {4, "site", "Lyon \"Part-Dieu\"\\\n\t\x01 é", "site_unknown"},
                     {0, "device_type", "", "column_missing"}};
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : report.errors)
        errors.push_back({{"row", e.row}, {"column", e.column}, {"value", e.value}, {"code", e.code},
                          {"message", message(e, report.headers, Language::Fr)}});
    const nlohmann::json expected = {{"valid_rows", report.valid_rows}, {"data_rows", report.data_rows}, {"imported", 7},
                                     {"errors", errors}, {"errors_truncated", true},
                                     {"warnings", nlohmann::json::array()}, {"warnings_truncated", false}};
    const std::string text = import_report_json(report, 7, Language::Fr);
    CHECK(text == expected.dump());  // byte for byte: sorted keys, the same escapes
    CHECK(nlohmann::json::parse(text)["errors"][0]["message"].get<std::string>().find("colonne Adresse MAC") !=
          std::string::npos);
    CHECK(import_report_json(ImportReport{}, 0, Language::En) ==
          R"({"data_rows":0,"errors":[],"errors_truncated":false,"imported":0,"valid_rows":0,"warnings":[],)"
          R"("warnings_truncated":false})");
}

TEST_CASE("a string that is not UTF-8 goes out as JSON with U+FFFD for its bad bytes", "[json]") {
    std::string out;
    append_json_string(out, "Cr\xE9teil \xFF\xC3");  // Windows-1252 "é", a byte never in UTF-8, a cut sequence
    CHECK(out == "\"Cr\xEF\xBF\xBDteil \xEF\xBF\xBD\xEF\xBF\xBD\"");
    CHECK(nlohmann::json::parse(out).get<std::string>() == "Cr\uFFFDteil \uFFFD\uFFFD");
    out.clear();
    append_json_string(out, "Évry");
    CHECK(out == "\"Évry\"");
}
