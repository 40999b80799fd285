#pragma once
// The audit trail (SPEC 8), written and read through AuditLog only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phonefleet::store {

struct AuditEvent {
    std::int64_t id = 0;
    std::int64_t at = 0;
    std::string actor;  // user name
    std::optional<std::int64_t> provider_id;
    std::optional<std::int64_t> customer_id;
    std::string action;   // "device.add", "line.assign", ...
    std::string target;   // MAC, MAC/port, token id
    std::string outcome;  // "ok" or the error code
    std::string detail;
};

struct AuditQuery {
    std::optional<std::int64_t> provider_id;
    std::optional<std::int64_t> customer_id;
    int limit = 200;
};

class AuditStore {
public:
    virtual ~AuditStore() = default;

    virtual void insert_audit(const AuditEvent& event) = 0;
    virtual std::vector<AuditEvent> list_audit(const AuditQuery& query) = 0;
};

}  // namespace phonefleet::store
