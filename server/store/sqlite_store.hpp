#pragma once
// The embedded SQLite implementation of Store. Threads: a pool of connections (WAL mode), each
// used by one thread at a time; a transaction pins one connection to its thread so that every
// call inside it joins it.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite_checkpointer.hpp"
#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace phonefleet::store {

class SqliteStore final : public Store {
public:
    // Opens (creating if needed) the file and applies pending migrations.
    explicit SqliteStore(std::string path, std::size_t max_connections = 8);
    ~SqliteStore() override;

    void transaction(const std::function<void()>& fn) override;

    std::int64_t insert_user(const User& user) override;
    std::optional<User> find_user_by_name(std::string_view username) override;
    std::optional<User> find_user_by_session(std::string_view token_hash, std::int64_t now) override;
    std::optional<LiveSession> find_live_session(std::string_view token_hash, std::int64_t now) override;
    std::optional<std::pair<User, bool>> find_user_by_api_token(std::string_view token_hash) override;
    std::int64_t insert_api_token(std::int64_t user_id, std::string_view name, bool can_write,
                                  std::string_view token_hash, std::int64_t now) override;
    std::vector<ApiToken> list_api_tokens(std::int64_t user_id) override;
    bool delete_api_token(std::int64_t token_id, std::int64_t user_id) override;
    void insert_session(std::string_view token_hash, std::int64_t user_id, std::int64_t now,
                        std::int64_t expires_at) override;
    void delete_session(std::string_view token_hash) override;

    std::int64_t insert_provider(std::string_view name) override;
    std::optional<std::int64_t> find_provider_by_name(std::string_view name) override;
    std::int64_t insert_customer(std::int64_t provider_id, std::string_view name) override;
    std::vector<Customer> list_customers(std::optional<std::int64_t> provider_id,
                                         std::optional<std::int64_t> customer_id) override;
    std::optional<Customer> find_customer(std::int64_t customer_id) override;
    std::int64_t insert_site(std::int64_t customer_id, std::string_view name) override;
    std::vector<Site> list_sites(std::int64_t customer_id) override;

    void upsert_device_type(const DeviceTypeRecord& record) override;
    void approve_device_type(std::int64_t site_id, std::string_view device_type) override;
    std::vector<DeviceType> list_device_types() override;
    std::vector<SiteApprovals> list_site_approvals(std::int64_t customer_id) override;

    void insert_device(const DeviceRecord& device) override;
    void insert_line(const LineRecord& line) override;
    DevicePage list_devices(const DeviceQuery& query, const StateClock& clock) override;
    std::optional<DeviceOwner> find_device_owner(std::string_view mac) override;
    std::optional<DeviceStatus> device_status(std::string_view mac, const StateClock& clock) override;
    bool delete_device(std::string_view mac) override;
    bool phone_number_exists(std::string_view phone_number) override;
    bool port_has_line(std::string_view mac, int port) override;
    bool delete_line(std::string_view mac, int port) override;

    std::optional<SipAccount> find_sip_account(std::string_view username) override;
    void upsert_binding(const Binding& binding) override;
    void delete_binding(std::int64_t line_id, std::string_view contact_uri) override;
    void delete_bindings(std::int64_t line_id) override;
    std::vector<Binding> line_bindings(std::int64_t line_id, std::int64_t now) override;
    std::vector<Binding> device_bindings(std::string_view mac, std::int64_t now) override;
    std::vector<Binding> customer_bindings(std::int64_t customer_id, std::optional<std::int64_t> site_id,
                                           std::int64_t now) override;
    void set_probe_failed(std::int64_t binding_id, std::optional<std::int64_t> at) override;
    void set_device_probe(std::string_view mac, const ProbeResult& probe) override;
    std::optional<std::string> reboot_event(std::string_view mac) override;
    void save_reboot(const RebootRecord& record) override;
    std::optional<RebootRecord> find_reboot(std::string_view mac) override;
    std::vector<RebootRecord> overdue_reboots(std::int64_t now) override;

