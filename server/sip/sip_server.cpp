#include "sip/sip_server.hpp"

#include <iostream>

#include "store/sqlite_db.hpp"

namespace phonefleet::sip {

SipServer::SipServer(SipSettings settings, store::RegistrationStore& store, store::Transactions& store_transactions,
                     services::Clock clock, FloodLimiter::MsClock flood_clock)
    : settings_(std::move(settings)),
      store_transactions_(store_transactions),
      nonces_(clock),
      registrar_(store, store_transactions, clock, settings_.registrar, nonces_),
      limiter_(settings_.request_rate_per_s, settings_.request_burst, std::move(flood_clock)),
      transactions_([this](const Peer& to, std::string_view bytes) { return transport_.send(to, bytes); }) {}

SipServer::~SipServer() { stop(); }

int SipServer::bind() { return transport_.bind(settings_.host, settings_.port); }

void SipServer::start() {
    transport_.start([this](const std::vector<Datagram>& batch) { handle_batch(batch); },
                     [this] {
                         if (tick_) tick_();
                     });
}

void SipServer::stop() { transport_.stop(); }

void SipServer::send(const Peer& to, std::string_view bytes) {
    if (tap_) tap_(to, bytes);
    transport_.send(to, bytes);
}

std::string SipServer::answer(const SipMessage& response, const Peer& to, const std::string& key) {
    auto text = response.to_string();
    // An answer copies the request's Via, From, To, Call-ID and CSeq, which osip may have
    // accepted leniently and print back as nothing (osip included) can read: never send that.
    if (text.empty() || !SipMessage::parse(text)) {
        ++counters_.unreadable;
        return {};
    }
    if (batching_) {
        const bool acknowledges = response.method() == "REGISTER" && response.status() / 100 == 2;
        held_.push_back({to, key, text, current_, acknowledges});
        return text;
    }
    send(to, text);
    if (!key.empty()) answered_.remember(key, text, std::chrono::steady_clock::now());
    return text;
}

void SipServer::handle_batch(const std::vector<Datagram>& batch) {
    if (batch.size() == 1) {
        handle_datagram(batch[0].bytes, batch[0].from);
        return;
    }
    // Under load: one transaction for the batch writes the pages its bindings share once, instead
    // of once per REGISTER. No answer leaves before the commit.
    held_.clear();
    batching_ = true;
    bool committed = true;
    try {
        store_transactions_.transaction([&] {
            for (current_ = 0; current_ < batch.size(); ++current_) {
                try {
                    handle_datagram(batch[current_].bytes, batch[current_].from);
                } catch (const store::StoreError&) {
                    throw;  // the batch rolls back
                } catch (const std::exception& e) {
                    std::cerr << "sip: datagram from " << batch[current_].from.ip << " dropped: " << e.what() << "\n";
                }
            }
        });
    } catch (const store::StoreError& e) {
        std::cerr << "sip: store error, " << batch.size() << " datagrams rolled back: " << e.what() << "\n";
        committed = false;
    }
    batching_ = false;
    const auto now = std::chrono::steady_clock::now();
    for (auto& h : held_) {
        if (!committed && h.acknowledges_binding) {
            // Not stored: never a 200. Those after the failing one get nothing and retransmit.
            auto request = SipMessage::parse(batch[h.datagram].bytes);
            if (!request) continue;
            auto res = SipMessage::response_to(request.value(), 500, random_hex(6));
            res.set_received(h.to.ip, h.to.port);
            h.text = res.to_string();
            if (h.text.empty()) continue;
        }
        send(h.to, h.text);
        if (!h.key.empty()) answered_.remember(h.key, std::move(h.text), now);
    }
    held_.clear();
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
        if (batching_) throw;  // the whole batch rolls back
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
    // Every method counts against the source's budget (SPEC 7), not only REGISTER: an OPTIONS
    // flood would otherwise be answered in full, each answer larger than its request. Over it a
    // REGISTER learns when to come back (a phone retries then); anything else gets no answer.
    if (!limiter_.allow(from.ip)) {
        ++counters_.limited;
        if (method != "REGISTER") return;
        auto res = SipMessage::response_to(request, 503, random_hex(6));
        res.add_header("Retry-After", "5");
        res.set_received(from.ip, from.port);
        answer(res, from);  // not remembered: a retransmission is counted again
        return;
    }
    if (auto previous = answered_.answered(key, now)) {
        ++counters_.retransmissions;
        send(from, *previous);
        return;
    }
    SipMessage response = [&] {
        if (method == "REGISTER") return registrar_.handle(request, from, transport_.local());
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
    answer(response, from, key);
}

}  // namespace phonefleet::sip
