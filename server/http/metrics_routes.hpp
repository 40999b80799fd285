#pragma once
#include "http/http_metrics.hpp"
#include "http/routes.hpp"

namespace phonefleet::http {

// GET /metrics: Prometheus text (F22).
void register_metrics_route(Router& router, ApiServices& services, const HttpMetrics& http);

}  // namespace phonefleet::http
