#pragma once
// Every piece of SQL of the server lives behind this interface. SQLite (sqlite_store) is the
// embedded default; a PostgreSQL implementation for several instances can come beside it.
// Methods return values for expected outcomes (absent rows are std::nullopt) and throw
// StoreError only for the unexpected (I/O, corruption), which the HTTP layer maps to 500.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phonefleet/device.hpp"
#include "phonefleet/inventory_rules.hpp"

namespace phonefleet::store {

enum class Role { Operator, ProviderAdmin, CustomerAdmin };
std::string_view to_string(Role role);  // "operator", "provider_admin", "customer_admin"
std::optional<Role> parse_role(std::string_view text);

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string password_hash;  // argon2id string (libsodium crypto_pwhash_str)
    Role role = Role::CustomerAdmin;
    std::optional<std::int64_t> provider_id;  // provider admins (and customer admins' provider)
    std::optional<std::int64_t> customer_id;  // customer admins
};

struct DeviceTypeRecord {
    DeviceType type;
    std::string reboot_event = "check-sync";  // SIP NOTIFY event of the vendor (SPEC 7)
};

struct DeviceRecord {
    std::string mac;  // normalised
    std::int64_t customer_id = 0;
    std::int64_t site_id = 0;
    std::string device_type;  // catalog name
    std::optional<std::string> multicell_station_id;
};

struct LineRecord {
    std::string device_mac;
    int port = 1;
    std::string phone_number;
    std::string extension;
    std::string display_name;
    std::string sip_ha1_md5;     // digest HA1s for the SIP realm; the password itself is never kept
    std::string sip_ha1_sha256;
};

// Who owns a device and what its type allows: what tenancy checks and rules need.
struct DeviceOwner {
    std::string mac;
    std::int64_t customer_id = 0;
    std::int64_t provider_id = 0;
    int ports = 0;
    bool dect = false;
};

struct AuditEvent {
    std::int64_t id = 0;
    std::int64_t at = 0;
    std::string actor;  // user name
    std::optional<std::int64_t> provider_id;
    std::optional<std::int64_t> customer_id;
    std::string action;   // "device.add", "line.assign", ...
    std::string target;   // MAC, MAC/port, token id
    std::string outcome;  // "ok" or the error code
    std::string detail;
};

struct AuditQuery {
    std::optional<std::int64_t> provider_id;
    std::optional<std::int64_t> customer_id;
    int limit = 200;
};

struct ApiToken {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string name;
    bool can_write = false;
    std::int64_t created_at = 0;
};

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

struct DeviceQuery {
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> site_id;
    std::string device_type;  // exact name, case-insensitive; empty = any
    std::string text;         // substring of MAC, type or site; empty = any
    std::optional<RegistrationState> state;
    std::int64_t offset = 0;
    int limit = 50;
};

// SIP (SPEC 7): a line as the registrar sees it (username = phone number).
struct SipAccount {
    std::int64_t line_id = 0;
    std::string device_mac;
    std::string ha1_md5;
    std::string ha1_sha256;
};

// One contact binding of a line (RFC 3261 10.3), as the registrations table keeps it.
struct Binding {
    std::int64_t id = 0;
    std::int64_t line_id = 0;
    std::string contact_uri;
    std::string remote_addr;    // ip:port the REGISTER came from (where we send requests)
    std::string host_ip;        // the phone's own address (Contact/Via host)
    std::string registered_to;  // our ip:port it reached
    std::string user_agent;
    std::int64_t registered_at = 0;
    std::int64_t expires_at = 0;
    std::optional<std::int64_t> probe_failed_at;
    std::string call_id;     // of the REGISTER that made or last refreshed it (RFC 3261 10.3)
    std::uint32_t cseq = 0;  // likewise
    std::string aor_user;    // the line's phone number (filled by the *_bindings reads)
    std::string device_mac;  // the device of the line (likewise)
};

// F4: the reboot in progress or last done of a device.
struct RebootRecord {
    std::string device_mac;
    std::string state;  // sent, accepted, refused, no_answer, confirmed, not_confirmed
    std::int64_t at = 0;
    std::int64_t sent_at = 0;
    std::int64_t confirm_deadline = 0;  // accepted: confirmed if it registers again before
    std::optional<int> sip_status;
    std::string sip_reason;
};

