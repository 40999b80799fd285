#include "store/sqlite_checkpointer.hpp"

#include <cstdio>
#include <exception>

#include "store/sqlite_db.hpp"

namespace phonefleet::store {

WalCheckpointer::WalCheckpointer(std::string path) : path_(std::move(path)), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void WalCheckpointer::watch(sqlite3* db) { sqlite3_wal_hook(db, &WalCheckpointer::on_commit, this); }

// Called by SQLite on the committing thread, after the commit: only a flag and a wake-up here.
int WalCheckpointer::on_commit(void* self, sqlite3*, const char*, int wal_pages) {
    auto* checkpointer = static_cast<WalCheckpointer*>(self);
    if (wal_pages >= kPagesBeforeCheckpoint) {
        {
            std::lock_guard lock(checkpointer->mutex_);
            checkpointer->wanted_ = true;
        }
        checkpointer->wake_.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    std::unique_ptr<Database> db;  // opened on first use, on this thread only
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return wanted_ || stopping_; });
            if (stopping_) return;
            wanted_ = false;
        }
        try {
            if (!db) db = std::make_unique<Database>(path_);
            const int rc = sqlite3_wal_checkpoint_v2(db->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            if (rc == SQLITE_OK || rc == SQLITE_BUSY) ++checkpoints_;  // BUSY: what could be copied was
            else std::fprintf(stderr, "wal checkpoint: %s\n", sqlite3_errmsg(db->handle()));
        } catch (const std::exception& e) {  // the next commit asks again; the WAL only grows meanwhile
            std::fprintf(stderr, "wal checkpoint: %s\n", e.what());
        }
    }
}

}  // namespace phonefleet::store
