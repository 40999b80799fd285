#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "existing_macs.hpp"
#include "phonefleet/import_columns.hpp"
#include "phonefleet/import_validator.hpp"
#include "phonefleet/text_fold.hpp"

using namespace phonefleet;

namespace {

// The customer of every test and of the corpus (tests/shared/corpus/*.expected rely on it).
CatalogView test_catalog(bool with_server_rules = true) {
    CatalogView c;
    c.device_types = {{"Cisco 6821", "Cisco", 2, false},
                      {"Yealink T54W", "Yealink", 16, false},
                      {"Yealink W70B", "Yealink", 20, true},
                      {"Poly VVX 450", "Poly", 12, false}};
    c.sites = {{1, "Paris", {"Cisco 6821", "Yealink T54W", "Yealink W70B"}},
               {2, "Lyon", {"Cisco 6821"}},
               {3, "Évry-Courcouronnes", {"Cisco 6821", "Yealink W70B"}},
               {4, "-Annexe", {"Cisco 6821", "Yealink W70B"}}};
    if (with_server_rules)
        c.existing_macs = testing::existing_macs_where([](const std::string& mac) { return mac == "0004F2000099"; });
    return c;
}

ImportReport validate_in_chunks(std::string_view file, std::size_t chunk, const CatalogView& catalog,
                                ImportOptions options = {}) {
    ImportValidator v(catalog, std::move(options));
    for (std::size_t at = 0; at < file.size(); at += chunk) v.feed(file.substr(at, chunk));
    return v.finish();
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> error_lines(const ImportReport& r) {
    std::vector<std::string> out;
    for (const auto& e : r.errors) out.push_back(std::to_string(e.row) + "," + e.column + "," + e.code);
    return out;
}

}  // namespace

TEST_CASE("header names fold case, accents and separators", "[import][fold]") {
    CHECK(fold_header_name("Type d’Appareil") == "type d appareil");
    CHECK(fold_header_name("  ADRESSE__MAC ") == "adresse mac");
    CHECK(fold_header_name("Modèle") == "modele");
    CHECK(fold_header_name("ÉÈÊËÀÂÄÇÎÏÔÖÙÛÜŸŒÆ") == "eeeeaaaciioouuuyoeae");
    CHECK(fold_header_name("éèêëàâäçîïôöùûüÿœæ") == "eeeeaaaciioouuuyoeae");
    CHECK(fold_header_name("ŁĄŻŚĆŃŘŠŽČĞİß") == "lazscnrszcgiss");
    CHECK(fold_header_name("id\xC2\xA0station-multicellule") == "id station multicellule");
}

TEST_CASE("catalog names fold case only, accents kept", "[import][fold]") {
    CHECK(fold_case("  ÉVRY-Courcouronnes\t") == "évry-courcouronnes");
    CHECK(fold_case("CAFÉ LUMIÈRE") == "café lumière");
    CHECK(fold_case("Łódź") == "łódź");
    CHECK(fold_case("Evry") != fold_case("Évry"));
}

TEST_CASE("import columns are recognised in English and French", "[import][columns]") {
    using C = ImportColumn;
    for (auto h : {"mac", "MAC", "Adresse MAC", "adresse_mac", "Adresse-Mac", "MAC address"})
        CHECK(import_column_from_header(h) == C::mac);
    for (auto h : {"device_type", "Device Type", "type", "Type d'appareil", "type d’appareil", "TYPE_APPAREIL",
                   "Type de l'appareil", "Modèle"})
        CHECK(import_column_from_header(h) == C::device_type);
    for (auto h : {"site", "Site", "Nom du site"}) CHECK(import_column_from_header(h) == C::site);
    for (auto h : {"multicell_station_id", "Multicell Station ID", "ID station multicellule",
                   "id_station_multicellule", "Identifiant station multicellule"})
        CHECK(import_column_from_header(h) == C::multicell_station_id);
    CHECK_FALSE(import_column_from_header("available_lines"));
    CHECK_FALSE(import_column_from_header("macs"));
    CHECK(column_name(C::multicell_station_id) == "multicell_station_id");
}

TEST_CASE("the report keeps each recognised column's header as the file spells it", "[import][columns]") {
    auto r = validate_import("\xEF\xBB\xBF" "Commentaire;  Adresse MAC ;Type d'appareil;Site\r\n"
                             "x;00:04:F2:00:00:01;Cisco 6821;Paris\r\n",
                             test_catalog());
    REQUIRE(r.headers.size() == 3);  // the unknown column is not listed
    CHECK(r.headers[0].column == "mac");
    CHECK(r.headers[0].as_written == "Adresse MAC");
    CHECK(header_as_written(r.headers, "device_type") == "Type d'appareil");
    CHECK(header_as_written(r.headers, "site") == "Site");
    CHECK(header_as_written(r.headers, "multicell_station_id").empty());
    CHECK(r.clean());

    // A second column for one field: which one holds the devices is not guessed.
    auto twice = validate_import("mac;Site;Type d'appareil;Site\r\nx;00:04:F2:00:00:01;Cisco 6821;Paris;Lyon\r\n",
                                 test_catalog());
    REQUIRE(twice.errors.size() == 1);
    CHECK(twice.errors[0] == ImportError{1, "site", "Site", "column_duplicate"});
    CHECK(message(twice.errors[0], Language::En) ==
          "The header has a second site column, \"Site\": keep only the one that holds the devices.");
    CHECK(twice.valid_rows == 0);
}

TEST_CASE("a file Excel saved in Windows-1252 is read, its values reported in UTF-8", "[import][encoding]") {
    ImportOptions keep;
    keep.keep_rows = true;
    auto r = validate_import("Adresse MAC;Mod\xE8le;Site\r\n"
                             "00:04:F2:00:00:01;Cisco 6821;\xC9vry-Courcouronnes\r\n"
                             "00:04:F2:00:00:02;Cisco 6821;Cr\xE9teil\r\n",
                             test_catalog(), keep);
    CHECK(header_as_written(r.headers, "device_type") == "Mod\xC3\xA8le");  // Modèle, recognised
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].site == "\xC3\x89vry-Courcouronnes");  // the catalog's spelling
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0] == ImportError{3, "site", "Cr\xC3\xA9teil", "site_unknown"});  // Créteil
}

