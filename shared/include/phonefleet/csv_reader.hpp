#pragma once
// Streaming RFC 4180 reader (SPEC 5). Fed chunks of any size (a network body, a browser
// FileReader slice), it hands out each complete record once, and holds at most the unfinished
// record plus one chunk: never the whole file. No I/O, no regex, one pass.
//
// Accepted beyond strict RFC 4180, because spreadsheets write it:
//  - `,` or `;` delimiter, detected on the header line (the first line that is neither empty nor
//    a comment): the one that occurs more often outside quotes, `,` on a tie;
//  - an optional UTF-8 byte order mark, skipped;
//  - CRLF, LF or a lone CR as line end, mixed in one file;
//  - a `"` inside an unquoted field is kept as data (12" screen).
// Optionally skipped (on by default): empty lines, and lines whose first byte is '#' (comments;
// read raw, so a quote inside a comment does not open a field).
//
// "Row" = the 1-based physical line of the file on which a record starts, counting every line
// end (CRLF, LF, or CR), including those inside quoted fields and those of skipped empty and
// comment lines. The header is row 1 when the file starts with it. This is the line number a
// text editor shows, and the row number a spreadsheet shows when no cell spans lines.
//
// Problems are values on the record, never exceptions: a quote still open at the end of the
// input (unterminated_quote) or text between a closing quote and the next delimiter
// (text_after_closing_quote). Reading goes on with the next record.
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace phonefleet {

enum class CsvProblem { none, unterminated_quote, text_after_closing_quote };

struct CsvRecord {
    std::size_t row = 0;                       // see "Row" above
    std::span<const std::string_view> fields;  // valid only during the callback
    CsvProblem problem = CsvProblem::none;

    std::size_t size() const { return fields.size(); }
    // The field at `index`, or "" when the record is shorter.
    std::string_view operator[](std::size_t index) const {
        return index < fields.size() ? fields[index] : std::string_view{};
    }
};

struct CsvReaderOptions {
    char delimiter = '\0';      // '\0' = detect `,` or `;` on the header line
    bool skip_empty_lines = true;
    char comment = '#';         // lines starting with it are skipped; '\0' = no comments
};

class CsvReader {
public:
    // Called once per record, in file order. Return false to stop reading: later input is ignored.
    using RecordHandler = std::function<bool(const CsvRecord&)>;
    // The same as a plain function and its context: a caller that reads a million records (the
    // import validator) is called directly, without std::function's extra indirect call.
    using RecordFunction = bool (*)(void* context, const CsvRecord&);

    explicit CsvReader(RecordHandler on_record, CsvReaderOptions options = {});
    CsvReader(RecordFunction on_record, void* context, CsvReaderOptions options = {});
    CsvReader(const CsvReader&) = delete;  // on_record_ may point into handler_
    CsvReader& operator=(const CsvReader&) = delete;

    // Reads what it can of `chunk`; an unfinished record waits for the next chunk.
    void feed(std::string_view chunk);
    // End of input: delivers the last record even without a final line end.
    void finish();

    bool stopped() const { return stopped_; }
    std::size_t bytes_fed() const { return bytes_fed_; }
    char delimiter() const { return delimiter_; }  // '\0' until the header line was seen

private:
    std::size_t parse(const char* begin, const char* end, bool at_eof);
    const char* parse_plain_records(const char* begin, const char* end);
    const char* parse_record(const char* begin, const char* end, bool at_eof);
    bool detect_delimiter(const char* begin, const char* end, bool at_eof);
    void set_delimiter(char delimiter);
    char* scratch_for(std::size_t bytes);
    bool deliver(std::size_t row, std::size_t field_count, CsvProblem problem);

    RecordHandler handler_;      // only with the std::function constructor
    RecordFunction on_record_ = nullptr;
    void* context_ = nullptr;
    CsvReaderOptions options_;
    char delimiter_ = '\0';
    bool bom_checked_ = false;
    bool stopped_ = false;
    bool finished_ = false;
    std::size_t line_ = 1;       // physical line of the next byte to read
    std::size_t bytes_fed_ = 0;
    std::string carry_;          // an unfinished record, waiting for more input
    // The current record's fields: the first kPlainFields filled by index on the fast path,
    // more only on the general path. Never shrinks.
    static constexpr std::size_t kPlainFields = 32;
    std::vector<std::string_view> fields_;
    std::vector<char> scratch_;  // unescaped quoted fields of the current record (reused)
    bool stop_unquoted_[256] = {};  // bytes that end an unquoted field
};

}  // namespace phonefleet
