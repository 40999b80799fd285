#pragma once
// Copies the WAL back into the database file on a thread of its own, instead of in the request
// whose commit crossed SQLite's threshold (its automatic checkpoint runs inside that COMMIT: a
// 100,000-row import waited ~60 ms for it, and any small write could land on it).
// Each pooled connection reports its commits through sqlite3_wal_hook (which replaces SQLite's
// own automatic checkpoint on that connection); past kPagesBeforeCheckpoint pages in the WAL the
// thread runs a PASSIVE checkpoint on its own connection: it never blocks readers or writers,
// and what it cannot copy yet (a reader still on older pages) the next one copies.
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace phonefleet::store {

class WalCheckpointer {
public:
    static constexpr int kPagesBeforeCheckpoint = 1000;  // SQLite's default threshold

    explicit WalCheckpointer(std::string path);
    ~WalCheckpointer();  // stops the thread (after a checkpoint in progress)
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Hands a connection's commits to this checkpointer (and off SQLite's automatic checkpoint).
    void watch(sqlite3* db);

    // Checkpoints run so far (tests).
    std::size_t checkpoints() const { return checkpoints_.load(); }

private:
    static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages);
    void run();

    std::string path_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool wanted_ = false;
    bool stopping_ = false;
    std::atomic<std::size_t> checkpoints_{0};
    std::thread thread_;  // last: started once the members above exist
};

}  // namespace phonefleet::store
