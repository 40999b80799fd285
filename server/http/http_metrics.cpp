#include "http/http_metrics.hpp"

namespace phonefleet::http {

void HttpMetrics::observe(int status, double seconds) {
    const int cls = status / 100;
    ++by_class_[cls >= 1 && cls <= 5 ? cls : 0];
    if (seconds < 0) return;  // no start time seen (a request the library refused unparsed)
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++buckets_[i];
    ++count_;
    sum_us_ += static_cast<std::uint64_t>(seconds * 1e6);
}

}  // namespace phonefleet::http
