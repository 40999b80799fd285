#include "http/http_server.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <regex>

#include "api/openapi_document.hpp"
#include "http/client_address.hpp"
#include "http/metrics_routes.hpp"
#include "http/responses.hpp"
#include "http/security_headers.hpp"

namespace phonefleet::http {
namespace {

// The largest request body read at all: an import file over its own limit (16 MB) is still read
// and answered row by row with file_too_large; beyond this, refused unread (413).
constexpr std::size_t kMaxPayloadBytes = 64 * 1024 * 1024;

// When the request being handled on this worker was routed (a worker handles one at a time).
thread_local std::optional<std::chrono::steady_clock::time_point> routed_at;

}  // namespace

HttpServer::HttpServer(ApiServices services) : services_(services), router_(server_, services.auth) {
    const app::Config& config = services_.config;
    // Every open connection holds a worker (one per thread in cpp-httplib 0.11): enough for the
    // slow or idle clients a read timeout has not dropped yet, and exports waiting in the queue
    // or running hold one each (SPEC 6): room for them on top. Threads cost stack address space,
    // not memory, until used.
    const int threads = std::max(config.http_threads, config.http_connections) + config.export_concurrency +
                        config.export_queue;
    server_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    // Without TCP_NODELAY, keep-alive answers wait ~40 ms on delayed ACKs (TOOLCHAIN.md).
    server_.set_tcp_nodelay(true);
    // Idle keep-alive connections hold a worker; a short timeout also bounds how long a stop waits.
    server_.set_keep_alive_timeout(2);
    // A client that stops sending mid-request (a partial request line, a slow body) frees its
    // worker after this; beyond it, bounding slow clients is the front's job (HAProxy's
    // timeout http-request), since 0.11.4 times each read, not the whole request.
    server_.set_read_timeout(std::chrono::seconds(config.http_read_timeout_s));
    server_.set_write_timeout(std::chrono::seconds(10));
    server_.set_keep_alive_max_count(static_cast<std::size_t>(config.http_keep_alive_max));
    server_.set_payload_max_length(kMaxPayloadBytes);
    // Every answer carries them, static files and errors included (the library copies them first).
    server_.set_default_headers(security_headers());
    server_.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
    server_.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");

    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        routed_at = std::chrono::steady_clock::now();
        // HSTS only where the browser came over TLS (the front said so); never on plain loopback.
        if (came_over_tls(req, services_.config)) res.set_header("Strict-Transport-Security", kHsts);
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Called once the answer is written, whatever produced it (route, static file, error).
    server_.set_logger([this](const httplib::Request&, const httplib::Response& res) {
        double seconds = -1;
        if (routed_at) seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - *routed_at).count();
        routed_at.reset();
        metrics_.observe(res.status, seconds);
    });

    server_.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            std::cerr << "error: " << req.method << " " << req.path << ": " << e.what() << "\n";
        } catch (...) {
            std::cerr << "error: " << req.method << " " << req.path << ": unknown exception\n";
        }
        send_problem(res, req, Error{"internal_error", "", ""}, 500);
    });
    // Errors without a body (unknown API path, wrong method) still answer problem+json.
    server_.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty() || req.path.rfind("/api/", 0) != 0) return httplib::Server::HandlerResponse::Unhandled;
        if (res.status == 413) {  // a body over set_payload_max_length, refused before any route
            // An import file says the import's own limit, as a smaller file over it is told (F9).
            static const std::regex kImport(R"(/api/v1/customers/\d+/devices/import)");
            if (std::regex_match(req.path, kImport))
                send_problem(res, req, Error{"file_too_large", "bytes", std::to_string(services_.transfer.limits().max_bytes)}, 413);
            else
                send_problem(res, req, Error{"request_too_large", "", std::to_string(kMaxPayloadBytes / (1024 * 1024))});
            return httplib::Server::HandlerResponse::Handled;
        }
        send_problem(res, req, Error{res.status == 404 ? "not_found" : "bad_request", "", req.path}, res.status);
        return httplib::Server::HandlerResponse::Handled;
    }));

    for (const auto& dir : config.static_dirs) {
        if (!server_.set_mount_point("/", dir))
            std::cerr << "warning: static folder " << dir << " does not exist; not served\n";
    }
    router_.get("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
        const auto doc = api::openapi_document();
        res.set_content(doc.data(), doc.size(), "application/json");
    });
    router_.get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("ok\n", "text/plain");
    });
    register_metrics_route(router_, services_, metrics_);
    register_auth_routes(router_, services_);
    register_inventory_routes(router_, services_);
    register_catalog_routes(router_, services_);
    register_transfer_routes(router_, services_);
    register_token_routes(router_, services_);
    register_audit_routes(router_, services_);
    register_control_routes(router_, services_);
    register_line_state_routes(router_, services_);
    register_history_routes(router_, services_);
    register_provider_routes(router_, services_);
    register_kiosk_routes(router_, services_);
    register_kiosk_page(server_, config);
}

int HttpServer::bind(const std::string& host, int port) {
    if (port == 0) return server_.bind_to_any_port(host);
    return server_.bind_to_port(host, port) ? port : -1;
}

bool HttpServer::serve() { return server_.listen_after_bind(); }

}  // namespace phonefleet::http
