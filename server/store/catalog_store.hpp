#pragma once
// The device catalog and which types each site approves: what a new device is checked against
// (inventory, imports).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "phonefleet/device.hpp"
#include "phonefleet/inventory_rules.hpp"

namespace phonefleet::store {

struct DeviceTypeRecord {
    DeviceType type;
    std::string reboot_event = "check-sync";  // SIP NOTIFY event of the vendor (SPEC 7)
};

class CatalogStore {
public:
    virtual ~CatalogStore() = default;

    virtual void upsert_device_type(const DeviceTypeRecord& record) = 0;
    virtual void approve_device_type(std::int64_t site_id, std::string_view device_type) = 0;
    virtual std::vector<DeviceType> list_device_types() = 0;
    virtual std::vector<SiteApprovals> list_site_approvals(std::int64_t customer_id) = 0;
};

}  // namespace phonefleet::store
