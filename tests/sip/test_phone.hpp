#pragma once
// A minimal SIP phone for tests, built on libosip2 through the server's SipMessage: it sends
// REGISTERs and answers digest challenges with either algorithm. sipp 3.6 cannot do SHA-256
// (RFC 8760); this can. It reads messages with osip and never hand-parses SIP.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
// osip_const.h names a header REQUIRE, which is also Catch2's assertion: keep Catch2's.
#pragma push_macro("REQUIRE")
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#pragma pop_macro("REQUIRE")

#include <optional>
#include <string>
#include <vector>

#include "sip/digest.hpp"
#include "sip/digest_client.hpp"
#include "sip/sip_message.hpp"

namespace phonefleet::testing {

using Challenge = sip::DigestChallenge;

class TestPhone {
public:
    TestPhone(std::string user, std::string password, int server_port)
        : user_(std::move(user)), password_(std::move(password)), server_port_(server_port) {
        fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        socklen_t len = sizeof a;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
    }
    ~TestPhone() { ::close(fd_); }

    int port() const { return port_; }
    std::string contact() const { return "<sip:" + user_ + "@127.0.0.1:" + std::to_string(port_) + ">"; }

    void send_raw(const std::string& bytes) {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(server_port_));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }

    // The next datagram as it came, parseable or not.
    std::optional<std::string> receive_raw(int timeout_ms = 2000) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, timeout_ms) <= 0) return std::nullopt;
        std::vector<char> buf(65536);
        auto n = ::recv(fd_, buf.data(), buf.size(), 0);
        if (n <= 0) return std::nullopt;
        return std::string(buf.data(), static_cast<std::size_t>(n));
    }

    std::optional<sip::SipMessage> receive(int timeout_ms = 2000) {
        auto bytes = receive_raw(timeout_ms);
        if (!bytes) return std::nullopt;
        auto m = sip::SipMessage::parse(*bytes);
        if (!m) return std::nullopt;
        return std::move(m.value());
    }

    // A REGISTER; contacts as Contact header values; authorization as an Authorization value.
    std::string register_request(const std::vector<std::string>& contacts, std::optional<int> expires,
                                 const std::string& authorization = "") {
        auto req = sip::SipMessage::request("REGISTER", "sip:127.0.0.1:" + std::to_string(server_port_));
        auto& m = req.value();
        m.add_via("SIP/2.0/UDP 127.0.0.1:" + std::to_string(port_) + ";branch=z9hG4bK" + sip::random_hex(8) + ";rport");
        m.set_from("<sip:" + user_ + "@127.0.0.1>;tag=" + tag_);
        m.set_to("<sip:" + user_ + "@127.0.0.1>");
        m.set_call_id(call_id_);
        m.set_cseq(std::to_string(++cseq_) + " REGISTER");
        for (const auto& c : contacts) m.add_contact(c);
        if (expires) m.add_header("Expires", std::to_string(*expires));
        if (!authorization.empty()) osip_message_set_authorization(m.raw(), authorization.c_str());
        m.add_header("User-Agent", "osip-test-phone");
        return m.to_string();
    }

    static std::vector<Challenge> challenges(const sip::SipMessage& response) { return sip::digest_challenges(response); }

    // The CSeq of the next REGISTER (to send one out of order), and a new Call-ID (a restart).
    void set_next_cseq(int cseq) { cseq_ = cseq - 1; }
    void restart() { call_id_ = sip::random_hex(8) + "@127.0.0.1"; }

    // The Authorization value answering challenge c (qop=auth, RFC 2617 3.2.2 / RFC 8760).
    std::string authorization(const Challenge& c, int nc = 1, const std::string& password = "") {
        return sip::digest_authorization(c, user_, password.empty() ? password_ : password,
                                         "sip:127.0.0.1:" + std::to_string(server_port_), "REGISTER", nc);
    }

    // REGISTER, answer the challenge of `algorithm` (the first offered when empty), return the final answer.
    std::optional<sip::SipMessage> register_with(const std::vector<std::string>& contacts, std::optional<int> expires,
                                                 const std::string& algorithm = "", std::string* sent = nullptr) {
        send_raw(register_request(contacts, expires));
        auto challenge = receive();
        if (!challenge || challenge->status() != 401) return challenge;
        for (const auto& c : challenges(*challenge)) {
            if (!algorithm.empty() && c.algorithm != algorithm) continue;
            auto bytes = register_request(contacts, expires, authorization(c));
            if (sent) *sent = bytes;
            send_raw(bytes);
            return receive();
        }
        return std::nullopt;
    }

private:
    std::string user_, password_;
    int server_port_;
    int fd_ = -1;
    int port_ = 0;
    std::string tag_ = sip::random_hex(4);
    std::string call_id_ = sip::random_hex(8) + "@127.0.0.1";
    int cseq_ = 0;
};

}  // namespace phonefleet::testing
