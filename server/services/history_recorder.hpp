#pragma once
// Records the registration history (F18): every change of a line's state with its time and
// reason, and each reboot step of a device.
//
// Changes come two ways. An event (a REGISTER, a de-registration, a probe) is recorded by its
// writer, inside the transaction that changes the bindings: before() and after() compare the
// line's state (SPEC 3) around the change. A lapse (the binding expired without a
// de-registration) or an aging-out (Aged for the whole aging window) happens by the passage of
// time with no event: each line keeps the state its history last recorded, and when that state
// has ended by time, the change is recorded at the exact instant it ended (healthy_until, or
// aged_since + window), either by the next writer of that line (which must not lose it) or by
// sweep(), run once a second on the SIP thread, which finds such lines by the state indexes of
// schema migration 15 (only the range of instants passed since the previous sweep). Computing
// them at read time instead would make every read (and the flapping flag of every list row)
// replay each line's bindings; recording them once keeps reads a plain index walk.
//
// Flapping: a line that changed state more than N times in M minutes. Each recorded change
// stores on its line until when that holds (the (N+1)-th latest change + M), so lists read one
// column. The history is kept for retention_s and pruned a small batch at a time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "phonefleet/device.hpp"
#include "store/history_store.hpp"
#include "store/transactions.hpp"

namespace phonefleet::services {

struct HistorySettings {
    std::int64_t retention_s = 30 * 86400;  // --history-days; 0: nothing is recorded
    std::int64_t aging_window_s = 24 * 3600;
    int flap_changes = 5;                   // --flap-changes N
    std::int64_t flap_window_s = 10 * 60;   // --flap-window-min M
    int sweep_batch = 500;                  // lines settled per transaction of a sweep
    int prune_batch = 1000;                 // entries deleted per statement
    int prune_batches_per_sweep = 20;
};

// The state rule of SPEC 3 on a line's two instants (the SQL of sql_rules and line pages).
RegistrationState line_state_at(std::optional<std::int64_t> healthy_until, std::optional<std::int64_t> aged_since,
                                std::int64_t at, std::int64_t aging_window_s);

class HistoryRecorder {
public:
    // A sweep records the lapses it finds in one transaction.
    HistoryRecorder(store::HistoryStore& store, store::Transactions& transactions, HistorySettings settings);

    bool enabled() const { return settings_.retention_s > 0; }
    const HistorySettings& settings() const { return settings_; }

    // A line as it was before a change, time-driven changes up to `now` already recorded.
    struct Before {
        store::LineHistoryState line;
        RegistrationState state = RegistrationState::Unregistered;
    };
    // Call both inside the transaction that changes the line's bindings. after() records a
    // change of state with `reason`, or with record_same the event even when the state stays
    // (a re-registration from a new address).
    std::optional<Before> before(std::int64_t line_id, std::int64_t now);
    void after(const Before& before, std::int64_t now, std::string_view reason, bool record_same = false);

    // A reboot step of a device (F4): reboot_sent, reboot_accepted, reboot_confirmed...
    void device_event(const std::string& mac, std::int64_t at, std::string_view reason);

    // Where the first sweep starts: where the last one of this database stopped, else now
    // (the server's start). Call before the SIP thread runs.
    void begin(std::int64_t now);
    // Records the lapses and aging-outs that time made since the previous sweep, a batch per
    // transaction, and deletes a few batches of entries older than the retention.
    void sweep(std::int64_t now);

private:
    // Records what time alone changed since the line's last recorded state: the state now.
    RegistrationState settle(store::LineHistoryState& line, std::int64_t now);
    void record(store::LineHistoryState& line, std::int64_t at, RegistrationState from, RegistrationState to,
                std::string_view reason);

    store::HistoryStore& store_;
    store::Transactions& transactions_;
    HistorySettings settings_;
    std::optional<std::int64_t> swept_to_;  // sweep thread only
};

}  // namespace phonefleet::services
