#pragma once
// Registration history (F18): every change of a line's state and every reboot step, written by
// HistoryRecorder (whose rules they are) and read by the history API and its CSV export.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phonefleet/line_state.hpp"

namespace phonefleet::store {

// What a line's history needs to know of it (one read by primary key). A device's own events
// (reboots, port 0) read the same of the device.
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

// One change of a line's state (port > 0) or one reboot step of a device (port 0).
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

class HistoryStore {
public:
    virtual ~HistoryStore() = default;

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
};

}  // namespace phonefleet::store
