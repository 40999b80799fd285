#include "phonefleet/csv_reader.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace phonefleet {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

constexpr unsigned char byte(char c) { return static_cast<unsigned char>(c); }

// Bytes that matter inside a quoted field: its end, and line ends (counted for row numbers).
struct QuotedStops {
    bool stop[256] = {};
    constexpr QuotedStops() {
        stop[byte('"')] = true;
        stop[byte('\n')] = true;
        stop[byte('\r')] = true;
    }
};
constexpr QuotedStops kQuoted;

// Length of the line end at p (LF, CRLF or a lone CR); 0 when a CR ends the input so far and
// the next chunk may hold its LF.
std::size_t line_end_length(const char* p, const char* end, bool at_eof) {
    if (*p == '\n') return 1;
    if (p + 1 < end) return p[1] == '\n' ? 2 : 1;
    return at_eof ? 1 : 0;
}

enum class Step { done, need_more };

// SWAR (8 bytes at a time, plain 64-bit integers, so natively and in wasm alike). Each mask
// has the high bit of the bytes it is about, and no other bit: byte lanes never borrow or carry
// into each other, so every mark is a real match.
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kLows7 = 0x7F7F7F7F7F7F7F7Full;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;
// Bytes that end a field of a plain record: the delimiter (repeated in `delimiter`), LF, CR, '"',
// and also the other control bytes below 0x0E (tab...), which the caller reads as data. One
// mask for all four in 11 operations: on the low 7 bits of each byte, `x + 0x7F` has the high
// bit set when x != 0 and `x + 0x72` when x >= 0x0E (no lane carries into the next); a byte
// with its own high bit set (UTF-8) is none of them.
inline std::uint64_t plain_stops(std::uint64_t word, std::uint64_t delimiter) {
    const std::uint64_t low = word & kLows7;
    const std::uint64_t not_delimiter = (low ^ delimiter) + kLows7;
    const std::uint64_t not_quote = (low ^ (kOnes * '"')) + kLows7;
    const std::uint64_t not_control = low + kOnes * (0x80 - 0x0E);
    return ~((not_delimiter & not_quote & not_control) | word) & kHighs;
}
inline std::uint64_t load8(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;  // little-endian (x86, ARM, wasm): byte i is bits 8i..8i+7
}
inline unsigned lowest_byte(std::uint64_t marks) { return static_cast<unsigned>(std::countr_zero(marks)) / 8; }

}  // namespace

CsvReader::CsvReader(RecordHandler on_record, CsvReaderOptions options)
    : CsvReader(
          [](void* handler, const CsvRecord& record) { return (*static_cast<RecordHandler*>(handler))(record); },
          nullptr, options) {
    handler_ = std::move(on_record);
    context_ = &handler_;
}

CsvReader::CsvReader(RecordFunction on_record, void* context, CsvReaderOptions options)
    : on_record_(on_record), context_(context), options_(options), fields_(kPlainFields) {
    if (options_.delimiter != '\0') set_delimiter(options_.delimiter);
}

bool CsvReader::deliver(std::size_t row, std::size_t field_count, CsvProblem problem) {
    CsvRecord record{row, std::span<const std::string_view>(fields_.data(), field_count), problem};
    return on_record_(context_, record);
}

void CsvReader::set_delimiter(char delimiter) {
    delimiter_ = delimiter;
    std::memset(stop_unquoted_, 0, sizeof stop_unquoted_);
    stop_unquoted_[byte(delimiter)] = true;
    stop_unquoted_[byte('\n')] = true;
    stop_unquoted_[byte('\r')] = true;
}

void CsvReader::feed(std::string_view chunk) {
    bytes_fed_ += chunk.size();
    if (stopped_ || finished_ || chunk.empty()) return;
    if (carry_.empty()) {
        std::size_t used = parse(chunk.data(), chunk.data() + chunk.size(), false);
        if (!stopped_) carry_.assign(chunk.substr(used));
        return;
    }
    // An unfinished record waits in carry_. It cannot end before a line end, so copy the
    // chunk only up to the first one, then read the rest of the chunk in place.
    std::size_t nl = chunk.find_first_of("\r\n");
    if (nl == std::string_view::npos) {
        carry_.append(chunk);
        return;
    }
    std::size_t head = nl + 1;
    if (chunk[nl] == '\r' && head < chunk.size() && chunk[head] == '\n') ++head;
    carry_.append(chunk.substr(0, head));
    chunk.remove_prefix(head);
    std::size_t used = parse(carry_.data(), carry_.data() + carry_.size(), false);
    if (stopped_) return;
    if (used == carry_.size()) {
        carry_.clear();
        used = parse(chunk.data(), chunk.data() + chunk.size(), false);
        if (!stopped_) carry_.assign(chunk.substr(used));
    } else {
        // A quoted field spans lines: the record needs more of the chunk (or later chunks).
        // Records spanning many lines are re-read once per line end that arrives: fine for
        // real cells, and the validator bounds the file size.
        carry_.erase(0, used);
        carry_.append(chunk);
        used = parse(carry_.data(), carry_.data() + carry_.size(), false);
        if (!stopped_) carry_.erase(0, used);
    }
}

