// SqliteStore as the AuditStore (SPEC 8).
#include "store/sqlite_lease.hpp"
#include "store/sqlite_store.hpp"

namespace phonefleet::store {

void SqliteStore::insert_audit(const AuditEvent& e) {
    auto db = acquire();
    db->prepare(
          "INSERT INTO audit_events(at, actor, provider_id, customer_id, action, target, outcome, detail)"
          " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, e.at)
        .bind(2, e.actor)
        .bind(3, e.provider_id)
        .bind(4, e.customer_id)
        .bind(5, e.action)
        .bind(6, e.target)
        .bind(7, e.outcome)
        .bind(8, e.detail)
        .run();
}

std::vector<AuditEvent> SqliteStore::list_audit(const AuditQuery& q) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT id, at, actor, provider_id, customer_id, action, target, outcome, detail FROM audit_events"
        " WHERE (?1 IS NULL OR provider_id = ?1) AND (?2 IS NULL OR customer_id = ?2)"
        " ORDER BY id DESC LIMIT ?3");
    s.bind(1, q.provider_id).bind(2, q.customer_id).bind(3, q.limit);
    std::vector<AuditEvent> out;
    while (s.step())
        out.push_back({s.int64(0), s.int64(1), s.text(2), s.opt_int64(3), s.opt_int64(4), s.text(5), s.text(6),
                       s.text(7), s.text(8)});
    return out;
}

}  // namespace phonefleet::store
