#pragma once
// Who is calling (F16): login with a password, sessions carried by a bearer token or cookie.
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "phonefleet/result.hpp"
#include "services/clock.hpp"
#include "services/login_throttle.hpp"
#include "services/password_gate.hpp"
#include "store/account_store.hpp"
#include "store/kiosk_token_store.hpp"

namespace phonefleet::services {

struct Principal {
    std::int64_t user_id = 0;
    std::string username;
    store::Role role = store::Role::CustomerAdmin;
    std::optional<std::int64_t> provider_id;
    std::optional<std::int64_t> customer_id;
    bool can_write = true;   // false for read-only API tokens
    bool by_cookie = false;  // authenticated by the browser's cookie (CSRF rules apply)
    // F14: a kiosk token: the line states of its one customer (customer_id) and GET /me only,
    // never a mutation; the router refuses it every other route.
    bool kiosk = false;
};

struct Session {
    std::string token;  // given to the client once; the store keeps only its digest
    std::int64_t expires_at = 0;
    Principal principal;
};

// How logins are bounded (SPEC 4): the back-off and the cap on concurrent password checks.
struct LoginGuards {
    LoginThrottleLimits throttle;
    int password_checks = 2;  // at once; argon2id takes 64 MiB each
    std::chrono::milliseconds password_check_wait{5000};
};

// Counted for /metrics.
struct LoginCounters {
    std::atomic<std::uint64_t> failures{0};   // wrong password or unknown user
    std::atomic<std::uint64_t> throttled{0};  // refused by the back-off (429)
    std::atomic<std::uint64_t> busy{0};       // waited too long for a password check (503)
};

class AuthService {
public:
    // session_cache_s: how long a session checked in the store is trusted without asking it
    // again (see authenticate); 0 asks the store on every request.
    // kiosk_tokens: a bearer token may be a kiosk token (F14) rather than a session or API token.
    AuthService(store::AccountStore& store, store::KioskTokenStore& kiosk_tokens, Clock clock,
                std::int64_t session_ttl_s, std::int64_t session_cache_s = 2, LoginGuards guards = {});

    // Error "auth_failed" for an unknown user or a wrong password alike; "login_throttled"
    // (value: seconds to wait) during a back-off, whatever the password; "login_busy" (value:
    // seconds) when no password check could start in time. `address`: the client's, for the
    // per-address back-off (empty: none).
    Result<Session> login(const std::string& username, const std::string& password, const std::string& address = "");
    // Called once when failures start a back-off (to audit it; not once per refused attempt).
    void on_backoff(std::function<void(const std::string& username, const std::string& address)> f) {
        on_backoff_ = std::move(f);
    }
    const PasswordGate& password_gate() const { return gate_; }
    const LoginCounters& login_counters() const { return counters_; }
    std::optional<Principal> authenticate(const std::string& token);
    void logout(const std::string& token);

    // API tokens (F15): long-lived, read or write, scoped like the user who made them.
    struct CreatedToken {
        store::ApiToken info;
        std::string token;  // shown once
    };
    CreatedToken create_api_token(const Principal& who, const std::string& name, bool can_write);
    std::vector<store::ApiToken> api_tokens(const Principal& who);
    bool revoke_api_token(const Principal& who, std::int64_t token_id);

private:
    std::optional<Principal> cached_session(const std::string& digest, std::int64_t now);
    void cache_session(const std::string& digest, const Principal& who, std::int64_t valid_until,
                       std::uint64_t generation);
    void forget_session(const std::string& digest);

    store::AccountStore& store_;
    store::KioskTokenStore& kiosk_tokens_;
    Clock clock_;
    std::int64_t session_ttl_s_;
    std::int64_t session_cache_s_;
    struct CachedSession {
        Principal principal;
        std::int64_t valid_until = 0;  // exclusive, never past the session's own expiry
    };
    std::mutex cache_mutex_;
    std::unordered_map<std::string, CachedSession> session_cache_;  // by token digest, never the token
    std::uint64_t logouts_ = 0;  // a lookup that began before a logout is not cached after it
    LoginThrottle throttle_;
    PasswordGate gate_;
    LoginCounters counters_;
    std::function<void(const std::string&, const std::string&)> on_backoff_;
    std::string decoy_hash_;  // verified for unknown users, so timing does not reveal them
};

}  // namespace phonefleet::services
