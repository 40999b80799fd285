#pragma once
// One read transaction around the statements of a list, so that its totals and its rows come
// from the same snapshot (a page past the middle is read backwards from the total).
#include "store/sqlite_db.hpp"

namespace phonefleet::store {

class ReadSnapshot {
public:
    ReadSnapshot(Database& db, bool begin) : db_(db), active_(begin) {
        if (active_) db_.prepare("BEGIN").run();
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    ~ReadSnapshot() {
        if (!active_) return;
        try {
            db_.prepare("COMMIT").run();
        } catch (...) {
        }
    }

private:
    Database& db_;
    bool active_;
};

}  // namespace phonefleet::store