TEST_CASE("valid rows come back normalised when asked", "[import]") {
    ImportOptions keep;
    keep.keep_rows = true;
    auto r = validate_import("MAC;Type;Site;ID station multicellule\n"
                             "00-04-f2-aa-bb-01;yealink w70b;évry-courcouronnes;7\n"
                             "0004.f2aa.bb02;CISCO 6821;PARIS;\n",
                             test_catalog(), keep);
    REQUIRE(r.clean());
    CHECK(r.valid_rows == 2);
    CHECK(r.data_rows == 2);
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].row == 2);
    CHECK(r.rows[0].mac == "0004F2AABB01");
    CHECK(r.rows[0].device_type == "Yealink W70B");
    CHECK(r.rows[0].site == "Évry-Courcouronnes");
    CHECK(r.rows[0].site_id == 3);
    CHECK(r.rows[0].multicell_station_id == std::optional<std::string>("7"));
    CHECK(r.rows[1].mac == "0004F2AABB02");
    CHECK_FALSE(r.rows[1].multicell_station_id);
}

TEST_CASE("a duplicate found later takes the first row out of the valid ones", "[import]") {
    ImportOptions keep;
    keep.keep_rows = true;
    auto r = validate_import("mac,device_type,site\n0004F2000001,Cisco 6821,Paris\n0004F2000002,Cisco 6821,Paris\n"
                             "00:04:F2:00:00:01,Cisco 6821,Paris\n",
                             test_catalog(), keep);
    CHECK(r.valid_rows == 1);
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].row == 3);
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0] == ImportError{2, "mac", "0004F2000001", "mac_duplicate_in_file"});
    CHECK(r.errors[1] == ImportError{4, "mac", "0004F2000001", "mac_duplicate_in_file"});
}

TEST_CASE("errors carry the value as written", "[import]") {
    auto r = validate_import("mac,device_type,site\n 00:04:F2:00:00:0Z ,  Cisco 9 , Rome \n", test_catalog());
    REQUIRE(r.errors.size() == 3);
    CHECK(r.errors[0] == ImportError{2, "mac", "00:04:F2:00:00:0Z", "mac_invalid"});
    CHECK(r.errors[1] == ImportError{2, "device_type", "Cisco 9", "device_type_unknown"});
    CHECK(r.errors[2] == ImportError{2, "site", "Rome", "site_unknown"});
}

