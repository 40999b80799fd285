#include "app/config.hpp"

#include <charconv>
#include <functional>
#include <map>
#include <sstream>

namespace phonefleet::app {
namespace {

std::optional<long long> parse_int(const std::string& s, long long lo, long long hi) {
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
    return v;
}

std::optional<Endpoint> parse_endpoint(const std::string& s) {
    auto colon = s.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    auto port = parse_int(s.substr(colon + 1), 0, 65535);
    if (!port) return std::nullopt;
    return Endpoint{s.substr(0, colon), static_cast<int>(*port)};
}

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

}  // namespace

std::string usage() {
    return R"(Usage: phonefleet-server [flags]

  --db FILE                     SQLite database file (created if missing) [data/phonefleet.db]
  --http ADDR:PORT              HTTP listen address; port 0 picks a free one [127.0.0.1:8080]
  --sip ADDR:PORT               SIP (UDP) listen address [127.0.0.1:5060]
  --sip-domain NAME             SIP domain of line AORs and digest realm [phonefleet.local]
  --sip-digest LIST             digest algorithms offered, in order [SHA-256,MD5]
  --sip-min-expires S           shortest registration accepted (423 below) [60]
  --sip-aging-window S          how long a lapsed binding stays Aged [86400]
  --sip-probe-timeout-ms N      wait for OPTIONS/NOTIFY answers [1500]
  --sip-request-rate N          SIP requests of any method per second per source address,
                                0 = no limit; over it REGISTER gets 503, others no answer [100]
                                (--sip-register-rate N: the same, its former name)
  --sip-max-contacts N          contacts (bindings) one line may hold; more: 403 [5]
  --reboot-confirm-window-s S   a reboot is confirmed by a REGISTER within S [120]
  --demo                        create the demo tenants, users and devices if missing
  --static DIR                  serve DIR at / (repeatable; replaces the defaults web, build/wasm/bin)
  --http-threads N              HTTP worker threads [8]
  --http-connections N          connections served at once (workers; a slow client holds one) [64]
  --http-read-timeout-s S       a client silent this long mid-request is dropped [3]
  --http-keep-alive-max N       requests on one keep-alive connection before it closes [20]
  --session-ttl-s S             browser and API session lifetime [28800]
  --trusted-proxy ADDR          a load balancer whose X-Forwarded-For/-Proto are believed
                                (repeatable; none by default: those headers are ignored)
  --metrics-allow ADDR          may read /metrics without a session (repeatable; replaces the
                                default 127.0.0.1 and ::1); others need an operator session
  --login-user-failures N       failed logins of one user name that start a back-off [5]
  --login-address-failures N    failed logins from one address that start a back-off [20]
  --login-window-s S            the back-off window: failures counted over it, 429 until it passes [60]
  --password-checks N           password checks (argon2id, 64 MiB each) run at once [2]
  --password-check-wait-ms N    longest wait for a password check before 503 [5000]
  --history-days N              keep registration history N days, 0 = record none [30]
  --flap-changes N              a line is flapping after more than N state changes... [5]
  --flap-window-min M           ...within M minutes [10]
  --export-concurrency N        line-state exports running at once, 2-3 [3]
  --export-queue N              exports waiting in FIFO order [10]
  --export-queue-timeout-s S    longest wait in the queue before 408 [30]
  --export-session-spacing-s S  spacing of one session's exports [5]
  --export-cache-ttl-s S        cross-user export cache period [60]
  --fault-export-delay-ms N     FAULT INJECTION (tests): delay every export by N ms
  --fault-export-fail           FAULT INJECTION (tests): make every export fail
  --help                        this text
)";
}

