#pragma once
// Route groups, each in its own file, registered by the HTTP server.
#include "app/config.hpp"
#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/inventory_service.hpp"

namespace phonefleet::http {

struct ApiServices {
    const app::Config& config;
    services::AuthService& auth;
    services::InventoryService& inventory;
    services::AuditLog& audit;
};

void register_auth_routes(Router& router, ApiServices& services);
void register_inventory_routes(Router& router, ApiServices& services);
void register_catalog_routes(Router& router, ApiServices& services);
void register_token_routes(Router& router, ApiServices& services);
void register_audit_routes(Router& router, ApiServices& services);

}  // namespace phonefleet::http
