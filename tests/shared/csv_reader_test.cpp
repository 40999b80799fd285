#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "csv_read.hpp"
#include "phonefleet/csv_reader.hpp"

using namespace phonefleet;

namespace {

using testing::ReadRecord;

// Reads whole and in chunks of every awkward size: the records must not depend on the cuts.
std::vector<testing::ReadRecord> read(std::string_view text, CsvReaderOptions options = {}) {
    return testing::read_every_way(text, options, {1, 2, 3, 5, 7, 16});
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("records of a plain comma file, with their rows", "[csv][reader]") {
    auto r = read("mac,site\r\n00AA6E33D748,Paris\r\n001565ABCDEF,Lyon\r\n");
    REQUIRE(r.size() == 3);
    CHECK(r[0] == ReadRecord{1, Fields{"mac", "site"}, CsvProblem::none});
    CHECK(r[1] == ReadRecord{2, Fields{"00AA6E33D748", "Paris"}, CsvProblem::none});
    CHECK(r[2] == ReadRecord{3, Fields{"001565ABCDEF", "Lyon"}, CsvProblem::none});
}

TEST_CASE("the delimiter is taken from the header line, outside quotes", "[csv][reader]") {
    std::string text = "\"a,b\";c;d\n1,5;2;3\n";
    CsvReader reader([](const CsvRecord&) { return true; });
    reader.feed(text);
    reader.finish();
    CHECK(reader.delimiter() == ';');
    auto r = read(text);
    REQUIRE(r.size() == 2);
    CHECK(r[0].fields == Fields{"a,b", "c", "d"});
    CHECK(r[1].fields == Fields{"1,5", "2", "3"});
    // A tie or no delimiter at all: comma.
    CHECK(read("a,b;c\n1,2;3\n")[1].fields == Fields{"1", "2;3"});
    CHECK(read("mac\nx\n")[1].fields == Fields{"x"});
    // Forced.
    CsvReaderOptions tab;
    tab.delimiter = '\t';
    CHECK(read("a\tb,c\n", tab)[0].fields == Fields{"a", "b,c"});
}

TEST_CASE("a UTF-8 byte order mark is skipped, even split across chunks", "[csv][reader]") {
    auto r = read("\xEF\xBB\xBFmac;site\r\nx;y\r\n");
    REQUIRE(r.size() == 2);
    CHECK(r[0].fields == Fields{"mac", "site"});
    // Only at the very start.
    CHECK(read("a\n\xEF\xBB\xBFx\n")[1].fields == Fields{"\xEF\xBB\xBFx"});
}

TEST_CASE("CRLF, LF and lone CR end lines, mixed in one file", "[csv][reader]") {
    auto r = read("h1,h2\r\na,b\nc,d\re,f\r\ng,h");
    REQUIRE(r.size() == 5);
    CHECK(r[1] == ReadRecord{2, Fields{"a", "b"}, CsvProblem::none});
    CHECK(r[2] == ReadRecord{3, Fields{"c", "d"}, CsvProblem::none});
    CHECK(r[3] == ReadRecord{4, Fields{"e", "f"}, CsvProblem::none});
    CHECK(r[4] == ReadRecord{5, Fields{"g", "h"}, CsvProblem::none});
}

TEST_CASE("quoted fields hold delimiters, doubled quotes and line ends; rows count physical lines",
          "[csv][reader]") {
    auto r = read("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\"\",\"\"\"\",\"3\nmore\nlines\"\nlast,row,\"\"\n");
    REQUIRE(r.size() == 4);
    CHECK(r[1] == ReadRecord{2, Fields{"x,y", "say \"hi\"", "two\r\nlines"}, CsvProblem::none});
    CHECK(r[2] == ReadRecord{4, Fields{"", "\"", "3\nmore\nlines"}, CsvProblem::none});
    CHECK(r[3] == ReadRecord{7, Fields{"last", "row", ""}, CsvProblem::none});
}

TEST_CASE("a quote inside an unquoted field is data", "[csv][reader]") {
    CHECK(read("a,b\n12\" screen,x\n")[1].fields == Fields{"12\" screen", "x"});
}

TEST_CASE("empty lines and '#' comments are skipped but counted", "[csv][reader]") {
    auto r = read("# made by \"hand\n\na,b\n\r\n# it's a \"comment\n1,2\n\n");
    REQUIRE(r.size() == 2);
    CHECK(r[0] == ReadRecord{3, Fields{"a", "b"}, CsvProblem::none});
    CHECK(r[1] == ReadRecord{6, Fields{"1", "2"}, CsvProblem::none});
    // A '#' not at the start of a record is data; a quoted "#" starts a field.
    CHECK(read("a,b\nx,#y\n\"#z\",w\n")[2].fields == Fields{"#z", "w"});

    CsvReaderOptions keep;
    keep.skip_empty_lines = false;
    keep.comment = '\0';
    auto k = read("a\n\n#x\n", keep);
    REQUIRE(k.size() == 3);
    CHECK(k[1] == ReadRecord{2, Fields{""}, CsvProblem::none});
    CHECK(k[2] == ReadRecord{3, Fields{"#x"}, CsvProblem::none});
}

TEST_CASE("the last record needs no line end; trailing delimiters give empty fields", "[csv][reader]") {
    auto r = read("a,b,c\n1,,");
    REQUIRE(r.size() == 2);
    CHECK(r[1].fields == Fields{"1", "", ""});
    CHECK(read("").empty());
    CHECK(read("\xEF\xBB\xBF").empty());
}

TEST_CASE("problems are values on the record, and reading goes on", "[csv][reader]") {
    auto r = read("a,b\n\"x\"y,z\nok,1\n\"open,2\nstill open");
    REQUIRE(r.size() == 4);
    CHECK(r[1].row == 2);
    CHECK(r[1].problem == CsvProblem::text_after_closing_quote);
    CHECK(r[2] == ReadRecord{3, Fields{"ok", "1"}, CsvProblem::none});
    CHECK(r[3].row == 4);
    CHECK(r[3].problem == CsvProblem::unterminated_quote);
    CHECK(r[3].fields == Fields{"open,2\nstill open"});
}

TEST_CASE("the handler stops the reading", "[csv][reader]") {
    int seen = 0;
    CsvReader reader([&](const CsvRecord&) { return ++seen < 2; });
    reader.feed("a\nb\nc\nd\n");
    reader.feed("e\n");
    reader.finish();
    CHECK(seen == 2);
    CHECK(reader.stopped());
    CHECK(reader.bytes_fed() == 10);
}

TEST_CASE("UTF-8 passes through untouched", "[csv][reader]") {
    auto r = read("site;type\nÉvry-Courcouronnes;\"Café «Lumière»\"\n");
    CHECK(r[1].fields == Fields{"Évry-Courcouronnes", "Café «Lumière»"});
}