// What the state rules of SPEC 3 need to know about time.
struct StateClock {
    std::int64_t now = 0;
    std::int64_t aging_window_s = 24 * 3600;
};

// F11: one line port as the Line States page shows it (the type the client decodes too).
using phonefleet::LineStateRow;

// A place in the Line States order (MAC, then port): a cursor's page starts after it.
struct LinePosition {
    std::string mac;
    int port = 0;
};

struct LineStateQuery {
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> site_id;
    std::string device_type;  // exact name, case-insensitive; empty = any
    std::string text;         // substring of MAC, number, extension, site or type; empty = any
    std::optional<RegistrationState> state;
    std::int64_t offset = 0;
    std::optional<std::int64_t> limit;  // absent: every row (exports)
    std::optional<LinePosition> after;  // a cursor: rows after this place (offset ignored)
};

// Lines per state of one site (the state filter of the query is ignored).
struct SiteLineStateCounts {
    std::int64_t site_id = 0;
    std::int64_t registered = 0;
    std::int64_t aged = 0;
    std::int64_t unregistered = 0;
};

// A page of line states with the counts it shows (one read snapshot). `total` applies every
// filter; `counts` every filter but the state, per site (only sites with lines).
struct LineStateSlice {
    std::vector<LineStateRow> rows;
    std::vector<SiteLineStateCounts> counts;
    std::int64_t total = 0;
    bool more = false;  // rows follow the last one
};

struct ProviderRecord {
    std::int64_t id = 0;
    std::string name;
    bool line_state_export = false;  // F12
};

// F14: a kiosk token (read line states of one customer, nothing else).
struct KioskTokenRecord {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::int64_t provider_id = 0;
    std::string name;
    std::string created_by;
    std::int64_t created_at = 0;
};

// F18: what a line's history needs to know of it (one read by primary key). A device's own
// events (reboots, port 0) read the same of the device.
struct LineHistoryState {
    std::int64_t line_id = 0;  // 0: the device itself
    std::string device_mac;
    int port = 0;
    std::int64_t customer_id = 0;
    std::int64_t site_id = 0;
    std::optional<std::int64_t> healthy_until;
    std::optional<std::int64_t> aged_since;
    std::optional<int> recorded;  // state code the history last recorded (0 R, 1 A, 2 U)
};

// F18: one change of a line's state (port > 0) or one reboot step of a device (port 0).
struct HistoryEntry {
    std::int64_t id = 0;
    std::string device_mac;
    int port = 0;
    std::int64_t customer_id = 0;
    std::int64_t site_id = 0;
    std::int64_t at = 0;
    RegistrationState from = RegistrationState::Unregistered;
    RegistrationState to = RegistrationState::Unregistered;
    std::string reason;  // a message key's last part: registered, lapsed, aged_out, reboot_sent...
    std::string site;         // filled by export_history
    std::string device_type;  // likewise
};

// A place in a history: entries are ordered by (at, id).
struct HistoryPosition {
    std::int64_t at = 0;
    std::int64_t id = 0;
};

// A device's history newest first, or a customer's oldest first (exports), within [since, until).
struct HistoryQuery {
    std::string device_mac;                // device_history
    std::int64_t customer_id = 0;          // export_history
    std::optional<std::int64_t> site_id;   // export_history
    std::optional<std::int64_t> since;
    std::optional<std::int64_t> until;
    std::optional<HistoryPosition> after;  // the last entry already read
    int limit = 100;
};

class Store {
public:
    virtual ~Store() = default;

    // Runs fn as one transaction: all of it is stored or none. Nested calls join the outer one.
    virtual void transaction(const std::function<void()>& fn) = 0;

