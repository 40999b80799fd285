#pragma once
// Every mutation leaves a trace (SPEC 8): who did what to which device, when, with the outcome.
#include <optional>
#include <string>
#include <vector>

#include "phonefleet/result.hpp"
#include "services/auth_service.hpp"
#include "services/clock.hpp"
#include "store/audit_store.hpp"
#include "store/tenancy_store.hpp"

namespace phonefleet::services {

struct AuditScope {
    std::optional<std::int64_t> provider_id;
    std::optional<std::int64_t> customer_id;
};

class AuditLog {
public:
    // tenancy: read() checks that an asked-for customer is the reader's.
    AuditLog(store::AuditStore& store, store::TenancyStore& tenancy, Clock clock)
        : store_(store), tenancy_(tenancy), clock_(std::move(clock)) {}

    void record(const Principal& who, const AuditScope& scope, const std::string& action,
                const std::string& target, const std::string& outcome, const std::string& detail = "");

    // The trail one principal may read: all (operator), its provider's, or its customer's;
    // narrowed to one customer when asked (404 when that customer is not theirs).
    Result<std::vector<store::AuditEvent>> read(const Principal& who, std::optional<std::int64_t> customer_id,
                                                int limit);

private:
    store::AuditStore& store_;
    store::TenancyStore& tenancy_;
    Clock clock_;
};

}  // namespace phonefleet::services
