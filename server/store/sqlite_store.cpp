#include "store/sqlite_store.hpp"

#include "store/schema.hpp"

namespace phonefleet::store {
namespace {

// The connection pinned to this thread by a running transaction, and the store it belongs to.
thread_local SqliteStore* t_pinned_store = nullptr;
thread_local Database* t_pinned_db = nullptr;

User read_user(const Statement& s) {
    User u;
    u.id = s.int64(0);
    u.username = s.text(1);
    u.password_hash = s.text(2);
    u.role = parse_role(s.text_view(3)).value_or(Role::CustomerAdmin);
    u.provider_id = s.opt_int64(4);
    u.customer_id = s.opt_int64(5);
    return u;
}

std::string like_pattern(std::string_view text) {
    std::string p = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') p += '\\';
        p += c;
    }
    return p + "%";
}

}  // namespace

std::string_view to_string(Role role) {
    switch (role) {
        case Role::Operator: return "operator";
        case Role::ProviderAdmin: return "provider_admin";
        case Role::CustomerAdmin: return "customer_admin";
    }
    return "customer_admin";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "operator") return Role::Operator;
    if (text == "provider_admin") return Role::ProviderAdmin;
    if (text == "customer_admin") return Role::CustomerAdmin;
    return std::nullopt;
}

class SqliteStore::Lease {
public:
    Lease(SqliteStore* store, std::unique_ptr<Database> owned, Database* borrowed)
        : store_(store), owned_(std::move(owned)), db_(owned_ ? owned_.get() : borrowed) {}
    Lease(Lease&& other) noexcept = default;
    ~Lease() {
        if (owned_) store_->release(std::move(owned_));
    }
    Database& operator*() { return *db_; }
    Database* operator->() { return db_; }

private:
    SqliteStore* store_;
    std::unique_ptr<Database> owned_;
    Database* db_;
};

SqliteStore::SqliteStore(std::string path, std::size_t max_connections)
    : path_(std::move(path)), max_connections_(max_connections < 1 ? 1 : max_connections) {
    auto db = std::make_unique<Database>(path_);
    migrate(*db);
    ++open_connections_;
    idle_.push_back(std::move(db));
}

SqliteStore::~SqliteStore() = default;

SqliteStore::Lease SqliteStore::acquire() {
    if (t_pinned_store == this) return Lease(this, nullptr, t_pinned_db);
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_connections_ < max_connections_; });
    if (!idle_.empty()) {
        auto db = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(db), nullptr);
    }
    ++open_connections_;
    lock.unlock();
    try {
        return Lease(this, std::make_unique<Database>(path_), nullptr);
    } catch (...) {
        std::lock_guard relock(mutex_);
        --open_connections_;
        available_.notify_one();
        throw;
    }
}

void SqliteStore::release(std::unique_ptr<Database> db) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(db));
    available_.notify_one();
}

void SqliteStore::transaction(const std::function<void()>& fn) {
    if (t_pinned_store == this) {
        fn();
        return;
    }
    auto db = acquire();
    // IMMEDIATE takes the write lock up front: no deadlock upgrading a read to a write later.
    db->exec("BEGIN IMMEDIATE");
    t_pinned_store = this;
    t_pinned_db = &*db;
    try {
        fn();
        db->exec("COMMIT");
    } catch (...) {
        t_pinned_store = nullptr;
        t_pinned_db = nullptr;
        db->exec("ROLLBACK");
        throw;
    }
    t_pinned_store = nullptr;
    t_pinned_db = nullptr;
}

std::int64_t SqliteStore::insert_user(const User& u) {
    auto db = acquire();
    db->prepare("INSERT INTO users(username, password_hash, role, provider_id, customer_id) "
                "VALUES(?1, ?2, ?3, ?4, ?5)")
        .bind(1, u.username)
        .bind(2, u.password_hash)
        .bind(3, to_string(u.role))
        .bind(4, u.provider_id)
        .bind(5, u.customer_id)
        .run();
    return db->last_insert_rowid();
}

std::optional<User> SqliteStore::find_user_by_name(std::string_view username) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT id, username, password_hash, role, provider_id, customer_id FROM users WHERE username = ?1");
    s.bind(1, username);
    if (!s.step()) return std::nullopt;
    return read_user(s);
}

std::optional<User> SqliteStore::find_user_by_session(std::string_view token_hash, std::int64_t now) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT u.id, u.username, u.password_hash, u.role, u.provider_id, u.customer_id "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.expires_at > ?2");
    s.bind(1, token_hash).bind(2, now);
    if (!s.step()) return std::nullopt;
    return read_user(s);
}

