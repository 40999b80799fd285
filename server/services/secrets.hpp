#pragma once
// Passwords and tokens, with libsodium: argon2id password hashes (memory-hard, SPEC 8),
// random session tokens, and the digest under which a token is stored.
#include <string>
#include <string_view>

namespace phonefleet::services {

void init_crypto();  // once, before any other call; throws when libsodium cannot start
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
std::string random_token();                        // 256 bits, hex
std::string token_digest(std::string_view token);  // what the store keeps instead of the token

}  // namespace phonefleet::services

namespace phonefleet::services {

// Digest HA1 = H(username:realm:password) for SIP digest authentication (RFC 2617, RFC 8760):
// what the registrar keeps instead of a line's password. algorithm: "MD5" or "SHA-256".
std::string digest_ha1(std::string_view algorithm, std::string_view username, std::string_view realm,
                       std::string_view password);
std::string random_sip_password();  // 16 characters, letters and digits

}  // namespace phonefleet::services
