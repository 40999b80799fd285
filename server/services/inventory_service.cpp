#include "services/inventory_service.hpp"

#include <algorithm>

namespace phonefleet::services {

InventoryService::InventoryService(store::Store& store, Clock clock, std::int64_t aging_window_s)
    : store_(store), clock_(std::move(clock)), aging_window_s_(aging_window_s) {}

bool InventoryService::may_see(const Principal& who, const Customer& c) const {
    switch (who.role) {
        case store::Role::Operator: return true;
        case store::Role::ProviderAdmin: return who.provider_id && *who.provider_id == c.provider_id;
        case store::Role::CustomerAdmin: return who.customer_id && *who.customer_id == c.id;
    }
    return false;
}

std::vector<Customer> InventoryService::customers(const Principal& who) {
    switch (who.role) {
        case store::Role::Operator: return store_.list_customers(std::nullopt, std::nullopt);
        case store::Role::ProviderAdmin:
            if (!who.provider_id) return {};
            return store_.list_customers(who.provider_id, std::nullopt);
        case store::Role::CustomerAdmin:
            if (!who.customer_id) return {};
            return store_.list_customers(std::nullopt, who.customer_id);
    }
    return {};
}

Result<DevicePage> InventoryService::devices(const Principal& who, std::int64_t customer_id,
                                             const DeviceListParams& p) {
    auto customer = store_.find_customer(customer_id);
    if (!customer || !may_see(who, *customer))
        return Error{"customer_not_found", "customer", std::to_string(customer_id)};
    if (p.page < 1) return Error{"bad_request", "page", std::to_string(p.page)};
    if (p.per_page < 1 || p.per_page > 500) return Error{"bad_request", "per_page", std::to_string(p.per_page)};

    store::DeviceQuery q;
    q.customer_id = customer_id;
    q.site_id = p.site_id;
    q.device_type = p.device_type;
    q.text = p.text;
    q.limit = p.per_page;
    q.offset = static_cast<std::int64_t>(p.page - 1) * p.per_page;
    return store_.list_devices(q, {clock_(), aging_window_s_});
}

}  // namespace phonefleet::services
