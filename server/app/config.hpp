#pragma once
// Every command-line flag of the server (SPEC 9), parsed into one value.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phonefleet::app {

struct Endpoint {
    std::string host = "127.0.0.1";
    int port = 0;  // 0: any free port (tests)
};

struct Config {
    std::string db_path = "data/phonefleet.db";
    Endpoint http{"127.0.0.1", 8080};
    Endpoint sip{"127.0.0.1", 5060};
    std::string sip_domain = "phonefleet.local";
    std::vector<std::string> sip_digest = {"SHA-256", "MD5"};
    int sip_min_expires_s = 60;
    std::int64_t sip_aging_window_s = 24 * 3600;
    int sip_probe_timeout_ms = 1500;        // OPTIONS and NOTIFY answers (F3, F4)
    int sip_request_rate = 100;             // SIP requests (any method) per second per source; 0 = no limit
    int sip_max_contacts = 5;               // bindings one line may hold (SPEC 7; more: 403)
    std::int64_t reboot_confirm_window_s = 120;  // F4: re-REGISTER within it = confirmed
    bool demo = false;
    std::vector<std::string> static_dirs = {"web", "build/wasm/bin"};  // served at /
    int http_threads = 8;
    // Connections served at once: an idle or slow client holds a worker until its read timeout
    // (cpp-httplib 0.11 serves one connection per thread), so there are more than http_threads.
    int http_connections = 64;
    int http_read_timeout_s = 3;
    int http_keep_alive_max = 20;  // requests on one connection before it is closed
    std::int64_t session_ttl_s = 8 * 3600;
    // Load balancers whose X-Forwarded-For/-Proto are believed (SPEC 9), by peer address.
    std::vector<std::string> trusted_proxies;
    // Who may scrape GET /metrics without a session (by client address); others need an operator.
    std::vector<std::string> metrics_allow = {"127.0.0.1", "::1"};

    // Login back-off and the password-check cap (SPEC 4, F22).
    int login_user_failures = 5;
    int login_address_failures = 20;
    int login_window_s = 60;
    int password_checks = 2;
    int password_check_wait_ms = 5000;

    // Registration history (F18).
    int history_days = 30;          // 0: no history is recorded
    int flap_changes = 5;           // a line changing state more than this often...
    int flap_window_min = 10;       // ...within this many minutes is flapping

    // Export limits of SPEC 6 (F13).
    int export_concurrency = 3;
    int export_queue = 10;
    int export_queue_timeout_s = 30;
    int export_session_spacing_s = 5;
    int export_cache_ttl_s = 60;

    // Fault injection, for tests only (named as such).
    int fault_export_delay_ms = 0;
    bool fault_export_fail = false;
};

struct ParseOutcome {
    std::optional<Config> config;  // absent: exit (help shown, or an error)
    std::string message;           // help text or the error, for the terminal
    int exit_code = 0;
};

ParseOutcome parse_args(const std::vector<std::string>& args);
std::string usage();

}  // namespace phonefleet::app
