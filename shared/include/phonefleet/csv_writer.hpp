#pragma once
// RFC 4180 writer (SPEC 5): fields quoted only when they must be (delimiter, quote, CR or LF
// inside, or a row's first cell starting with '#', which our reader would take for a comment),
// quotes doubled, CRLF after every row. Guards against CSV formula injection (OWASP):
// a cell starting with = + - @, tab or CR is written with a leading ' so that a spreadsheet
// shows it as text instead of running it.
//
// Writes either into a std::string the caller owns, or through a sink that receives the text in
// pieces of about `flush_at` bytes (a streamed HTTP export never holds the whole file).
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace phonefleet {

// Put first in a file meant for Excel, which otherwise reads UTF-8 as the local code page.
// The reader skips it.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// True when a cell would be taken for a formula by a spreadsheet (and so gets a leading ').
bool needs_formula_guard(std::string_view cell);

class CsvWriter {
public:
    using Sink = std::function<void(std::string_view)>;

    explicit CsvWriter(std::string& out, char delimiter = ',');
    explicit CsvWriter(Sink sink, char delimiter = ',', std::size_t flush_at = 64 * 1024);
    ~CsvWriter();  // flushes to the sink
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    CsvWriter& cell(std::string_view value);
    CsvWriter& cell(long long value);  // written bare: our own numbers are never formulas
    CsvWriter& end_row();  // CRLF
    CsvWriter& row(std::initializer_list<std::string_view> cells);  // cells then end_row
    // Appends text as is (a BOM, or `#` comment lines of the import template) + nothing else.
    CsvWriter& raw(std::string_view text);
    void flush();  // hands buffered text to the sink (no-op when writing into a string)

private:
    void maybe_flush();

    std::string own_;
    std::string& out_;
    Sink sink_;
    char delimiter_;
    std::size_t flush_at_ = 0;
    bool row_started_ = false;
};

}  // namespace phonefleet
