#pragma once
// The HTTP side of the server: cpp-httplib with the API routes, the static files of the
// browser client, and handlers that never let an exception or an unknown path crash it.
#include <httplib.h>

#include <string>
#include <vector>

#include "http/http_metrics.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {

class HttpServer {
public:
    // The services every route group may use; adding one is one member of ApiServices.
    explicit HttpServer(ApiServices services);

    // Binds host:port (port 0: any free port). Returns the bound port, or -1.
    int bind(const std::string& host, int port);
    bool serve();  // blocks until stop()
    void stop() { server_.stop(); }
    bool is_running() const { return server_.is_running(); }

    const std::vector<RouteInfo>& routes() const { return router_.routes(); }
    const HttpMetrics& metrics() const { return metrics_; }

private:
    httplib::Server server_;
    ApiServices services_;
    Router router_;
    HttpMetrics metrics_;
};

}  // namespace phonefleet::http
