#include "sip/sip_server.hpp"

#include <iostream>

#include "store/sqlite_db.hpp"

namespace phonefleet::sip {

SipServer::SipServer(SipSettings settings, store::Store& store, services::Clock clock, FloodLimiter::MsClock flood_clock)
    : settings_(std::move(settings)),
      nonces_(clock),
      registrar_(store, clock, settings_.registrar, nonces_),
      limiter_(settings_.register_rate_per_s, settings_.register_burst, std::move(flood_clock)),
      transactions_([this](const Peer& to, std::string_view bytes) { return transport_.send(to, bytes); }) {}

SipServer::~SipServer() { stop(); }

int SipServer::bind() { return transport_.bind(settings_.host, settings_.port); }

void SipServer::start() {
    transport_.start([this](std::string_view bytes, const Peer& from) { handle_datagram(bytes, from); },
                     [this] {
                         if (tick_) tick_();
                     });
}

void SipServer::stop() { transport_.stop(); }

void SipServer::send(const Peer& to, std::string_view bytes) {
    if (tap_) tap_(to, bytes);
    transport_.send(to, bytes);
}

std::string SipServer::answer(const SipMessage& response, const Peer& to) {
    auto text = response.to_string();
    // An answer copies the request's Via, From, To, Call-ID and CSeq, which osip may have
    // accepted leniently and print back as nothing (osip included) can read: never send that.
    if (text.empty() || !SipMessage::parse(text)) {
        ++counters_.unreadable;
        return {};
    }
    send(to, text);
    return text;
}

void SipServer::handle_datagram(std::string_view bytes, const Peer& from) {
    ++counters_.received;
    // CRLF keep-alives (RFC 5626 4.4.1) carry nothing to answer.
    if (bytes.find_first_not_of("\r\n \t") == std::string_view::npos) return;
    auto parsed = SipMessage::parse(bytes);
    if (!parsed) {
        ++counters_.unparseable;
        return;
    }
    const auto& msg = parsed.value();
    if (!msg.is_request()) {
        transactions_.on_response(msg);
        return;
    }
    if (!msg.has_transaction_headers()) {
        ++counters_.rejected;
        // Without a usable Via there is nowhere to answer (RFC 3261 18.2.2); else 400.
        if (msg.has_answerable_via()) {
            auto res = SipMessage::response_to(msg, 400, random_hex(6));
            res.set_received(from.ip, from.port);
            answer(res, from);
        }
        return;
    }
    try {
        handle_request(msg, from);
    } catch (const store::StoreError& e) {
        std::cerr << "sip: store error: " << e.what() << "\n";
        answer(SipMessage::response_to(msg, 500, random_hex(6)), from);
    }
}

void SipServer::handle_request(const SipMessage& request, const Peer& from) {
    const auto method = request.method();
    if (method == "ACK") return;  // never answered (RFC 3261 17.2.3)
    // RFC 3261 17.2.3: branch + sent-by + method identify the transaction.
    const auto key = request.top_via_branch() + "|" + from.to_string() + "|" + method;
    const auto now = std::chrono::steady_clock::now();
    if (auto previous = answered_.answered(key, now)) {
        ++counters_.retransmissions;
        send(from, *previous);
        return;
    }
    SipMessage response = [&] {
        if (method == "REGISTER") {
            if (!limiter_.allow(from.ip)) {
                ++counters_.limited;
                auto res = SipMessage::response_to(request, 503, random_hex(6));
                res.add_header("Retry-After", "5");
                return res;
            }
            return registrar_.handle(request, from, transport_.local());
        }
        if (method == "OPTIONS") {
            auto res = SipMessage::response_to(request, 200, random_hex(6));
            res.add_header("Allow", "REGISTER, OPTIONS");
            return res;
        }
        auto res = SipMessage::response_to(request, 405, random_hex(6));
        res.add_header("Allow", "REGISTER, OPTIONS");
        return res;
    }();
    response.set_received(from.ip, from.port);
    auto text = answer(response, from);
    if (!text.empty()) answered_.remember(key, std::move(text), now);
}

}  // namespace phonefleet::sip
