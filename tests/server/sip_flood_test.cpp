// REGISTER flood limiting per source address: a token bucket on an injected clock.
#include <catch2/catch.hpp>

#include "sip/flood_limiter.hpp"

using namespace phonefleet::sip;

TEST_CASE("the flood limiter lets a burst through, then the rate, per source", "[sip][flood]") {
    std::int64_t now_ms = 0;
    FloodLimiter limiter(10, 20, [&] { return now_ms; });
    int allowed = 0;
    for (int i = 0; i < 100; ++i) allowed += limiter.allow("10.0.0.1");
    CHECK(allowed == 20);
    CHECK(limiter.allow("10.0.0.2"));  // another address has its own bucket

    now_ms += 1000;  // 10 per second come back
    allowed = 0;
    for (int i = 0; i < 100; ++i) allowed += limiter.allow("10.0.0.1");
    CHECK(allowed == 10);

    now_ms += 3600 * 1000;  // never more than the burst
    allowed = 0;
    for (int i = 0; i < 100; ++i) allowed += limiter.allow("10.0.0.1");
    CHECK(allowed == 20);
}

TEST_CASE("a rate of zero means no limit", "[sip][flood]") {
    FloodLimiter limiter(0, 0, [] { return std::int64_t{0}; });
    for (int i = 0; i < 10000; ++i) REQUIRE(limiter.allow("10.0.0.1"));
}
