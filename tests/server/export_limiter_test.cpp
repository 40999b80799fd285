// The export limits of SPEC 6 (F13) with a fake clock: every rule and their interplay, no sleep.
#include <catch2/catch.hpp>

#include <atomic>

#include "exports/export_limiter.hpp"

using namespace phonefleet::exports;

namespace {

struct FakeClock {
    std::atomic<std::int64_t> ms{1'000'000};
    MonotonicClock as_clock() {
        return [this] { return ms.load(); };
    }
};

struct Result : ExportArtifact {
    explicit Result(int n) : id(n) {}
    int id;
};

ExportLimits limits(int concurrency = 3, int queue = 10) {
    ExportLimits l;
    l.concurrency = concurrency;
    l.queue = queue;
    l.queue_timeout_ms = 30'000;
    l.session_spacing_ms = 5'000;
    l.cache_ttl_ms = 60'000;
    return l;
}

// Session "s<n>" of user n for customer c; key names the export.
ExportRequest req(int n, std::int64_t customer = 1, const std::string& key = "k") {
    return {"s" + std::to_string(n), n, customer, key + std::to_string(n)};
}

}  // namespace

TEST_CASE("an export runs at once when nothing else does", "[export-limiter][line-states]") {
    FakeClock clock;
    ExportLimiter limiter(limits(), clock.as_clock());
    auto t = limiter.submit(req(1));
    CHECK(limiter.poll(t).phase == ExportPhase::Running);
    CHECK(limiter.wait(t).phase == ExportPhase::Running);  // returns at once: nothing to wait for
    limiter.finish(t, std::make_shared<Result>(1));
    auto s = limiter.poll(t);
    CHECK(s.phase == ExportPhase::Done);
    CHECK_FALSE(s.cache_hit);
    CHECK(std::static_pointer_cast<const Result>(s.artifact)->id == 1);
}

TEST_CASE("session spacing: a second export within 5 s waits until the 5 s have passed", "[export-limiter][line-states]") {
    FakeClock clock;
    ExportLimiter limiter(limits(), clock.as_clock());
    auto first = limiter.submit({"s", 1, 1, "a"});
    REQUIRE(limiter.poll(first).phase == ExportPhase::Running);
    limiter.finish(first, std::make_shared<Result>(1));

    clock.ms += 2'000;
    auto second = limiter.submit({"s", 1, 1, "b"});
    auto s = limiter.poll(second);
    CHECK(s.phase == ExportPhase::Delayed);
    CHECK(s.delayed_until == 1'005'000);  // 5 s after the first started, not after this one came

    clock.ms = 1'004'999;
    CHECK(limiter.poll(second).phase == ExportPhase::Delayed);
    clock.ms = 1'005'000;
    CHECK(limiter.poll(second).phase == ExportPhase::Running);

    SECTION("the delay counts from the previous start: a third one 5 s after the second runs at once") {
        limiter.finish(second, std::make_shared<Result>(2));
        clock.ms = 1'010'000;
        CHECK(limiter.poll(limiter.submit({"s", 1, 1, "c"})).phase == ExportPhase::Running);
    }
    SECTION("the same request of the same session within 5 s is delayed too (same user: no cache hit)") {
        limiter.finish(second, std::make_shared<Result>(2));
        clock.ms = 1'006'000;
        auto again = limiter.submit({"s", 1, 1, "b"});
        CHECK(limiter.poll(again).phase == ExportPhase::Delayed);
    }
}

TEST_CASE("while a request is delayed, another of that session or customer is refused with Retry-After",
          "[export-limiter][line-states]") {
    FakeClock clock;
    ExportLimiter limiter(limits(), clock.as_clock());
    auto first = limiter.submit({"s1", 1, 7, "a"});
    limiter.finish(first, std::make_shared<Result>(1));
    clock.ms += 1'000;
    auto delayed = limiter.submit({"s1", 1, 7, "b"});
    REQUIRE(limiter.poll(delayed).phase == ExportPhase::Delayed);

    clock.ms += 500;  // 3.5 s of delay left
    auto same_session = limiter.poll(limiter.submit({"s1", 1, 7, "c"}));
    CHECK(same_session.phase == ExportPhase::Refused);
    CHECK(same_session.refusal == Refusal::SpacingBusy);
    CHECK(same_session.retry_after_s == 4);  // rounded up, never 0

    auto same_customer = limiter.poll(limiter.submit({"s2", 2, 7, "d"}));
    CHECK(same_customer.phase == ExportPhase::Refused);
    CHECK(same_customer.refusal == Refusal::SpacingBusy);

    auto other_customer = limiter.poll(limiter.submit({"s3", 3, 8, "e"}));
    CHECK(other_customer.phase == ExportPhase::Running);

    clock.ms = 1'005'000;  // the delay is over: it runs, and the customer may ask again
    CHECK(limiter.poll(delayed).phase == ExportPhase::Running);
    CHECK(limiter.poll(limiter.submit({"s2", 2, 7, "d"})).phase == ExportPhase::Running);
}

