// SqliteStore as the KioskTokenStore (F14).
#include "store/sqlite_lease.hpp"
#include "store/sqlite_store.hpp"

namespace phonefleet::store {

std::int64_t SqliteStore::insert_kiosk_token(std::int64_t customer_id, std::string_view name,
                                             std::string_view created_by, std::string_view token_hash,
                                             std::int64_t now) {
    auto db = acquire();
    db->prepare("INSERT INTO kiosk_tokens(customer_id, name, token_hash, created_by, created_at) VALUES(?1, ?2, ?3, ?4, ?5)")
        .bind(1, customer_id)
        .bind(2, name)
        .bind(3, token_hash)
        .bind(4, created_by)
        .bind(5, now)
        .run();
    return db->last_insert_rowid();
}

std::vector<KioskTokenRecord> SqliteStore::list_kiosk_tokens(std::int64_t customer_id) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT k.id, k.customer_id, c.provider_id, k.name, k.created_by, k.created_at"
        " FROM kiosk_tokens k JOIN customers c ON c.id = k.customer_id WHERE k.customer_id = ?1 ORDER BY k.id");
    s.bind(1, customer_id);
    std::vector<KioskTokenRecord> out;
    while (s.step()) out.push_back({s.int64(0), s.int64(1), s.int64(2), s.text(3), s.text(4), s.int64(5)});
    return out;
}

bool SqliteStore::delete_kiosk_token(std::int64_t token_id, std::int64_t customer_id) {
    auto db = acquire();
    db->prepare("DELETE FROM kiosk_tokens WHERE id = ?1 AND customer_id = ?2").bind(1, token_id).bind(2, customer_id).run();
    return db->changes() == 1;
}

std::optional<KioskTokenRecord> SqliteStore::find_kiosk_token(std::string_view token_hash) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT k.id, k.customer_id, c.provider_id, k.name, k.created_by, k.created_at"
        " FROM kiosk_tokens k JOIN customers c ON c.id = k.customer_id WHERE k.token_hash = ?1");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return KioskTokenRecord{s.int64(0), s.int64(1), s.int64(2), s.text(3), s.text(4), s.int64(5)};
}

}  // namespace phonefleet::store
