#pragma once
// Helpers of the history's SQL (sqlite_history.cpp) that other reads of the store join in on
// their own connection (the device list marks its flapping devices, F18).
#include <cstdint>
#include <string>
#include <vector>

#include "store/sqlite_db.hpp"

namespace phonefleet::store {

// Which of these devices have a line flapping at now: one lookup per device of a page.
std::vector<std::string> flapping_of(Database& db, const std::vector<std::string>& macs, std::int64_t now);

}  // namespace phonefleet::store
