// SqliteStore as the AccountStore: users, sessions, API tokens (F15, F16).
#include "store/sqlite_lease.hpp"
#include "store/sqlite_store.hpp"

namespace phonefleet::store {
namespace {

User read_user(const Statement& s) {
    User u;
    u.id = s.int64(0);
    u.username = s.text(1);
    u.password_hash = s.text(2);
    u.role = parse_role(s.text_view(3)).value_or(Role::CustomerAdmin);
    u.provider_id = s.opt_int64(4);
    u.customer_id = s.opt_int64(5);
    return u;
}

}  // namespace

std::int64_t SqliteStore::insert_user(const User& u) {
    auto db = acquire();
    db->prepare("INSERT INTO users(username, password_hash, role, provider_id, customer_id) "
                "VALUES(?1, ?2, ?3, ?4, ?5)")
        .bind(1, u.username)
        .bind(2, u.password_hash)
        .bind(3, to_string(u.role))
        .bind(4, u.provider_id)
        .bind(5, u.customer_id)
        .run();
    return db->last_insert_rowid();
}

std::optional<User> SqliteStore::find_user_by_name(std::string_view username) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT id, username, password_hash, role, provider_id, customer_id FROM users WHERE username = ?1");
    s.bind(1, username);
    if (!s.step()) return std::nullopt;
    return read_user(s);
}

std::optional<User> SqliteStore::find_user_by_session(std::string_view token_hash, std::int64_t now) {
    auto live = find_live_session(token_hash, now);
    if (!live) return std::nullopt;
    return std::move(live->user);
}

std::optional<Store::LiveSession> SqliteStore::find_live_session(std::string_view token_hash, std::int64_t now) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT u.id, u.username, u.password_hash, u.role, u.provider_id, u.customer_id, s.expires_at "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.expires_at > ?2");
    s.bind(1, token_hash).bind(2, now);
    if (!s.step()) return std::nullopt;
    return LiveSession{read_user(s), s.int64(6)};
}

void SqliteStore::insert_session(std::string_view token_hash, std::int64_t user_id, std::int64_t now,
                                 std::int64_t expires_at) {
    auto db = acquire();
    // Expired sessions are swept as new ones arrive: the table stays the size of live sessions.
    db->prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(1, now).run();
    db->prepare("INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, token_hash)
        .bind(2, user_id)
        .bind(3, now)
        .bind(4, expires_at)
        .run();
}

void SqliteStore::delete_session(std::string_view token_hash) {
    auto db = acquire();
    db->prepare("DELETE FROM sessions WHERE token_hash = ?1").bind(1, token_hash).run();
}

std::optional<std::pair<User, bool>> SqliteStore::find_user_by_api_token(std::string_view token_hash) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT u.id, u.username, u.password_hash, u.role, u.provider_id, u.customer_id, t.can_write"
        " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return std::pair{read_user(s), s.int32(6) != 0};
}

std::int64_t SqliteStore::insert_api_token(std::int64_t user_id, std::string_view name, bool can_write,
                                           std::string_view token_hash, std::int64_t now) {
    auto db = acquire();
    db->prepare("INSERT INTO api_tokens(user_id, name, can_write, token_hash, created_at) VALUES(?1, ?2, ?3, ?4, ?5)")
        .bind(1, user_id)
        .bind(2, name)
        .bind(3, can_write ? 1 : 0)
        .bind(4, token_hash)
        .bind(5, now)
        .run();
    return db->last_insert_rowid();
}

std::vector<ApiToken> SqliteStore::list_api_tokens(std::int64_t user_id) {
    auto db = acquire();
    auto s = db->prepare("SELECT id, user_id, name, can_write, created_at FROM api_tokens WHERE user_id = ?1 ORDER BY id");
    s.bind(1, user_id);
    std::vector<ApiToken> out;
    while (s.step()) out.push_back({s.int64(0), s.int64(1), s.text(2), s.int32(3) != 0, s.int64(4)});
    return out;
}

bool SqliteStore::delete_api_token(std::int64_t token_id, std::int64_t user_id) {
    auto db = acquire();
    db->prepare("DELETE FROM api_tokens WHERE id = ?1 AND user_id = ?2").bind(1, token_id).bind(2, user_id).run();
    return db->changes() == 1;
}

}  // namespace phonefleet::store
