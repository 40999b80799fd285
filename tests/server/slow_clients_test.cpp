// Issue 17: clients that open a connection and send half a request must not stop /healthz
// from answering, and their workers come back after the read timeout. Loopback, bounded.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <vector>

#include "test_server.hpp"

using namespace phonefleet::testing;

namespace {

// A connection that sent `GET /heal` and nothing more (no end of line, no headers).
int slow_client(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    const char partial[] = "GET /heal";
    ::send(fd, partial, sizeof partial - 1, 0);
    return fd;
}

// True when the server closed the connection within timeout_ms.
bool closed_by_server(int fd, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char c;
    return ::recv(fd, &c, 1, 0) <= 0;
}

}  // namespace

TEST_CASE("30 slow clients holding half a request: /healthz answers within 1 s; they are dropped after the read timeout",
          "[security][slow]") {
    TempDir dir;
    auto config = TestServer::default_config();
    config.http_read_timeout_s = 2;
    TestServer server(dir.path() / "db.sqlite", config);

    // Warm up (first answers of a new server), so the rounds below time the slow clients only.
    REQUIRE(server.get("/healthz", "")->status == 200);
    std::vector<int> slow;
    for (int i = 0; i < 30; ++i) slow.push_back(slow_client(server.port()));
    for (int fd : slow) REQUIRE(fd >= 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // all accepted, each holding a worker

    for (int round = 0; round < 3; ++round) {
        httplib::Client c("127.0.0.1", server.port());
        c.set_connection_timeout(1);
        c.set_read_timeout(1);
        const auto t0 = std::chrono::steady_clock::now();
        auto res = c.Get("/healthz");
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
        INFO("round " << round << ": " << ms << " ms");
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(ms < 1000);
    }
    // The read timeout frees their workers: each connection is closed by the server.
    int closed = 0;
    for (int fd : slow) closed += closed_by_server(fd, 4000);
    CHECK(closed == 30);
    for (int fd : slow) ::close(fd);
}
