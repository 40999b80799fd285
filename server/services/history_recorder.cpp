#include "services/history_recorder.hpp"

#include <chrono>

namespace phonefleet::services {
namespace {

int code_of(RegistrationState s) {
    return s == RegistrationState::Registered ? 0 : s == RegistrationState::Aged ? 1 : 2;
}

RegistrationState state_of(int code) {
    return code == 0 ? RegistrationState::Registered : code == 1 ? RegistrationState::Aged : RegistrationState::Unregistered;
}

}  // namespace

RegistrationState line_state_at(std::optional<std::int64_t> healthy_until, std::optional<std::int64_t> aged_since,
                                std::int64_t at, std::int64_t aging_window_s) {
    if (healthy_until && *healthy_until > at) return RegistrationState::Registered;
    if (aged_since && *aged_since > at - aging_window_s) return RegistrationState::Aged;
    return RegistrationState::Unregistered;
}

HistoryRecorder::HistoryRecorder(store::HistoryStore& store, store::Transactions& transactions,
                                 HistorySettings settings)
    : store_(store), transactions_(transactions), settings_(settings) {}

void HistoryRecorder::record(store::LineHistoryState& line, std::int64_t at, RegistrationState from,
                             RegistrationState to, std::string_view reason) {
    store::HistoryEntry e;
    e.device_mac = line.device_mac;
    e.port = line.port;
    e.customer_id = line.customer_id;
    e.site_id = line.site_id;
    e.at = at;
    e.from = from;
    e.to = to;
    e.reason = std::string(reason);
    store_.append_history(e);
    // Flapping while the (N+1)-th latest change is within the window: it only moves forward.
    std::optional<std::int64_t> flap_until;
    if (auto nth = store_.nth_latest_change(line.device_mac, line.port, settings_.flap_changes + 1))
        flap_until = *nth + settings_.flap_window_s;
    line.recorded = code_of(to);
    store_.set_line_history(line.line_id, *line.recorded, flap_until);
}

RegistrationState HistoryRecorder::settle(store::LineHistoryState& line, std::int64_t now) {
    const auto w = settings_.aging_window_s;
    if (!line.recorded) return line_state_at(line.healthy_until, line.aged_since, now, w);
    auto state = state_of(*line.recorded);
    // A lapse: Registered until the last healthy binding expired (exactly then).
    if (state == RegistrationState::Registered && !(line.healthy_until && *line.healthy_until > now)) {
        const std::int64_t at = line.healthy_until.value_or(now);
        const auto to = line_state_at(line.healthy_until, line.aged_since, at, w);
        record(line, at, state, to, "lapsed");
        state = to;
    }
    // An aging-out: Aged until the aging window after aged_since closed.
    if (state == RegistrationState::Aged &&
        line_state_at(line.healthy_until, line.aged_since, now, w) == RegistrationState::Unregistered) {
        const std::int64_t at = line.aged_since ? *line.aged_since + w : now;
        record(line, at, state, RegistrationState::Unregistered, "aged_out");
        state = RegistrationState::Unregistered;
    }
    return state;
}

std::optional<HistoryRecorder::Before> HistoryRecorder::before(std::int64_t line_id, std::int64_t now) {
    if (!enabled()) return std::nullopt;
    auto line = store_.line_history_state(line_id);
    if (!line) return std::nullopt;
    Before b;
    b.state = settle(*line, now);
    b.line = std::move(*line);
    return b;
}

void HistoryRecorder::after(const Before& before, std::int64_t now, std::string_view reason, bool record_same) {
    auto line = store_.line_history_state(before.line.line_id);
    if (!line) return;
    line->recorded = before.line.recorded;
    const auto to = line_state_at(line->healthy_until, line->aged_since, now, settings_.aging_window_s);
    if (to != before.state || record_same) {
        record(*line, now, before.state, to, reason);
    } else if (line->recorded != code_of(to)) {
        // First sight of a line (nothing recorded yet): its state, no change to tell.
        store_.set_line_history(line->line_id, code_of(to), std::nullopt);
    }
}

void HistoryRecorder::device_event(const std::string& mac, std::int64_t at, std::string_view reason) {
    if (!enabled()) return;
    auto device = store_.device_history_state(mac);
    if (!device) return;
    // Not a change of state: the device's state at that moment, before and after.
    const auto state = line_state_at(device->healthy_until, device->aged_since, at, settings_.aging_window_s);
    store::HistoryEntry e;
    e.device_mac = mac;
    e.port = 0;
    e.customer_id = device->customer_id;
    e.site_id = device->site_id;
    e.at = at;
    e.from = state;
    e.to = state;
    e.reason = std::string(reason);
    store_.append_history(e);
}

void HistoryRecorder::begin(std::int64_t now) {
    if (!enabled()) return;
    swept_to_ = store_.history_swept_to();
    if (!swept_to_) {
        store_.set_history_swept_to(now);
        swept_to_ = now;
    }
}

void HistoryRecorder::sweep(std::int64_t now) {
    if (!enabled()) return;
    if (!swept_to_) begin(now);
    // Lines leave the answer once settled, so a full batch is followed by the next one; the
    // range only moves on when every line of it is settled (a restart resumes from it).
    bool done = false;
    for (int round = 0; round < 20 && !done; ++round) {
        transactions_.transaction([&] {
            const auto due = store_.lines_due(*swept_to_, now, settings_.aging_window_s, settings_.sweep_batch);
            for (const auto id : due) {
                auto line = store_.line_history_state(id);
                if (line) settle(*line, now);
            }
            if (static_cast<int>(due.size()) < settings_.sweep_batch) {
                store_.set_history_swept_to(now);
                done = true;
            }
        });
    }
    if (done) swept_to_ = now;
    // Small batches, each its own statement: a writer waits for one batch at most.
    for (int i = 0; i < settings_.prune_batches_per_sweep; ++i)
        if (store_.prune_history(now - settings_.retention_s, settings_.prune_batch) < settings_.prune_batch) break;
}

}  // namespace phonefleet::services