void CsvReader::finish() {
    if (finished_) return;
    if (!stopped_ && !carry_.empty()) parse(carry_.data(), carry_.data() + carry_.size(), true);
    carry_.clear();
    carry_.shrink_to_fit();
    finished_ = true;
}

char* CsvReader::scratch_for(std::size_t bytes) {
    if (scratch_.size() < bytes) scratch_.resize(bytes);
    return scratch_.data();
}

// The header line decides the delimiter: count `,` and `;` outside quotes up to its end.
bool CsvReader::detect_delimiter(const char* p, const char* end, bool at_eof) {
    std::size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (; p < end; ++p) {
        char c = *p;
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            if (c == '\n' || c == '\r') break;
            commas += c == ',';
            semicolons += c == ';';
        }
    }
    if (p == end && !at_eof) return false;
    set_delimiter(semicolons > commas ? ';' : ',');
    return true;
}

std::size_t CsvReader::parse(const char* begin, const char* end, bool at_eof) {
    const char* p = begin;
    if (!bom_checked_) {
        std::size_t have = static_cast<std::size_t>(end - p);
        if (have < kBom.size() && !at_eof && kBom.substr(0, have) == std::string_view(p, have)) return 0;
        if (have >= kBom.size() && std::string_view(p, kBom.size()) == kBom) p += kBom.size();
        bom_checked_ = true;
    }

    while (p < end && !stopped_) {
        if (*p == '\n' || *p == '\r') {
            if (options_.skip_empty_lines) {
                std::size_t n = line_end_length(p, end, at_eof);
                if (n == 0) break;
                p += n;
                ++line_;
                continue;
            }
        } else if (*p == options_.comment && options_.comment != '\0') {
            // Comments are read raw: an apostrophe or quote in an instruction opens nothing.
            const char* q = p;
            while (q < end && *q != '\n' && *q != '\r') ++q;
            if (q == end) {
                if (!at_eof) break;
                p = end;
                continue;
            }
            std::size_t n = line_end_length(q, end, at_eof);
            if (n == 0) break;
            p = q + n;
            ++line_;
            continue;
        }
        if (delimiter_ == '\0' && !detect_delimiter(p, end, at_eof)) break;

        // Fast path, nearly every record of a real file: no quote before its line end, and the
        // line end well inside the input. Anything else is read again by parse_record.
        if (const char* next = parse_plain_records(p, end); next != p) {
            p = next;
            continue;
        }

        const char* next = parse_record(p, end, at_eof);
        if (!next) break;
        p = next;
    }
    return static_cast<std::size_t>(p - begin);
}

