#include "app/application.hpp"

#include <algorithm>
#include <filesystem>

#include "demo/demo_seed.hpp"
#include "services/secrets.hpp"

namespace phonefleet::app {
namespace {

sip::SipSettings sip_settings(const Config& c) {
    sip::SipSettings s;
    s.host = c.sip.host;
    s.port = c.sip.port;
    s.registrar.realm = c.sip_domain;
    for (const auto& name : c.sip_digest)
        if (auto a = sip::parse_digest_algorithm(name)) s.registrar.algorithms.push_back(*a);
    s.registrar.min_expires_s = c.sip_min_expires_s;
    s.registrar.max_expires_s = std::max(7200, c.sip_min_expires_s);
    s.registrar.default_expires_s = std::max(3600, c.sip_min_expires_s);
    s.registrar.max_contacts = c.sip_max_contacts;
    s.request_rate_per_s = c.sip_request_rate;
    s.request_burst = 2.0 * c.sip_request_rate;
    s.request_timeout = std::chrono::milliseconds(c.sip_probe_timeout_ms);
    return s;
}

// SPEC 6 limits and the fault-injection flags; finished exports wait beside the database.
services::LineStateExportSettings line_state_export_settings(const Config& c) {
    services::LineStateExportSettings s;
    s.limits.concurrency = c.export_concurrency;
    s.limits.queue = c.export_queue;
    s.limits.queue_timeout_ms = c.export_queue_timeout_s * 1000LL;
    s.limits.session_spacing_ms = c.export_session_spacing_s * 1000LL;
    s.limits.cache_ttl_ms = c.export_cache_ttl_s * 1000LL;
    s.export_dir = std::filesystem::absolute(c.db_path).parent_path() / "export-tmp";
    s.fault_delay_ms = c.fault_export_delay_ms;
    s.fault_fail = c.fault_export_fail;
    return s;
}

services::HistorySettings history_settings(const Config& c) {
    services::HistorySettings s;
    s.retention_s = c.history_days * 86400LL;
    s.aging_window_s = c.sip_aging_window_s;
    s.flap_changes = c.flap_changes;
    s.flap_window_s = c.flap_window_min * 60LL;
    return s;
}

}  // namespace

Application::Application(Config config, services::Clock clock) : config_(std::move(config)) {
    services::init_crypto();
    store_ = std::make_unique<store::SqliteStore>(config_.db_path,
                                                  static_cast<std::size_t>(config_.http_threads + config_.export_concurrency) + 2);
    // One store plays every role; each part below is handed the roles it uses (store/*_store.hpp).
    store::Store& s = *store_;
    if (config_.demo) demo::seed_demo(s, config_.sip_domain);
    services::LoginGuards guards;
    guards.throttle = {config_.login_user_failures, config_.login_address_failures, config_.login_window_s};
    guards.password_checks = config_.password_checks;
    guards.password_check_wait = std::chrono::milliseconds(config_.password_check_wait_ms);
    auth_ = std::make_unique<services::AuthService>(s, s, clock, config_.session_ttl_s, 2, guards);
    audit_ = std::make_unique<services::AuditLog>(s, s, clock);
    // A back-off is audited once when it starts (not per refused attempt: a flood stays one row),
    // in the operator's trail: the user name may belong to no one.
    auth_->on_backoff([this](const std::string& username, const std::string& address) {
        services::Principal nobody;
        nobody.username = username;
        audit_->record(nobody, {}, "auth.login", username, "login_throttled", "from " + address);
    });
    inventory_ = std::make_unique<services::InventoryService>(s, s, s, s, *audit_, clock, config_.sip_aging_window_s,
                                                              config_.sip_domain);
    sip_ = std::make_unique<sip::SipServer>(sip_settings(config_), s, s, clock);
    history_ = std::make_unique<services::HistoryRecorder>(s, s, history_settings(config_));
    history_->begin(clock());
    sip_->record_history(history_.get());
    device_control_ = std::make_unique<services::DeviceControlService>(
        s, s, s, s, *audit_, *sip_, *history_, clock, config_.sip_aging_window_s, config_.reboot_confirm_window_s);
    sip_->on_registered([this](const std::string& mac, std::int64_t now) { device_control_->device_registered(mac, now); });
    sip_->on_tick([this, clock] {
        const auto now = clock();
        device_control_->sweep(now);
        history_->sweep(now);
    });
    transfer_ = std::make_unique<services::DeviceTransferService>(s, s, s, s, s, *audit_);
    line_states_ = std::make_unique<services::LineStateService>(s, s, s, *audit_, clock, config_.sip_aging_window_s,
                                                                line_state_export_settings(config_));
    history_reader_ = std::make_unique<services::HistoryService>(s, s, s, line_states_->limiter(),
                                                                 line_state_export_settings(config_));
    http_ = std::make_unique<http::HttpServer>(http::ApiServices{config_, *auth_, *inventory_, *audit_, *transfer_,
                                                                 *device_control_, *line_states_, *history_reader_,
                                                                 &sip_->counters()});
}

int Application::bind_http() { return http_->bind(config_.http.host, config_.http.port); }

int Application::start_sip() {
    int port = sip_->bind();
    if (port > 0) sip_->start();
    return port;
}

}  // namespace phonefleet::app
