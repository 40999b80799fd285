#pragma once
// The registrar (RFC 3261 10.3) of the lines' AORs: digest authentication against the line's
// HA1s (SPEC 7), bindings with expiry, several contacts per line, Expires: 0 and `*` removal.
#include <functional>
#include <string>
#include <vector>

#include "services/clock.hpp"
#include "services/history_recorder.hpp"
#include "sip/digest.hpp"
#include "sip/sip_message.hpp"
#include "sip/udp_transport.hpp"
#include "store/registration_store.hpp"
#include "store/transactions.hpp"

namespace phonefleet::sip {

struct RegistrarSettings {
    std::string realm;                       // --sip-domain
    std::vector<DigestAlgorithm> algorithms; // --sip-digest, in the order offered
    int min_expires_s = 60;                  // --sip-min-expires (423 below it)
    int max_expires_s = 7200;
    int default_expires_s = 3600;
    int max_contacts = 5;                    // bindings per line (SPEC 7); more: 403
};

class Registrar {
public:
    using RegisteredObserver = std::function<void(const std::string& device_mac, std::int64_t now)>;

    // transactions: a REGISTER's bindings change all at once (or join the batch of SipServer).
    Registrar(store::RegistrationStore& store, store::Transactions& transactions, services::Clock clock,
              RegistrarSettings settings, NonceKeeper& nonces);

    // The answer to a REGISTER received from `from` on our address `local`.
    SipMessage handle(const SipMessage& request, const Peer& from, const Peer& local);
    // Called after a REGISTER that added or refreshed a binding (reboot confirmation, F4).
    void on_registered(RegisteredObserver observer) { observer_ = std::move(observer); }
    // F18: each change of a line's state is recorded in the REGISTER's own transaction.
    void record_history(services::HistoryRecorder* history) { history_ = history; }

private:
    SipMessage challenge_response(const SipMessage& request, bool stale);

    store::RegistrationStore& store_;
    store::Transactions& transactions_;
    services::Clock clock_;
    RegistrarSettings settings_;
    NonceKeeper& nonces_;
    RegisteredObserver observer_;
    services::HistoryRecorder* history_ = nullptr;
};

}  // namespace phonefleet::sip
