#include "services/secrets.hpp"

#include <sodium.h>

#include <stdexcept>

namespace phonefleet::services {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

}  // namespace

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

std::string token_digest(std::string_view token) {
    unsigned char hash[crypto_generichash_BYTES];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    return to_hex(hash, sizeof hash);
}

}  // namespace phonefleet::services

#include <openssl/evp.h>

namespace phonefleet::services {

std::string digest_ha1(std::string_view algorithm, std::string_view username, std::string_view realm,
                       std::string_view password) {
    const EVP_MD* md = algorithm == "MD5" ? EVP_md5() : EVP_sha256();
    std::string input;
    input.append(username).append(":").append(realm).append(":").append(password);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(input.data(), input.size(), out, &len, md, nullptr) != 1)
        throw std::runtime_error("digest failed");
    return to_hex(out, len);
}

std::string random_sip_password() {
    static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out(16, ' ');
    for (auto& c : out) c = kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    return out;
}

}  // namespace phonefleet::services