    // Accounts and sessions (sessions are keyed by a hash of the token, never the token).
    virtual std::int64_t insert_user(const User& user) = 0;
    virtual std::optional<User> find_user_by_name(std::string_view username) = 0;
    virtual std::optional<User> find_user_by_session(std::string_view token_hash, std::int64_t now) = 0;
    // The same, with the session's expiry (what a cache of sessions may not outlive).
    struct LiveSession {
        User user;
        std::int64_t expires_at = 0;
    };
    virtual std::optional<LiveSession> find_live_session(std::string_view token_hash, std::int64_t now) = 0;
    // The user of an API token and whether the token may write.
    virtual std::optional<std::pair<User, bool>> find_user_by_api_token(std::string_view token_hash) = 0;
    virtual std::int64_t insert_api_token(std::int64_t user_id, std::string_view name, bool can_write,
                                          std::string_view token_hash, std::int64_t now) = 0;
    virtual std::vector<ApiToken> list_api_tokens(std::int64_t user_id) = 0;
    virtual bool delete_api_token(std::int64_t token_id, std::int64_t user_id) = 0;
    virtual void insert_session(std::string_view token_hash, std::int64_t user_id, std::int64_t now,
                                std::int64_t expires_at) = 0;
    virtual void delete_session(std::string_view token_hash) = 0;

    // Tenancy: providers, customers, sites.
    virtual std::int64_t insert_provider(std::string_view name) = 0;
    virtual std::optional<std::int64_t> find_provider_by_name(std::string_view name) = 0;
    virtual std::int64_t insert_customer(std::int64_t provider_id, std::string_view name) = 0;
    // All customers, or those of one provider, or one customer.
    virtual std::vector<Customer> list_customers(std::optional<std::int64_t> provider_id,
                                                 std::optional<std::int64_t> customer_id) = 0;
    virtual std::optional<Customer> find_customer(std::int64_t customer_id) = 0;
    virtual std::int64_t insert_site(std::int64_t customer_id, std::string_view name) = 0;
    virtual std::vector<Site> list_sites(std::int64_t customer_id) = 0;

    // Catalog and approvals.
    virtual void upsert_device_type(const DeviceTypeRecord& record) = 0;
    virtual void approve_device_type(std::int64_t site_id, std::string_view device_type) = 0;
    virtual std::vector<DeviceType> list_device_types() = 0;
    virtual std::vector<SiteApprovals> list_site_approvals(std::int64_t customer_id) = 0;

    // Inventory.
    virtual void insert_device(const DeviceRecord& device) = 0;
    virtual void insert_line(const LineRecord& line) = 0;
    virtual DevicePage list_devices(const DeviceQuery& query, const StateClock& clock) = 0;
    virtual std::optional<DeviceOwner> find_device_owner(std::string_view mac) = 0;
    virtual std::optional<DeviceStatus> device_status(std::string_view mac, const StateClock& clock) = 0;
    virtual bool delete_device(std::string_view mac) = 0;  // with its lines and registrations
    virtual bool phone_number_exists(std::string_view phone_number) = 0;
    virtual bool port_has_line(std::string_view mac, int port) = 0;
    virtual bool delete_line(std::string_view mac, int port) = 0;

    // SIP registrar, probes and reboots (SPEC 7, F3, F4).
    virtual std::optional<SipAccount> find_sip_account(std::string_view username) = 0;
    // Inserts or refreshes (line_id, contact_uri); a new REGISTER clears probe_failed_at.
    virtual void upsert_binding(const Binding& binding) = 0;
    virtual void delete_binding(std::int64_t line_id, std::string_view contact_uri) = 0;
    virtual void delete_bindings(std::int64_t line_id) = 0;
    // Bindings of a line, or of every line of a device, not expired at now.
    virtual std::vector<Binding> line_bindings(std::int64_t line_id, std::int64_t now) = 0;
    virtual std::vector<Binding> device_bindings(std::string_view mac, std::int64_t now) = 0;
    // The same for every device of a customer (or of one of its sites), in device MAC order:
    // what a bulk probe sends OPTIONS to, in one query.
    virtual std::vector<Binding> customer_bindings(std::int64_t customer_id, std::optional<std::int64_t> site_id,
                                                   std::int64_t now) = 0;
    virtual void set_probe_failed(std::int64_t binding_id, std::optional<std::int64_t> at) = 0;
    virtual void set_device_probe(std::string_view mac, const ProbeResult& probe) = 0;
    virtual std::optional<std::string> reboot_event(std::string_view mac) = 0;
    virtual void save_reboot(const RebootRecord& record) = 0;
    virtual std::optional<RebootRecord> find_reboot(std::string_view mac) = 0;
    // Accepted reboots whose confirmation window closed before now.
    virtual std::vector<RebootRecord> overdue_reboots(std::int64_t now) = 0;

