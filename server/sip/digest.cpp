#include "sip/digest.hpp"

#include <openssl/evp.h>
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace phonefleet::sip {
namespace {

std::string hex(const unsigned char* data, std::size_t size) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 15];
    }
    return out;
}

std::string unquote(const char* s) {
    if (!s) return {};
    std::string v(s);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return v;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view name) {
    if (iequals(name, "MD5")) return DigestAlgorithm::Md5;
    if (iequals(name, "SHA-256")) return DigestAlgorithm::Sha256;
    return std::nullopt;
}

std::string_view to_string(DigestAlgorithm a) { return a == DigestAlgorithm::Md5 ? "MD5" : "SHA-256"; }

std::string digest_hex(DigestAlgorithm a, std::string_view data) {
    // Fetched once: OpenSSL 3 otherwise looks the implementation up on every digest.
    static EVP_MD* const md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), out, &size, a == DigestAlgorithm::Md5 ? md5 : sha256, nullptr);
    return hex(out, size);
}

std::optional<DigestCredentials> find_credentials(const SipMessage& request, std::string_view realm,
                                                  const std::vector<DigestAlgorithm>& offered) {
    osip_authorization_t* auth = nullptr;
    for (int i = 0; osip_message_get_authorization(request.raw(), i, &auth) >= 0 && auth; ++i) {
        if (!auth->auth_type || !iequals(auth->auth_type, "Digest")) continue;
        if (unquote(auth->realm) != realm) continue;
        DigestCredentials c;
        if (auth->algorithm) {
            auto a = parse_digest_algorithm(unquote(auth->algorithm));
            if (!a) continue;
            c.algorithm = *a;
        }
        if (std::find(offered.begin(), offered.end(), c.algorithm) == offered.end()) continue;
        c.username = unquote(auth->username);
        c.realm = unquote(auth->realm);
        c.nonce = unquote(auth->nonce);
        c.uri = unquote(auth->uri);
        c.response = unquote(auth->response);
        c.cnonce = unquote(auth->cnonce);
        c.qop = unquote(auth->message_qop);
        c.nc = unquote(auth->nonce_count);
        return c;
    }
    return std::nullopt;
}

std::string expected_response(const DigestCredentials& c, std::string_view ha1, std::string_view method) {
    const auto ha2 = digest_hex(c.algorithm, std::string(method) + ":" + c.uri);
    return digest_hex(c.algorithm, std::string(ha1) + ":" + c.nonce + ":" + c.nc + ":" + c.cnonce + ":" + c.qop + ":" + ha2);
}

std::string challenge(DigestAlgorithm a, std::string_view realm, std::string_view nonce, bool stale) {
    std::string v = "Digest realm=\"" + std::string(realm) + "\", nonce=\"" + std::string(nonce) +
                    "\", algorithm=" + std::string(to_string(a)) + ", qop=\"auth\"";
    if (stale) v += ", stale=true";
    return v;
}

NonceKeeper::NonceKeeper(std::function<std::int64_t()> clock, std::int64_t lifetime_s, std::size_t max_tracked)
    : clock_(std::move(clock)), lifetime_s_(lifetime_s), max_tracked_(max_tracked) {
    randombytes_buf(secret_, sizeof secret_);
}

namespace {

// The nonce's 16-byte tag: keyed BLAKE2b (libsodium), a MAC several times cheaper per REGISTER
// than OpenSSL 3's one-shot HMAC, which looks its algorithm up on every call.
void nonce_tag(const unsigned char* secret, std::size_t secret_size, const unsigned char* body, std::size_t size,
               unsigned char* tag) {
    crypto_generichash(tag, 16, body, size, secret, secret_size);
}

}  // namespace

// nonce = hex(issued_at, 8 bytes) hex(serial, 8 bytes) hex(BLAKE2b-128(secret, both))
std::string NonceKeeper::issue() {
    const std::int64_t now = clock_();
    unsigned char body[16];
    std::uint64_t serial;
    {
        std::lock_guard lock(mutex_);
        serial = ++serial_;
    }
    for (int i = 0; i < 8; ++i) body[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(now) >> (56 - 8 * i));
    for (int i = 0; i < 8; ++i) body[8 + i] = static_cast<unsigned char>(serial >> (56 - 8 * i));
    unsigned char mac[16];
    nonce_tag(secret_, sizeof secret_, body, sizeof body, mac);
    std::string nonce = hex(body, sizeof body) + hex(mac, sizeof mac);
    std::lock_guard lock(mutex_);
    if (last_nc_.size() >= max_tracked_) prune(now);
    last_nc_.emplace(nonce, 0);
    return nonce;
}

std::optional<std::int64_t> NonceKeeper::issued_at(const std::string& nonce) const {
    if (nonce.size() != 64) return std::nullopt;
    unsigned char body[16];
    for (int i = 0; i < 16; ++i) {
        unsigned v = 0;
        auto [p, ec] = std::from_chars(nonce.data() + 2 * i, nonce.data() + 2 * i + 2, v, 16);
        if (ec != std::errc() || p != nonce.data() + 2 * i + 2) return std::nullopt;
        body[i] = static_cast<unsigned char>(v);
    }
    unsigned char mac[16];
    nonce_tag(secret_, sizeof secret_, body, sizeof body, mac);
    const std::string expected = hex(mac, sizeof mac);
    if (sodium_memcmp(expected.data(), nonce.data() + 32, 32) != 0) return std::nullopt;
    std::uint64_t t = 0;
    for (int i = 0; i < 8; ++i) t = (t << 8) | body[i];
    return static_cast<std::int64_t>(t);
}

NonceKeeper::Check NonceKeeper::use(const std::string& nonce, std::string_view nc_hex) {
    const std::int64_t now = clock_();
    auto at = issued_at(nonce);
    if (!at || now - *at >= lifetime_s_ || *at > now + 5) return Check::Stale;
    std::uint64_t nc = 0;
    auto [p, ec] = std::from_chars(nc_hex.data(), nc_hex.data() + nc_hex.size(), nc, 16);
    if (ec != std::errc() || p != nc_hex.data() + nc_hex.size() || nc == 0) return Check::Replayed;
    std::lock_guard lock(mutex_);
    auto it = last_nc_.find(nonce);
    if (it == last_nc_.end()) return Check::Stale;  // pruned under load: ask for a new one
    if (nc <= it->second) return Check::Replayed;
    it->second = nc;
    return Check::Fresh;
}

void NonceKeeper::prune(std::int64_t now) {
    for (auto it = last_nc_.begin(); it != last_nc_.end();) {
        auto at = issued_at(it->first);
        if (!at || now - *at >= lifetime_s_) it = last_nc_.erase(it);
        else ++it;
    }
    // Still full (a flood of fresh nonces): forget them all; honest phones get stale=true.
    if (last_nc_.size() >= max_tracked_) last_nc_.clear();
}

}  // namespace phonefleet::sip
