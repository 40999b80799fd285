#pragma once
// Reading the registration history (F18): a device's, newest first by cursor (SPEC 4), and a
// customer's as CSV (SPEC 5) under the export limits of SPEC 6, through the same limiter as the
// line-state export (the server runs at most `concurrency` exports of either kind at once).
// Tenancy as everywhere: another customer's device or customer is "not found".
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exports/export_file.hpp"
#include "exports/export_limiter.hpp"
#include "phonefleet/messages.hpp"
#include "phonefleet/result.hpp"
#include "services/auth_service.hpp"
#include "services/clock.hpp"
#include "services/line_state_service.hpp"
#include "store/history_store.hpp"
#include "store/inventory_store.hpp"
#include "store/tenancy_store.hpp"

namespace phonefleet::services {

struct HistoryRange {
    std::optional<std::int64_t> since;  // Unix seconds, inclusive
    std::optional<std::int64_t> until;  // exclusive
};

struct HistoryPage {
    std::vector<store::HistoryEntry> items;
    std::optional<std::string> next_cursor;  // absent on the last page
};

// since= / until=: Unix seconds or ISO 8601 UTC ("2027-01-15T08:00:00Z"); absent when empty.
Result<std::optional<std::int64_t>> parse_history_time(const std::string& field, const std::string& text);

class HistoryService {
public:
    // Several roles: the history itself, a device's owner (inventory) and a customer's sites
    // (tenancy) for the tenancy checks and the CSV's site names.
    HistoryService(store::HistoryStore& history, store::InventoryStore& inventory, store::TenancyStore& tenancy,
                   exports::ExportLimiter& limiter, LineStateExportSettings settings);

    Result<HistoryPage> device_history(const Principal& who, const std::string& mac, const HistoryRange& range,
                                       const std::string& cursor, int limit = 100);
    // The CSV of SPEC 5 (reason as its code, then its text in `lang`). `session` as for the
    // line-state export: spacing is per session.
    ExportDelivery export_csv(const Principal& who, std::int64_t customer_id, std::optional<std::int64_t> site_id,
                              const HistoryRange& range, const std::string& session, Language lang);

private:
    std::shared_ptr<const exports::ExportFile> produce(std::int64_t customer_id, std::optional<std::int64_t> site_id,
                                                       const HistoryRange& range, Language lang);

    store::HistoryStore& history_;
    store::InventoryStore& inventory_;
    store::TenancyStore& tenancy_;
    exports::ExportLimiter& limiter_;
    LineStateExportSettings settings_;
};

}  // namespace phonefleet::services
