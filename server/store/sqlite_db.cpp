#include "store/sqlite_db.hpp"

namespace phonefleet::store {

Statement::~Statement() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

static void check_bind(sqlite3_stmt* stmt, int rc) {
    if (rc != SQLITE_OK)
        throw StoreError(std::string("bind failed: ") + sqlite3_errmsg(sqlite3_db_handle(stmt)), rc);
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(stmt_, sqlite3_bind_int64(stmt_, index, value));
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    check_bind(stmt_, sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                        SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind_blob(int index, const void* data, int size) {
    check_bind(stmt_, sqlite3_bind_blob(stmt_, index, data, size, SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind_pointer(int index, const void* object, const char* type) {
    check_bind(stmt_, sqlite3_bind_pointer(stmt_, index, const_cast<void*>(object), type, nullptr));
    return *this;
}

Statement& Statement::bind_null(int index) {
    check_bind(stmt_, sqlite3_bind_null(stmt_, index));
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(stmt_);
    throw StoreError(std::string("sqlite: ") + sqlite3_errmsg(db), sqlite3_extended_errcode(db));
}

std::string_view Statement::text_view(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::string Statement::text(int col) const { return std::string(text_view(col)); }

std::optional<std::string> Statement::opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
}

std::optional<std::int64_t> Statement::opt_int64(int col) const {
    if (is_null(col)) return std::nullopt;
    return int64(col);
}

Database::Database(const std::string& path) {
    // SQLite counts every allocation under one process-wide mutex unless told not to: with a
    // connection per HTTP worker, that mutex was a hot lock. Must precede the first connection.
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError("cannot open database " + path + ": " + msg, rc);
    }
    sqlite3_extended_result_codes(db_, 1);
    // WAL: readers never block the writer; busy_timeout: writers queue instead of failing.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
         "PRAGMA busy_timeout=10000; PRAGMA cache_size=-16384; PRAGMA temp_store=MEMORY;");
}

Database::~Database() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
}

void Database::fail(const std::string& context, int rc) const {
    throw StoreError(context + ": " + sqlite3_errmsg(db_), rc);
}

Statement Database::prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) fail("prepare failed for [" + sql + "]", rc);
        it = cache_.emplace(sql, stmt).first;
    }
    return Statement(it->second);
}

void Database::exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw StoreError("sqlite exec: " + msg, rc);
    }
}

}  // namespace phonefleet::store