void SqliteStore::insert_session(std::string_view token_hash, std::int64_t user_id, std::int64_t now,
                                 std::int64_t expires_at) {
    auto db = acquire();
    // Expired sessions are swept as new ones arrive: the table stays the size of live sessions.
    db->prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(1, now).run();
    db->prepare("INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, token_hash)
        .bind(2, user_id)
        .bind(3, now)
        .bind(4, expires_at)
        .run();
}

void SqliteStore::delete_session(std::string_view token_hash) {
    auto db = acquire();
    db->prepare("DELETE FROM sessions WHERE token_hash = ?1").bind(1, token_hash).run();
}

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

void SqliteStore::upsert_device_type(const DeviceTypeRecord& r) {
    auto db = acquire();
    db->prepare(
          "INSERT INTO device_types(name, vendor, ports, dect, reboot_event) VALUES(?1, ?2, ?3, ?4, ?5) "
          "ON CONFLICT(name) DO UPDATE SET vendor = excluded.vendor, ports = excluded.ports, "
          "dect = excluded.dect, reboot_event = excluded.reboot_event")
        .bind(1, r.type.name)
        .bind(2, r.type.vendor)
        .bind(3, r.type.ports)
        .bind(4, r.type.dect ? 1 : 0)
        .bind(5, r.reboot_event)
        .run();
}

void SqliteStore::approve_device_type(std::int64_t site_id, std::string_view device_type) {
    auto db = acquire();
    db->prepare(
          "INSERT OR IGNORE INTO site_device_types(site_id, device_type_id) "
          "SELECT ?1, id FROM device_types WHERE name = ?2")
        .bind(1, site_id)
        .bind(2, device_type)
        .run();
}

void SqliteStore::insert_device(const DeviceRecord& d) {
    auto db = acquire();
    db->prepare(
          "INSERT INTO devices(mac, customer_id, site_id, device_type_id, multicell_station_id, created_at) "
          "SELECT ?1, ?2, ?3, id, ?5, unixepoch() FROM device_types WHERE name = ?4")
        .bind(1, d.mac)
        .bind(2, d.customer_id)
        .bind(3, d.site_id)
        .bind(4, d.device_type)
        .bind(5, d.multicell_station_id)
        .run();
    if (db->changes() != 1) throw StoreError("unknown device type " + d.device_type);
}

void SqliteStore::insert_line(const LineRecord& l) {
    auto db = acquire();
    db->prepare(
          "INSERT INTO lines(device_mac, port, phone_number, extension, display_name, sip_ha1_md5, sip_ha1_sha256) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, l.device_mac)
        .bind(2, l.port)
        .bind(3, l.phone_number)
        .bind(4, l.extension)
        .bind(5, l.display_name)
        .bind(6, l.sip_ha1_md5)
        .bind(7, l.sip_ha1_sha256)
        .run();
}

DevicePage SqliteStore::list_devices(const DeviceQuery& q, const StateClock& clock) {
    auto db = acquire();
    static const std::string kWhere =
        " FROM devices d JOIN sites s ON s.id = d.site_id JOIN device_types t ON t.id = d.device_type_id"
        " WHERE d.customer_id = ?1 AND (?2 IS NULL OR d.site_id = ?2)"
        " AND (?3 IS NULL OR t.name = ?3)"
        " AND (?4 IS NULL OR d.mac LIKE ?4 ESCAPE '\\' OR s.name LIKE ?4 ESCAPE '\\'"
        "      OR t.name LIKE ?4 ESCAPE '\\')";
    auto bind_filters = [&](Statement& s) {
        s.bind(1, q.customer_id).bind(2, q.site_id);
        if (q.device_type.empty()) s.bind_null(3); else s.bind(3, q.device_type);
        if (q.text.empty()) s.bind_null(4); else s.bind(4, like_pattern(q.text));
    };

    DevicePage page;
    {
        auto s = db->prepare("SELECT count(*)" + kWhere);
        bind_filters(s);
        if (s.step()) page.total = s.int64(0);
    }
    auto s = db->prepare(
        "SELECT d.mac, t.name, s.name, s.id, d.multicell_station_id, t.dect,"
        " t.ports - (SELECT count(*) FROM lines l WHERE l.device_mac = d.mac)" +
        kWhere + " ORDER BY d.mac LIMIT ?5 OFFSET ?6");
    bind_filters(s);
    s.bind(5, q.limit).bind(6, q.offset);
    while (s.step()) {
        Device d;
        d.mac = s.text(0);
        d.device_type = s.text(1);
        d.site = s.text(2);
        d.site_id = s.int64(3);
        if (s.int32(5) != 0) d.multicell_station_id = s.opt_text(4);
        d.available_lines = s.int32(6);
        page.items.push_back(std::move(d));
    }

    // Device state (SPEC 3): the best state of the bindings of all its lines.
    auto b = db->prepare(
        "SELECT r.expires_at, r.probe_failed_at FROM registrations r JOIN lines l ON l.id = r.line_id "
        "WHERE l.device_mac = ?1");
    for (auto& d : page.items) {
        b.bind(1, d.mac);
        RegistrationState state = RegistrationState::Unregistered;
        while (b.step())
            state = best_state(state, binding_state({b.int64(0), b.opt_int64(1)}, clock.now, clock.aging_window_s));
        b.reset();
        d.state = state;
    }
    return page;
}

}  // namespace phonefleet::store
