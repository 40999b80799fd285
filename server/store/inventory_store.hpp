#pragma once
// Inventory: devices and their lines, one at a time (F1, F2, F5, F6). Bulk transfer is
// transfer_store.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "phonefleet/device.hpp"
#include "store/state_clock.hpp"

namespace phonefleet::store {

struct DeviceRecord {
    std::string mac;  // normalised
    std::int64_t customer_id = 0;
    std::int64_t site_id = 0;
    std::string device_type;  // catalog name
    std::optional<std::string> multicell_station_id;
};

struct LineRecord {
    std::string device_mac;
    int port = 1;
    std::string phone_number;
    std::string extension;
    std::string display_name;
    std::string sip_ha1_md5;     // digest HA1s for the SIP realm; the password itself is never kept
    std::string sip_ha1_sha256;
};

// Who owns a device and what its type allows: what tenancy checks and rules need.
struct DeviceOwner {
    std::string mac;
    std::int64_t customer_id = 0;
    std::int64_t provider_id = 0;
    int ports = 0;
    bool dect = false;
};

struct DeviceQuery {
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> site_id;
    std::string device_type;  // exact name, case-insensitive; empty = any
    std::string text;         // substring of MAC, type or site; empty = any
    std::optional<RegistrationState> state;
    std::int64_t offset = 0;
    int limit = 50;
};

class InventoryStore {
public:
    virtual ~InventoryStore() = default;

    virtual void insert_device(const DeviceRecord& device) = 0;
    virtual void insert_line(const LineRecord& line) = 0;
    virtual DevicePage list_devices(const DeviceQuery& query, const StateClock& clock) = 0;
    virtual std::optional<DeviceOwner> find_device_owner(std::string_view mac) = 0;
    virtual std::optional<DeviceStatus> device_status(std::string_view mac, const StateClock& clock) = 0;
    virtual bool delete_device(std::string_view mac) = 0;  // with its lines and registrations
    virtual bool phone_number_exists(std::string_view phone_number) = 0;
    virtual bool port_has_line(std::string_view mac, int port) = 0;
    virtual bool delete_line(std::string_view mac, int port) = 0;
};

}  // namespace phonefleet::store