TEST_CASE("a malformed row says what to look at: its first extra cell, or its quotes", "[import][messages]") {
    // "Paris, 2e" unquoted in a comma file: one cell too many, from " 2e".
    auto r = validate_import("mac,device_type,site\n00:04:F2:00:00:01,Cisco 6821,Paris, 2e\n"
                             "00:04:F2:00:00:02,Cisco 6821,\"Pa\"ris\n",
                             test_catalog());
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0] == ImportError{2, "", "2e", "row_malformed"});
    CHECK(message(r.errors[0], Language::Fr) ==
          "Cette ligne a plus de cellules que l'en-tête, à partir de « 2e » : vérifiez ses séparateurs"
          " (une virgule ou un point-virgule dans une valeur doit être entre guillemets).");
    CHECK(r.errors[1] == ImportError{3, "", "", "row_malformed"});
    CHECK(message(r.errors[1], Language::En) == "This row cannot be read: check its quotes and delimiters.");
}

TEST_CASE("the browser runs without the server's rule, the server with it", "[import]") {
    std::string file = "mac,device_type,site\n00:04:F2:00:00:99,Cisco 6821,Paris\n";
    CHECK(validate_import(file, test_catalog(false)).clean());
    auto server = validate_import(file, test_catalog(true));
    REQUIRE(server.errors.size() == 1);
    CHECK(server.errors[0].code == "mac_exists");

    std::vector<std::string> asked;
    int calls = 0;
    CatalogView counting = test_catalog(false);
    counting.existing_macs = [&](const std::vector<std::string>& macs) {
        ++calls;
        asked.insert(asked.end(), macs.begin(), macs.end());
        return std::vector<bool>(macs.size(), false);
    };
    validate_import("mac,device_type,site\n0004F2000001,Cisco 6821,Paris\n0004F2000001,Cisco 6821,Paris\n"
                    "0004F2000002,Cisco 6821,Paris\n",
                    counting);
    CHECK(calls == 1);  // one call for the batch
    CHECK(asked == std::vector<std::string>{"0004F2000001", "0004F2000002"});  // each distinct MAC once
}

TEST_CASE("the progress hook sees the bytes read so far", "[import]") {
    std::vector<std::size_t> seen;
    ImportOptions o;
    o.on_progress = [&](std::size_t bytes) { seen.push_back(bytes); };
    ImportValidator v(test_catalog(), o);
    v.feed("mac,device_type,site\n");
    v.feed("0004F2000001,Cisco 6821,Paris\n");
    CHECK(v.bytes_consumed() == 51);
    auto r = v.finish();
    CHECK(seen == std::vector<std::size_t>{21, 51});
    CHECK(r.valid_rows == 1);
}

TEST_CASE("max_errors bounds the report", "[import]") {
    std::string file = "mac,device_type,site\n";
    for (int i = 0; i < 50; ++i) file += "bad,Cisco 6821,Paris\n";
    ImportOptions o;
    o.max_errors = 10;
    auto r = validate_import(file, test_catalog(), o);
    CHECK(r.errors.size() == 10);
    CHECK(r.errors_truncated);
    CHECK(r.data_rows == 50);
}

TEST_CASE("max_errors keeps the file's own error, which comes first", "[import]") {
    // The size limit is crossed after the list is full: the row-0 error still leads the report.
    ImportOptions o;
    o.max_errors = 2;
    o.limits.max_bytes = 120;
    ImportValidator v(test_catalog(), o);
    v.feed("mac,device_type,site\nzz,Cisco 6821,Paris\nyy,Cisco 6821,Paris\nxx,Cisco 6821,Paris\n");
    v.feed(std::string(60, 'x'));
    auto r = v.finish();
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].row == 0);
    CHECK(r.errors[0].code == "file_too_large");
    CHECK(r.errors[1].row == 2);
    CHECK(r.errors_truncated);
}

TEST_CASE("every import error code has a message in both languages", "[import][messages]") {
    for (auto code : {"row_malformed", "column_missing", "column_duplicate", "file_encoding_unsupported", "file_tab_separated",
                      "field_missing", "mac_invalid", "mac_not_unicast",
                      "mac_duplicate_in_file", "mac_exists", "site_unknown", "device_type_unknown",
                      "device_type_not_approved", "multicell_not_dect", "multicell_invalid", "file_too_large"}) {
        INFO(code);
        CHECK(has_text(code));
    }
    ImportError e{7, "site", "Rome", "site_unknown"};
    CHECK(message(e, Language::En) == "\"Rome\" is not one of your sites.");
    CHECK(message(e, Language::Fr) == "« Rome » ne fait pas partie de vos sites.");
    ImportError missing{1, "device_type", "", "column_missing"};
    CHECK(message(missing, Language::Fr) == "L'en-tête n'a pas de colonne device_type ; elle est obligatoire.");
}

