#pragma once
// SIP over UDP (RFC 3261 18): one socket, one receive thread. Datagrams go to a handler on that
// thread, in batches of those already waiting (up to kMaxBatch: under load the handler can
// commit a batch's bindings at once); oversized ones are dropped before parsing; a tick runs
// about once a second.
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace phonefleet::sip {

struct Peer {
    std::string ip;
    int port = 0;
    std::string to_string() const { return ip + ":" + std::to_string(port); }
};

std::optional<Peer> parse_peer(std::string_view ip_port);  // "1.2.3.4:5060"

struct Datagram {
    std::string_view bytes;  // valid during the handler's call only
    Peer from;
};

class UdpTransport {
public:
    using Handler = std::function<void(const std::vector<Datagram>& batch)>;
    static constexpr std::size_t kMaxDatagram = 16 * 1024;
    static constexpr std::size_t kMaxBatch = 32;

    UdpTransport() = default;
    ~UdpTransport();
    UdpTransport(const UdpTransport&) = delete;
    UdpTransport& operator=(const UdpTransport&) = delete;

    int bind(const std::string& host, int port);  // bound port, or -1
    void start(Handler on_datagram, std::function<void()> on_tick);
    void stop();
    bool send(const Peer& to, std::string_view bytes);
    const Peer& local() const { return local_; }
    std::uint64_t dropped() const { return dropped_.load(); }

private:
    void run();

    int fd_ = -1;
    Peer local_;
    Handler on_datagram_;
    std::function<void()> on_tick_;
    std::atomic<bool> running_{false};
    std::atomic<std::uint64_t> dropped_{0};
    std::thread thread_;
    std::mutex stopping_;  // stop() comes from a signal thread and from the destructor
};

}  // namespace phonefleet::sip
