#pragma once
// The Line States page (F11), its CSV export under the limits of SPEC 6 (F13), the provider
// switch that allows that export (F12) and the kiosk tokens that show line states on a wall
// (F14). Tenancy as everywhere: another customer's data answers "not found".
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exports/export_file.hpp"
#include "exports/export_limiter.hpp"
#include "phonefleet/device.hpp"
#include "phonefleet/result.hpp"
#include "services/audit_log.hpp"
#include "services/auth_service.hpp"
#include "services/clock.hpp"
#include "store/kiosk_token_store.hpp"
#include "store/line_state_store.hpp"
#include "store/tenancy_store.hpp"

namespace phonefleet::services {

struct LineStateFilter {
    std::optional<std::int64_t> site_id;  // absent: all sites
    std::string device_type;
    std::string text;
    std::optional<RegistrationState> state;
};

// The page and its counts are the types the client decodes (shared/ device.hpp).
using phonefleet::LineStateCounts;
using phonefleet::LineStatePage;
using phonefleet::SiteLineStates;

struct LineStateExportSettings {
    exports::ExportLimits limits;
    std::filesystem::path export_dir;  // where finished exports wait to be streamed
    int fault_delay_ms = 0;            // FAULT INJECTION: each export takes this much longer
    bool fault_fail = false;           // FAULT INJECTION: each export fails halfway
};

// What an export request ends in: a file to stream (perhaps another user's: cache_hit), or an
// error whose code maps to 403/404/408/429/500, with retry_after_s for 429.
struct ExportDelivery {
    std::shared_ptr<const exports::ExportFile> file;
    bool cache_hit = false;
    std::optional<Error> error;
    int retry_after_s = 0;
};

// One export through the limits of SPEC 6: waits its turn, runs produce() when it may (a
// throw is a failed export, 500), or answers from the cache, or is refused. Every export of
// the server goes through here, on one limiter.
ExportDelivery run_export(exports::ExportLimiter& limiter, const exports::ExportRequest& request,
                          const std::function<std::shared_ptr<const exports::ExportFile>()>& produce,
                          std::int64_t queue_timeout_ms);

struct KioskToken {
    store::KioskTokenRecord info;
    std::string token;  // shown once
};

class LineStateService {
public:
    // Several roles: line states are read per customer and site (tenancy, which also holds the
    // providers' F12 switch); kiosk tokens (F14) are made and revoked here.
    LineStateService(store::LineStateStore& line_states, store::KioskTokenStore& kiosk_tokens,
                     store::TenancyStore& tenancy, AuditLog& audit, Clock clock, std::int64_t aging_window_s,
                     LineStateExportSettings settings,
                     exports::MonotonicClock limiter_clock = exports::steady_clock_ms());

    // A page by number (page=) or after a cursor (SPEC 4: the previous answer's next_cursor,
    // which wins when both are given); any depth costs what the first page costs.
    Result<LineStatePage> list(const Principal& who, std::int64_t customer_id, const LineStateFilter& filter,
                               int page, int per_page, const std::string& cursor = {});

    // The CSV of SPEC 5 for the filtered view, through the export limits. `session` identifies
    // the caller's session (spacing is per session).
    ExportDelivery export_csv(const Principal& who, std::int64_t customer_id, const LineStateFilter& filter,
                              const std::string& session);
    // F12: whether the customer's provider allows the export (tenancy checked: 404 otherwise).
    Result<bool> export_enabled(const Principal& who, std::int64_t customer_id);
    // Where the caller's latest export stands (for a UI: queued at position N, running...).
    std::optional<exports::ExportTicketState> export_progress(const std::string& session);
    exports::ExportLimiter& limiter() { return limiter_; }

    // F12. Operators see and change every provider; a provider admin sees its own.
    std::vector<store::ProviderRecord> providers(const Principal& who);
    Result<store::ProviderRecord> provider(const Principal& who, std::int64_t provider_id);
    Result<store::ProviderRecord> set_line_state_export(const Principal& who, std::int64_t provider_id, bool enabled);

    // F14. A customer admin (or above) of the customer; never a kiosk.
    Result<KioskToken> create_kiosk_token(const Principal& who, std::int64_t customer_id, const std::string& name);
    Result<std::vector<store::KioskTokenRecord>> kiosk_tokens(const Principal& who, std::int64_t customer_id);
    Result<std::monostate> revoke_kiosk_token(const Principal& who, std::int64_t customer_id, std::int64_t token_id);

private:
    Result<Customer> visible_customer(const Principal& who, std::int64_t customer_id);
    store::LineStateQuery query_of(std::int64_t customer_id, const LineStateFilter& filter) const;
    std::shared_ptr<const exports::ExportFile> produce(std::int64_t customer_id, const LineStateFilter& filter);

    store::LineStateStore& line_states_;
    store::KioskTokenStore& kiosk_tokens_;
    store::TenancyStore& tenancy_;
    AuditLog& audit_;
    Clock clock_;
    std::int64_t aging_window_s_;
    LineStateExportSettings settings_;
    exports::ExportLimiter limiter_;
};

// Unix seconds as ISO 8601 UTC ("2027-01-15T08:00:00Z").
std::string iso8601_utc(std::int64_t unix_seconds);

}  // namespace phonefleet::services
