#pragma once
// The export limits of SPEC 6 (F13), for the line-state export, as one thread-safe object with
// an injected clock. Its core never blocks: submit() decides what happens to a request, advance()
// (called by every entry point) moves time forward (spacing delays ending, queue timeouts, free
// slots handed out in FIFO order), finish() reports an export's outcome. Unit tests drive it
// with a fake clock and poll(); the server's handler thread calls wait(), which sleeps on a
// condition variable until the ticket leaves the waiting phases.
//
// The rules, in the order a request meets them:
//  1. While a request of the same session, or for the same customer, is being delayed by the
//     spacing rule, the new one is refused: 429 with Retry-After (the time that delay has left).
//  2. Session spacing: an export started within `session_spacing` of the session's previous one
//     waits until that spacing has passed (phase Delayed); then it goes on with rule 3.
//  3. Cross-user cache: the same export (customer, filters = key) finished by a DIFFERENT user
//     within `cache_ttl` is answered from that result (phase Done, cache_hit); one in progress
//     (queued or running) for a different user is joined (phase Joined) and answered from its
//     result when it ends. The same user never hits the cache: spacing is the rule for them.
//  4. At most `concurrency` exports run (phase Running: the caller produces the file, then calls
//     finish()); up to `queue` more wait in FIFO order (phase Queued); any more are refused at
//     once (429, Retry-After an estimate from recent run times). A queued request that waited
//     longer than `queue_timeout` leaves the queue (phase TimedOut: 408).
// An export counts as "started" for the spacing rule when it passes rule 2 (delayed ones when
// their delay ends); refused requests do not count.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace phonefleet::exports {

// Milliseconds of a monotonic clock (the server: steady_clock; tests: a number they move).
using MonotonicClock = std::function<std::int64_t()>;
MonotonicClock steady_clock_ms();

struct ExportLimits {
    int concurrency = 3;             // SPEC 6: 2-3
    int queue = 10;
    std::int64_t queue_timeout_ms = 30'000;
    std::int64_t session_spacing_ms = 5'000;
    std::int64_t cache_ttl_ms = 60'000;
};

// What a finished export produced (the server: a temporary CSV file). Shared by every response
// that serves it and by the cache; released when the last of them lets go.
class ExportArtifact {
public:
    virtual ~ExportArtifact() = default;
};

struct ExportRequest {
    std::string session;        // the login session or API token (a digest of it)
    std::int64_t user_id = 0;
    std::int64_t customer_id = 0;
    std::string key;            // customer + site + filters, canonical: equal keys = same export
};

enum class ExportPhase { Delayed, Queued, Joined, Running, Done, Failed, TimedOut, Refused };
const char* to_string(ExportPhase phase);

enum class Refusal { None, SpacingBusy, QueueFull };

struct ExportTicketState {
    ExportPhase phase = ExportPhase::Queued;
    Refusal refusal = Refusal::None;
    int retry_after_s = 0;        // Refused: seconds to wait before trying again (>= 1)
    int position = 0;             // Queued: 1 = next to run
    std::int64_t delayed_until = 0;  // Delayed: clock time the delay ends
    bool cache_hit = false;       // Done: served from another user's export
    std::shared_ptr<const ExportArtifact> artifact;  // Done
};

class ExportTicket;
using TicketPtr = std::shared_ptr<ExportTicket>;

class ExportLimiter {
public:
    ExportLimiter(ExportLimits limits, MonotonicClock clock);
    ExportLimiter(const ExportLimiter&) = delete;
    ExportLimiter& operator=(const ExportLimiter&) = delete;

    TicketPtr submit(const ExportRequest& request);
    ExportTicketState poll(const TicketPtr& ticket);  // after advancing to the clock's now
    // Blocks until the ticket is no longer Delayed, Queued or Joined, and returns its state.
    ExportTicketState wait(const TicketPtr& ticket);
    // The outcome of a Running ticket: an artifact, or nullptr for a failed export.
    void finish(const TicketPtr& ticket, std::shared_ptr<const ExportArtifact> artifact);
    // The caller gave up a ticket still waiting (it leaves the queue); a Running one must finish().
    void abandon(const TicketPtr& ticket);

    // Moves time forward to the clock's now (delays ending, timeouts, slots handed out).
    void advance();

    struct Snapshot {
        int running = 0;
        int queued = 0;
        int delayed = 0;
        int cached = 0;
    };
    Snapshot snapshot();
    // The state of the most recent ticket of a session still in progress, if any (for a UI
    // showing "waiting in the queue, position N").
    std::optional<ExportTicketState> session_state(const std::string& session);

    const ExportLimits& limits() const { return limits_; }

private:
    void advance_locked(std::int64_t now);
    void start_locked(const TicketPtr& t, std::int64_t now);  // rules 3 and 4
    void settle_locked(const TicketPtr& leader, ExportPhase phase,
                       std::shared_ptr<const ExportArtifact> artifact);
    int queue_retry_after_s() const;
    ExportTicketState state_locked(const TicketPtr& t) const;

    ExportLimits limits_;
    MonotonicClock clock_;
    std::mutex mutex_;
    std::condition_variable changed_;

    int running_ = 0;
    std::deque<TicketPtr> queue_;     // FIFO
    std::vector<TicketPtr> delayed_;  // at most one per session and per customer
    std::map<std::string, std::int64_t> session_last_start_;
    std::map<std::string, TicketPtr> in_progress_;  // key -> leader (queued or running)
    struct CacheEntry {
        std::int64_t user_id = 0;
        std::int64_t finished_at = 0;
        std::shared_ptr<const ExportArtifact> artifact;
    };
    std::map<std::string, CacheEntry> cache_;
    std::map<std::string, TicketPtr> session_tickets_;  // last ticket per session
    double average_run_ms_ = 1000.0;  // moving average, for Retry-After estimates
};

}  // namespace phonefleet::exports
