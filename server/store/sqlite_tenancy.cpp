// SqliteStore as the TenancyStore: providers (with the F12 switch), customers, sites.
#include "store/sqlite_lease.hpp"
#include "store/sqlite_store.hpp"

namespace phonefleet::store {

std::int64_t SqliteStore::insert_provider(std::string_view name) {
    auto db = acquire();
    db->prepare("INSERT INTO providers(name) VALUES(?1)").bind(1, name).run();
    return db->last_insert_rowid();
}

std::optional<std::int64_t> SqliteStore::find_provider_by_name(std::string_view name) {
    auto db = acquire();
    auto s = db->prepare("SELECT id FROM providers WHERE name = ?1");
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return s.int64(0);
}

std::vector<ProviderRecord> SqliteStore::list_providers(std::optional<std::int64_t> provider_id) {
    auto db = acquire();
    auto s = db->prepare("SELECT id, name, line_state_export FROM providers WHERE (?1 IS NULL OR id = ?1) ORDER BY name, id");
    s.bind(1, provider_id);
    std::vector<ProviderRecord> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.int32(2) != 0});
    return out;
}

std::optional<ProviderRecord> SqliteStore::find_provider(std::int64_t provider_id) {
    auto list = list_providers(provider_id);
    if (list.empty()) return std::nullopt;
    return list.front();
}

bool SqliteStore::set_provider_line_state_export(std::int64_t provider_id, bool enabled) {
    auto db = acquire();
    db->prepare("UPDATE providers SET line_state_export = ?2 WHERE id = ?1").bind(1, provider_id).bind(2, enabled ? 1 : 0).run();
    return db->changes() == 1;
}

std::int64_t SqliteStore::insert_customer(std::int64_t provider_id, std::string_view name) {
    auto db = acquire();
    db->prepare("INSERT INTO customers(provider_id, name) VALUES(?1, ?2)").bind(1, provider_id).bind(2, name).run();
    return db->last_insert_rowid();
}

std::vector<Customer> SqliteStore::list_customers(std::optional<std::int64_t> provider_id,
                                                  std::optional<std::int64_t> customer_id) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT id, name, provider_id FROM customers "
        "WHERE (?1 IS NULL OR provider_id = ?1) AND (?2 IS NULL OR id = ?2) ORDER BY name, id");
    s.bind(1, provider_id).bind(2, customer_id);
    std::vector<Customer> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.int64(2)});
    return out;
}

std::optional<Customer> SqliteStore::find_customer(std::int64_t customer_id) {
    auto db = acquire();
    auto s = db->prepare("SELECT id, name, provider_id FROM customers WHERE id = ?1");
    s.bind(1, customer_id);
    if (!s.step()) return std::nullopt;
    return Customer{s.int64(0), s.text(1), s.int64(2)};
}

std::int64_t SqliteStore::insert_site(std::int64_t customer_id, std::string_view name) {
    auto db = acquire();
    db->prepare("INSERT INTO sites(customer_id, name) VALUES(?1, ?2)").bind(1, customer_id).bind(2, name).run();
    return db->last_insert_rowid();
}

std::vector<Site> SqliteStore::list_sites(std::int64_t customer_id) {
    auto db = acquire();
    auto s = db->prepare("SELECT id, name FROM sites WHERE customer_id = ?1 ORDER BY name, id");
    s.bind(1, customer_id);
    std::vector<Site> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1)});
    return out;
}

}  // namespace phonefleet::store
