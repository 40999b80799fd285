#include "sip/outgoing_requests.hpp"

namespace phonefleet::sip {
namespace {

Result<Outgoing> make_request(const char* method, const store::Binding& b, const Peer& local, const std::string& domain) {
    auto to = parse_peer(b.remote_addr);
    if (!to) return Error{"sip_bad_address", "remote_addr", b.remote_addr};
    auto req = SipMessage::request(method, b.contact_uri);
    if (!req) return req.error();
    auto& m = req.value();
    // z9hG4bK: the RFC 3261 magic cookie that makes the branch a transaction id.
    m.add_via("SIP/2.0/UDP " + local.to_string() + ";branch=z9hG4bK" + random_hex(12) + ";rport");
    m.set_from("<sip:phonefleet@" + domain + ">;tag=" + random_hex(6));
    m.set_to("<sip:" + b.aor_user + "@" + domain + ">");
    m.set_call_id(random_hex(12) + "@" + local.ip);
    m.set_cseq(std::string("1 ") + method);
    m.add_header("Max-Forwards", "70");
    m.add_header("User-Agent", "PhoneFleet");
    return Outgoing{*to, std::move(req.value())};
}

}  // namespace

Result<Outgoing> make_options(const store::Binding& b, const Peer& local, const std::string& domain) {
    auto out = make_request("OPTIONS", b, local, domain);
    if (out) out.value().request.add_header("Accept", "application/sdp");
    return out;
}

Result<Outgoing> make_notify(const store::Binding& b, const Peer& local, const std::string& domain,
                             const std::string& event) {
    auto out = make_request("NOTIFY", b, local, domain);
    if (!out) return out;
    auto& m = out.value().request;
    m.add_header("Event", event);
    // Out of any subscription (RFC 6665 4.1.3 requires the header; terminated: nothing follows).
    m.add_header("Subscription-State", "terminated");
    m.add_contact("<sip:phonefleet@" + local.to_string() + ">");
    return out;
}

}  // namespace phonefleet::sip
