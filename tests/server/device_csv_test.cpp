// F7, F8, F9 over HTTP: template, all-or-nothing import, streamed export that re-imports.
#include <catch2/catch.hpp>

#include "test_server.hpp"

using namespace phonefleet::testing;
using nlohmann::json;

namespace {

struct Csv {
    TempDir dir;
    TestServer server{dir.path() / "db.sqlite"};
    std::int64_t cafe = server.customer_id("Café Lumière");
    std::string token = server.login("client-admin", "client-demo");
    std::string base = "/api/v1/customers/" + std::to_string(cafe) + "/devices";

    httplib::Result import(const std::string& body, bool dry_run = false, const std::string& lang = "en") const {
        auto h = TestServer::headers(token, lang);
        return server.client().Post((base + "/import" + (dry_run ? "?dry_run=1" : "")).c_str(), h, body, "text/csv");
    }
    std::int64_t total() const { return json_of(server.get(base, token))["total"].get<std::int64_t>(); }
    std::string export_csv(const std::string& query = "") const { return server.get(base + "/export.csv" + query, token)->body; }
};

std::vector<std::string> codes(const json& report) {
    std::vector<std::string> out;
    for (const auto& e : report["errors"]) out.push_back(std::to_string(e["row"].get<int>()) + ":" + e["code"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("the import template lists instructions, types and sites, and imports nothing without error", "[csv][F8]") {
    Csv c;
    auto res = c.server.get(c.base + "/import-template.csv", c.token, "fr");
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
    CHECK(res->get_header_value("Content-Disposition").find("attachment") == 0);
    const auto& body = res->body;
    CHECK(body.rfind("mac,device_type,site,multicell_station_id\r\n", 0) == 0);
    CHECK(body.find("# Import d'appareils PhoneFleet pour Café Lumière") != std::string::npos);
    CHECK(body.find("Yealink W70B; Yealink; 10; DECT") != std::string::npos);
    CHECK(body.find("# Site Lyon, types approuvés") != std::string::npos);
    CHECK(body.find("# Dans Excel, mettez la colonne mac au format Texte") != std::string::npos);
    CHECK(body.find("Boulangerie") == std::string::npos);

    auto before = c.total();
    auto imported = c.import(body);
    REQUIRE(imported);
    CHECK(imported->status == 200);
    CHECK(json_of(imported)["imported"] == 0);
    CHECK(json_of(imported)["errors"].empty());
    CHECK(c.total() == before);
}

TEST_CASE("the template lists only the types the customer may use: those approved at one of its sites", "[csv][F8]") {
    Csv c;
    // Boulangerie Dupont's one site, Nantes, approves Cisco 68xx, Yealink and the Poly VVX 350 only.
    const auto dupont = c.server.customer_id("Boulangerie Dupont");
    auto res = c.server.get("/api/v1/customers/" + std::to_string(dupont) + "/devices/import-template.csv",
                            c.server.login("operator", "operator-demo"));
    REQUIRE(res->status == 200);
    const auto& body = res->body;
    CHECK(body.find("#   Cisco 6841; Cisco; ") != std::string::npos);
    CHECK(body.find("#   Poly VVX 350; Poly; ") != std::string::npos);
    CHECK(body.find("Poly VVX 450") == std::string::npos);
    CHECK(body.find("Cisco 7821") == std::string::npos);
    CHECK(body.find("Poly Rove B4") == std::string::npos);
}

TEST_CASE("a mistyped dry_run and files over the limits are refused, clearly, in the caller's language; nothing imported",
          "[csv][F9]") {
    Csv c;
    const auto before = c.total();
    const std::string one_row = "mac,device_type,site\r\n02:00:00:00:0D:01,Cisco 6821,Paris\r\n";
    auto post = [&](const std::string& path, const std::string& body, const std::string& lang) {
        return c.server.client().Post(path.c_str(), TestServer::headers(c.token, lang), body, "text/csv");
    };
    SECTION("dry_run other than 1, true, 0 or false: 400 naming it, and no import") {
        for (const std::string value : {"yes", "TRUE", "on", "2", ""}) {
            INFO(value);
            auto res = post(c.base + "/import?dry_run=" + value, one_row, "fr");
            REQUIRE(res);
            CHECK(res->status == 400);
            CHECK(json_of(res)["code"] == "flag_invalid");
            CHECK(json_of(res)["field"] == "dry_run");
            CHECK(json_of(res)["detail"].get<std::string>().find("Le paramètre dry_run ne peut pas valoir") == 0);
        }
        CHECK(c.total() == before);
        CHECK(post(c.base + "/import?dry_run=true", one_row, "en")->status == 200);
        CHECK(c.total() == before);
    }
    SECTION("a form or JSON wrapping the file: 415, saying to send the file itself") {
        // (curl -F file=@devices.csv sends the first)
        const std::string form = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"devices.csv\"\r\n"
                                 "Content-Type: text/csv\r\n\r\n" + one_row + "\r\n--x--\r\n";
        for (const std::string type : {"multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                                       "application/json"}) {
            INFO(type);
            auto res = c.server.client().Post((c.base + "/import").c_str(), TestServer::headers(c.token, "en"),
                                              type[0] == 'm' ? form : one_row, type.c_str());
            REQUIRE(res);
            CHECK(res->status == 415);
            CHECK(json_of(res)["code"] == "media_type_unsupported");
            CHECK(json_of(res)["detail"] == "Send the CSV file itself as the request body (Content-Type: text/csv), not as " +
                                                type.substr(0, type.find(';')) + ".");
        }
        // What browsers and spreadsheets send for a .csv file is read as CSV.
        for (const std::string type : {"text/csv", "application/vnd.ms-excel", "text/plain", "application/octet-stream"})
            CHECK(c.server.client().Post((c.base + "/import?dry_run=1").c_str(), TestServer::headers(c.token, "en"), one_row,
                                         type.c_str())->status == 200);
    }
    SECTION("a file over 16 MB is read and answered with the limit, in MB (Mo in French)") {
        std::string big = one_row;
        while (big.size() <= 16u * 1024 * 1024) big += "# " + std::string(1000, 'x') + "\r\n";
        auto res = post(c.base + "/import", big, "fr");
        REQUIRE(res);
        CHECK(res->status == 422);
        const auto errors = json_of(res)["errors"];
        REQUIRE(errors.size() == 1);
        CHECK(errors[0]["code"] == "file_too_large");
        CHECK(errors[0]["column"] == "bytes");
        CHECK(errors[0]["message"] ==
              "Le fichier dépasse 16 Mo, la limite d'une importation. Découpez-le en fichiers plus petits.");
    }
    SECTION("a body over what the server reads at all (64 MB): 413, an import file told the import's limit") {
        const std::string huge(65u * 1024 * 1024, 'a');
        auto res = post(c.base + "/import", huge, "en;q=0.1, fr");  // French preferred by its quality
        REQUIRE(res);
        CHECK(res->status == 413);
        CHECK(res->get_header_value("Content-Language") == "fr");
        CHECK(json_of(res)["code"] == "file_too_large");
        CHECK(json_of(res)["detail"] ==
              "Le fichier dépasse 16 Mo, la limite d'une importation. Découpez-le en fichiers plus petits.");
        auto other = post("/api/v1/auth/login", huge, "en");
        REQUIRE(other);
        CHECK(other->status == 413);
        CHECK(json_of(other)["code"] == "request_too_large");
        CHECK(json_of(other)["detail"] == "The request is larger than the server accepts: 64 MB at most.");
    }
    CHECK(c.total() == before);
}

TEST_CASE("an import is all or nothing, with every error by row, in the caller's language", "[csv][F9]") {
    Csv c;
    auto before = c.total();
    const std::string file =
        "mac,device_type,site\r\n"
        "00:1E:4A:20:00:01,Cisco 6821,Paris\r\n"
        "001E4A200002,Cisco 6821,Marseille\r\n"       // unknown site
        "001e.4a20.0003,Poly VVX 450,Lyon\r\n"        // not approved at Lyon
        "001E4A0A0201,Cisco 6821,Paris\r\n";          // another customer's: named neutrally (issue 17)
    auto dry = c.import(file, true);
    REQUIRE(dry->status == 200);
    auto report = json_of(dry);
    CHECK(report["valid_rows"] == 1);
    CHECK(codes(report) == std::vector<std::string>{"3:site_unknown", "4:device_type_not_approved", "5:mac_unavailable"});
    CHECK(c.total() == before);

    auto real = c.import(file, false, "fr");
    REQUIRE(real->status == 422);
    auto problem = json_of(real);
    CHECK(problem["code"] == "import_invalid");
    CHECK(problem["imported"] == 0);
    CHECK(problem["errors"].size() == 3);
    CHECK(problem["errors"][0]["column"] == "site");
    CHECK(problem["errors"][0]["value"] == "Marseille");
    CHECK(problem["errors"][0]["message"].get<std::string>().find("Marseille") != std::string::npos);
    CHECK(problem["detail"] == "Le fichier comporte 3 problème(s) ; rien n'a été importé.");
    CHECK(c.total() == before);  // the valid first row was not stored either
}

TEST_CASE("a French Excel file (BOM, semicolons, French headers) imports; a second time every row exists",
          "[csv][F9]") {
    Csv c;
    auto before = c.total();
    const std::string file =
        "\xEF\xBB\xBF"
        "Adresse MAC;Type d'appareil;Site\r\n"
        "00-1E-4A-30-00-01;cisco 6841;paris\r\n"
        "\"00:1E:4A:30:00:02\";Yealink W70B;Lyon\r\n"
        "# commentaire\r\n"
        "\r\n"
        "805e.c030.0003;Yealink T54W;Paris\r\n";
    auto res = c.import(file);
    REQUIRE(res->status == 201);
    CHECK(json_of(res)["imported"] == 3);
    CHECK(c.total() == before + 3);
    CHECK(json_of(c.server.get("/api/v1/devices/001E4A300001", c.token))["site"] == "Paris");

    auto again = json_of(c.import(file));
    CHECK(codes(again) == std::vector<std::string>{"2:mac_exists", "3:mac_exists", "6:mac_exists"});
    CHECK(c.total() == before + 3);
}

TEST_CASE("a file Excel saved in Windows-1252 is read; its problems come back in UTF-8, not as a 500",
          "[csv][F9]") {
    Csv c;
    auto before = c.total();
    // "Modèle", "Créteil", "étage" as Windows-1252 bytes (Excel's "CSV (séparateur: point-virgule)").
    const std::string header = "Adresse MAC;Mod\xE8le;Site;Commentaire\r\n";
    const std::string good = "00:1E:4A:31:00:01;Cisco 6841;Paris;2e \xE9tage\r\n";
    auto refused = c.import(header + good + "00:1E:4A:31:00:02;Cisco 6841;Cr\xE9teil;\r\n", false, "fr");
    REQUIRE(refused->status == 422);
    const json report = json_of(refused);
    REQUIRE(report["errors"].size() == 1);
    CHECK(report["errors"][0]["value"] == "Cr\xC3\xA9teil");  // Créteil
    CHECK(report["errors"][0]["message"].get<std::string>().find("Cr\xC3\xA9teil") != std::string::npos);
    CHECK(c.total() == before);

    auto res = c.import(header + good);
    REQUIRE(res->status == 201);
    CHECK(json_of(res)["imported"] == 1);
    CHECK(c.total() == before + 1);
}

TEST_CASE("a MAC column Excel turned into numbers is refused with the cause, under the file's own header",
          "[csv][F9]") {
    Csv c;
    auto before = c.total();
    const std::string file = "Adresse MAC;Type d'appareil;Site\r\n"
                             "00:1E:4A:31:00:03;Cisco 6841;Paris\r\n"
                             "1565123456;Cisco 6841;Paris\r\n"     // was 001565123456
                             "8,05012E+11;Cisco 6841;Paris\r\n";   // was 805012345678
    auto refused = c.import(file, false, "fr");
    REQUIRE(refused->status == 422);
    const json report = json_of(refused);
    REQUIRE(report["errors"].size() == 2);
    CHECK(report["errors"][0]["row"] == 3);
    CHECK(report["errors"][0]["code"] == "mac_invalid");
    CHECK(report["errors"][0]["column"] == "mac");
    CHECK(report["errors"][0]["message"] ==
          "« 1565123456 » n'est pas une adresse MAC valide : un tableur l'a lue comme un nombre et a supprimé ses "
          "zéros de tête. Mettez la colonne Adresse MAC au format Texte, puis saisissez à nouveau ces adresses.");
    CHECK(report["errors"][1]["row"] == 4);
    CHECK(report["errors"][1]["code"] == "mac_invalid");
    CHECK(report["errors"][1]["message"].get<std::string>().find("nombre à exposant") != std::string::npos);
    CHECK(c.total() == before);
}

TEST_CASE("the export carries MAC, type, available lines and site, no secret, and re-imports as is", "[csv][F7]") {
    Csv c;
    // A line with a SIP password exists on 001E4A0A0004 (demo); assign one more to be sure.
    auto creds = json_of(c.server.put("/api/v1/devices/001E4A0A0005/ports/1", c.token,
                                      {{"phone_number", "33140005555"}, {"extension", "55"}}));
    const auto password = creds["sip_password"].get<std::string>();

    const auto exported = c.export_csv();
    CHECK(exported.rfind("mac,device_type,available_lines,site,multicell_station_id\r\n", 0) == 0);
    CHECK(exported.find("001E4A0A0004,Cisco 8851,2,Paris,\r\n") != std::string::npos);
    CHECK(exported.find("805EC00C0003,Yealink W70B,6,Paris,1\r\n") != std::string::npos);
    CHECK(exported.find(password) == std::string::npos);
    CHECK(exported.find("Nantes") == std::string::npos);
    std::size_t lines = std::count(exported.begin(), exported.end(), '\n');
    CHECK(lines == 1 + 16);

    CHECK(c.export_csv("?site=all") == exported);
    auto lyon_id = c.server.site_id(c.cafe, "Lyon");
    auto lyon = c.export_csv("?site=" + std::to_string(lyon_id));
    CHECK(std::count(lyon.begin(), lyon.end(), '\n') == 1 + 5);
    CHECK(c.server.get(c.base + "/export.csv?site=" + std::to_string(c.server.site_id(c.server.customer_id("Boulangerie Dupont"), "Nantes")),
                       c.token)->status == 404);

    // Empty the inventory, import the export: the same devices come back.
    auto list = json_of(c.server.get(c.base + "?per_page=500", c.token))["items"];
    for (const auto& d : list) REQUIRE(c.server.del("/api/v1/devices/" + d["mac"].get<std::string>(), c.token)->status == 204);
    REQUIRE(c.total() == 0);
    auto res = c.import(exported);
    REQUIRE(res->status == 201);
    CHECK(json_of(res)["imported"] == 16);
    auto after = c.export_csv();
    // Lines are not part of a device import: available lines return to the type's ports.
    CHECK(after.find("001E4A0A0004,Cisco 8851,5,Paris,\r\n") != std::string::npos);
    CHECK(after.find("805EC00C0003,Yealink W70B,10,Paris,1\r\n") != std::string::npos);
    CHECK(std::count(after.begin(), after.end(), '\n') == 1 + 16);
}

TEST_CASE("exported cells that look like formulas are neutralised", "[csv][F7]") {
    Csv c;
    c.server.app().store().insert_site(c.cafe, "=HYPERLINK(\"http://x\")");
    auto site = c.server.site_id(c.cafe, "=HYPERLINK(\"http://x\")");
    c.server.app().store().approve_device_type(site, "Cisco 6821");
    REQUIRE(c.server.post(c.base, c.token, {{"site_id", site}, {"device_type", "Cisco 6821"}, {"mac", "001E4A400001"}})->status == 201);
    auto exported = c.export_csv();
    CHECK(exported.find("001E4A400001,Cisco 6821,2,\"'=HYPERLINK(\"\"http://x\"\")\",\r\n") != std::string::npos);
}
