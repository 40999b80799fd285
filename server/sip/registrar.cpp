#include "sip/registrar.hpp"

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

#include <sodium.h>

#include <algorithm>
#include <charconv>

namespace phonefleet::sip {
namespace {

std::optional<std::int64_t> parse_seconds(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v < 0) return std::nullopt;
    return v;
}

struct ContactRequest {
    std::string uri;
    std::string host;
    std::optional<std::int64_t> expires;  // the contact's own expires parameter
};

std::string uri_text(osip_uri_t* url) {
    char* s = nullptr;
    if (!url || osip_uri_to_str(url, &s) != 0 || !s) return {};
    std::string out(s);
    osip_free(s);
    return out;
}

// The digest's uri names the Request-URI it was computed for (RFC 2617 3.2.2.5, RFC 7616
// 3.4.6): another one means the response was made for another request. Both are printed by osip
// so that notation does not matter.
bool digest_uri_matches(const SipMessage& request, const std::string& digest_uri) {
    osip_uri_t* parsed = nullptr;
    if (osip_uri_init(&parsed) != 0) return false;
    const bool ok = osip_uri_parse(parsed, digest_uri.c_str()) == 0;
    const std::string text = ok ? uri_text(parsed) : std::string();
    osip_uri_free(parsed);
    const std::string request_uri = uri_text(request.raw()->req_uri);
    return ok && !text.empty() && text == request_uri;
}

// Compared in constant time (SPEC 7): the time taken says nothing of how many characters matched.
bool same_response(const std::string& expected, const std::string& given) {
    return expected.size() == given.size() && sodium_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

SipMessage refusal(const SipMessage& request, int status, const std::string& tag, const std::string& reason) {
    auto res = SipMessage::response_to(request, status, tag);
    osip_message_t* m = res.raw();
    osip_free(m->reason_phrase);
    m->reason_phrase = osip_strdup(reason.c_str());
    return res;
}

}  // namespace

Registrar::Registrar(store::RegistrationStore& store, store::Transactions& transactions, services::Clock clock,
                     RegistrarSettings settings, NonceKeeper& nonces)
    : store_(store), transactions_(transactions), clock_(std::move(clock)), settings_(std::move(settings)), nonces_(nonces) {}

SipMessage Registrar::challenge_response(const SipMessage& request, bool stale) {
    auto res = SipMessage::response_to(request, 401, random_hex(6));
    // One challenge per algorithm, in the configured order (RFC 8760 2.4: preferred first).
    for (auto a : settings_.algorithms) res.add_header("WWW-Authenticate", challenge(a, settings_.realm, nonces_.issue(), stale));
    return res;
}

SipMessage Registrar::handle(const SipMessage& request, const Peer& from, const Peer& local) {
    const std::int64_t now = clock_();
    const std::string tag = random_hex(6);
    const std::string username = request.to_user();
    if (username.empty()) return SipMessage::response_to(request, 404, tag);

    auto credentials = find_credentials(request, settings_.realm, settings_.algorithms);
    if (!credentials) return challenge_response(request, false);
    // Without qop=auth there is no nonce-count, hence no replay protection: not accepted.
    if (credentials->qop != "auth" || credentials->username != username) return SipMessage::response_to(request, 403, tag);
    if (!digest_uri_matches(request, credentials->uri))
        return refusal(request, 400, tag, "Digest URI Does Not Match Request-URI");

    // Unknown users and wrong passwords answer alike (403), so usernames cannot be probed.
    auto account = store_.find_sip_account(username);
    const std::string* ha1 = nullptr;
    if (account) ha1 = credentials->algorithm == DigestAlgorithm::Md5 ? &account->ha1_md5 : &account->ha1_sha256;
    if (!ha1 || !same_response(expected_response(*credentials, *ha1, request.method()), credentials->response))
        return SipMessage::response_to(request, 403, tag);
    switch (nonces_.use(credentials->nonce, credentials->nc)) {
        case NonceKeeper::Check::Fresh: break;
        case NonceKeeper::Check::Stale: return challenge_response(request, true);
        case NonceKeeper::Check::Replayed: return challenge_response(request, false);
    }

    // Contacts and their expiry (RFC 3261 10.3 steps 6-8).
    std::optional<std::int64_t> expires_header;
    if (auto e = request.header("expires")) expires_header = parse_seconds(*e);
    bool wildcard = false;
    std::vector<ContactRequest> contacts;
    osip_contact_t* c = nullptr;
    for (int i = 0; osip_message_get_contact(request.raw(), i, &c) >= 0 && c; ++i) {
        if (c->displayname && std::string_view(c->displayname) == "*" && !c->url) {
            wildcard = true;
            continue;
        }
        ContactRequest cr;
        cr.uri = uri_text(c->url);
        if (cr.uri.empty()) return SipMessage::response_to(request, 400, tag);
        cr.host = c->url->host ? c->url->host : "";
        osip_generic_param_t* p = nullptr;
        if (osip_contact_param_get_byname(c, const_cast<char*>("expires"), &p) == 0 && p && p->gvalue)
            cr.expires = parse_seconds(p->gvalue);
        contacts.push_back(std::move(cr));
    }
    if (wildcard && (!contacts.empty() || expires_header != 0)) return SipMessage::response_to(request, 400, tag);
    const std::string too_many = "Too Many Contacts (at most " + std::to_string(settings_.max_contacts) + " per line)";
    if (static_cast<int>(contacts.size()) > settings_.max_contacts) return refusal(request, 403, tag, too_many);
    for (auto& cr : contacts) {
        std::int64_t e = cr.expires.value_or(expires_header.value_or(settings_.default_expires_s));
        if (e != 0 && e < settings_.min_expires_s) {
            auto res = SipMessage::response_to(request, 423, tag);
            res.add_header("Min-Expires", std::to_string(settings_.min_expires_s));
            return res;
        }
        cr.expires = std::min<std::int64_t>(e, settings_.max_expires_s);
    }

    // The CSeq orders the REGISTERs of one Call-ID (RFC 3261 10.3 steps 6-7).
    const std::string call_id = request.call_id();
    const std::optional<std::uint32_t> cseq = request.cseq_number();
    if (!cseq) return SipMessage::response_to(request, 400, tag);

    const std::string user_agent = request.header("user-agent").value_or("");
    const std::string via_host = request.top_via_host();
    bool bound = false;
    bool out_of_order = false;
    bool over_cap = false;
    std::vector<store::Binding> current;
    transactions_.transaction([&] {
        // A REGISTER older than the one that made a binding it names (same Call-ID, a CSeq not
        // above: sent before, arriving late) must not undo it: the request fails as a whole,
        // nothing changed. Another Call-ID (the phone restarted) replaces the binding. A removed
        // or expired binding is no longer there to compare with (10.3: it does not exist).
        // F18: the line's state before (with what time alone changed since last recorded).
        const auto history = history_ ? history_->before(account->line_id, now) : std::nullopt;
        const auto before = store_.line_bindings(account->line_id, now);
        auto older = [&](const store::Binding& b) { return b.call_id == call_id && *cseq <= b.cseq; };
        for (const auto& b : before) {
            if (wildcard && older(b)) out_of_order = true;
            for (const auto& cr : contacts)
                if (b.contact_uri == cr.uri && older(b)) out_of_order = true;
        }
        if (out_of_order) return;
        // The line's bindings after this request: those it does not name, plus its own
        // non-zero ones; over the cap nothing changes (SPEC 7).
        if (!wildcard) {
            std::size_t after = 0;
            for (const auto& b : before)
                if (std::none_of(contacts.begin(), contacts.end(), [&](const auto& cr) { return cr.uri == b.contact_uri; }))
                    ++after;
            for (const auto& cr : contacts) after += *cr.expires != 0;
            if (static_cast<int>(after) > settings_.max_contacts) {
                over_cap = true;
                return;
            }
        }

        if (wildcard) store_.delete_bindings(account->line_id);
        for (const auto& cr : contacts) {
            if (*cr.expires == 0) {
                store_.delete_binding(account->line_id, cr.uri);
                continue;
            }
            store::Binding b;
            b.line_id = account->line_id;
            b.contact_uri = cr.uri;
            b.remote_addr = from.to_string();
            b.host_ip = cr.host.empty() ? via_host : cr.host;
            b.registered_to = local.to_string();
            b.user_agent = user_agent;
            b.registered_at = now;
            b.expires_at = now + *cr.expires;
            b.call_id = call_id;
            b.cseq = *cseq;
            store_.upsert_binding(b);
            bound = true;
        }
        current = store_.line_bindings(account->line_id, now);
        if (history) {
            // A Registered line whose REGISTER comes from an address none of its bindings had
            // (a phone moved, or a NAT rebinding) is worth telling even though it stays Registered.
            const std::string source = from.to_string();
            const bool moved = bound && history->state == RegistrationState::Registered && !before.empty() &&
                               std::none_of(before.begin(), before.end(),
                                            [&](const store::Binding& b) { return b.remote_addr == source; });
            history_->after(*history, now, moved ? "reregistered" : bound ? "registered" : "deregistered", moved);
        }
    });
    if (out_of_order) return SipMessage::response_to(request, 400, tag);
    if (over_cap) return refusal(request, 403, tag, too_many);
    if (bound && observer_) observer_(account->device_mac, now);

    auto res = SipMessage::response_to(request, 200, tag);
    for (const auto& b : current)
        res.add_contact("<" + b.contact_uri + ">;expires=" + std::to_string(b.expires_at - now));
    return res;
}

}  // namespace phonefleet::sip
