// GET /api/v1/audit?customer=&limit=: the audit trail the caller may read.
#include "http/params.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {

void register_audit_routes(Router& router, ApiServices& api) {
    router.get("/api/v1/audit", [&api](const httplib::Request& req, httplib::Response& res,
                                       const services::Principal& who) {
        auto customer = int_param(req, "customer", 0);
        auto limit = int_param(req, "limit", 200);
        for (const auto* r : {&customer, &limit})
            if (!*r) return send_problem(res, req, r->error());
        if (limit.value() < 1 || limit.value() > 5000)
            return send_problem(res, req, Error{"bad_request", "limit", std::to_string(limit.value())});
        std::optional<std::int64_t> cid;
        if (req.has_param("customer")) cid = customer.value();
        auto events = api.audit.read(who, cid, static_cast<int>(limit.value()));
        if (!events) return send_problem(res, req, events.error());
        auto items = nlohmann::json::array();
        for (const auto& e : events.value()) {
            nlohmann::json j = {{"id", e.id},         {"at", e.at},         {"actor", e.actor},
                                {"action", e.action}, {"target", e.target}, {"outcome", e.outcome},
                                {"detail", e.detail}};
            j["customer_id"] = e.customer_id ? nlohmann::json(*e.customer_id) : nlohmann::json(nullptr);
            items.push_back(j);
        }
        send_json(res, {{"items", items}});
    });
}

}  // namespace phonefleet::http
