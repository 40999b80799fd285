#pragma once
// Accounts (F16): users, their sessions and API tokens (F15). Used by AuthService.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phonefleet::store {

enum class Role { Operator, ProviderAdmin, CustomerAdmin };
std::string_view to_string(Role role);  // "operator", "provider_admin", "customer_admin"
std::optional<Role> parse_role(std::string_view text);

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string password_hash;  // argon2id string (libsodium crypto_pwhash_str)
    Role role = Role::CustomerAdmin;
    std::optional<std::int64_t> provider_id;  // provider admins (and customer admins' provider)
    std::optional<std::int64_t> customer_id;  // customer admins
};

struct ApiToken {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string name;
    bool can_write = false;
    std::int64_t created_at = 0;
};

// Sessions and tokens are keyed by a hash of the token, never the token.
class AccountStore {
public:
    virtual ~AccountStore() = default;

    virtual std::int64_t insert_user(const User& user) = 0;
    virtual std::optional<User> find_user_by_name(std::string_view username) = 0;
    virtual std::optional<User> find_user_by_session(std::string_view token_hash, std::int64_t now) = 0;
    // The same, with the session's expiry (what a cache of sessions may not outlive).
    struct LiveSession {
        User user;
        std::int64_t expires_at = 0;
    };
    virtual std::optional<LiveSession> find_live_session(std::string_view token_hash, std::int64_t now) = 0;
    // The user of an API token and whether the token may write.
    virtual std::optional<std::pair<User, bool>> find_user_by_api_token(std::string_view token_hash) = 0;
    virtual std::int64_t insert_api_token(std::int64_t user_id, std::string_view name, bool can_write,
                                          std::string_view token_hash, std::int64_t now) = 0;
    virtual std::vector<ApiToken> list_api_tokens(std::int64_t user_id) = 0;
    virtual bool delete_api_token(std::int64_t token_id, std::int64_t user_id) = 0;
    virtual void insert_session(std::string_view token_hash, std::int64_t user_id, std::int64_t now,
                                std::int64_t expires_at) = 0;
    virtual void delete_session(std::string_view token_hash) = 0;
};

}  // namespace phonefleet::store
