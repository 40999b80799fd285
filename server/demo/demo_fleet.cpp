#include "demo/demo_fleet.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <map>
#include <optional>

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>

#include "sip/digest_client.hpp"
#include "sip/sip_message.hpp"

namespace phonefleet::demo {
namespace {

using Clock = std::chrono::steady_clock;

struct PhoneLine {
    std::string number;
    std::string call_id = sip::random_hex(8) + "@127.0.0.1";
    std::string tag = sip::random_hex(4);
    int cseq = 0;
    std::optional<Clock::time_point> register_at;  // when to send the next REGISTER
    int expires = 0;
};

struct Phone {
    std::string mac;
    PhoneBehaviour behaviour = PhoneBehaviour::Never;
    int fd = -1;
    int port = 0;
    bool silent = false;  // a vanished phone answers nothing
    std::vector<PhoneLine> lines;
};

class Fleet {
public:
    Fleet(const FleetSettings& s) : s_(s) {
        server_.sin_family = AF_INET;
        server_.sin_port = htons(static_cast<std::uint16_t>(s.server_port));
        inet_pton(AF_INET, s.server_host.c_str(), &server_.sin_addr);
    }
    ~Fleet() {
        for (auto& p : phones_)
            if (p.fd >= 0) ::close(p.fd);
    }

    bool add(Phone phone) {
        phone.fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (phone.fd < 0 || ::bind(phone.fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return false;
        socklen_t len = sizeof a;
        getsockname(phone.fd, reinterpret_cast<sockaddr*>(&a), &len);
        phone.port = ntohs(a.sin_port);
        if (phone.behaviour != PhoneBehaviour::Never)
            for (auto& l : phone.lines) {
                l.register_at = Clock::now();
                l.expires = phone.behaviour == PhoneBehaviour::Online ? s_.online_expires_s : s_.vanishing_expires_s;
            }
        phones_.push_back(std::move(phone));
        return true;
    }

    void run(const std::atomic<bool>& stop) {
        std::vector<pollfd> fds;
        for (const auto& p : phones_) fds.push_back({p.fd, POLLIN, 0});
        while (!stop) {
            const auto now = Clock::now();
            for (auto& p : phones_)
                for (auto& l : p.lines)
                    if (l.register_at && *l.register_at <= now) {
                        l.register_at.reset();
                        send_register(p, l, "");
                    }
            if (::poll(fds.data(), fds.size(), 200) <= 0) continue;
            for (std::size_t i = 0; i < fds.size(); ++i)
                if (fds[i].revents & POLLIN) receive(phones_[i]);
        }
    }

private:
    std::string request_uri() const { return "sip:" + s_.domain; }

    void send(const Phone& p, const std::string& bytes, const sockaddr_in& to) {
        ::sendto(p.fd, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
    }

    void send_register(Phone& p, PhoneLine& l, const std::string& authorization) {
        auto req = sip::SipMessage::request("REGISTER", request_uri());
        if (!req) return;
        auto& m = req.value();
        const std::string aor = "<sip:" + l.number + "@" + s_.domain + ">";
        m.add_via("SIP/2.0/UDP 127.0.0.1:" + std::to_string(p.port) + ";branch=z9hG4bK" + sip::random_hex(8) + ";rport");
        m.set_from(aor + ";tag=" + l.tag);
        m.set_to(aor);
        m.set_call_id(l.call_id);
        m.set_cseq(std::to_string(++l.cseq) + " REGISTER");
        m.add_contact("<sip:" + l.number + "@127.0.0.1:" + std::to_string(p.port) + ">");
        m.add_header("Expires", std::to_string(l.expires));
        m.add_header("User-Agent", "PhoneFleet demo phone (" + p.mac + ")");
        if (!authorization.empty()) osip_message_set_authorization(m.raw(), authorization.c_str());
        send(p, m.to_string(), server_);
    }

    PhoneLine* line_of(Phone& p, const std::string& call_id) {
        for (auto& l : p.lines)
            if (l.call_id == call_id) return &l;
        return nullptr;
    }

    void receive(Phone& p) {
        char buf[65536];
        sockaddr_in from{};
        socklen_t len = sizeof from;
        auto n = ::recvfrom(p.fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);
        if (n <= 0) return;
        auto msg = sip::SipMessage::parse(std::string_view(buf, static_cast<std::size_t>(n)));
        if (!msg) return;
        auto& m = msg.value();
        if (!m.is_request()) return on_response(p, m);
        if (p.silent) return;
        const auto method = m.method();
        if (method != "OPTIONS" && method != "NOTIFY") {
            send(p, sip::SipMessage::response_to(m, 405, sip::random_hex(4)).to_string(), from);
            return;
        }
        send(p, sip::SipMessage::response_to(m, 200, sip::random_hex(4)).to_string(), from);
        if (method == "NOTIFY") {
            // A reboot: the phone goes away for a moment, then registers again with a new dialog.
            std::cout << "demo phone " << p.mac << ": rebooting" << std::endl;
            for (auto& l : p.lines) {
                l.call_id = sip::random_hex(8) + "@127.0.0.1";
                l.register_at = Clock::now() + std::chrono::seconds(s_.reboot_downtime_s);
            }
        }
    }

    void on_response(Phone& p, const sip::SipMessage& m) {
        PhoneLine* l = line_of(p, m.call_id());
        if (!l || m.method() != "REGISTER") return;
        if (m.status() == 401) {
            auto challenges = sip::digest_challenges(m);
            for (const auto& c : challenges) {
                auto authorization = digest_authorization(c, l->number, demo_line_password(l->number), request_uri(),
                                                          "REGISTER", 1);
                if (authorization.empty()) continue;
                send_register(p, *l, authorization);
                return;
            }
        } else if (m.status() >= 200 && m.status() < 300) {
            if (p.behaviour == PhoneBehaviour::Online)
                l->register_at = Clock::now() + std::chrono::seconds(l->expires * 4 / 5);
            else
                p.silent = true;  // registered once, then gone
        } else if (m.status() >= 300) {
            std::cerr << "demo phone " << p.mac << " line " << l->number << ": REGISTER answered " << m.status()
                      << " " << m.reason() << "\n";
            l->register_at = Clock::now() + std::chrono::seconds(30);
        }
    }

    FleetSettings s_;
    sockaddr_in server_{};
    std::vector<Phone> phones_;
};

}  // namespace

PhoneBehaviour demo_behaviour(std::size_t device_index) {
    switch (device_index % 3) {
        case 0: return PhoneBehaviour::Online;
        case 1: return PhoneBehaviour::Vanishing;
        default: return PhoneBehaviour::Never;
    }
}

bool run_demo_fleet(const FleetSettings& settings, const std::vector<DemoLine>& lines, const std::atomic<bool>& stop) {
    Fleet fleet(settings);
    std::vector<Phone> phones;
    for (const auto& line : lines) {
        if (phones.empty() || phones.back().mac != line.mac) {
            phones.push_back({});
            phones.back().mac = line.mac;
            phones.back().behaviour = demo_behaviour(phones.size() - 1);
        }
        phones.back().lines.push_back({line.phone_number});
    }
    for (auto& p : phones)
        if (!fleet.add(std::move(p))) return false;
    fleet.run(stop);
    return true;
}

}  // namespace phonefleet::demo
