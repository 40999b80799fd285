#pragma once
// Tenancy: providers, their customers, the customers' sites. Read by every service that checks
// who may see what; the F12 switch is a setting of the provider, so it lives here too.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phonefleet/device.hpp"

namespace phonefleet::store {

struct ProviderRecord {
    std::int64_t id = 0;
    std::string name;
    bool line_state_export = false;  // F12
};

class TenancyStore {
public:
    virtual ~TenancyStore() = default;

    virtual std::int64_t insert_provider(std::string_view name) = 0;
    virtual std::optional<std::int64_t> find_provider_by_name(std::string_view name) = 0;
    // All providers, or one.
    virtual std::vector<ProviderRecord> list_providers(std::optional<std::int64_t> provider_id) = 0;
    virtual std::optional<ProviderRecord> find_provider(std::int64_t provider_id) = 0;
    virtual bool set_provider_line_state_export(std::int64_t provider_id, bool enabled) = 0;

    virtual std::int64_t insert_customer(std::int64_t provider_id, std::string_view name) = 0;
    // All customers, or those of one provider, or one customer.
    virtual std::vector<Customer> list_customers(std::optional<std::int64_t> provider_id,
                                                 std::optional<std::int64_t> customer_id) = 0;
    virtual std::optional<Customer> find_customer(std::int64_t customer_id) = 0;

    virtual std::int64_t insert_site(std::int64_t customer_id, std::string_view name) = 0;
    virtual std::vector<Site> list_sites(std::int64_t customer_id) = 0;
};

}  // namespace phonefleet::store
