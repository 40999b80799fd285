#include "sip/digest_client.hpp"

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>

#include <cstdio>

namespace phonefleet::sip {
namespace {

std::string unquoted(const char* s) {
    std::string v = s ? s : "";
    if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
    return v;
}

}  // namespace

std::vector<DigestChallenge> digest_challenges(const SipMessage& response) {
    std::vector<DigestChallenge> out;
    osip_www_authenticate_t* w = nullptr;
    for (int i = 0; osip_message_get_www_authenticate(response.raw(), i, &w) >= 0 && w; ++i)
        out.push_back({unquoted(w->realm), unquoted(w->nonce), unquoted(w->algorithm),
                       w->stale && unquoted(w->stale) == "true"});
    return out;
}

std::string digest_authorization(const DigestChallenge& c, const std::string& username, const std::string& password,
                                 const std::string& uri, const std::string& method, int nonce_count) {
    auto algorithm = parse_digest_algorithm(c.algorithm.empty() ? "MD5" : c.algorithm);
    if (!algorithm) return {};
    DigestCredentials d;
    d.username = username;
    d.realm = c.realm;
    d.nonce = c.nonce;
    d.uri = uri;
    d.cnonce = random_hex(4);
    char nc_text[9];
    std::snprintf(nc_text, sizeof nc_text, "%08x", nonce_count);
    d.nc = nc_text;
    d.qop = "auth";
    d.algorithm = *algorithm;
    const auto ha1 = digest_hex(*algorithm, username + ":" + c.realm + ":" + password);
    return "Digest username=\"" + username + "\", realm=\"" + c.realm + "\", nonce=\"" + c.nonce + "\", uri=\"" + uri +
           "\", response=\"" + expected_response(d, ha1, method) + "\", algorithm=" + std::string(to_string(*algorithm)) +
           ", qop=auth, nc=" + d.nc + ", cnonce=\"" + d.cnonce + "\"";
}

}  // namespace phonefleet::sip
