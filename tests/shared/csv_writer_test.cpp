#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "phonefleet/csv_reader.hpp"
#include "phonefleet/csv_writer.hpp"

using namespace phonefleet;

TEST_CASE("fields are quoted only when they must be, rows end with CRLF", "[csv][writer]") {
    std::string out;
    {
        CsvWriter w(out);
        w.row({"mac", "device_type", "site"});
        w.row({"00AA6E33D748", "Cisco 6821", "Paris, Nord"});
        w.row({"say \"hi\"", "two\nlines", ""});
        w.cell("x").cell(3).end_row();
    }
    CHECK(out ==
          "mac,device_type,site\r\n"
          "00AA6E33D748,Cisco 6821,\"Paris, Nord\"\r\n"
          "\"say \"\"hi\"\"\",\"two\nlines\",\r\n"
          "x,3\r\n");
}

TEST_CASE("cells that a spreadsheet would run as formulas get a leading quote", "[csv][writer]") {
    std::string out;
    CsvWriter w(out);
    w.row({"=HYPERLINK(\"http://x\")", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx", "a=b", "'"});
    CHECK(out == "\"'=HYPERLINK(\"\"http://x\"\")\",'+33 1,'-2,'@SUM(A1),'\tx,\"'\rx\",a=b,'\r\n");
    CHECK(needs_formula_guard("=1"));
    CHECK_FALSE(needs_formula_guard(""));
    CHECK_FALSE(needs_formula_guard("Paris"));
    // Our own numbers are written bare.
    std::string n;
    CsvWriter(n).cell(-5).end_row();
    CHECK(n == "-5\r\n");
}

TEST_CASE("a sink receives the text in pieces and all of it", "[csv][writer]") {
    std::vector<std::string> pieces;
    {
        CsvWriter w([&](std::string_view s) { pieces.emplace_back(s); }, ';', 16);
        w.raw(kUtf8Bom);
        for (int i = 0; i < 10; ++i) w.row({"00AA6E33D748", "Paris; Nord"});
        CHECK(pieces.size() >= 5);
    }
    std::string all;
    for (auto& p : pieces) all += p;
    std::string expected(kUtf8Bom);
    for (int i = 0; i < 10; ++i) expected += "00AA6E33D748;\"Paris; Nord\"\r\n";
    CHECK(all == expected);
}

TEST_CASE("what the writer writes, the reader reads back", "[csv][writer][reader]") {
    std::vector<std::vector<std::string>> rows = {
        {"h1", "h2", "h3"}, {"a,b", "c\"d", "e\r\nf"}, {"", "Évry", "#x"}, {"#not a comment", ";", "\"\""}};
    for (char delimiter : {',', ';'}) {
        std::string out;
        {
            CsvWriter w(out, delimiter);
            for (const auto& r : rows) {
                for (const auto& c : r) w.cell(c);
                w.end_row();
            }
        }
        std::vector<std::vector<std::string>> back;
        CsvReader reader([&](const CsvRecord& r) {
            back.emplace_back(r.fields.begin(), r.fields.end());
            return true;
        });
        reader.feed(out);
        reader.finish();
        CHECK(reader.delimiter() == delimiter);
        CHECK(back == rows);
    }
}
