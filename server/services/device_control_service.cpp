#include "services/device_control_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <string_view>
#include <unordered_map>

#include "phonefleet/mac_address.hpp"
#include "sip/outgoing_requests.hpp"
#include "services/tenancy.hpp"

namespace phonefleet::services {
namespace {

AuditScope scope_of(const store::DeviceOwner& d) { return {d.provider_id, d.customer_id}; }

std::string describe(const sip::Answer& a) { return std::to_string(a.status) + " " + a.reason; }

}  // namespace

DeviceControlService::DeviceControlService(store::RegistrationStore& registrations, store::InventoryStore& inventory,
                                           store::TenancyStore& tenancy, store::Transactions& transactions,
                                           AuditLog& audit, sip::SipServer& sip, HistoryRecorder& history, Clock clock,
                                           std::int64_t aging_window_s, std::int64_t confirm_window_s)
    : registrations_(registrations), inventory_(inventory), tenancy_(tenancy), transactions_(transactions),
      audit_(audit), sip_(sip), history_(history), clock_(std::move(clock)), aging_window_s_(aging_window_s),
      confirm_window_s_(confirm_window_s) {}

Result<store::DeviceOwner> DeviceControlService::visible_device(const Principal& who, const std::string& mac_text) {
    auto mac = MacAddress::parse_any(mac_text);
    if (!mac) return Error{"device_not_found", "mac", mac_text};
    auto owner = inventory_.find_device_owner(mac.value().normalized());
    if (!owner || !may_access_customer(who, owner->customer_id, owner->provider_id))
        return Error{"device_not_found", "mac", mac_text};
    return *owner;
}

std::vector<ProbeResult> DeviceControlService::probe_devices(const std::vector<std::string>& devices,
                                                             const std::vector<store::Binding>& bindings) {
    constexpr auto kNotSent = static_cast<std::size_t>(-1);
    std::vector<sip::Outgoing> requests;
    requests.reserve(bindings.size());
    std::vector<std::size_t> request_of(bindings.size(), kNotSent);
    for (std::size_t i = 0; i < bindings.size(); ++i) {
        auto r = sip::make_options(bindings[i], sip_.local(), sip_.domain());
        if (!r) continue;
        request_of[i] = requests.size();
        requests.push_back(std::move(r.value()));
    }
    const auto answers = sip_.transactions().send_all(std::move(requests), sip_.request_timeout());

    const std::int64_t now = clock_();
    std::vector<ProbeResult> results(devices.size(), ProbeResult{false, std::nullopt, now});
    std::unordered_map<std::string_view, std::size_t> device_index;
    device_index.reserve(devices.size());
    for (std::size_t d = 0; d < devices.size(); ++d) device_index.emplace(devices[d], d);
    transactions_.transaction([&] {
        // F18: each probed line's state before, and whether one of its bindings went unanswered.
        std::map<std::int64_t, std::pair<std::optional<HistoryRecorder::Before>, bool>> lines;
        if (history_.enabled())
            for (const auto& b : bindings)
                if (auto [it, fresh] = lines.try_emplace(b.line_id); fresh) it->second.first = history_.before(b.line_id, now);
        for (std::size_t i = 0; i < bindings.size(); ++i) {
            const auto& b = bindings[i];
            const auto* answer = request_of[i] == kNotSent ? nullptr : &answers[request_of[i]];
            if (answer && *answer) {
                // Any final answer proves the phone alive at that binding (even 4xx/5xx).
                if (auto d = device_index.find(b.device_mac); d != device_index.end()) {
                    auto& result = results[d->second];
                    const int rtt = (*answer)->rtt_ms;
                    result.reachable = true;
                    result.rtt_ms = result.rtt_ms ? std::min(*result.rtt_ms, rtt) : rtt;
                }
                registrations_.set_probe_failed(b.id, std::nullopt);
            } else {
                // SPEC 3: a probe of the current binding without an answer makes it Aged.
                registrations_.set_probe_failed(b.id, b.probe_failed_at.value_or(now));
                if (auto l = lines.find(b.line_id); l != lines.end()) l->second.second = true;
            }
        }
        for (const auto& [line, probed] : lines)
            if (probed.first) history_.after(*probed.first, now, probed.second ? "probe_unanswered" : "probe_answered");
        for (std::size_t d = 0; d < devices.size(); ++d) registrations_.set_device_probe(devices[d], results[d]);
    });
    return results;
}

Result<DeviceStatus> DeviceControlService::probe(const Principal& who, const std::string& mac) {
    auto owner = visible_device(who, mac);
    if (!owner) return owner.error();
    const auto& device = owner.value().mac;
    const auto result = probe_devices({device}, registrations_.device_bindings(device, clock_())).front();
    audit_.record(who, scope_of(owner.value()), "device.probe", device, "ok",
                  result.reachable ? "reachable rtt_ms=" + std::to_string(*result.rtt_ms) : "unreachable");
    auto st = inventory_.device_status(device, {clock_(), aging_window_s_});
    if (!st) return Error{"device_not_found", "mac", mac};
    return *st;
}

Result<BulkProbeReport> DeviceControlService::probe_customer(const Principal& who, std::int64_t customer_id,
                                                             std::optional<std::int64_t> site_id) {
    const auto started = std::chrono::steady_clock::now();
    auto customer = tenancy_.find_customer(customer_id);
    if (!customer || !may_access(who, *customer))
        return Error{"customer_not_found", "customer", std::to_string(customer_id)};
    if (site_id) {
        const auto sites = tenancy_.list_sites(customer_id);
        if (std::none_of(sites.begin(), sites.end(), [&](const Site& s) { return s.id == *site_id; }))
            return Error{"site_unknown", "site", std::to_string(*site_id)};
    }
    {
        // Thousands of OPTIONS and a long transaction: never twice at once for one customer.
        std::lock_guard lock(mutex_);
        if (!bulk_probing_.insert(customer_id).second)
            return Error{"probe_in_progress", "customer", std::to_string(customer_id)};
    }
    struct Done {
        DeviceControlService& self;
        std::int64_t customer;
        ~Done() {
            std::lock_guard lock(self.mutex_);
            self.bulk_probing_.erase(customer);
        }
    } done{*this, customer_id};

    const auto bindings = registrations_.customer_bindings(customer_id, site_id, clock_());
    std::vector<std::string> devices;  // grouped by device (MAC order)
    for (const auto& b : bindings)
        if (devices.empty() || devices.back() != b.device_mac) devices.push_back(b.device_mac);
    const auto results = probe_devices(devices, bindings);

    BulkProbeReport report;
    report.probed = static_cast<std::int64_t>(devices.size());
    report.reachable = std::count_if(results.begin(), results.end(), [](const ProbeResult& r) { return r.reachable; });
    report.unreachable = report.probed - report.reachable;
    report.contacts = static_cast<std::int64_t>(bindings.size());
    report.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    audit_.record(who, {customer->provider_id, customer_id}, "customer.probe",
                  site_id ? "site " + std::to_string(*site_id) : "all sites", "ok",
                  "probed=" + std::to_string(report.probed) + " reachable=" + std::to_string(report.reachable) +
                      " unreachable=" + std::to_string(report.unreachable) +
                      " duration_ms=" + std::to_string(report.duration_ms));
    return report;
}

Result<RebootReport> DeviceControlService::reboot(const Principal& who, const std::string& mac) {
    auto owner = visible_device(who, mac);
    if (!owner) return owner.error();
    const auto& device = owner.value().mac;
    const auto scope = scope_of(owner.value());
    const std::int64_t sent_at = clock_();

    // Only Registered bindings (unexpired, no unanswered probe) are worth a NOTIFY.
    std::vector<sip::Outgoing> requests;
    const auto event = registrations_.reboot_event(device).value_or("check-sync");
    for (const auto& b : registrations_.device_bindings(device, sent_at)) {
        if (b.probe_failed_at) continue;
        auto r = sip::make_notify(b, sip_.local(), sip_.domain(), event);
        if (r) requests.push_back(std::move(r.value()));
    }
    if (requests.empty()) {
        audit_.record(who, scope, "device.reboot", device, "device_not_registered");
        return Error{"device_not_registered", "mac", mac};
    }
    registrations_.save_reboot({device, "sent", sent_at, sent_at, 0, std::nullopt, ""});
    history_.device_event(device, sent_at, "reboot_sent");
    {
        std::lock_guard lock(mutex_);
        registered_while_sent_.erase(device);
    }
    auto answers = sip_.transactions().send_all(std::move(requests), sip_.request_timeout());

    // One 2xx is enough: that contact took it. Else the first refusal tells why.
    const sip::Answer* accepted = nullptr;
    const sip::Answer* refused = nullptr;
    for (const auto& a : answers) {
        if (!a) continue;
        if (a->status < 300 && !accepted) accepted = &*a;
        if (a->status >= 300 && !refused) refused = &*a;
    }
    const std::int64_t now = clock_();
    store::RebootRecord record{device, "no_answer", now, sent_at, 0, std::nullopt, ""};
    std::string action = "reboot.no_answer";
    if (accepted) {
        record = {device, "accepted", now, sent_at, now + confirm_window_s_, accepted->status, accepted->reason};
        action = "reboot.accepted";
    } else if (refused) {
        record = {device, "refused", now, sent_at, 0, refused->status, refused->reason};
        action = "reboot.refused";
    }
    registrations_.save_reboot(record);
    history_.device_event(device, now, "reboot_" + record.state);  // reboot_accepted, _refused, _no_answer
    audit_.record(who, scope, action, device, record.state, accepted ? describe(*accepted) : refused ? describe(*refused) : event);
    bool early = false;
    {
        std::lock_guard lock(mutex_);
        early = registered_while_sent_.erase(device) > 0;
    }
    if (accepted && early) device_registered(device, now);
    if (auto r = registrations_.find_reboot(device)) {
        record.state = r->state;  // "confirmed" already, when the phone registered first
        record.at = r->at;
    }
    return RebootReport{record.state, record.at, record.sip_status, record.sip_reason};
}

void DeviceControlService::record_system(const std::string& mac, const std::string& action, const std::string& detail) {
    auto owner = inventory_.find_device_owner(mac);
    if (!owner) return;
    Principal system;
    system.username = "sip";
    system.role = store::Role::Operator;
    audit_.record(system, scope_of(*owner), action, mac, "ok", detail);
}

void DeviceControlService::device_registered(const std::string& mac, std::int64_t now) {
    auto r = registrations_.find_reboot(mac);
    if (r && r->state == "sent") {
        std::lock_guard lock(mutex_);
        registered_while_sent_.insert(mac);
        return;
    }
    // F4: a REGISTER after the NOTIFY, within the window, is the proof of the reboot.
    if (!r || r->state != "accepted" || now < r->sent_at || now > r->confirm_deadline) return;
    r->state = "confirmed";
    r->at = now;
    registrations_.save_reboot(*r);
    history_.device_event(mac, now, "reboot_confirmed");
    record_system(mac, "reboot.confirmed", "registered again after " + std::to_string(now - r->sent_at) + " s");
}

void DeviceControlService::sweep(std::int64_t now) {
    for (auto r : registrations_.overdue_reboots(now)) {
        r.state = "not_confirmed";
        r.at = r.confirm_deadline;
        registrations_.save_reboot(r);
        history_.device_event(r.device_mac, r.at, "reboot_not_confirmed");
        record_system(r.device_mac, "reboot.not_confirmed", "no REGISTER within " + std::to_string(confirm_window_s_) + " s");
    }
}

}  // namespace phonefleet::services
