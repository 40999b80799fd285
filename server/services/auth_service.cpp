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
    const auto digest = token_digest(token);
    if (auto user = store_.find_user_by_session(digest, clock_())) return principal_of(*user);
    if (auto by_token = store_.find_user_by_api_token(digest)) {
        Principal p = principal_of(by_token->first);
        p.can_write = by_token->second;
        return p;
    }
    if (auto kiosk = store_.find_kiosk_token(digest)) {
        Principal p;
        p.username = "kiosk:" + kiosk->name;
        p.role = store::Role::CustomerAdmin;  // tenancy as its customer's; the router narrows it
        p.provider_id = kiosk->provider_id;
        p.customer_id = kiosk->customer_id;
        p.can_write = false;
        p.kiosk = true;
        return p;
    }
    return std::nullopt;
}

AuthService::CreatedToken AuthService::create_api_token(const Principal& who, const std::string& name,
                                                        bool can_write) {
    CreatedToken out;
    out.token = random_token();
    const auto now = clock_();
    out.info = {0, who.user_id, name, can_write, now};
    out.info.id = store_.insert_api_token(who.user_id, name, can_write, token_digest(out.token), now);
    return out;
}

std::vector<store::ApiToken> AuthService::api_tokens(const Principal& who) {
    return store_.list_api_tokens(who.user_id);
}

bool AuthService::revoke_api_token(const Principal& who, std::int64_t token_id) {
    return store_.delete_api_token(token_id, who.user_id);
}

void AuthService::logout(const std::string& token) { store_.delete_session(token_digest(token)); }

}  // namespace phonefleet::services
