#pragma once
// The server's SIP side: the UDP transport, the registrar, OPTIONS answers, and the client
// transactions of probes and reboots. Every datagram is handled on the receive thread; bad or
// hostile input is answered 400 when it can be answered at all, dropped otherwise (SPEC 7).
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "services/clock.hpp"
#include "sip/client_transactions.hpp"
#include "sip/digest.hpp"
#include "sip/flood_limiter.hpp"
#include "sip/registrar.hpp"
#include "sip/server_transactions.hpp"
#include "sip/udp_transport.hpp"
#include "store/registration_store.hpp"
#include "store/transactions.hpp"

namespace phonefleet::sip {

struct SipSettings {
    std::string host = "127.0.0.1";
    int port = 5060;
    RegistrarSettings registrar;
    double request_rate_per_s = 100;  // requests of any method per source address; <= 0 unlimited
    double request_burst = 200;
    std::chrono::milliseconds request_timeout{1500};  // probes and reboots
};

struct SipCounters {
    std::atomic<std::uint64_t> received{0}, unparseable{0}, rejected{0}, limited{0}, retransmissions{0};
    std::atomic<std::uint64_t> unreadable{0};  // answers not sent: osip could not read them back
};

class SipServer {
public:
    // store: the registrar's; store_transactions: a batch of datagrams commits its bindings in one
    // transaction.
    SipServer(SipSettings settings, store::RegistrationStore& store, store::Transactions& store_transactions,
              services::Clock clock, FloodLimiter::MsClock flood_clock = FloodLimiter::steady_ms());
    ~SipServer();

    int bind();  // the bound UDP port, or -1
    void start();
    void stop();

    int port() const { return transport_.local().port; }
    const Peer& local() const { return transport_.local(); }
    const std::string& domain() const { return settings_.registrar.realm; }
    std::chrono::milliseconds request_timeout() const { return settings_.request_timeout; }
    ClientTransactions& transactions() { return transactions_; }
    const SipCounters& counters() const { return counters_; }

    void on_registered(Registrar::RegisteredObserver observer) { registrar_.on_registered(std::move(observer)); }
    void on_tick(std::function<void()> tick) { tick_ = std::move(tick); }
    void record_history(services::HistoryRecorder* history) { registrar_.record_history(history); }

    // One datagram as the transport hands it over (public for the fuzz target and tests).
    void handle_datagram(std::string_view bytes, const Peer& from);
    // Datagrams that were waiting together: their bindings are committed in one transaction and
    // their answers sent after it (a 200 never leaves before its binding is stored).
    void handle_batch(const std::vector<Datagram>& batch);
    // Every datagram the server answers with is also handed to tap (the fuzz target checks them
    // without a socket). Set before start().
    using Tap = std::function<void(const Peer& to, std::string_view bytes)>;
    void tap_answers(Tap tap) { tap_ = std::move(tap); }

private:
    // Sends response (or holds it until the batch commits); what was sent, or empty.
    std::string answer(const SipMessage& response, const Peer& to, const std::string& key = {});
    void send(const Peer& to, std::string_view bytes);
    void handle_request(const SipMessage& request, const Peer& from);

    // An answer held during a batch. A 2xx to a REGISTER acknowledges a binding: if the batch
    // rolls back, a 500 goes instead.
    struct Held {
        Peer to;
        std::string key;  // server transaction, remembered for retransmissions
        std::string text;
        std::size_t datagram;
        bool acknowledges_binding;
    };

    SipSettings settings_;
    store::Transactions& store_transactions_;  // transactions_ are the SIP client transactions
    UdpTransport transport_;
    NonceKeeper nonces_;
    Registrar registrar_;
    FloodLimiter limiter_;
    ClientTransactions transactions_;
    ServerTransactions answered_;  // receive thread only
    std::function<void()> tick_;
    Tap tap_;
    SipCounters counters_;
    bool batching_ = false;  // receive thread only, as held_ and current_
    std::vector<Held> held_;
    std::size_t current_ = 0;
};

}  // namespace phonefleet::sip
