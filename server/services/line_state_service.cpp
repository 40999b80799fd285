#include "services/line_state_service.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <stdexcept>
#include <thread>

#include "exports/csv_export.hpp"
#include "phonefleet/csv_writer.hpp"
#include "services/line_cursor.hpp"
#include "services/secrets.hpp"
#include "services/tenancy.hpp"

namespace phonefleet::services {
namespace {

// The same export for the cross-user cache (SPEC 6): customer, site and filters, canonical.
std::string export_key(std::int64_t customer_id, const LineStateFilter& f) {
    std::string type = f.device_type;
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string key = "customer=" + std::to_string(customer_id);
    key += "\nsite=" + (f.site_id ? std::to_string(*f.site_id) : std::string("all"));
    key += "\nstate=" + (f.state ? std::string(to_string(*f.state)) : std::string());
    key += "\ntype=" + type;
    key += "\nq=" + f.text;
    return key;
}

void add(LineStateCounts& total, const store::SiteLineStateCounts& c) {
    total.registered += c.registered;
    total.aged += c.aged;
    total.unregistered += c.unregistered;
}

}  // namespace

std::string iso8601_utc(std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

LineStateService::LineStateService(store::LineStateStore& line_states, store::KioskTokenStore& kiosk_tokens,
                                   store::TenancyStore& tenancy, AuditLog& audit, Clock clock,
                                   std::int64_t aging_window_s, LineStateExportSettings settings,
                                   exports::MonotonicClock limiter_clock)
    : line_states_(line_states), kiosk_tokens_(kiosk_tokens), tenancy_(tenancy), audit_(audit),
      clock_(std::move(clock)), aging_window_s_(aging_window_s),
      settings_(std::move(settings)), limiter_(settings_.limits, std::move(limiter_clock)) {
    // Files left by a process that did not stop cleanly: nobody can be reading them now.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(settings_.export_dir, ec)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("line-states-", 0) == 0) std::filesystem::remove(entry.path(), ec);
    }
}

Result<Customer> LineStateService::visible_customer(const Principal& who, std::int64_t customer_id) {
    auto customer = tenancy_.find_customer(customer_id);
    if (!customer || !may_access(who, *customer))
        return Error{"customer_not_found", "customer", std::to_string(customer_id)};
    return *customer;
}

store::LineStateQuery LineStateService::query_of(std::int64_t customer_id, const LineStateFilter& f) const {
    store::LineStateQuery q;
    q.customer_id = customer_id;
    q.site_id = f.site_id;
    q.device_type = f.device_type;
    q.text = f.text;
    q.state = f.state;
    return q;
}

Result<LineStatePage> LineStateService::list(const Principal& who, std::int64_t customer_id,
                                             const LineStateFilter& filter, int page, int per_page,
                                             const std::string& cursor) {
    auto customer = visible_customer(who, customer_id);
    if (!customer) return customer.error();
    if (page < 1) return Error{"bad_request", "page", std::to_string(page)};
    if (per_page < 1 || per_page > 1000) return Error{"bad_request", "per_page", std::to_string(per_page)};

    auto q = query_of(customer_id, filter);
    if (!cursor.empty()) {
        q.after = decode_line_cursor(customer_id, cursor);
        if (!q.after) return Error{"bad_request", "cursor", "cursor"};  // another customer's says no more
    }
    q.offset = static_cast<std::int64_t>(page - 1) * per_page;
    q.limit = per_page;
    auto slice = line_states_.line_state_page(q, {clock_(), aging_window_s_});

    LineStatePage out;
    out.items = std::move(slice.rows);
    out.total = slice.total;
    if (slice.more && !out.items.empty())
        out.next_cursor = encode_line_cursor(customer_id, {out.items.back().mac, out.items.back().port});
    // Counts ignore the state filter (a page filtered on "aged" still shows all three counts).
    for (const auto& site : tenancy_.list_sites(customer_id)) {
        if (filter.site_id && *filter.site_id != site.id) continue;
        SiteLineStates s{site.id, site.name, {}};
        for (const auto& c : slice.counts)
            if (c.site_id == site.id) add(s.counts, c);
        add(out.counts, {site.id, s.counts.registered, s.counts.aged, s.counts.unregistered});
        out.by_site.push_back(std::move(s));
    }
    auto provider = tenancy_.find_provider(customer.value().provider_id);
    out.export_enabled = provider && provider->line_state_export;
    return out;
}

std::shared_ptr<const exports::ExportFile> LineStateService::produce(std::int64_t customer_id,
                                                                     const LineStateFilter& filter) {
    return exports::write_csv_export(settings_.export_dir, {settings_.fault_delay_ms, settings_.fault_fail}, [&](CsvWriter& csv) {
        csv.row({"site", "mac", "device_type", "port", "phone_number", "extension", "state", "remote_ip", "host_ip",
                 "registered_to", "user_agent", "registered_at", "expires_at"});
        std::int64_t rows = 0;
        line_states_.for_each_line_state(query_of(customer_id, filter), {clock_(), aging_window_s_},
                                   [&](const store::LineStateRow& r) {
                                       if (settings_.fault_fail && rows > 0)  // FAULT INJECTION: fail halfway
                                           throw std::runtime_error("fault injection: export failure");
                                       csv.cell(r.site).cell(r.mac).cell(r.device_type).cell(static_cast<long long>(r.port));
                                       csv.cell(r.phone_number).cell(r.extension).cell(to_string(r.state));
                                       csv.cell(r.remote_ip).cell(r.host_ip).cell(r.registered_to).cell(r.user_agent);
                                       csv.cell(r.registered_at ? iso8601_utc(*r.registered_at) : std::string());
                                       csv.cell(r.expires_at ? iso8601_utc(*r.expires_at) : std::string());
                                       csv.end_row();
                                       ++rows;
                                   });
    });
}

ExportDelivery LineStateService::export_csv(const Principal& who, std::int64_t customer_id,
                                            const LineStateFilter& filter, const std::string& session) {
    ExportDelivery out;
    auto customer = visible_customer(who, customer_id);
    if (!customer) {
        out.error = customer.error();
        return out;
    }
    if (who.kiosk) {
        out.error = Error{"forbidden", "", ""};
        return out;
    }
    auto provider = tenancy_.find_provider(customer.value().provider_id);
    if (!provider || !provider->line_state_export) {  // F12
        out.error = Error{"line_state_export_disabled", "", provider ? provider->name : ""};
        return out;
    }

    return run_export(limiter_, {session, who.user_id, customer_id, export_key(customer_id, filter)},
                      [&] { return produce(customer_id, filter); }, settings_.limits.queue_timeout_ms);
}

ExportDelivery run_export(exports::ExportLimiter& limiter, const exports::ExportRequest& request,
                          const std::function<std::shared_ptr<const exports::ExportFile>()>& produce,
                          std::int64_t queue_timeout_ms) {
    ExportDelivery out;
    auto ticket = limiter.submit(request);
    auto state = limiter.wait(ticket);
    if (state.phase == exports::ExportPhase::Running) {
        std::shared_ptr<const exports::ExportFile> file;
        try {
            file = produce();
        } catch (...) {  // whatever it was, the slot is given back and the caller gets a 500
            file = nullptr;
        }
        limiter.finish(ticket, file);
        state = limiter.poll(ticket);
    }
    switch (state.phase) {
        case exports::ExportPhase::Done:
            out.file = std::static_pointer_cast<const exports::ExportFile>(state.artifact);
            out.cache_hit = state.cache_hit;
            break;
        case exports::ExportPhase::Refused:
            out.retry_after_s = state.retry_after_s;
            out.error = Error{state.refusal == exports::Refusal::QueueFull ? "export_queue_full" : "export_rate_limited",
                              "", std::to_string(state.retry_after_s)};
            break;
        case exports::ExportPhase::TimedOut:
            out.error = Error{"export_queue_timeout", "", std::to_string(queue_timeout_ms / 1000)};
            break;
        default:
            out.error = Error{"export_failed", "", ""};
            break;
    }
    return out;
}

Result<bool> LineStateService::export_enabled(const Principal& who, std::int64_t customer_id) {
    auto customer = visible_customer(who, customer_id);
    if (!customer) return customer.error();
    auto provider = tenancy_.find_provider(customer.value().provider_id);
    return provider && provider->line_state_export;
}

std::optional<exports::ExportTicketState> LineStateService::export_progress(const std::string& session) {
    return limiter_.session_state(session);
}

std::vector<store::ProviderRecord> LineStateService::providers(const Principal& who) {
    if (who.kiosk) return {};
    if (who.role == store::Role::Operator) return tenancy_.list_providers(std::nullopt);
    if (who.role == store::Role::ProviderAdmin && who.provider_id) return tenancy_.list_providers(who.provider_id);
    return {};
}

Result<store::ProviderRecord> LineStateService::provider(const Principal& who, std::int64_t provider_id) {
    auto p = tenancy_.find_provider(provider_id);
    const bool visible = !who.kiosk && (who.role == store::Role::Operator ||
                                        (who.role == store::Role::ProviderAdmin && who.provider_id == provider_id));
    if (!p || !visible) return Error{"provider_not_found", "provider", std::to_string(provider_id)};
    return *p;
}

Result<store::ProviderRecord> LineStateService::set_line_state_export(const Principal& who, std::int64_t provider_id,
                                                                      bool enabled) {
    auto p = provider(who, provider_id);
    if (!p) return p.error();
    const AuditScope scope{provider_id, std::nullopt};
    const std::string target = std::to_string(provider_id);
    const char* detail = enabled ? "line_state_export=on" : "line_state_export=off";
    if (who.role != store::Role::Operator) {  // F12: the platform operator's switch
        audit_.record(who, scope, "provider.update", target, "forbidden", detail);
        return Error{"forbidden", "", ""};
    }
    tenancy_.set_provider_line_state_export(provider_id, enabled);
    audit_.record(who, scope, "provider.update", target, "ok", detail);
    auto updated = p.value();
    updated.line_state_export = enabled;
    return updated;
}

Result<KioskToken> LineStateService::create_kiosk_token(const Principal& who, std::int64_t customer_id,
                                                        const std::string& name) {
    auto customer = visible_customer(who, customer_id);
    if (!customer) return customer.error();
    if (who.kiosk || !who.can_write) return Error{"forbidden", "", ""};
    if (name.empty() || name.size() > 100) return Error{"bad_request", "name", name};
    KioskToken out;
    out.token = random_token();
    const auto now = clock_();
    out.info = {0, customer_id, customer.value().provider_id, name, who.username, now};
    out.info.id = kiosk_tokens_.insert_kiosk_token(customer_id, name, who.username, token_digest(out.token), now);
    audit_.record(who, {customer.value().provider_id, customer_id}, "kiosk_token.create", std::to_string(out.info.id),
                  "ok", name);
    return out;
}

Result<std::vector<store::KioskTokenRecord>> LineStateService::kiosk_tokens(const Principal& who,
                                                                            std::int64_t customer_id) {
    auto customer = visible_customer(who, customer_id);
    if (!customer) return customer.error();
    if (who.kiosk) return Error{"forbidden", "", ""};
    return kiosk_tokens_.list_kiosk_tokens(customer_id);
}

Result<std::monostate> LineStateService::revoke_kiosk_token(const Principal& who, std::int64_t customer_id,
                                                            std::int64_t token_id) {
    auto customer = visible_customer(who, customer_id);
    if (!customer) return customer.error();
    if (who.kiosk || !who.can_write) return Error{"forbidden", "", ""};
    const bool ok = kiosk_tokens_.delete_kiosk_token(token_id, customer_id);
    audit_.record(who, {customer.value().provider_id, customer_id}, "kiosk_token.revoke", std::to_string(token_id),
                  ok ? "ok" : "token_not_found");
    if (!ok) return Error{"token_not_found", "id", std::to_string(token_id)};
    return std::monostate{};
}

}  // namespace phonefleet::services
