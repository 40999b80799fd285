#pragma once
// device_rows(?): a table-valued function over devices held in C++ memory, for the bulk import
// (F9). The rows reach SQLite as they are, one call per column, instead of as a JSON text SQLite
// parses again: the JSON's building and parsing were a fifth of a 100,000-row import.
//   INSERT INTO devices(...) SELECT mac, site_id, device_type_id, multicell_station_id FROM device_rows(?1)
// with ?1 bound to a DeviceRowSpan (Statement::bind_pointer, kDeviceRowsPointer). The rows must
// outlive the statement's run.
#include <sqlite3.h>

#include <cstdint>
#include <string_view>
#include <cstddef>

namespace phonefleet::store {

struct DeviceRowsColumn {  // the function's columns, in this order
    enum : int { Mac, SiteId, DeviceTypeId, MulticellStationId, MacKey };
};

struct DeviceRow {
    std::string_view mac;        // normalised, 12 upper-case hex digits
    std::int64_t site_id = 0;
    std::int64_t device_type_id = 0;
    std::string_view multicell;  // empty: NULL
    std::int64_t mac_key = 0;    // the MAC as a 48-bit integer (the MAC search's rowid)
};

struct DeviceRowSpan {
    const DeviceRow* data = nullptr;
    std::size_t size = 0;
};

// Once per connection, before the first statement that names device_rows.
void register_device_rows(sqlite3* db);

// The pointer type device_rows accepts (sqlite3_bind_pointer): no other value reaches it.
inline constexpr const char* kDeviceRowsPointer = "phonefleet_device_rows";

}  // namespace phonefleet::store