TEST_CASE("a MAC a spreadsheet turned into a number gets a message that says so", "[import][messages]") {
    // The code stays mac_invalid (SPEC 5); the text names the cause and the column as written.
    const std::vector<ImportColumnHeader> headers = {{"mac", "Adresse MAC"}};
    ImportError zeros{3, "mac", "1565123456", "mac_invalid"};
    CHECK(message(zeros, headers, Language::Fr) ==
          "« 1565123456 » n'est pas une adresse MAC valide : un tableur l'a lue comme un nombre et a supprimé ses "
          "zéros de tête. Mettez la colonne Adresse MAC au format Texte, puis saisissez à nouveau ces adresses.");
    ImportError exponent{4, "mac", "8.05012E+11", "mac_invalid"};
    CHECK(message(exponent, Language::En) ==
          "\"8.05012E+11\" is not a valid MAC address: a spreadsheet turned it into a number in exponent form, and "
          "its last digits are lost. Format the mac column as Text, then type these addresses again.");
    // Another code with the same value keeps its own text; so does a MAC typed in a form.
    CHECK(message(ImportError{5, "site", "1565123456", "site_unknown"}, Language::En) ==
          "\"1565123456\" is not one of your sites.");
    CHECK(message(Error{"mac_invalid", "mac", "1565123456"}, Language::En) ==
          "\"1565123456\" is not a valid MAC address (e.g. 00:AA:6E:33:D7:48).");
}

TEST_CASE("a file's limits are said in the reader's words and units, no English in the French", "[import][messages]") {
    struct Case {
        ImportError error;
        Language lang;
        const char* text;
    };
    for (const auto& c : std::vector<Case>{
             {{0, "bytes", "16777216", "file_too_large"}, Language::Fr,
              "Le fichier dépasse 16 Mo, la limite d'une importation. Découpez-le en fichiers plus petits."},
             {{0, "bytes", "16777216", "file_too_large"}, Language::En,
              "The file is larger than 16 MB, the limit of one import. Split it into smaller files."},
             {{0, "bytes", "1000", "file_too_large"}, Language::En,
              "The file is larger than 1,000 bytes, the limit of one import. Split it into smaller files."},
             {{100002, "rows", "100000", "file_too_large"}, Language::Fr,
              "Le fichier dépasse 100\u202F000 lignes, la limite d'une importation. Découpez-le en fichiers plus petits."},
             {{100002, "rows", "100000", "file_too_large"}, Language::En,
              "The file has more than 100,000 rows, the limit of one import. Split it into smaller files."}}) {
        INFO(c.error.value << " " << c.error.column);
        CHECK(message(c.error, c.lang) == c.text);
    }
}

TEST_CASE("the corpus gives its expected reports, whatever the chunking", "[import][corpus]") {
    const std::string dir = PHONEFLEET_CORPUS_DIR;
    for (std::string name : {"column_duplicate", "column_missing", "duplicates", "empty_file", "every_error",
                             "excel_fr_semicolon_bom", "excel_numbers", "excel_tab_delimited", "excel_unicode_text_utf16",
                             "excel_windows_1252",
                             "export_reimport", "file_too_large_bytes", "file_too_large_rows", "mac_notations",
                             "malformed", "mixed_line_endings", "quoted_commas_newlines", "template_untouched"}) {
        INFO(name);
        const std::string file = read_file(dir + "/" + name + ".csv");
        std::istringstream expected(read_file(dir + "/" + name + ".expected"));
        ImportOptions options;
        std::string valid_rows;
        std::vector<std::string> errors;
        for (std::string line; std::getline(expected, line);) {
            if (line.empty() || line[0] == '#') continue;
            if (line.rfind("valid_rows ", 0) == 0) valid_rows = line.substr(11);
            else if (line.rfind("max_rows ", 0) == 0) options.limits.max_rows = std::stoul(line.substr(9));
            else if (line.rfind("max_bytes ", 0) == 0) options.limits.max_bytes = std::stoul(line.substr(10));
            else errors.push_back(line);
        }
        REQUIRE_FALSE(valid_rows.empty());
        for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{64}, file.size() + 1}) {
            INFO("chunk " << chunk);
            ImportOptions o = options;
            if (chunk > file.size()) o.expected_bytes = file.size();  // the size hint changes nothing
            auto report = validate_in_chunks(file, chunk, test_catalog(), o);
            CHECK(error_lines(report) == errors);
            if (valid_rows != "*") CHECK(std::to_string(report.valid_rows) == valid_rows);
            for (const auto& e : report.errors) CHECK(has_text(e.code));
        }
    }
}
