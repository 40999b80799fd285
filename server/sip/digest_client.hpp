#pragma once
// The phone's side of digest authentication (RFC 2617, RFC 8760): read the challenges of a
// 401 and answer one. Used by the demo fleet and by the tests' phone; the registrar's side
// is digest.hpp.
#include <string>
#include <vector>

#include "sip/digest.hpp"
#include "sip/sip_message.hpp"

namespace phonefleet::sip {

struct DigestChallenge {
    std::string realm, nonce, algorithm;  // algorithm as offered: "SHA-256", "MD5"
    bool stale = false;
};

// Every WWW-Authenticate of a response, in the order offered.
std::vector<DigestChallenge> digest_challenges(const SipMessage& response);

// The Authorization value answering `challenge` with qop=auth; empty when its algorithm is
// not one we know.
std::string digest_authorization(const DigestChallenge& challenge, const std::string& username,
                                 const std::string& password, const std::string& uri, const std::string& method,
                                 int nonce_count);

}  // namespace phonefleet::sip