    std::vector<DeviceExportRow> export_devices(std::int64_t customer_id, std::optional<std::int64_t> site_id,
                                                std::string_view after_mac, int limit) override;
    void insert_devices(std::int64_t customer_id, const std::vector<ImportedDevice>& devices) override;
    std::vector<bool> existing_macs(const std::vector<std::string>& macs) override;

    void for_each_line_state(const LineStateQuery& query, const StateClock& clock,
                             const std::function<void(const LineStateRow&)>& row) override;
    std::vector<SiteLineStateCounts> count_line_states(const LineStateQuery& query, const StateClock& clock) override;
    LineStateSlice line_state_page(const LineStateQuery& query, const StateClock& clock) override;
    std::vector<ProviderRecord> list_providers(std::optional<std::int64_t> provider_id) override;
    std::optional<ProviderRecord> find_provider(std::int64_t provider_id) override;
    bool set_provider_line_state_export(std::int64_t provider_id, bool enabled) override;
    std::int64_t insert_kiosk_token(std::int64_t customer_id, std::string_view name, std::string_view created_by,
                                    std::string_view token_hash, std::int64_t now) override;
    std::vector<KioskTokenRecord> list_kiosk_tokens(std::int64_t customer_id) override;
    bool delete_kiosk_token(std::int64_t token_id, std::int64_t customer_id) override;
    std::optional<KioskTokenRecord> find_kiosk_token(std::string_view token_hash) override;

    std::optional<LineHistoryState> line_history_state(std::int64_t line_id) override;
    std::optional<LineHistoryState> device_history_state(std::string_view mac) override;
    void append_history(const HistoryEntry& entry) override;
    void set_line_history(std::int64_t line_id, int recorded, std::optional<std::int64_t> flap_until) override;
    std::optional<std::int64_t> nth_latest_change(std::string_view mac, int port, int n) override;
    std::vector<std::int64_t> lines_due(std::int64_t from, std::int64_t to, std::int64_t aging_window_s,
                                        int limit) override;
    std::optional<std::int64_t> history_swept_to() override;
    void set_history_swept_to(std::int64_t at) override;
    std::vector<HistoryEntry> device_history(const HistoryQuery& query) override;
    std::vector<HistoryEntry> export_history(const HistoryQuery& query) override;
    std::int64_t prune_history(std::int64_t before, int limit) override;
    std::vector<std::string> flapping_devices(const std::vector<std::string>& macs, std::int64_t now) override;

    void insert_audit(const AuditEvent& event) override;
    std::vector<AuditEvent> list_audit(const AuditQuery& query) override;

    // Rows a bulk insert sends to SQLite in one statement. The MAC search (FTS5) writes what it
    // holds to disk at the start of every statement: each batch costs it a segment (a 100,000-row
    // import in 5,000-row batches: 250 ms of it; in one: 170 ms). One batch is the most an import
    // holds under the default limits (ImportLimits::max_rows); its rows are read in place
    // (device_rows), so a batch costs no copy.
    static constexpr std::size_t kBulkInsertBatch = 100'000;
    // Tests: several batches without 100,000 rows.
    void set_bulk_insert_batch(std::size_t rows) { bulk_insert_batch_ = rows > 0 ? rows : 1; }
    // Checkpoints of the WAL run so far, in the background (WalCheckpointer; tests).
    std::size_t wal_checkpoints() const { return checkpointer_->checkpoints(); }

private:
    class Lease;  // a connection borrowed from the pool (or the one pinned by a transaction)
    Lease acquire();
    void release(std::unique_ptr<Database> db);
    std::unique_ptr<Database> open_connection();  // with the store's own SQL functions and checkpoints
    bool in_transaction() const;                  // this thread runs a transaction() of this store

    std::string path_;
    std::size_t max_connections_;
    std::size_t open_connections_ = 0;
    std::size_t bulk_insert_batch_ = kBulkInsertBatch;
    std::vector<std::unique_ptr<Database>> idle_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::unique_ptr<WalCheckpointer> checkpointer_;  // before the connections close: declared last
};

}  // namespace phonefleet::store