TEST_CASE("at most `concurrency` run, `queue` wait in FIFO order, the rest are refused at once",
          "[export-limiter][line-states]") {
    FakeClock clock;
    const int concurrency = GENERATE(2, 3);
    ExportLimiter limiter(limits(concurrency, 10), clock.as_clock());
    std::vector<TicketPtr> tickets;
    for (int i = 0; i < 16; ++i) tickets.push_back(limiter.submit(req(i)));

    for (int i = 0; i < concurrency; ++i) CHECK(limiter.poll(tickets[i]).phase == ExportPhase::Running);
    for (int i = concurrency; i < concurrency + 10; ++i) {
        auto s = limiter.poll(tickets[i]);
        CHECK(s.phase == ExportPhase::Queued);
        CHECK(s.position == i - concurrency + 1);
    }
    for (int i = concurrency + 10; i < 16; ++i) {
        auto s = limiter.poll(tickets[i]);
        CHECK(s.phase == ExportPhase::Refused);
        CHECK(s.refusal == Refusal::QueueFull);
        CHECK(s.retry_after_s >= 1);
        CHECK(s.retry_after_s <= 30);
    }
    auto snap = limiter.snapshot();
    CHECK(snap.running == concurrency);
    CHECK(snap.queued == 10);

    // Each finished export hands its slot to the head of the queue.
    for (int done = 0; done < 10; ++done) {
        limiter.finish(tickets[done], std::make_shared<Result>(done));
        CHECK(limiter.poll(tickets[concurrency + done]).phase == ExportPhase::Running);
        if (done + 1 < 10) CHECK(limiter.poll(tickets[concurrency + done + 1]).phase == ExportPhase::Queued);
    }
    // A failed export gives its slot back too.
    limiter.finish(tickets[10], nullptr);
    CHECK(limiter.poll(tickets[10]).phase == ExportPhase::Failed);
    CHECK(limiter.snapshot().running == concurrency - 1);
}

TEST_CASE("one that waited longer than the queue timeout leaves the queue (408)", "[export-limiter][line-states]") {
    FakeClock clock;
    ExportLimiter limiter(limits(2, 10), clock.as_clock());
    auto a = limiter.submit(req(1));
    auto b = limiter.submit(req(2));
    clock.ms += 10'000;
    auto c = limiter.submit(req(3));
    clock.ms += 1'000;
    auto d = limiter.submit(req(4));
    REQUIRE(limiter.poll(c).phase == ExportPhase::Queued);

    clock.ms = 1'040'000;  // c waited exactly 30 s: not longer
    CHECK(limiter.poll(c).phase == ExportPhase::Queued);
    clock.ms = 1'040'001;
    CHECK(limiter.poll(c).phase == ExportPhase::TimedOut);
    CHECK(limiter.poll(d).phase == ExportPhase::Queued);
    CHECK(limiter.poll(d).position == 1);
    clock.ms = 1'041'001;
    CHECK(limiter.poll(d).phase == ExportPhase::TimedOut);
    CHECK(limiter.snapshot().queued == 0);
    // A timed-out ticket never runs later.
    limiter.finish(a, std::make_shared<Result>(1));
    limiter.finish(b, std::make_shared<Result>(2));
    CHECK(limiter.poll(c).phase == ExportPhase::TimedOut);
    CHECK(limiter.snapshot().running == 0);
}

TEST_CASE("cross-user cache: another user's same export within the cache period is a hit", "[export-limiter][line-states]") {
    FakeClock clock;
    ExportLimiter limiter(limits(), clock.as_clock());
    auto a = limiter.submit({"sa", 1, 1, "K"});
    auto artifact = std::make_shared<Result>(42);
    limiter.finish(a, artifact);

    clock.ms += 59'999;
    auto b = limiter.poll(limiter.submit({"sb", 2, 1, "K"}));
    CHECK(b.phase == ExportPhase::Done);
    CHECK(b.cache_hit);
    CHECK(b.artifact == artifact);

    SECTION("another export (other filters) is no hit") {
        CHECK(limiter.poll(limiter.submit({"sc", 3, 1, "K2"})).phase == ExportPhase::Running);
    }
    SECTION("the same user is no hit, even from another session") {
        CHECK(limiter.poll(limiter.submit({"sa2", 1, 1, "K"})).phase == ExportPhase::Running);
    }
    SECTION("after the cache period it runs again") {
        clock.ms += 1;
        CHECK(limiter.poll(limiter.submit({"sd", 4, 1, "K"})).phase == ExportPhase::Running);
        CHECK(limiter.snapshot().cached == 0);
    }
    SECTION("a cache hit is an export of its session: the next one within 5 s is delayed") {
        clock.ms += 1'000;
        CHECK(limiter.poll(limiter.submit({"sb", 2, 1, "K3"})).phase == ExportPhase::Delayed);
    }
}

