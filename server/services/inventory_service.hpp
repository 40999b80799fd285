#pragma once
// The inventory as one principal may see it (F1, F16): every call checks tenancy first and
// answers "not found" for another customer's data, exactly as for missing data.
#include <optional>
#include <string>
#include <vector>

#include "phonefleet/device.hpp"
#include "phonefleet/result.hpp"
#include "services/auth_service.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace phonefleet::services {

struct DeviceListParams {
    std::optional<std::int64_t> site_id;
    std::string device_type;
    std::string text;
    int page = 1;       // 1-based
    int per_page = 50;  // 1..500
};

class InventoryService {
public:
    InventoryService(store::Store& store, Clock clock, std::int64_t aging_window_s);

    std::vector<Customer> customers(const Principal& who);
    Result<DevicePage> devices(const Principal& who, std::int64_t customer_id, const DeviceListParams& params);

private:
    bool may_see(const Principal& who, const Customer& customer) const;

    store::Store& store_;
    Clock clock_;
    std::int64_t aging_window_s_;
};

}  // namespace phonefleet::services
