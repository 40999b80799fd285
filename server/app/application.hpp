#pragma once
// The whole server assembled from its Config: store, services, HTTP. main() runs one; tests
// run one on a free port with a fresh SQLite file.
#include <memory>

#include "app/config.hpp"
#include "http/http_server.hpp"
#include "services/auth_service.hpp"
#include "services/device_control_service.hpp"
#include "services/history_recorder.hpp"
#include "services/history_service.hpp"
#include "services/inventory_service.hpp"
#include "services/line_state_service.hpp"
#include "sip/sip_server.hpp"
#include "store/sqlite_store.hpp"

namespace phonefleet::app {

class Application {
public:
    explicit Application(Config config, services::Clock clock = services::system_clock());

    int bind_http();  // the bound port, or -1
    bool serve_http() { return http_->serve(); }
    // Binds the SIP UDP socket and starts its receive thread: the bound port, or -1.
    int start_sip();
    int sip_port() const { return sip_->port(); }
    // SIP first: once HTTP stops, main() returns and destroys this object.
    void stop() {
        sip_->stop();
        http_->stop();
    }

    const Config& config() const { return config_; }
    store::Store& store() { return *store_; }
    services::AuthService& auth() { return *auth_; }
    http::HttpServer& http() { return *http_; }
    services::LineStateService& line_states() { return *line_states_; }
    sip::SipServer& sip() { return *sip_; }
    services::HistoryRecorder& history() { return *history_; }

private:
    Config config_;
    std::unique_ptr<store::SqliteStore> store_;
    std::unique_ptr<services::AuthService> auth_;
    std::unique_ptr<services::AuditLog> audit_;
    std::unique_ptr<services::DeviceTransferService> transfer_;
    std::unique_ptr<services::InventoryService> inventory_;
    std::unique_ptr<sip::SipServer> sip_;
    std::unique_ptr<services::HistoryRecorder> history_;
    std::unique_ptr<services::DeviceControlService> device_control_;
    std::unique_ptr<services::LineStateService> line_states_;
    std::unique_ptr<services::HistoryService> history_reader_;
    std::unique_ptr<http::HttpServer> http_;
};

}  // namespace phonefleet::app
