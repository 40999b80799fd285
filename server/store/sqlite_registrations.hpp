#pragma once
// Helpers of the SQLite store shared with sqlite_store.cpp (device_status reads the reboot).
#include <cstdint>
#include <optional>
#include <string_view>

#include "phonefleet/device.hpp"
#include "store/sqlite_db.hpp"

namespace phonefleet::store {

// The last reboot of a device as the status shows it: an accepted reboot whose window has
// closed reads "not_confirmed" even before the SIP side's sweep records it (F4).
std::optional<RebootReport> read_reboot_report(Database& db, std::string_view mac, std::int64_t now);

}  // namespace phonefleet::store
