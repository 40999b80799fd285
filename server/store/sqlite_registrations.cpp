// The registrar's, prober's and rebooter's SQL (SPEC 7, F3, F4). The triggers of schema
// migration 3 keep each device's state instants in step with these writes.
#include "store/sqlite_lease.hpp"
#include "store/sqlite_registrations.hpp"

namespace phonefleet::store {
namespace {

constexpr const char* kBindingColumns =
    "r.id, r.line_id, r.contact_uri, r.remote_addr, r.host_ip, r.registered_to, r.user_agent,"
     " r.registered_at, r.expires_at, r.probe_failed_at, l.phone_number, l.device_mac, r.call_id, r.cseq";

Binding read_binding(const Statement& s) {
    Binding b;
    b.id = s.int64(0);
    b.line_id = s.int64(1);
    b.contact_uri = s.text(2);
    b.remote_addr = s.text(3);
    b.host_ip = s.text(4);
    b.registered_to = s.text(5);
    b.user_agent = s.text(6);
    b.registered_at = s.int64(7);
    b.expires_at = s.int64(8);
    b.probe_failed_at = s.opt_int64(9);
    b.aor_user = s.text(10);
    b.device_mac = s.text(11);
    b.call_id = s.text(12);
    b.cseq = static_cast<std::uint32_t>(s.int64(13));
    return b;
}

RebootRecord read_reboot(const Statement& s) {
    RebootRecord r;
    r.device_mac = s.text(0);
    r.state = s.text(1);
    r.at = s.int64(2);
    r.sent_at = s.int64(3);
    r.confirm_deadline = s.int64(4);
    if (!s.is_null(5)) r.sip_status = s.int32(5);
    r.sip_reason = s.text(6);
    return r;
}

constexpr const char* kRebootColumns =
    "device_mac, state, at, sent_at, confirm_deadline, sip_status, sip_reason";

}  // namespace

std::optional<RebootReport> read_reboot_report(Database& db, std::string_view mac, std::int64_t now) {
    auto s = db.prepare(std::string("SELECT ") + kRebootColumns + " FROM reboots WHERE device_mac = ?1");
    s.bind(1, mac);
    if (!s.step()) return std::nullopt;
    auto r = read_reboot(s);
    if (r.state == "accepted" && now > r.confirm_deadline) return RebootReport{"not_confirmed", r.confirm_deadline, r.sip_status, r.sip_reason};
    return RebootReport{r.state, r.at, r.sip_status, r.sip_reason};
}

std::optional<SipAccount> SqliteStore::find_sip_account(std::string_view username) {
    auto db = acquire();
    auto s = db->prepare("SELECT id, device_mac, sip_ha1_md5, sip_ha1_sha256 FROM lines WHERE phone_number = ?1");
    s.bind(1, username);
    if (!s.step()) return std::nullopt;
    return SipAccount{s.int64(0), s.text(1), s.text(2), s.text(3)};
}

void SqliteStore::upsert_binding(const Binding& b) {
    auto db = acquire();
    db->prepare(
          "INSERT INTO registrations(line_id, contact_uri, remote_addr, host_ip, registered_to, user_agent,"
          " registered_at, expires_at, probe_failed_at, call_id, cseq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?10)"
          " ON CONFLICT(line_id, contact_uri) DO UPDATE SET remote_addr = excluded.remote_addr,"
          " host_ip = excluded.host_ip, registered_to = excluded.registered_to, user_agent = excluded.user_agent,"
          " registered_at = excluded.registered_at, expires_at = excluded.expires_at, probe_failed_at = NULL,"
          " call_id = excluded.call_id, cseq = excluded.cseq")
        .bind(1, b.line_id)
        .bind(2, b.contact_uri)
        .bind(3, b.remote_addr)
        .bind(4, b.host_ip)
        .bind(5, b.registered_to)
        .bind(6, b.user_agent)
        .bind(7, b.registered_at)
        .bind(8, b.expires_at)
        .bind(9, b.call_id)
        .bind(10, static_cast<std::int64_t>(b.cseq))
        .run();
}

void SqliteStore::delete_binding(std::int64_t line_id, std::string_view contact_uri) {
    auto db = acquire();
    db->prepare("DELETE FROM registrations WHERE line_id = ?1 AND contact_uri = ?2")
        .bind(1, line_id)
        .bind(2, contact_uri)
        .run();
}

void SqliteStore::delete_bindings(std::int64_t line_id) {
    auto db = acquire();
    db->prepare("DELETE FROM registrations WHERE line_id = ?1").bind(1, line_id).run();
}

std::vector<Binding> SqliteStore::line_bindings(std::int64_t line_id, std::int64_t now) {
    auto db = acquire();
    auto s = db->prepare(std::string("SELECT ") + kBindingColumns +
                         " FROM registrations r JOIN lines l ON l.id = r.line_id"
                         " WHERE r.line_id = ?1 AND r.expires_at > ?2 ORDER BY r.id");
    s.bind(1, line_id).bind(2, now);
    std::vector<Binding> out;
    while (s.step()) out.push_back(read_binding(s));
    return out;
}

std::vector<Binding> SqliteStore::device_bindings(std::string_view mac, std::int64_t now) {
    auto db = acquire();
    auto s = db->prepare(std::string("SELECT ") + kBindingColumns +
                         " FROM registrations r JOIN lines l ON l.id = r.line_id"
                         " WHERE l.device_mac = ?1 AND r.expires_at > ?2 ORDER BY l.port, r.id");
    s.bind(1, mac).bind(2, now);
    std::vector<Binding> out;
    while (s.step()) out.push_back(read_binding(s));
    return out;
}

std::vector<Binding> SqliteStore::customer_bindings(std::int64_t customer_id, std::optional<std::int64_t> site_id,
                                                   std::int64_t now) {
    auto db = acquire();
    // Devices by customer (or site) index, then their lines and bindings by theirs.
    auto s = db->prepare(std::string("SELECT ") + kBindingColumns +
                         " FROM devices d JOIN lines l ON l.device_mac = d.mac JOIN registrations r ON r.line_id = l.id"
                         " WHERE d.customer_id = ?1 AND (?2 IS NULL OR d.site_id = ?2) AND r.expires_at > ?3"
                         " ORDER BY d.mac, l.port, r.id");
    s.bind(1, customer_id).bind(2, site_id).bind(3, now);
    std::vector<Binding> out;
    while (s.step()) out.push_back(read_binding(s));
    return out;
}

void SqliteStore::set_probe_failed(std::int64_t binding_id, std::optional<std::int64_t> at) {
    auto db = acquire();
    // Only a change: an unchanged row would still run the device-times trigger (migration 3).
    db->prepare("UPDATE registrations SET probe_failed_at = ?2 WHERE id = ?1 AND probe_failed_at IS NOT ?2")
        .bind(1, binding_id)
        .bind(2, at)
        .run();
}

void SqliteStore::set_device_probe(std::string_view mac, const ProbeResult& p) {
    auto db = acquire();
    db->prepare("UPDATE devices SET probe_reachable = ?2, probe_rtt_ms = ?3, probe_checked_at = ?4 WHERE mac = ?1")
        .bind(1, mac)
        .bind(2, p.reachable ? 1 : 0)
        .bind(3, p.rtt_ms)
        .bind(4, p.checked_at)
        .run();
}

std::optional<std::string> SqliteStore::reboot_event(std::string_view mac) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT t.reboot_event FROM devices d JOIN device_types t ON t.id = d.device_type_id WHERE d.mac = ?1");
    s.bind(1, mac);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

void SqliteStore::save_reboot(const RebootRecord& r) {
    auto db = acquire();
    db->prepare(std::string("INSERT OR REPLACE INTO reboots(") + kRebootColumns + ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, r.device_mac)
        .bind(2, r.state)
        .bind(3, r.at)
        .bind(4, r.sent_at)
        .bind(5, r.confirm_deadline)
        .bind(6, r.sip_status)
        .bind(7, r.sip_reason)
        .run();
}

std::optional<RebootRecord> SqliteStore::find_reboot(std::string_view mac) {
    auto db = acquire();
    auto s = db->prepare(std::string("SELECT ") + kRebootColumns + " FROM reboots WHERE device_mac = ?1");
    s.bind(1, mac);
    if (!s.step()) return std::nullopt;
    return read_reboot(s);
}

std::vector<RebootRecord> SqliteStore::overdue_reboots(std::int64_t now) {
    auto db = acquire();
    auto s = db->prepare(std::string("SELECT ") + kRebootColumns +
                         " FROM reboots WHERE state = 'accepted' AND confirm_deadline < ?1");
    s.bind(1, now);
    std::vector<RebootRecord> out;
    while (s.step()) out.push_back(read_reboot(s));
    return out;
}

}  // namespace phonefleet::store
