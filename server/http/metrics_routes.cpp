// GET /metrics (SPEC 4, F22): Prometheus text exposition 0.0.4. Scraped without a session only
// from the --metrics-allow addresses (loopback by default: a scraper beside the instance); any
// other caller needs an operator session, since the counts describe the whole platform.
#include <algorithm>
#include <sstream>

#include "http/client_address.hpp"
#include "http/metrics_routes.hpp"
#include "http/process_metrics.hpp"
#include "http/responses.hpp"

namespace phonefleet::http {
namespace {

class Exposition {
public:
    // One family: its HELP and TYPE lines, then its samples.
    Exposition& family(const char* name, const char* type, const char* help) {
        out_ << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
        return *this;
    }
    Exposition& sample(const std::string& name, double value, const std::string& labels = "") {
        out_ << name;
        if (!labels.empty()) out_ << '{' << labels << '}';
        out_ << ' ' << value << '\n';
        return *this;
    }
    Exposition& one(const char* name, const char* type, const char* help, double value) {
        return family(name, type, help).sample(name, value);
    }
    std::string text() const { return out_.str(); }

private:
    std::ostringstream out_ = [] {
        std::ostringstream o;
        o.precision(17);  // counters stay exact up to 2^53
        return o;
    }();
};

bool may_scrape(const httplib::Request& req, ApiServices& api) {
    const auto& allowed = api.config.metrics_allow;
    if (std::find(allowed.begin(), allowed.end(), client_address(req, api.config)) != allowed.end()) return true;
    auto who = api.auth.authenticate(session_token(req));
    return who && !who->kiosk && who->role == store::Role::Operator;
}

std::string render(ApiServices& api, const HttpMetrics& http) {
    Exposition e;
    if (auto p = read_process_stats()) {
        e.one("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
              static_cast<double>(p->resident_memory_bytes));
        e.one("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.",
              static_cast<double>(p->virtual_memory_bytes));
        e.one("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", p->cpu_seconds);
        e.one("process_open_fds", "gauge", "Number of open file descriptors.", static_cast<double>(p->open_fds));
        if (p->max_fds)
            e.one("process_max_fds", "gauge", "Maximum number of open file descriptors.", static_cast<double>(*p->max_fds));
        e.one("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
              p->start_time_seconds);
    }

    e.family("phonefleet_http_requests_total", "counter", "HTTP answers by status class.");
    for (int c = 1; c <= 5; ++c)
        e.sample("phonefleet_http_requests_total", static_cast<double>(http.answers(c)),
                 "code=\"" + std::to_string(c) + "xx\"");
    e.family("phonefleet_http_request_duration_seconds", "histogram", "Time from routing to the answer being written.");
    for (std::size_t i = 0; i < HttpMetrics::kBuckets.size(); ++i) {
        std::ostringstream le;
        le << HttpMetrics::kBuckets[i];
        e.sample("phonefleet_http_request_duration_seconds_bucket", static_cast<double>(http.bucket(i)),
                 "le=\"" + le.str() + "\"");
    }
    e.sample("phonefleet_http_request_duration_seconds_bucket", static_cast<double>(http.count()), "le=\"+Inf\"");
    e.sample("phonefleet_http_request_duration_seconds_sum", http.sum_seconds());
    e.sample("phonefleet_http_request_duration_seconds_count", static_cast<double>(http.count()));

    const auto& login = api.auth.login_counters();
    e.one("phonefleet_login_failures_total", "counter", "Failed logins (wrong password or unknown user).",
          static_cast<double>(login.failures.load()));
    e.one("phonefleet_login_throttled_total", "counter", "Logins refused by the back-off (429).",
          static_cast<double>(login.throttled.load()));
    e.one("phonefleet_login_busy_total", "counter", "Logins refused for want of a password-check slot (503).",
          static_cast<double>(login.busy.load()));
    const auto& gate = api.auth.password_gate();
    e.one("phonefleet_password_checks_in_flight", "gauge", "Password checks (argon2id) running now.", gate.in_flight());
    e.one("phonefleet_password_checks_waiting", "gauge", "Logins waiting for a password-check slot.", gate.waiting());
    e.one("phonefleet_password_checks_capacity", "gauge", "Password checks allowed at once.", gate.capacity());

    const auto queue = api.line_states.limiter().snapshot();
    e.one("phonefleet_export_running", "gauge", "Line-state exports running.", queue.running);
    e.one("phonefleet_export_waiting", "gauge", "Line-state exports waiting in the queue.", queue.queued);
    e.one("phonefleet_export_delayed", "gauge", "Line-state exports delayed by the session spacing.", queue.delayed);
    e.one("phonefleet_export_cached", "gauge", "Finished exports kept for the cross-user cache.", queue.cached);

    if (api.sip) {
        const auto& s = *api.sip;
        e.family("phonefleet_sip_messages_total", "counter", "SIP datagrams received, by what became of them.");
        e.sample("phonefleet_sip_messages_total", static_cast<double>(s.received.load()), "outcome=\"received\"");
        e.sample("phonefleet_sip_messages_total", static_cast<double>(s.unparseable.load()), "outcome=\"unparseable\"");
        e.sample("phonefleet_sip_messages_total", static_cast<double>(s.rejected.load()), "outcome=\"rejected\"");
        e.sample("phonefleet_sip_messages_total", static_cast<double>(s.limited.load()), "outcome=\"rate_limited\"");
        e.sample("phonefleet_sip_messages_total", static_cast<double>(s.retransmissions.load()),
                 "outcome=\"retransmission\"");
    }
    return e.text();
}

}  // namespace

void register_metrics_route(Router& router, ApiServices& api, const HttpMetrics& http) {
    router.get("/metrics", [&api, &http](const httplib::Request& req, httplib::Response& res) {
        if (!may_scrape(req, api)) {
            send_problem(res, req, Error{"forbidden", "", ""});
            return;
        }
        res.set_header("Cache-Control", "no-store");
        res.set_content(render(api, http), "text/plain; version=0.0.4; charset=utf-8");
    });
}

}  // namespace phonefleet::http
