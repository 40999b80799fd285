#include "services/auth_service.hpp"

#include "services/secrets.hpp"

namespace phonefleet::services {
namespace {

Principal principal_of(const store::User& u) {
    return {u.id, u.username, u.role, u.provider_id, u.customer_id};
}

}  // namespace

AuthService::AuthService(store::Store& store, Clock clock, std::int64_t session_ttl_s)
    : store_(store), clock_(std::move(clock)), session_ttl_s_(session_ttl_s),
      decoy_hash_(hash_password(random_token())) {}

Result<Session> AuthService::login(const std::string& username, const std::string& password) {
    auto user = store_.find_user_by_name(username);
    bool ok = verify_password(user ? user->password_hash : decoy_hash_, password);
    if (!user || !ok) return Error{"auth_failed", "username", username};

    Session s;
    s.token = random_token();
    std::int64_t now = clock_();
    s.expires_at = now + session_ttl_s_;
    s.principal = principal_of(*user);
    store_.insert_session(token_digest(s.token), user->id, now, s.expires_at);
    return s;
}

std::optional<Principal> AuthService::authenticate(const std::string& token) {
    if (token.empty()) return std::nullopt;
    auto user = store_.find_user_by_session(token_digest(token), clock_());
    if (!user) return std::nullopt;
    return principal_of(*user);
}

void AuthService::logout(const std::string& token) { store_.delete_session(token_digest(token)); }

}  // namespace phonefleet::services