ParseOutcome parse_args(const std::vector<std::string>& args) {
    Config c;
    bool static_overridden = false;
    bool metrics_overridden = false;
    using Setter = std::function<bool(const std::string&)>;
    auto int_flag = [](auto& field, long long lo, long long hi) -> Setter {
        return [&field, lo, hi](const std::string& v) {
            auto n = parse_int(v, lo, hi);
            if (n) field = static_cast<std::remove_reference_t<decltype(field)>>(*n);
            return n.has_value();
        };
    };
    const std::map<std::string, Setter> with_value = {
        {"--db", [&](const std::string& v) { c.db_path = v; return !v.empty(); }},
        {"--http", [&](const std::string& v) { auto e = parse_endpoint(v); if (e) c.http = *e; return e.has_value(); }},
        {"--sip", [&](const std::string& v) { auto e = parse_endpoint(v); if (e) c.sip = *e; return e.has_value(); }},
        {"--sip-domain", [&](const std::string& v) { c.sip_domain = v; return !v.empty(); }},
        {"--sip-digest", [&](const std::string& v) {
             auto list = split_list(v);
             for (auto& a : list)
                 if (a != "SHA-256" && a != "MD5") return false;
             c.sip_digest = list;
             return !list.empty();
         }},
        {"--sip-min-expires", int_flag(c.sip_min_expires_s, 1, 86400)},
        {"--sip-aging-window", int_flag(c.sip_aging_window_s, 0, 365LL * 86400)},
        {"--sip-probe-timeout-ms", int_flag(c.sip_probe_timeout_ms, 100, 60000)},
        {"--sip-request-rate", int_flag(c.sip_request_rate, 0, 1000000)},
        {"--sip-register-rate", int_flag(c.sip_request_rate, 0, 1000000)},
        {"--sip-max-contacts", int_flag(c.sip_max_contacts, 1, 100)},
        {"--reboot-confirm-window-s", int_flag(c.reboot_confirm_window_s, 1, 86400)},
        {"--static", [&](const std::string& v) {
             if (!static_overridden) c.static_dirs.clear();
             static_overridden = true;
             c.static_dirs.push_back(v);
             return !v.empty();
         }},
        {"--http-threads", int_flag(c.http_threads, 1, 256)},
        {"--http-connections", int_flag(c.http_connections, 1, 4096)},
        {"--http-read-timeout-s", int_flag(c.http_read_timeout_s, 1, 300)},
        {"--http-keep-alive-max", int_flag(c.http_keep_alive_max, 1, 100000)},
        {"--session-ttl-s", int_flag(c.session_ttl_s, 60, 30LL * 86400)},
        {"--trusted-proxy", [&](const std::string& v) { c.trusted_proxies.push_back(v); return !v.empty(); }},
        {"--metrics-allow", [&](const std::string& v) {
             if (!metrics_overridden) c.metrics_allow.clear();
             metrics_overridden = true;
             c.metrics_allow.push_back(v);
             return !v.empty();
         }},
        {"--login-user-failures", int_flag(c.login_user_failures, 1, 1000)},
        {"--login-address-failures", int_flag(c.login_address_failures, 1, 100000)},
        {"--login-window-s", int_flag(c.login_window_s, 1, 86400)},
        {"--password-checks", int_flag(c.password_checks, 1, 64)},
        {"--password-check-wait-ms", int_flag(c.password_check_wait_ms, 0, 600000)},
        {"--history-days", int_flag(c.history_days, 0, 3650)},
        {"--flap-changes", int_flag(c.flap_changes, 1, 1000)},
        {"--flap-window-min", int_flag(c.flap_window_min, 1, 10080)},
        {"--export-concurrency", int_flag(c.export_concurrency, 2, 3)},
        {"--export-queue", int_flag(c.export_queue, 0, 1000)},
        {"--export-queue-timeout-s", int_flag(c.export_queue_timeout_s, 1, 3600)},
        {"--export-session-spacing-s", int_flag(c.export_session_spacing_s, 0, 3600)},
        {"--export-cache-ttl-s", int_flag(c.export_cache_ttl_s, 0, 86400)},
        {"--fault-export-delay-ms", int_flag(c.fault_export_delay_ms, 0, 600000)},
    };

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") return {std::nullopt, usage(), 0};
        if (a == "--demo") { c.demo = true; continue; }
        if (a == "--fault-export-fail") { c.fault_export_fail = true; continue; }
        std::string name = a, value;
        bool inline_value = false;
        if (auto eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
            name = a.substr(0, eq);
            value = a.substr(eq + 1);
            inline_value = true;
        }
        auto it = with_value.find(name);
        if (it == with_value.end()) return {std::nullopt, "unknown flag " + a + "\n\n" + usage(), 2};
        if (!inline_value) {
            if (i + 1 >= args.size()) return {std::nullopt, "flag " + name + " needs a value\n", 2};
            value = args[++i];
        }
        if (!it->second(value)) return {std::nullopt, "bad value for " + name + ": '" + value + "'\n", 2};
    }
    return {c, "", 0};
}

}  // namespace phonefleet::app
