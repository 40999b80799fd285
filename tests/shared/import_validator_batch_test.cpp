#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "existing_macs.hpp"
#include "phonefleet/import_validator.hpp"

// The validator checks the MACs for duplicates (and existence) only once the file is read, by
// partitions (import_validator.cpp, mac_partitions.hpp), and sorts the errors at the end. These
// tests check, on thousands of generated rows (duplicates far apart, errors between them, every
// notation), that the report is exactly that of the rules of import_validator.hpp applied one
// row at a time: the model below, written the plain way. max_errors keeps the first errors in
// report order (row, then column; in the MAC column a duplicate before exists).

using namespace phonefleet;

namespace {

struct Row {
    std::string mac, type, site, multicell;
    // What the generator knows of the MAC cell: its value, or the error it must give.
    std::optional<std::uint64_t> mac_value;
    std::string mac_error;  // "field_missing", "mac_invalid", "mac_not_unicast" or ""
};

const std::vector<DeviceType> kTypes = {{"Cisco 6841", "Cisco", 4, false},
                                        {"Yealink T54W", "Yealink", 16, false},
                                        {"Yealink W70B", "Yealink", 10, true}};
const std::vector<CatalogSite> kSites = {{1, "Paris", {"Cisco 6841", "Yealink T54W", "Yealink W70B"}},
                                         {2, "Lyon", {"Cisco 6841"}}};

std::string hex12(std::uint64_t v) {
    static const char* digits = "0123456789ABCDEF";
    std::string s(12, '0');
    for (int i = 11; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = digits[v & 15];
    return s;
}

std::string notation(std::uint64_t v, int kind) {
    std::string h = hex12(v), out;
    switch (kind % 4) {
        case 0: return h;
        case 1:
            for (int i = 0; i < 12; i += 2) out += (i ? ":" : "") + h.substr(static_cast<std::size_t>(i), 2);
            return out;
        case 2:
            for (int i = 0; i < 12; i += 2) out += (i ? "-" : "") + h.substr(static_cast<std::size_t>(i), 2);
            std::transform(out.begin(), out.end(), out.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
            return out;
        default: return h.substr(0, 4) + "." + h.substr(4, 4) + "." + h.substr(8, 4);
    }
}

std::vector<Row> generate(std::uint32_t seed, std::size_t count) {
    std::mt19937 rng(seed);
    auto pick = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
    std::vector<Row> rows;
    for (std::size_t i = 0; i < count; ++i) {
        Row r;
        std::uint32_t m = pick(100);
        if (m < 3) {
            r.mac_error = "field_missing";
        } else if (m < 6) {
            static const char* bad[] = {"00:AA:6E:33:D7", "zz", "00AA6E33D7489", "00:AA-6E:33:D7:48", "0004.F200.00G1"};
            r.mac = bad[pick(5)];
            r.mac_error = "mac_invalid";
        } else if (m < 8) {
            r.mac = notation(0x010000000000ull | pick(1000), static_cast<int>(pick(4)));
            r.mac_error = "mac_not_unicast";
        } else {
            // A pool of MACs small enough for duplicates, some of them hundreds of rows apart.
            std::uint64_t v = 0x0004F2000000ull + (m < 20 ? pick(40) : pick(4000));
            r.mac_value = v;
            r.mac = notation(v, static_cast<int>(pick(4)));
        }
        std::uint32_t t = pick(100);
        r.type = t < 3 ? "" : t < 6 ? "Cisco 9" : t < 40 ? "Cisco 6841" : t < 70 ? "yealink t54w" : "Yealink W70B";
        std::uint32_t s = pick(100);
        r.site = s < 3 ? "" : s < 6 ? "Rome" : s < 60 ? "Paris" : "LYON";
        std::uint32_t c = pick(100);
        r.multicell = c < 80 ? "" : c < 90 ? std::to_string(pick(1000)) : c < 95 ? "12x" : "12345678901234567";
        rows.push_back(r);
    }
    return rows;
}

std::string file_of(const std::vector<Row>& rows) {
    std::string f = "mac,device_type,site,multicell_station_id\r\n";
    std::size_t i = 0;
    for (const auto& r : rows) {
        // Some cells quoted, some line ends LF: the reader's two paths, mixed.
        std::string site = (i % 7 == 3) ? "\"" + r.site + "\"" : r.site;
        f += r.mac + "," + r.type + "," + site + "," + r.multicell + (i % 5 == 1 ? "\n" : "\r\n");
        ++i;
    }
    return f;
}

int column_rank(const std::string& column) {
    if (column == "mac") return 1;
    if (column == "device_type") return 2;
    if (column == "site") return 3;
    if (column == "multicell_station_id") return 4;
    return 0;
}

// The rules, one row at a time (data row i is on line i + 2).
ImportReport model(const std::vector<Row>& rows, const ImportOptions& options, bool server) {
    ImportReport report;
    auto add = [&](std::size_t row, std::string column, std::string value, std::string code) {
        report.errors.push_back({row, std::move(column), std::move(value), std::move(code)});
    };
    // How many non-empty rows hold each valid MAC.
    std::map<std::uint64_t, std::size_t> occurrences;
    for (const Row& r : rows)
        if (r.mac_value) ++occurrences[*r.mac_value];
    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        const std::size_t line = i + 2;
        if (r.mac.empty() && r.type.empty() && r.site.empty() && r.multicell.empty()) continue;  // ",,,"
        ++report.data_rows;
        bool row_ok = true;
        auto fail = [&](std::string column, std::string value, std::string code) {
            row_ok = false;
            add(line, std::move(column), std::move(value), std::move(code));
        };
        if (!r.mac_error.empty()) fail("mac", r.mac, r.mac_error);
        int type = -1, site = -1;
        for (std::size_t t = 0; t < kTypes.size(); ++t)
            if (lower(kTypes[t].name) == lower(r.type)) type = static_cast<int>(t);
        for (std::size_t s = 0; s < kSites.size(); ++s)
            if (lower(kSites[s].name) == lower(r.site)) site = static_cast<int>(s);
        if (r.type.empty()) fail("device_type", "", "field_missing");
        else if (type < 0) fail("device_type", r.type, "device_type_unknown");
        if (r.site.empty()) fail("site", "", "field_missing");
        else if (site < 0) fail("site", r.site, "site_unknown");
        if (type >= 0 && site >= 0) {
            const auto& approved = kSites[static_cast<std::size_t>(site)].approved_device_types;
            if (std::find(approved.begin(), approved.end(), kTypes[static_cast<std::size_t>(type)].name) == approved.end())
                fail("device_type", r.type, "device_type_not_approved");
        }
        if (!r.multicell.empty()) {
            bool digits = r.multicell.size() <= 16 &&
                          std::all_of(r.multicell.begin(), r.multicell.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (type >= 0 && !kTypes[static_cast<std::size_t>(type)].dect) fail("multicell_station_id", r.multicell, "multicell_not_dect");
            else if (!digits) fail("multicell_station_id", r.multicell, "multicell_invalid");
        }
        if (!r.mac_value) continue;
        const std::string normalized = hex12(*r.mac_value);
        if (occurrences[*r.mac_value] > 1) fail("mac", normalized, "mac_duplicate_in_file");
        if (server && normalized.back() == '7') fail("mac", normalized, "mac_exists");
        if (!row_ok) continue;
        ++report.valid_rows;
        if (options.keep_rows) {
            ImportRow kept{line, normalized, kTypes[static_cast<std::size_t>(type)].name,
                           kSites[static_cast<std::size_t>(site)].name, kSites[static_cast<std::size_t>(site)].id,
                           std::nullopt};
            if (!r.multicell.empty()) kept.multicell_station_id = r.multicell;
            report.rows.push_back(kept);
        }
    }
    std::stable_sort(report.errors.begin(), report.errors.end(), [](const ImportError& a, const ImportError& b) {
        if (a.row != b.row) return a.row < b.row;
        return column_rank(a.column) < column_rank(b.column);
    });
    if (options.max_errors != 0 && report.errors.size() > options.max_errors) {
        report.errors.resize(options.max_errors);
        report.errors_truncated = true;
    }
    return report;
}

bool same_rows(const std::vector<ImportRow>& a, const std::vector<ImportRow>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].row != b[i].row || a[i].mac != b[i].mac || a[i].device_type != b[i].device_type ||
            a[i].site != b[i].site || a[i].site_id != b[i].site_id ||
            a[i].multicell_station_id != b[i].multicell_station_id)
            return false;
    }
    return true;
}

}  // namespace

