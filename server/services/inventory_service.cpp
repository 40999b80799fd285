#include "services/inventory_service.hpp"

#include <algorithm>

#include "phonefleet/mac_address.hpp"
#include "services/secrets.hpp"
#include "services/tenancy.hpp"

namespace phonefleet::services {
namespace {

AuditScope scope_of(const Principal& who) { return {who.provider_id, who.customer_id}; }
AuditScope scope_of(const store::DeviceOwner& d) { return {d.provider_id, d.customer_id}; }
AuditScope scope_of(const Customer& c) { return {c.provider_id, c.id}; }

}  // namespace

InventoryService::InventoryService(store::InventoryStore& inventory, store::TenancyStore& tenancy,
                                   store::CatalogStore& catalog, store::Transactions& transactions, AuditLog& audit,
                                   Clock clock, std::int64_t aging_window_s, std::string sip_domain)
    : inventory_(inventory), tenancy_(tenancy), catalog_(catalog), transactions_(transactions), audit_(audit),
      clock_(std::move(clock)), aging_window_s_(aging_window_s), sip_domain_(std::move(sip_domain)) {}

// Every inventory request reads its customer for the tenancy check (a tenth of the cost of a
// device page). A customer's id and provider, all that tenancy reads, are fixed when it is
// created and no route changes or removes one, so a customer found in the store is reused for
// kCustomerCacheS seconds; one not found is never cached, so a new customer is seen at once.
// The store stays the source of truth: a change made there is seen within those seconds.
std::optional<Customer> InventoryService::find_customer(std::int64_t customer_id) {
    constexpr std::int64_t kCustomerCacheS = 2;
    constexpr std::size_t kMaxCustomers = 4096;
    const std::int64_t now = clock_();
    {
        std::lock_guard lock(customers_mutex_);
        auto it = customers_.find(customer_id);
        if (it != customers_.end() && now < it->second.valid_until) return it->second.customer;
    }
    auto customer = tenancy_.find_customer(customer_id);
    if (customer) {
        std::lock_guard lock(customers_mutex_);
        if (customers_.size() >= kMaxCustomers) customers_.clear();
        customers_[customer_id] = {*customer, now + kCustomerCacheS};
    }
    return customer;
}

Result<Customer> InventoryService::visible_customer(const Principal& who, std::int64_t customer_id) {
    auto customer = find_customer(customer_id);
    if (!customer || !may_access(who, *customer))
        return Error{"customer_not_found", "customer", std::to_string(customer_id)};
    return *customer;
}

Result<store::DeviceOwner> InventoryService::visible_device(const Principal& who, const std::string& mac_text) {
    auto mac = MacAddress::parse_any(mac_text);
    if (!mac) return Error{"device_not_found", "mac", mac_text};
    auto owner = inventory_.find_device_owner(mac.value().normalized());
    if (!owner || !may_access_customer(who, owner->customer_id, owner->provider_id))
        return Error{"device_not_found", "mac", mac_text};
    return *owner;
}

std::vector<Customer> InventoryService::customers(const Principal& who) {
    switch (who.role) {
        case store::Role::Operator: return tenancy_.list_customers(std::nullopt, std::nullopt);
        case store::Role::ProviderAdmin:
            if (!who.provider_id) return {};
            return tenancy_.list_customers(who.provider_id, std::nullopt);
        case store::Role::CustomerAdmin:
            if (!who.customer_id) return {};
            return tenancy_.list_customers(std::nullopt, who.customer_id);
    }
    return {};
}

Result<std::vector<Site>> InventoryService::sites(const Principal& who, std::int64_t customer_id) {
    auto c = visible_customer(who, customer_id);
    if (!c) return c.error();
    return tenancy_.list_sites(customer_id);
}

std::vector<DeviceType> InventoryService::device_types() { return catalog_.list_device_types(); }

Result<std::vector<DeviceType>> InventoryService::approved_types(const Principal& who, std::int64_t customer_id,
                                                                 std::int64_t site_id) {
    auto c = visible_customer(who, customer_id);
    if (!c) return c.error();
    auto approvals = catalog_.list_site_approvals(customer_id);
    auto site = std::find_if(approvals.begin(), approvals.end(), [&](const auto& a) { return a.site.id == site_id; });
    if (site == approvals.end()) return Error{"not_found", "site", std::to_string(site_id)};
    auto catalog = catalog_.list_device_types();
    std::vector<DeviceType> out;
    for (const auto& name : site->approved_types)
        if (const auto* t = find_device_type(catalog, name)) out.push_back(*t);
    return out;
}

Result<DevicePage> InventoryService::devices(const Principal& who, std::int64_t customer_id,
                                             const DeviceListParams& p) {
    auto c = visible_customer(who, customer_id);
    if (!c) return c.error();
    if (p.page < 1) return Error{"bad_request", "page", std::to_string(p.page)};
    if (p.per_page < 1 || p.per_page > 500) return Error{"bad_request", "per_page", std::to_string(p.per_page)};

    store::DeviceQuery q;
    q.customer_id = customer_id;
    q.site_id = p.site_id;
    q.device_type = p.device_type;
    q.text = p.text;
    q.state = p.state;
    q.limit = p.per_page;
    q.offset = static_cast<std::int64_t>(p.page - 1) * p.per_page;
    return inventory_.list_devices(q, state_clock());
}

Result<DeviceStatus> InventoryService::status(const Principal& who, const std::string& mac) {
    auto owner = visible_device(who, mac);
    if (!owner) return owner.error();
    auto st = inventory_.device_status(owner.value().mac, state_clock());
    if (!st) return Error{"device_not_found", "mac", mac};
    return *st;
}

Result<AddedDevice> InventoryService::add_device(const Principal& who, std::int64_t customer_id,
                                                 const NewDevice& input) {
    auto customer = visible_customer(who, customer_id);
    if (!customer) return customer.error();
    Result<AddedDevice> result = Error{"internal_error", "", ""};
    transactions_.transaction([&] {
        const auto approvals = catalog_.list_site_approvals(customer_id);
        const auto catalog = catalog_.list_device_types();
        auto errors = validate_new_device(input, approvals, catalog);
        if (!errors.empty()) {
            result = Error{"validation_failed", "", "", std::move(errors)};
            return;
        }
        auto valid = *normalize_new_device(input, approvals, catalog);
        // A MAC is globally unique: it may belong to another customer. The refusal cannot be
        // hidden, but it does not say the MAC exists there (mac_unavailable, audited below).
        if (auto owner = inventory_.find_device_owner(valid.mac)) {
            result = Error{owner->customer_id == customer_id ? "mac_exists" : "mac_unavailable", "mac", input.mac};
            return;
        }
        inventory_.insert_device(
            {valid.mac, customer_id, valid.site_id, valid.device_type, valid.multicell_station_id});
        audit_.record(who, scope_of(customer.value()), "device.add", valid.mac, "ok", valid.device_type);
        result = AddedDevice{*inventory_.device_status(valid.mac, state_clock()), new_device_warnings(input, catalog)};
    });
    if (!result) audit_.record(who, scope_of(customer.value()), "device.add", input.mac, result.error().code);
    return result;
}

Result<Done> InventoryService::remove_device(const Principal& who, const std::string& mac) {
    Result<Done> result = Error{"internal_error", "", ""};
    std::optional<store::DeviceOwner> owner;
    transactions_.transaction([&] {
        auto found = visible_device(who, mac);
        if (!found) {
            result = found.error();
            return;
        }
        owner = found.value();
        inventory_.delete_device(owner->mac);
        audit_.record(who, scope_of(*owner), "device.remove", owner->mac, "ok");
        result = Done{};
    });
    if (!result) audit_.record(who, scope_of(who), "device.remove", mac, result.error().code);
    return result;
}

Result<LineCredentials> InventoryService::assign_line(const Principal& who, const std::string& mac, int port,
                                                      const LineAssignment& line) {
    Result<LineCredentials> result = Error{"internal_error", "", ""};
    AuditScope scope = scope_of(who);
    std::string target = mac + "/" + std::to_string(port);
    transactions_.transaction([&] {
        auto found = visible_device(who, mac);
        if (!found) {
            result = found.error();
            return;
        }
        const auto& owner = found.value();
        scope = scope_of(owner);
        target = owner.mac + "/" + std::to_string(port);
        if (auto errors = validate_line(line, port, owner.ports); !errors.empty()) {
            result = Error{"validation_failed", "", "", std::move(errors)};
            return;
        }
        if (inventory_.port_has_line(owner.mac, port)) {
            result = Error{"port_busy", "port", std::to_string(port)};
            return;
        }
        if (inventory_.phone_number_exists(line.phone_number)) {
            result = Error{"phone_number_exists", "phone_number", line.phone_number};
            return;
        }
        // The password exists only in this answer; the registrar keeps its digests.
        const auto password = random_sip_password();
        store::LineRecord record{owner.mac, port, line.phone_number, line.extension, line.display_name,
                                 digest_ha1("MD5", line.phone_number, sip_domain_, password),
                                 digest_ha1("SHA-256", line.phone_number, sip_domain_, password)};
        inventory_.insert_line(record);
        audit_.record(who, scope, "line.assign", target, "ok", line.phone_number);
        result = LineCredentials{{port, line.phone_number, line.extension, line.display_name,
                                  RegistrationState::Unregistered},
                                 line.phone_number, password, sip_domain_};
    });
    if (!result) audit_.record(who, scope, "line.assign", target, result.error().code);
    return result;
}

Result<Done> InventoryService::unassign_line(const Principal& who, const std::string& mac, int port) {
    Result<Done> result = Error{"internal_error", "", ""};
    AuditScope scope = scope_of(who);
    std::string target = mac + "/" + std::to_string(port);
    transactions_.transaction([&] {
        auto found = visible_device(who, mac);
        if (!found) {
            result = found.error();
            return;
        }
        scope = scope_of(found.value());
        target = found.value().mac + "/" + std::to_string(port);
        if (!inventory_.delete_line(found.value().mac, port)) {
            result = Error{"line_not_found", "port", std::to_string(port)};
            return;
        }
        audit_.record(who, scope, "line.unassign", target, "ok");
        result = Done{};
    });
    if (!result) audit_.record(who, scope, "line.unassign", target, result.error().code);
    return result;
}

}  // namespace phonefleet::services
