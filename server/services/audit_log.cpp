#include "services/audit_log.hpp"

#include "services/tenancy.hpp"

namespace phonefleet::services {

void AuditLog::record(const Principal& who, const AuditScope& scope, const std::string& action,
                      const std::string& target, const std::string& outcome, const std::string& detail) {
    store_.insert_audit({0, clock_(), who.username, scope.provider_id, scope.customer_id, action, target, outcome, detail});
}

Result<std::vector<store::AuditEvent>> AuditLog::read(const Principal& who, std::optional<std::int64_t> customer_id,
                                                      int limit) {
    store::AuditQuery q;
    q.limit = limit;
    if (customer_id) {
        auto c = tenancy_.find_customer(*customer_id);
        if (!c || !may_access(who, *c)) return Error{"customer_not_found", "customer", std::to_string(*customer_id)};
        q.customer_id = customer_id;
    }
    switch (who.role) {
        case store::Role::Operator: break;
        case store::Role::ProviderAdmin:
            if (!who.provider_id) return std::vector<store::AuditEvent>{};
            q.provider_id = who.provider_id;
            break;
        case store::Role::CustomerAdmin:
            if (!who.customer_id) return std::vector<store::AuditEvent>{};
            q.customer_id = who.customer_id;
            break;
    }
    return store_.list_audit(q);
}

}  // namespace phonefleet::services
