#include "app/application.hpp"

#include "demo/demo_seed.hpp"
#include "services/secrets.hpp"

namespace phonefleet::app {

Application::Application(Config config, services::Clock clock) : config_(std::move(config)) {
    services::init_crypto();
    store_ = std::make_unique<store::SqliteStore>(config_.db_path,
                                                  static_cast<std::size_t>(config_.http_threads) + 2);
    if (config_.demo) demo::seed_demo(*store_, config_.sip_domain);
    auth_ = std::make_unique<services::AuthService>(*store_, clock, config_.session_ttl_s);
    audit_ = std::make_unique<services::AuditLog>(*store_, clock);
    inventory_ = std::make_unique<services::InventoryService>(*store_, *audit_, clock, config_.sip_aging_window_s,
                                                              config_.sip_domain);
    http_ = std::make_unique<http::HttpServer>(config_, *auth_, *inventory_, *audit_);
}

int Application::bind_http() { return http_->bind(config_.http.host, config_.http.port); }

}  // namespace phonefleet::app