    // CSV transfer (F7, F9). The export is read in batches in MAC order after `after_mac`,
    // so that a streamed export holds no connection between batches.
    virtual std::vector<DeviceExportRow> export_devices(std::int64_t customer_id, std::optional<std::int64_t> site_id,
                                                        std::string_view after_mac, int limit) = 0;
    // Inserts every device or none (call inside transaction()).
    virtual void insert_devices(std::int64_t customer_id, const std::vector<ImportedDevice>& devices) = 0;
    // Which of these normalised MACs a device already has (any customer's), one answer each.
    virtual std::vector<bool> existing_macs(const std::vector<std::string>& macs) = 0;

    // Line states (F11), the provider switch (F12), kiosk tokens (F14).
    // Calls row for every matching line port, in MAC then port order, from one cursor.
    virtual void for_each_line_state(const LineStateQuery& query, const StateClock& clock,
                                     const std::function<void(const LineStateRow&)>& row) = 0;
    virtual std::vector<SiteLineStateCounts> count_line_states(const LineStateQuery& query, const StateClock& clock) = 0;
    // One page (query.limit rows from query.offset, or after query.after) and its counts, from
    // indexes and counts kept by triggers (schema migration 15): the cost of any page is the
    // cost of the first.
    virtual LineStateSlice line_state_page(const LineStateQuery& query, const StateClock& clock) = 0;
    virtual std::vector<ProviderRecord> list_providers(std::optional<std::int64_t> provider_id) = 0;
    virtual std::optional<ProviderRecord> find_provider(std::int64_t provider_id) = 0;
    virtual bool set_provider_line_state_export(std::int64_t provider_id, bool enabled) = 0;
    virtual std::int64_t insert_kiosk_token(std::int64_t customer_id, std::string_view name,
                                            std::string_view created_by, std::string_view token_hash,
                                            std::int64_t now) = 0;
    virtual std::vector<KioskTokenRecord> list_kiosk_tokens(std::int64_t customer_id) = 0;
    virtual bool delete_kiosk_token(std::int64_t token_id, std::int64_t customer_id) = 0;
    virtual std::optional<KioskTokenRecord> find_kiosk_token(std::string_view token_hash) = 0;

    // Registration history (F18); the rules are HistoryRecorder's.
    virtual std::optional<LineHistoryState> line_history_state(std::int64_t line_id) = 0;
    virtual std::optional<LineHistoryState> device_history_state(std::string_view mac) = 0;
    virtual void append_history(const HistoryEntry& entry) = 0;
    // What the line's history last recorded, and until when it flaps (absent: unchanged).
    virtual void set_line_history(std::int64_t line_id, int recorded, std::optional<std::int64_t> flap_until) = 0;
    // When the n-th most recent change of a line (1 = the latest) happened, if it has that many.
    virtual std::optional<std::int64_t> nth_latest_change(std::string_view mac, int port, int n) = 0;
    // Lines whose recorded state may have ended by time alone in (from, to]: Registered ones whose
    // binding expired then, Aged ones whose aging window closed then; at most limit of them.
    virtual std::vector<std::int64_t> lines_due(std::int64_t from, std::int64_t to, std::int64_t aging_window_s,
                                                int limit) = 0;
    virtual std::optional<std::int64_t> history_swept_to() = 0;
    virtual void set_history_swept_to(std::int64_t at) = 0;
    virtual std::vector<HistoryEntry> device_history(const HistoryQuery& query) = 0;
    virtual std::vector<HistoryEntry> export_history(const HistoryQuery& query) = 0;
    // Deletes at most limit entries older than `before`: how many it deleted.
    virtual std::int64_t prune_history(std::int64_t before, int limit) = 0;
    // Which of these devices have a line flapping at now.
    virtual std::vector<std::string> flapping_devices(const std::vector<std::string>& macs, std::int64_t now) = 0;

    // Audit trail.
    virtual void insert_audit(const AuditEvent& event) = 0;
    virtual std::vector<AuditEvent> list_audit(const AuditQuery& query) = 0;
};

}  // namespace phonefleet::store
