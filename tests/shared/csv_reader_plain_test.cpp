#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "csv_read.hpp"
#include "phonefleet/csv_reader.hpp"

// The reader splits plain records (no quote) 8 bytes at a time across records
// (CsvReader::parse_plain_records) and hands anything else to its general loop. These tests put
// every kind of line end at every offset within those 8-byte words, and move between the fast
// path and the general loop in every way a file can: the records must be those of the rules in
// csv_reader.hpp whatever the chunking.

using namespace phonefleet;

namespace {

using Read = testing::ReadRecord;

// Reads whole and in chunks of every awkward size: the records must not depend on the cuts.
std::vector<testing::ReadRecord> read(std::string_view text, CsvReaderOptions options = {}) {
    return testing::read_every_way(text, options, {1, 3, 7, 8, 9, 13, 64});
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("plain records with their line ends at every offset of a word", "[csv][reader][plain]") {
    for (std::string eol : {"\n", "\r\n", "\r"}) {
        for (std::size_t width = 0; width < 20; ++width) {
            // A header, then records whose lengths shift the line ends through every offset.
            std::string text = "a,b,c" + eol;
            std::vector<Fields> expected = {{"a", "b", "c"}};
            for (std::size_t i = 0; i < 12; ++i) {
                Fields f = {std::string(width + i % 3, 'x'), std::to_string(i), std::string(i, 'y')};
                text += f[0] + "," + f[1] + "," + f[2] + eol;
                expected.push_back(f);
            }
            INFO("eol " << (eol == "\n" ? "LF" : eol == "\r" ? "CR" : "CRLF") << ", width " << width);
            auto r = read(text);
            REQUIRE(r.size() == expected.size());
            for (std::size_t i = 0; i < r.size(); ++i) {
                CHECK(r[i] == Read{i + 1, expected[i], CsvProblem::none});
            }
        }
    }
}

TEST_CASE("control bytes and UTF-8 inside plain fields are data", "[csv][reader][plain]") {
    auto r = read("mac,type,site\n00AA6E33D748\t,Cisco\x0B 6841,\x01Paris\x0C\n\xC3\x89vry,\xE2\x80\x99x\xAC,\xBB\n");
    REQUIRE(r.size() == 3);
    CHECK(r[1].fields == Fields{"00AA6E33D748\t", "Cisco\x0B 6841", "\x01Paris\x0C"});
    // 0xAC and 0xBB: the low 7 bits of ',' and ';' in UTF-8 bytes.
    CHECK(r[2].fields == Fields{"\xC3\x89vry", "\xE2\x80\x99x\xAC", "\xBB"});
}

TEST_CASE("from plain records to every other kind and back", "[csv][reader][plain]") {
    const std::string text =
        "mac;type;site\r\n"
        "00AA6E33D701;Cisco 6841;Paris\r\n"
        "\r\n"                                   // an empty line
        "00AA6E33D702;Cisco 6841;Lyon\n"
        "# a comment \"with a quote\n"           // a comment after a plain record
        "00AA6E33D703;\"Cisco; 6841\";Paris\n"  // quoted: the general loop
        "00AA6E33D704;Yealink T54W;Paris\n"
        "00AA6E33D705;12\" screen;Lyon\n"        // a quote inside an unquoted field
        "\"00AA6E33D706\";x;y\r\n"               // quoted from its first byte
        "00AA6E33D707;Yealink T54W;\"two\nlines\"\n"
        ";;\n"
        "00AA6E33D708;last;row";                 // no line end at the end
    auto r = read(text);
    REQUIRE(r.size() == 10);
    CHECK(r[0] == Read{1, Fields{"mac", "type", "site"}, CsvProblem::none});
    CHECK(r[1] == Read{2, Fields{"00AA6E33D701", "Cisco 6841", "Paris"}, CsvProblem::none});
    CHECK(r[2] == Read{4, Fields{"00AA6E33D702", "Cisco 6841", "Lyon"}, CsvProblem::none});
    CHECK(r[3] == Read{6, Fields{"00AA6E33D703", "Cisco; 6841", "Paris"}, CsvProblem::none});
    CHECK(r[4] == Read{7, Fields{"00AA6E33D704", "Yealink T54W", "Paris"}, CsvProblem::none});
    CHECK(r[5] == Read{8, Fields{"00AA6E33D705", "12\" screen", "Lyon"}, CsvProblem::none});
    CHECK(r[6] == Read{9, Fields{"00AA6E33D706", "x", "y"}, CsvProblem::none});
    CHECK(r[7] == Read{10, Fields{"00AA6E33D707", "Yealink T54W", "two\nlines"}, CsvProblem::none});
    CHECK(r[8] == Read{12, Fields{"", "", ""}, CsvProblem::none});
    CHECK(r[9] == Read{13, Fields{"00AA6E33D708", "last", "row"}, CsvProblem::none});

    // Kept empty lines and no comments: those lines are records, between plain ones.
    CsvReaderOptions keep;
    keep.skip_empty_lines = false;
    keep.comment = '\0';
    auto k = read("a,b\n1234567890,x\n\n#1234567890,y\n1234567890,z\n", keep);
    REQUIRE(k.size() == 5);
    CHECK(k[2] == Read{3, Fields{""}, CsvProblem::none});
    CHECK(k[3] == Read{4, Fields{"#1234567890", "y"}, CsvProblem::none});
    CHECK(k[4] == Read{5, Fields{"1234567890", "z"}, CsvProblem::none});
}

TEST_CASE("records with more fields than the fast path holds", "[csv][reader][plain]") {
    std::string header, row;
    Fields expected;
    for (int i = 0; i < 45; ++i) {
        if (i > 0) {
            header += ',';
            row += ',';
        }
        header += 'h';
        header += std::to_string(i);
        row += std::to_string(i * 7);
        expected.push_back(std::to_string(i * 7));
    }
    auto r = read(header + "\n" + row + "\n1,2\n" + row + "\n");
    REQUIRE(r.size() == 4);
    CHECK(r[1].fields == expected);
    CHECK(r[2].fields == Fields{"1", "2"});
    CHECK(r[3].fields == expected);
}

TEST_CASE("a forced tab delimiter on plain records", "[csv][reader][plain]") {
    CsvReaderOptions tab;
    tab.delimiter = '\t';
    auto r = read("mac\ttype\tsite\n00AA6E33D748\tCisco, 6841\tParis\n00AA6E33D749\t\tLyon\r\n", tab);
    REQUIRE(r.size() == 3);
    CHECK(r[1].fields == Fields{"00AA6E33D748", "Cisco, 6841", "Paris"});
    CHECK(r[2].fields == Fields{"00AA6E33D749", "", "Lyon"});
}

TEST_CASE("the handler stops the reading in the middle of plain records", "[csv][reader][plain]") {
    std::string text = "mac,type,site\n";
    for (int i = 0; i < 50; ++i) text += "00AA6E33D7" + std::to_string(10 + i) + ",Cisco 6841,Paris\n";
    for (std::size_t chunk : {std::size_t{5}, std::size_t{64}, text.size()}) {
        int seen = 0;
        CsvReader reader([&](const CsvRecord&) { return ++seen < 20; });
        for (std::size_t at = 0; at < text.size(); at += chunk) reader.feed(std::string_view(text).substr(at, chunk));
        reader.finish();
        CHECK(seen == 20);
        CHECK(reader.stopped());
    }
}
