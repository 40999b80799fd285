#pragma once
// The inventory as one principal may see and change it (F1, F2, F5, F6, F10, F16): every call
// checks tenancy first and answers "not found" for another customer's data, exactly as for
// missing data; every change is one transaction and leaves an audit event.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "phonefleet/device.hpp"
#include "phonefleet/inventory_rules.hpp"
#include "phonefleet/result.hpp"
#include "services/audit_log.hpp"
#include "services/auth_service.hpp"
#include "services/clock.hpp"
#include "store/catalog_store.hpp"
#include "store/inventory_store.hpp"
#include "store/tenancy_store.hpp"
#include "store/transactions.hpp"

namespace phonefleet::services {

struct DeviceListParams {
    std::optional<std::int64_t> site_id;
    std::string device_type;
    std::string text;
    std::optional<RegistrationState> state;
    int page = 1;       // 1-based
    int per_page = 50;  // 1..500
};

using Done = std::monostate;

// A device just added (F5) and what it was added with despite (SPEC 5: warnings never block).
struct AddedDevice {
    DeviceStatus status;
    std::vector<Error> warnings;  // mac_vendor_mismatch
};

class InventoryService {
public:
    // Several roles: devices are checked against their customer (tenancy) and its sites' approved
    // types (catalog), and changed with their audit entry in one transaction.
    InventoryService(store::InventoryStore& inventory, store::TenancyStore& tenancy, store::CatalogStore& catalog,
                     store::Transactions& transactions, AuditLog& audit, Clock clock, std::int64_t aging_window_s,
                     std::string sip_domain);

    std::vector<Customer> customers(const Principal& who);
    Result<std::vector<Site>> sites(const Principal& who, std::int64_t customer_id);
    std::vector<DeviceType> device_types();
    Result<std::vector<DeviceType>> approved_types(const Principal& who, std::int64_t customer_id, std::int64_t site_id);

    Result<DevicePage> devices(const Principal& who, std::int64_t customer_id, const DeviceListParams& params);
    Result<DeviceStatus> status(const Principal& who, const std::string& mac);
    Result<AddedDevice> add_device(const Principal& who, std::int64_t customer_id, const NewDevice& input);
    Result<Done> remove_device(const Principal& who, const std::string& mac);
    Result<LineCredentials> assign_line(const Principal& who, const std::string& mac, int port,
                                        const LineAssignment& line);
    Result<Done> unassign_line(const Principal& who, const std::string& mac, int port);

private:
    Result<Customer> visible_customer(const Principal& who, std::int64_t customer_id);
    Result<store::DeviceOwner> visible_device(const Principal& who, const std::string& mac);
    store::StateClock state_clock() const { return {clock_(), aging_window_s_}; }

    std::optional<Customer> find_customer(std::int64_t customer_id);

    store::InventoryStore& inventory_;
    store::TenancyStore& tenancy_;
    store::CatalogStore& catalog_;
    store::Transactions& transactions_;
    AuditLog& audit_;
    Clock clock_;
    std::int64_t aging_window_s_;
    std::string sip_domain_;
    struct CachedCustomer {
        Customer customer;
        std::int64_t valid_until = 0;
    };
    std::mutex customers_mutex_;
    std::unordered_map<std::int64_t, CachedCustomer> customers_;  // found in the store, for a few seconds
};

}  // namespace phonefleet::services
