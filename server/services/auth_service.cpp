#include "services/auth_service.hpp"

#include <algorithm>

#include "services/secrets.hpp"

namespace phonefleet::services {
namespace {

Principal principal_of(const store::User& u) {
    return {u.id, u.username, u.role, u.provider_id, u.customer_id};
}

}  // namespace

AuthService::AuthService(store::AccountStore& store, store::KioskTokenStore& kiosk_tokens, Clock clock,
                         std::int64_t session_ttl_s, std::int64_t session_cache_s, LoginGuards guards)
    : store_(store), kiosk_tokens_(kiosk_tokens), clock_(clock), session_ttl_s_(session_ttl_s),
      session_cache_s_(session_cache_s), throttle_(clock, guards.throttle),
      gate_(guards.password_checks, guards.password_check_wait), decoy_hash_(hash_password(random_token())) {}

Result<Session> AuthService::login(const std::string& username, const std::string& password,
                                   const std::string& address) {
    // Refused before any password check: a back-off costs the attacker nothing and us nothing.
    if (auto wait = throttle_.retry_after(username, address)) {
        ++counters_.throttled;
        return Error{"login_throttled", "", std::to_string(*wait)};
    }
    auto user = store_.find_user_by_name(username);
    bool ok = false;
    {
        auto ticket = gate_.enter();
        if (!ticket) {
            ++counters_.busy;
            return Error{"login_busy", "", "1"};
        }
        ok = verify_password(user ? user->password_hash : decoy_hash_, password);
    }
    if (!user || !ok) {
        ++counters_.failures;
        if (throttle_.failed(username, address) && on_backoff_) on_backoff_(username, address);
        return Error{"auth_failed", "username", username};
    }
    throttle_.succeeded(username);

    Session s;
    s.token = random_token();
    std::int64_t now = clock_();
    s.expires_at = now + session_ttl_s_;
    s.principal = principal_of(*user);
    store_.insert_session(token_digest(s.token), user->id, now, s.expires_at);
    return s;
}

// Sessions are cached in this process for session_cache_s seconds (2 by default): every API
// request is authenticated, and the store lookup was a tenth of a device page's cost. The
// store stays the source of truth, and the guarantee is:
//  - a logout on this instance takes effect at once: the entry is dropped after the row is
//    deleted, and a lookup that started before the logout never re-enters the cache (logouts_);
//  - an entry never outlives the session's expiry, which is checked against the same clock;
//  - a change made elsewhere (a logout on another instance sharing the store, a session row
//    deleted by hand) takes effect here within session_cache_s.
// API and kiosk tokens are not cached: revoking one takes effect at once everywhere.
std::optional<Principal> AuthService::cached_session(const std::string& digest, std::int64_t now) {
    std::lock_guard lock(cache_mutex_);
    auto it = session_cache_.find(digest);
    if (it == session_cache_.end()) return std::nullopt;
    if (now >= it->second.valid_until) {
        session_cache_.erase(it);
        return std::nullopt;
    }
    return it->second.principal;
}

void AuthService::cache_session(const std::string& digest, const Principal& who, std::int64_t valid_until,
                                std::uint64_t generation) {
    std::lock_guard lock(cache_mutex_);
    if (generation != logouts_) return;
    // Bounded: stale entries are swept when the map grows; a flood of live sessions empties it.
    constexpr std::size_t kMaxEntries = 65536;
    if (session_cache_.size() >= kMaxEntries) {
        const auto now = clock_();
        std::erase_if(session_cache_, [&](const auto& e) { return now >= e.second.valid_until; });
        if (session_cache_.size() >= kMaxEntries) session_cache_.clear();
    }
    session_cache_[digest] = {who, valid_until};
}

void AuthService::forget_session(const std::string& digest) {
    std::lock_guard lock(cache_mutex_);
    session_cache_.erase(digest);
    ++logouts_;
}

std::optional<Principal> AuthService::authenticate(const std::string& token) {
    if (token.empty()) return std::nullopt;
    const auto digest = token_digest(token);
    const std::int64_t now = clock_();
    if (session_cache_s_ > 0) {
        if (auto cached = cached_session(digest, now)) return cached;
    }
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(cache_mutex_);
        generation = logouts_;
    }
    if (auto live = store_.find_live_session(digest, now)) {
        Principal p = principal_of(live->user);
        if (session_cache_s_ > 0) cache_session(digest, p, std::min(now + session_cache_s_, live->expires_at), generation);
        return p;
    }
    if (auto by_token = store_.find_user_by_api_token(digest)) {
        Principal p = principal_of(by_token->first);
        p.can_write = by_token->second;
        return p;
    }
    if (auto kiosk = kiosk_tokens_.find_kiosk_token(digest)) {
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

void AuthService::logout(const std::string& token) {
    const auto digest = token_digest(token);
    store_.delete_session(digest);
    forget_session(digest);
}

}  // namespace phonefleet::services