// One record by the general rules (quotes, doubled quotes, line ends inside quotes, any number
// of fields): fields until a line end outside quotes, or the end of the input. Returns where
// the next record starts, or nullptr when the record needs more input (line_ as it was). Its
// own function: parse() runs for every chunk, and stays small for V8's optimising compiler.
const char* CsvReader::parse_record(const char* p, const char* end, bool at_eof) {
    const char* const record_start = p;
    const std::size_t record_line = line_;
    std::size_t field_count = 0;
    auto add_field = [&](const char* data, std::size_t size) {
        if (field_count < fields_.size())
            fields_[field_count] = std::string_view(data, size);
        else
            fields_.emplace_back(data, size);
        ++field_count;
    };
    CsvProblem problem = CsvProblem::none;
    char* scratch = nullptr;       // unescaped quoted fields of this record
    std::size_t scratch_used = 0;
    Step step = Step::need_more;
    for (;;) {
        if (p < end && *p == '"') {
            ++p;
            const char* segment = p;  // not yet copied part of the field
            char* out_start = nullptr;  // set once a doubled quote forces a copy
            char* out = nullptr;
            auto take_field = [&](const char* segment_end) {
                if (!out_start) {
                    add_field(segment, static_cast<std::size_t>(segment_end - segment));
                    return;
                }
                std::size_t n = static_cast<std::size_t>(segment_end - segment);
                std::memcpy(out, segment, n);
                out += n;
                add_field(out_start, static_cast<std::size_t>(out - out_start));
                scratch_used += static_cast<std::size_t>(out - out_start);
            };
            bool need_more = false;
            for (;;) {
                while (p < end && !kQuoted.stop[byte(*p)]) ++p;
                if (p == end) {
                    if (!at_eof) {
                        need_more = true;
                    } else {
                        problem = CsvProblem::unterminated_quote;
                        take_field(p);
                    }
                    break;
                }
                if (*p == '"') {
                    if (p + 1 == end && !at_eof) {
                        need_more = true;  // a doubled quote may be split across chunks
                        break;
                    }
                    if (p + 1 < end && p[1] == '"') {
                        if (!out_start) {
                            // Unescaped text never exceeds the raw record: size once, so
                            // views into scratch_ stay valid for the whole record.
                            if (!scratch)
                                scratch = scratch_for(static_cast<std::size_t>(end - record_start));
                            out_start = out = scratch + scratch_used;
                        }
                        std::size_t n = static_cast<std::size_t>(p + 1 - segment);
                        std::memcpy(out, segment, n);
                        out += n;
                        p += 2;
                        segment = p;
                        continue;
                    }
                    take_field(p);
                    ++p;
                    if (p < end && !stop_unquoted_[byte(*p)]) {
                        problem = CsvProblem::text_after_closing_quote;
                        while (p < end && !stop_unquoted_[byte(*p)]) ++p;
                    }
                    break;
                }
                std::size_t n = line_end_length(p, end, at_eof);  // a line end inside quotes
                if (n == 0) {
                    need_more = true;
                    break;
                }
                p += n;
                ++line_;
            }
            if (need_more) break;
        } else {
            const char* start = p;
            while (p < end && !stop_unquoted_[byte(*p)]) ++p;
            add_field(start, static_cast<std::size_t>(p - start));
        }

        if (p == end) {
            if (at_eof) step = Step::done;
            break;
        }
        if (*p == delimiter_) {
            ++p;
            continue;
        }
        std::size_t n = line_end_length(p, end, at_eof);
        if (n == 0) break;
        p += n;
        ++line_;
        step = Step::done;
        break;
    }
    if (step == Step::need_more) {
        line_ = record_line;
        return nullptr;
    }
    if (!deliver(record_line, field_count, problem)) stopped_ = true;
    return p;
}

// Reads and delivers the plain records from p on: those with no '"', at most kPlainFields
// fields, and their line end at least 8 bytes before `end`. Stops before the first record that
// is not plain, or that starts with a line end or a comment (the general loop's cases), and
// returns where it stopped (p itself when the first record is not plain).
// The input is scanned once, 8 bytes at a time, across records: the word holding a line end
// goes on with the next record's first fields.
const char* CsvReader::parse_plain_records(const char* p, const char* end) {
    if (p + 8 > end || byte(delimiter_) >= 0x80) return p;  // plain_stops finds ASCII delimiters only
    const std::uint64_t delimiter = kOnes * byte(delimiter_);
    const char comment = options_.comment;
    std::string_view* const fields = fields_.data();
    const char* record = p;  // the record being split
    const char* field = p;
    std::size_t n = 0;
    const char* word = p;
    std::uint64_t marks = plain_stops(load8(word), delimiter);
    for (;;) {
        while (marks == 0) {
            word += 8;
            if (word + 8 > end) return record;
            marks = plain_stops(load8(word), delimiter);
        }
        const char* at = word + lowest_byte(marks);
        marks &= marks - 1;
        const char c = *at;
        if (c == delimiter_) {
            if (n + 1 == kPlainFields) return record;  // many fields: the general path
            fields[n++] = std::string_view(field, static_cast<std::size_t>(at - field));
            field = at + 1;
            continue;
        }
        if (c == '"') return record;
        if (c != '\n' && c != '\r') continue;  // a tab or another control byte inside a field: data
        const char* next = at + 1;
        if (c == '\r') {
            if (next == end) return record;  // a CR whose LF may be in the next chunk
            if (*next == '\n') ++next;
        }
        fields[n++] = std::string_view(field, static_cast<std::size_t>(at - field));
        ++line_;
        if (!deliver(line_ - 1, n, CsvProblem::none)) {
            stopped_ = true;
            return next;
        }
        // The next record, if it is plain too: the marks of its first bytes are in this word
        // (or the next one, after a line end at the word's last bytes).
        if (next == end || *next == '\n' || *next == '\r' || (*next == comment && comment != '\0')) return next;
        record = field = next;
        n = 0;
        if (next >= word + 8) {
            word += 8;
            if (word + 8 > end) return next;
            marks = plain_stops(load8(word), delimiter);
        }
        marks &= ~std::uint64_t{0} << (8 * static_cast<unsigned>(next - word));
    }
}

}  // namespace phonefleet
