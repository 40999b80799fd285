#pragma once
// SIP digest authentication (RFC 3261 22.4 on RFC 2617, SHA-256 per RFC 8760): challenges,
// the expected response from a stored HA1, and nonces that expire and cannot be replayed.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sip/sip_message.hpp"

namespace phonefleet::sip {

enum class DigestAlgorithm { Md5, Sha256 };

std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view name);  // "MD5", "SHA-256"
std::string_view to_string(DigestAlgorithm algorithm);
std::string digest_hex(DigestAlgorithm algorithm, std::string_view data);

// The digest parameters of one Authorization header, unquoted.
struct DigestCredentials {
    std::string username, realm, nonce, uri, response, cnonce, qop, nc;
    DigestAlgorithm algorithm = DigestAlgorithm::Md5;  // absent means MD5 (RFC 2617 3.2.1)
};

// The Authorization header of request for realm with an algorithm among offered, if any.
std::optional<DigestCredentials> find_credentials(const SipMessage& request, std::string_view realm,
                                                  const std::vector<DigestAlgorithm>& offered);

// response = H(HA1:nonce:nc:cnonce:qop:H(method:uri)) (RFC 2617 3.2.2.1, qop=auth).
std::string expected_response(const DigestCredentials& c, std::string_view ha1, std::string_view method);

// The value of one WWW-Authenticate header.
std::string challenge(DigestAlgorithm algorithm, std::string_view realm, std::string_view nonce, bool stale);

// Nonces carry a keyed MAC of their issue time under a per-process secret, so that any of them can be
// checked without storage; the last nonce-count seen per nonce is kept to refuse replays.
class NonceKeeper {
public:
    enum class Check { Fresh, Stale, Replayed };

    explicit NonceKeeper(std::function<std::int64_t()> clock, std::int64_t lifetime_s = 300,
                         std::size_t max_tracked = 200000);
    std::string issue();
    // Fresh: ours, unexpired, and nc above any seen with it (the nc is then recorded).
    // Stale: expired, forged or from an earlier run of the server. Replayed: nc not increasing.
    Check use(const std::string& nonce, std::string_view nc_hex);

private:
    std::optional<std::int64_t> issued_at(const std::string& nonce) const;
    void prune(std::int64_t now);

    std::function<std::int64_t()> clock_;
    std::int64_t lifetime_s_;
    std::size_t max_tracked_;
    unsigned char secret_[32];
    std::uint64_t serial_ = 0;
    std::mutex mutex_;
    std::unordered_map<std::string, std::uint64_t> last_nc_;
};

}  // namespace phonefleet::sip
