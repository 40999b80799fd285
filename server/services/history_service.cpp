#include "services/history_service.hpp"

#include <charconv>
#include <ctime>
#include <stdexcept>
#include <thread>

#include "exports/csv_export.hpp"
#include "phonefleet/csv_writer.hpp"
#include "phonefleet/mac_address.hpp"
#include "services/line_cursor.hpp"
#include "services/tenancy.hpp"

namespace phonefleet::services {
namespace {

constexpr int kExportBatch = 5000;  // entries per read: no connection is held between batches

std::string export_key(std::int64_t customer_id, std::optional<std::int64_t> site_id, const HistoryRange& r,
                       Language lang) {
    auto opt = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
    return "history\ncustomer=" + std::to_string(customer_id) + "\nsite=" + (site_id ? std::to_string(*site_id) : "all") +
           "\nsince=" + opt(r.since) + "\nuntil=" + opt(r.until) + "\nlang=" + std::string(language_tag(lang));
}

}  // namespace

Result<std::optional<std::int64_t>> parse_history_time(const std::string& field, const std::string& text) {
    if (text.empty()) return std::optional<std::int64_t>{};
    std::int64_t v = 0;
    if (auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        ec == std::errc() && p == text.data() + text.size())
        return std::optional<std::int64_t>{v};
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!end || *end != '\0') return Error{"bad_request", field, text};
    return std::optional<std::int64_t>{static_cast<std::int64_t>(timegm(&tm))};
}

HistoryService::HistoryService(store::HistoryStore& history, store::InventoryStore& inventory,
                               store::TenancyStore& tenancy, exports::ExportLimiter& limiter,
                               LineStateExportSettings settings)
    : history_(history), inventory_(inventory), tenancy_(tenancy), limiter_(limiter), settings_(std::move(settings)) {}

Result<HistoryPage> HistoryService::device_history(const Principal& who, const std::string& mac_text,
                                                   const HistoryRange& range, const std::string& cursor, int limit) {
    auto mac = MacAddress::parse_any(mac_text);
    if (!mac) return Error{"device_not_found", "mac", mac_text};
    auto owner = inventory_.find_device_owner(mac.value().normalized());
    if (!owner || !may_access_customer(who, owner->customer_id, owner->provider_id))
        return Error{"device_not_found", "mac", mac_text};
    if (limit < 1 || limit > 1000) return Error{"bad_request", "per_page", std::to_string(limit)};

    store::HistoryQuery q;
    q.device_mac = owner->mac;
    q.since = range.since;
    q.until = range.until;
    q.limit = limit + 1;  // one more tells whether a page follows
    if (!cursor.empty()) {
        q.after = decode_history_cursor(owner->mac, cursor);
        if (!q.after) return Error{"bad_request", "cursor", "cursor"};
    }
    HistoryPage page;
    page.items = history_.device_history(q);
    if (static_cast<int>(page.items.size()) > limit) {
        page.items.resize(static_cast<std::size_t>(limit));
        page.next_cursor = encode_history_cursor(owner->mac, {page.items.back().at, page.items.back().id});
    }
    return page;
}

std::shared_ptr<const exports::ExportFile> HistoryService::produce(std::int64_t customer_id,
                                                                   std::optional<std::int64_t> site_id,
                                                                   const HistoryRange& range, Language lang) {
    return exports::write_csv_export(settings_.export_dir, {settings_.fault_delay_ms, settings_.fault_fail}, [&](CsvWriter& csv) {
        csv.row({"site", "mac", "device_type", "port", "at", "from", "to", "reason", "message"});
        store::HistoryQuery q;
        q.customer_id = customer_id;
        q.site_id = site_id;
        q.since = range.since;
        q.until = range.until;
        q.limit = kExportBatch;
        for (;;) {
            const auto batch = history_.export_history(q);
            for (const auto& e : batch) {
                if (settings_.fault_fail)  // FAULT INJECTION: fail halfway
                    throw std::runtime_error("fault injection: export failure");
                csv.cell(e.site).cell(e.device_mac);
                csv.cell(e.device_type);
                if (e.port > 0) csv.cell(static_cast<long long>(e.port));
                else csv.cell(std::string());
                csv.cell(iso8601_utc(e.at)).cell(to_string(e.from)).cell(to_string(e.to)).cell(e.reason);
                csv.cell(text("history." + e.reason, lang));
                csv.end_row();
            }
            if (static_cast<int>(batch.size()) < kExportBatch) break;
            q.after = store::HistoryPosition{batch.back().at, batch.back().id};
        }
    });
}

ExportDelivery HistoryService::export_csv(const Principal& who, std::int64_t customer_id,
                                          std::optional<std::int64_t> site_id, const HistoryRange& range,
                                          const std::string& session, Language lang) {
    ExportDelivery out;
    auto customer = tenancy_.find_customer(customer_id);
    if (!customer || !may_access(who, *customer)) {
        out.error = Error{"customer_not_found", "customer", std::to_string(customer_id)};
        return out;
    }
    if (who.kiosk) {
        out.error = Error{"forbidden", "", ""};
        return out;
    }
    if (site_id) {
        bool known = false;
        for (const auto& s : tenancy_.list_sites(customer_id)) known = known || s.id == *site_id;
        if (!known) {
            out.error = Error{"site_unknown", "site", std::to_string(*site_id)};
            return out;
        }
    }

    // SPEC 6 as the line-state export: the same limiter, hence the same spacing, slots, queue
    // and cross-user cache (keyed apart from line-state exports).
    return run_export(limiter_, {session, who.user_id, customer_id, export_key(customer_id, site_id, range, lang)},
                      [&] { return produce(customer_id, site_id, range, lang); }, settings_.limits.queue_timeout_ms);
}

}  // namespace phonefleet::services
