#pragma once
// The CSV reader's tests read a text whole and in chunks of awkward sizes: the records must not
// depend on where the chunks are cut.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "phonefleet/csv_reader.hpp"

namespace phonefleet::testing {

struct ReadRecord {
    std::size_t row;
    std::vector<std::string> fields;
    CsvProblem problem;
    bool operator==(const ReadRecord&) const = default;
};

inline std::vector<ReadRecord> read_in_chunks(std::string_view text, std::size_t chunk, CsvReaderOptions options = {}) {
    std::vector<ReadRecord> out;
    CsvReader reader(
        [&](const CsvRecord& r) {
            out.push_back({r.row, {r.fields.begin(), r.fields.end()}, r.problem});
            return true;
        },
        options);
    for (std::size_t at = 0; at < text.size(); at += chunk) reader.feed(text.substr(at, chunk));
    reader.finish();
    return out;
}

// The records of `text` read whole, after checking that every chunk size gives the same.
inline std::vector<ReadRecord> read_every_way(std::string_view text, CsvReaderOptions options,
                                              std::initializer_list<std::size_t> chunks) {
    auto whole = read_in_chunks(text, text.size() + 1, options);
    for (std::size_t chunk : chunks) REQUIRE(read_in_chunks(text, chunk, options) == whole);
    return whole;
}

}  // namespace phonefleet::testing
