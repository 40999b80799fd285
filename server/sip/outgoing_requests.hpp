#pragma once
// The requests the server sends to a phone's binding: OPTIONS (F3 probe, RFC 3261 11) and the
// out-of-dialog NOTIFY that vendors use to reboot or resync a phone (F4; the Event value comes
// from the device type's vendor, as FreeSWITCH/FusionPBX/FreePBX tables do).
#include <string>

#include "phonefleet/result.hpp"
#include "sip/client_transactions.hpp"
#include "store/store.hpp"

namespace phonefleet::sip {

// Sent to the address the REGISTER came from (it crosses the phone's NAT), for its contact URI.
Result<Outgoing> make_options(const store::Binding& binding, const Peer& local, const std::string& domain);
Result<Outgoing> make_notify(const store::Binding& binding, const Peer& local, const std::string& domain,
                             const std::string& event);

}  // namespace phonefleet::sip
