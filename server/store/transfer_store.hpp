#pragma once
// CSV transfer of devices (F7 export, F9 import): reads and writes in bulk. Used by
// DeviceTransferService.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phonefleet::store {

// One row of the device export (F7).
struct DeviceExportRow {
    std::string mac;
    std::string device_type;
    int available_lines = 0;
    std::string site;
    std::optional<std::string> multicell_station_id;
};

// One device of a bulk import, already validated (shared ImportValidator) and normalised.
struct ImportedDevice {
    std::string mac;
    std::int64_t site_id = 0;
    std::string device_type;
    std::optional<std::string> multicell_station_id;
};

class TransferStore {
public:
    virtual ~TransferStore() = default;

    // The export is read in batches in MAC order after `after_mac`, so that a streamed export
    // holds no connection between batches.
    virtual std::vector<DeviceExportRow> export_devices(std::int64_t customer_id, std::optional<std::int64_t> site_id,
                                                        std::string_view after_mac, int limit) = 0;
    // Inserts every device or none (call inside Transactions::transaction()).
    virtual void insert_devices(std::int64_t customer_id, const std::vector<ImportedDevice>& devices) = 0;
    // Which of these normalised MACs a device already has (any customer's), one answer each.
    virtual std::vector<bool> existing_macs(const std::vector<std::string>& macs) = 0;
};

}  // namespace phonefleet::store