TEST_CASE("the MAC check at the end of the file gives the report of the rules applied row by row", "[import][batch]") {
    const auto rows = generate(20240611, 3000);
    const std::string file = file_of(rows);
    for (bool server : {false, true}) {
        CatalogView catalog;
        catalog.device_types = kTypes;
        catalog.sites = kSites;
        if (server) catalog.existing_macs = testing::existing_macs_where([](const std::string& mac) { return mac.back() == '7'; });
        for (std::size_t max_errors : {0, 1, 7, 300, 100000}) {
            for (bool keep : {false, true}) {
                ImportOptions options;
                options.max_errors = max_errors;
                options.keep_rows = keep;
                const ImportReport expected = model(rows, options, server);
                for (std::size_t chunk : {std::size_t{97}, std::size_t{4096}, file.size()}) {
                    INFO("server " << server << ", max_errors " << max_errors << ", keep_rows " << keep << ", chunk "
                                   << chunk);
                    // The size unknown (64 partitions), known (one here), or given larger than
                    // the file is (two: ~1,500 entries each).
                    options.expected_bytes = chunk == 97 ? 0 : chunk == 4096 ? file.size() : 8 * file.size();
                    ImportValidator v(catalog, options);
                    for (std::size_t at = 0; at < file.size(); at += chunk)
                        v.feed(std::string_view(file).substr(at, chunk));
                    const ImportReport got = v.finish();
                    CHECK(got.data_rows == expected.data_rows);
                    CHECK(got.valid_rows == expected.valid_rows);
                    CHECK(got.errors_truncated == expected.errors_truncated);
                    REQUIRE(got.errors.size() == expected.errors.size());
                    CHECK(got.errors == expected.errors);
                    CHECK(same_rows(got.rows, expected.rows));
                }
            }
        }
    }
    // The generator does make the cases this is about.
    const auto all = model(rows, ImportOptions{}, true);
    auto count = [&](const char* code) {
        return std::count_if(all.errors.begin(), all.errors.end(), [&](const ImportError& e) { return e.code == code; });
    };
    CHECK(count("mac_duplicate_in_file") > 100);
    CHECK(count("mac_exists") > 10);
    CHECK(count("mac_invalid") > 10);
    CHECK(all.valid_rows > 500);
}

