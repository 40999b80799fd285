#include "sip/udp_transport.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <iostream>
#include <vector>

namespace phonefleet::sip {

std::optional<Peer> parse_peer(std::string_view s) {
    auto colon = s.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    int port = 0;
    auto [p, ec] = std::from_chars(s.data() + colon + 1, s.data() + s.size(), port);
    if (ec != std::errc() || p != s.data() + s.size() || port <= 0 || port > 65535) return std::nullopt;
    return Peer{std::string(s.substr(0, colon)), port};
}

UdpTransport::~UdpTransport() {
    stop();
    if (fd_ >= 0) ::close(fd_);
}

int UdpTransport::bind(const std::string& host, int port) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return -1;
    // Bursts of REGISTERs (and sipp load runs) overflow the default buffer; the system caps it.
    int size = 4 * 1024 * 1024;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 ||
        ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd_);
        fd_ = -1;
        return -1;
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    local_ = {host, ntohs(addr.sin_port)};
    return local_.port;
}

void UdpTransport::start(Handler on_datagram, std::function<void()> on_tick) {
    if (fd_ < 0 || running_) return;
    on_datagram_ = std::move(on_datagram);
    on_tick_ = std::move(on_tick);
    running_ = true;
    thread_ = std::thread([this] { run(); });
}

void UdpTransport::stop() {
    std::lock_guard lock(stopping_);
    running_ = false;
    if (thread_.joinable()) thread_.join();
}

bool UdpTransport::send(const Peer& to, std::string_view bytes) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(to.port));
    if (fd_ < 0 || ::inet_pton(AF_INET, to.ip.c_str(), &addr.sin_addr) != 1) return false;
    return ::sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&addr), sizeof addr) ==
           static_cast<ssize_t>(bytes.size());
}

void UdpTransport::run() {
    // One slot per datagram of a batch; a byte more than accepted, so MSG_TRUNC tells oversize.
    constexpr std::size_t slot = kMaxDatagram + 1;
    std::vector<char> buffer(slot * kMaxBatch);
    std::vector<Datagram> batch;
    batch.reserve(kMaxBatch);
    auto next_tick = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (running_) {
        pollfd p{fd_, POLLIN, 0};
        int ready = ::poll(&p, 1, 200);
        batch.clear();
        while (ready > 0 && (p.revents & POLLIN) && batch.size() < kMaxBatch) {
            char* at = buffer.data() + batch.size() * slot;
            sockaddr_in from{};
            socklen_t len = sizeof from;
            // MSG_TRUNC: the real size even when larger than the slot.
            ssize_t n = ::recvfrom(fd_, at, slot, MSG_TRUNC | MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&from), &len);
            if (n < 0) break;  // nothing more waiting
            if (n == 0) continue;
            if (static_cast<std::size_t>(n) > kMaxDatagram) {
                ++dropped_;
                continue;
            }
            char ip[INET_ADDRSTRLEN] = {};
            ::inet_ntop(AF_INET, &from.sin_addr, ip, sizeof ip);
            batch.push_back({std::string_view(at, static_cast<std::size_t>(n)), Peer{ip, ntohs(from.sin_port)}});
        }
        if (!batch.empty()) {
            try {
                on_datagram_(batch);
            } catch (const std::exception& e) {
                std::cerr << "sip: datagrams from " << batch.front().from.ip << " dropped: " << e.what() << "\n";
            } catch (...) {
                dropped_ += batch.size();
            }
        }
        if (std::chrono::steady_clock::now() >= next_tick) {
            next_tick += std::chrono::seconds(1);
            try {
                if (on_tick_) on_tick_();
            } catch (const std::exception& e) {
                std::cerr << "sip: tick failed: " << e.what() << "\n";
            }
        }
    }
}

}  // namespace phonefleet::sip