TEST_CASE("cross-user cache: another user's same export while it runs is answered from its result",
          "[export-limiter][line-states]") {
    FakeClock clock;
    ExportLimiter limiter(limits(), clock.as_clock());
    auto a = limiter.submit({"sa", 1, 1, "K"});
    auto b = limiter.submit({"sb", 2, 1, "K"});
    auto same_user = limiter.submit({"sa2", 1, 1, "K"});
    CHECK(limiter.poll(b).phase == ExportPhase::Joined);
    CHECK(limiter.poll(same_user).phase == ExportPhase::Running);  // runs its own
    CHECK(limiter.snapshot().running == 2);

    SECTION("success: the joiner gets the same file, as a hit") {
        auto artifact = std::make_shared<Result>(7);
        limiter.finish(a, artifact);
        auto s = limiter.poll(b);
        CHECK(s.phase == ExportPhase::Done);
        CHECK(s.cache_hit);
        CHECK(s.artifact == artifact);
        CHECK_FALSE(limiter.poll(a).cache_hit);
    }
    SECTION("failure: the joiner fails with it (500), nothing is cached") {
        limiter.finish(a, nullptr);
        CHECK(limiter.poll(b).phase == ExportPhase::Failed);
        CHECK(limiter.snapshot().cached == 0);
    }
    SECTION("a queued export is joined too, and a joiner takes no place in the queue") {
        ExportLimiter small(limits(2, 1), clock.as_clock());
        auto r1 = small.submit({"1", 1, 1, "x"});
        auto r2 = small.submit({"2", 2, 1, "y"});
        auto q = small.submit({"3", 3, 1, "Q"});
        auto j = small.submit({"4", 4, 1, "Q"});
        CHECK(small.poll(q).phase == ExportPhase::Queued);
        CHECK(small.poll(j).phase == ExportPhase::Joined);
        CHECK(small.poll(small.submit({"5", 5, 1, "z"})).phase == ExportPhase::Refused);
        clock.ms += 30'001;  // the leader times out: so does the joiner (408)
        CHECK(small.poll(q).phase == ExportPhase::TimedOut);
        CHECK(small.poll(j).phase == ExportPhase::TimedOut);
        small.finish(r1, nullptr);
        small.finish(r2, nullptr);
    }
}

TEST_CASE("interplay: a delayed export meets the queue and the cache when its delay ends", "[export-limiter][line-states]") {
    FakeClock clock;
    ExportLimiter limiter(limits(2, 1), clock.as_clock());
    auto first = limiter.submit({"s", 1, 1, "a"});
    clock.ms += 1'000;
    auto delayed = limiter.submit({"s", 1, 1, "K"});
    REQUIRE(limiter.poll(delayed).phase == ExportPhase::Delayed);

    SECTION("the queue filled meanwhile: refused (429) when the delay ends") {
        auto r2 = limiter.submit(req(2, 2));
        auto q3 = limiter.submit(req(3, 3));
        CHECK(limiter.poll(q3).phase == ExportPhase::Queued);
        clock.ms = 1'005'000;
        auto s = limiter.poll(delayed);
        CHECK(s.phase == ExportPhase::Refused);
        CHECK(s.refusal == Refusal::QueueFull);
        limiter.finish(r2, nullptr);
    }
    SECTION("another user exported the same meanwhile: a cache hit when the delay ends") {
        auto other = limiter.submit({"o", 9, 2, "K"});
        auto artifact = std::make_shared<Result>(5);
        limiter.finish(other, artifact);
        clock.ms = 1'005'000;
        auto s = limiter.poll(delayed);
        CHECK(s.phase == ExportPhase::Done);
        CHECK(s.cache_hit);
        CHECK(s.artifact == artifact);
    }
    SECTION("the session's own running export does not block its delayed one from running") {
        clock.ms = 1'005'000;
        CHECK(limiter.poll(delayed).phase == ExportPhase::Running);
        CHECK(limiter.snapshot().running == 2);
    }
    limiter.finish(first, nullptr);
}

TEST_CASE("a caller that gives up leaves the queue or the delay", "[export-limiter][line-states]") {
    FakeClock clock;
    ExportLimiter limiter(limits(2, 2), clock.as_clock());
    auto r1 = limiter.submit(req(1));
    auto r2 = limiter.submit(req(2));
    auto q3 = limiter.submit(req(3));
    auto q4 = limiter.submit(req(4));
    limiter.abandon(q3);
    CHECK(limiter.poll(q4).position == 1);
    CHECK(limiter.snapshot().queued == 1);
    limiter.finish(r1, nullptr);
    CHECK(limiter.poll(q4).phase == ExportPhase::Running);
    limiter.finish(r2, nullptr);
    limiter.finish(q4, nullptr);
    CHECK(limiter.snapshot().running == 0);
}