TEST_CASE("the existence check asks each distinct MAC once, 256 at a time", "[import][batch]") {
    const auto rows = generate(99, 3000);
    const std::string file = file_of(rows);
    std::map<std::string, int> asked;
    std::size_t calls = 0, largest = 0;
    CatalogView catalog;
    catalog.device_types = kTypes;
    catalog.sites = kSites;
    catalog.existing_macs = [&](const std::vector<std::string>& macs) {
        ++calls;
        largest = std::max(largest, macs.size());
        for (const auto& m : macs) ++asked[m];
        return std::vector<bool>(macs.size(), false);
    };
    for (std::size_t expected : {std::size_t{0}, file.size(), 8 * file.size()}) {
        INFO("expected_bytes " << expected);
        asked.clear();
        calls = largest = 0;
        ImportOptions options;
        options.expected_bytes = expected;
        ImportValidator v(catalog, options);
        v.feed(file);
        v.finish();
        std::map<std::string, int> want;
        for (const Row& r : rows)
            if (r.mac_value) want[hex12(*r.mac_value)] = 1;
        CHECK(asked == want);
        CHECK(largest <= 256);
        CHECK(calls == (want.size() + 255) / 256);  // however many partitions
    }
}

TEST_CASE("max_errors as large as a size can be keeps every error", "[import][batch]") {
    // 2,000 rows of one MAC: 2,000 duplicate errors, more than the partitions' early trim
    // (which must not overflow on such a bound).
    std::string file = "mac,device_type,site\n";
    for (int i = 0; i < 2000; ++i) file += "00:04:F2:00:00:01,Cisco 6841,Paris\n";
    CatalogView catalog;
    catalog.device_types = kTypes;
    catalog.sites = kSites;
    ImportOptions options;
    options.max_errors = SIZE_MAX;
    const ImportReport report = validate_import(file, catalog, options);
    CHECK(report.errors.size() == 2000);
    CHECK_FALSE(report.errors_truncated);
    CHECK(report.valid_rows == 0);
}

#ifndef __EMSCRIPTEN__  // the server's path (the browser never asks); wasm tests are built without exception catching
TEST_CASE("an existence check that does not answer every MAC stops the import", "[import][batch]") {
    const std::string file = file_of(generate(7, 500));
    for (int missing : {1, -1}) {  // one answer short, one too many
        INFO("answers off by " << missing);
        CatalogView catalog;
        catalog.device_types = kTypes;
        catalog.sites = kSites;
        catalog.existing_macs = [missing](const std::vector<std::string>& macs) {
            return std::vector<bool>(macs.size() - missing, false);
        };
        ImportOptions options;
        options.keep_rows = true;
        ImportValidator v(catalog, options);
        CHECK_THROWS_AS((v.feed(file), v.finish()), std::logic_error);
    }
}
#endif
