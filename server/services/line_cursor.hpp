#pragma once
// The `cursor=` of the Line States list (SPEC 4): opaque to clients, it names the customer and
// the last line shown (MAC, port). A cursor is only ever read for the customer it was made for:
// another customer's, or a damaged one, is refused without saying why.
#include <cstdint>
#include <optional>
#include <string>

#include "store/store.hpp"

namespace phonefleet::services {

std::string encode_line_cursor(std::int64_t customer_id, const store::LinePosition& after);
std::optional<store::LinePosition> decode_line_cursor(std::int64_t customer_id, const std::string& cursor);

// The history's (F18) names the device and the last entry shown (at, id): bound to that device.
std::string encode_history_cursor(const std::string& mac, const store::HistoryPosition& after);
std::optional<store::HistoryPosition> decode_history_cursor(const std::string& mac, const std::string& cursor);

}  // namespace phonefleet::services
