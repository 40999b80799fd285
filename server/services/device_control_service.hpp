#pragma once
// Probing (F3) and rebooting (F4) a device, as one principal may: tenancy first (another
// customer's device is "not found"), then SIP to the device's own bindings, then the store and
// the audit trail. Reboot confirmation comes from the registrar (a fresh REGISTER of the
// device) or, when the window closes without one, from the SIP side's periodic sweep.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "phonefleet/device.hpp"
#include "phonefleet/result.hpp"
#include "services/audit_log.hpp"
#include "services/auth_service.hpp"
#include "services/clock.hpp"
#include "services/history_recorder.hpp"
#include "sip/sip_server.hpp"
#include "store/inventory_store.hpp"
#include "store/registration_store.hpp"
#include "store/tenancy_store.hpp"
#include "store/transactions.hpp"

namespace phonefleet::services {

// What a bulk probe of a customer (or one of its sites) found: devices probed (those with a
// current binding), how many answered on at least one binding, and how long it all took.
struct BulkProbeReport {
    std::int64_t probed = 0;
    std::int64_t reachable = 0;
    std::int64_t unreachable = 0;
    std::int64_t contacts = 0;  // OPTIONS sent
    std::int64_t duration_ms = 0;
};

class DeviceControlService {
public:
    // Several roles: bindings, probes and reboots are registrations; the device's owner and status
    // come from inventory, a bulk probe's customer and sites from tenancy; a probe's results are
    // written in one transaction, with the history of what they changed (F18).
    DeviceControlService(store::RegistrationStore& registrations, store::InventoryStore& inventory,
                         store::TenancyStore& tenancy, store::Transactions& transactions, AuditLog& audit,
                         sip::SipServer& sip, HistoryRecorder& history, Clock clock, std::int64_t aging_window_s,
                         std::int64_t confirm_window_s);

    // OPTIONS to every current binding of the device, then its status with the probe filled.
    Result<DeviceStatus> probe(const Principal& who, const std::string& mac);
    // The same for every registered device of a customer, or of one of its sites, at once: one
    // query for their bindings, every OPTIONS from the one SIP socket with one deadline, the
    // results in one transaction, one audit entry. One at a time per customer. Errors:
    // customer_not_found, site_unknown, probe_in_progress.
    Result<BulkProbeReport> probe_customer(const Principal& who, std::int64_t customer_id,
                                           std::optional<std::int64_t> site_id);
    // NOTIFY with the type's event to each Registered binding of the device. Errors:
    // device_not_found, device_not_registered; refused/no answer come back as the report.
    Result<RebootReport> reboot(const Principal& who, const std::string& mac);

    void device_registered(const std::string& mac, std::int64_t now);
    void sweep(std::int64_t now);

private:
    Result<store::DeviceOwner> visible_device(const Principal& who, const std::string& mac);
    // F3 for devices at once (the single and the bulk probe): OPTIONS to each of bindings (those
    // of devices, current now) with one deadline, then in one transaction each binding's
    // "no answer → Aged" (SPEC 3) and each device's probe. The results in devices order.
    std::vector<ProbeResult> probe_devices(const std::vector<std::string>& devices,
                                           const std::vector<store::Binding>& bindings);
    void record_system(const std::string& mac, const std::string& action, const std::string& detail);

    store::RegistrationStore& registrations_;
    store::InventoryStore& inventory_;
    store::TenancyStore& tenancy_;
    store::Transactions& transactions_;
    AuditLog& audit_;
    sip::SipServer& sip_;
    HistoryRecorder& history_;
    Clock clock_;
    std::int64_t aging_window_s_;
    std::int64_t confirm_window_s_;
    // Devices that registered while their NOTIFY was still unanswered here (the phone may
    // answer 200 and register again before this side has recorded "accepted").
    std::mutex mutex_;
    std::unordered_set<std::string> registered_while_sent_;
    std::unordered_set<std::int64_t> bulk_probing_;  // customers whose bulk probe runs now
};

}  // namespace phonefleet::services
