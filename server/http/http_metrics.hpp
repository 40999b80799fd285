#pragma once
// What the HTTP side counts for /metrics (F22): answers by status class and their latency.
#include <array>
#include <atomic>
#include <cstdint>

namespace phonefleet::http {

class HttpMetrics {
public:
    // Upper bounds of the latency histogram, in seconds (Prometheus' default buckets).
    static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    void observe(int status, double seconds);

    // Index = status / 100 (1..5); 0 counts anything else.
    std::uint64_t answers(int status_class) const { return by_class_[status_class].load(); }
    std::uint64_t bucket(std::size_t i) const { return buckets_[i].load(); }  // cumulative count
    std::uint64_t count() const { return count_.load(); }
    double sum_seconds() const { return static_cast<double>(sum_us_.load()) / 1e6; }

private:
    std::array<std::atomic<std::uint64_t>, 6> by_class_{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets_{};
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::uint64_t> sum_us_{0};
};

}  // namespace phonefleet::http
