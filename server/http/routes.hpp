#pragma once
// Route groups, each in its own file, registered by the HTTP server.
#include "app/config.hpp"
#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/device_transfer_service.hpp"
#include "services/device_control_service.hpp"
#include "services/history_service.hpp"
#include "services/inventory_service.hpp"
#include "services/line_state_service.hpp"
#include "sip/sip_server.hpp"

namespace phonefleet::http {

struct ApiServices {
    const app::Config& config;
    services::AuthService& auth;
    services::InventoryService& inventory;
    services::AuditLog& audit;
    services::DeviceTransferService& transfer;
    services::DeviceControlService& control;
    services::LineStateService& line_states;
    services::HistoryService& history;
    const sip::SipCounters* sip = nullptr;  // absent: no SIP side (its metrics are left out)
};

void register_auth_routes(Router& router, ApiServices& services);
void register_inventory_routes(Router& router, ApiServices& services);
void register_catalog_routes(Router& router, ApiServices& services);
void register_transfer_routes(Router& router, ApiServices& services);
void register_token_routes(Router& router, ApiServices& services);
void register_audit_routes(Router& router, ApiServices& services);
void register_control_routes(Router& router, ApiServices& services);
void register_line_state_routes(Router& router, ApiServices& services);
void register_history_routes(Router& router, ApiServices& services);
void register_provider_routes(Router& router, ApiServices& services);
void register_kiosk_routes(Router& router, ApiServices& services);
// GET /kiosk: the browser client's page for wall displays (not an API route).
void register_kiosk_page(httplib::Server& server, const app::Config& config);

}  // namespace phonefleet::http
