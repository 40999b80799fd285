#pragma once
// F14: kiosk tokens, made and revoked by LineStateService, checked by AuthService (a role of
// its own so that authentication needs no line states).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phonefleet::store {

// A kiosk token: read line states of one customer, nothing else.
struct KioskTokenRecord {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::int64_t provider_id = 0;
    std::string name;
    std::string created_by;
    std::int64_t created_at = 0;
};

// Keyed by a hash of the token, never the token.
class KioskTokenStore {
public:
    virtual ~KioskTokenStore() = default;

    virtual std::int64_t insert_kiosk_token(std::int64_t customer_id, std::string_view name,
                                            std::string_view created_by, std::string_view token_hash,
                                            std::int64_t now) = 0;
    virtual std::vector<KioskTokenRecord> list_kiosk_tokens(std::int64_t customer_id) = 0;
    virtual bool delete_kiosk_token(std::int64_t token_id, std::int64_t customer_id) = 0;
    virtual std::optional<KioskTokenRecord> find_kiosk_token(std::string_view token_hash) = 0;
};

}  // namespace phonefleet::store
