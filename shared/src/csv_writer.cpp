#include "phonefleet/csv_writer.hpp"

#include <string>

namespace phonefleet {

bool needs_formula_guard(std::string_view cell) {
    if (cell.empty()) return false;
    char c = cell.front();
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

CsvWriter::CsvWriter(std::string& out, char delimiter) : out_(out), delimiter_(delimiter) {}

CsvWriter::CsvWriter(Sink sink, char delimiter, std::size_t flush_at)
    : out_(own_), sink_(std::move(sink)), delimiter_(delimiter), flush_at_(flush_at) {
    own_.reserve(flush_at_ + 256);
}

CsvWriter::~CsvWriter() { flush(); }

void CsvWriter::flush() {
    if (!sink_ || own_.empty()) return;
    sink_(own_);
    own_.clear();
}

void CsvWriter::maybe_flush() {
    if (sink_ && own_.size() >= flush_at_) flush();
}

CsvWriter& CsvWriter::cell(std::string_view value) {
    // A first cell starting with '#' is quoted, or a reader would take the line for a comment.
    bool quote = !row_started_ && !value.empty() && value.front() == '#';
    if (row_started_) out_ += delimiter_;
    row_started_ = true;
    bool guard = needs_formula_guard(value);
    for (char c : value) {
        if (c == delimiter_ || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        if (guard) out_ += '\'';
        out_ += value;
        return *this;
    }
    out_ += '"';
    if (guard) out_ += '\'';
    for (char c : value) {
        if (c == '"') out_ += '"';
        out_ += c;
    }
    out_ += '"';
    return *this;
}

CsvWriter& CsvWriter::cell(long long value) {
    // Numbers are written bare: a negative one is data of ours, not a formula.
    if (row_started_) out_ += delimiter_;
    row_started_ = true;
    out_ += std::to_string(value);
    return *this;
}

CsvWriter& CsvWriter::end_row() {
    out_ += "\r\n";
    row_started_ = false;
    maybe_flush();
    return *this;
}

CsvWriter& CsvWriter::row(std::initializer_list<std::string_view> cells) {
    for (auto c : cells) cell(c);
    return end_row();
}

CsvWriter& CsvWriter::raw(std::string_view text) {
    out_ += text;
    maybe_flush();
    return *this;
}

}  // namespace phonefleet
