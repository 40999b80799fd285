#pragma once
// A thin RAII layer over the SQLite C API: one connection, prepared statements cached per
// connection, bound parameters only. Failures throw StoreError (an unexpected condition:
// the HTTP layer turns it into a 500 problem, never a crash).
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace phonefleet::store {

class StoreError : public std::runtime_error {
public:
    explicit StoreError(const std::string& what, int sqlite_code = 0)
        : std::runtime_error(what), sqlite_code_(sqlite_code) {}
    int sqlite_code() const { return sqlite_code_; }
    bool is_constraint() const { return (sqlite_code_ & 0xff) == SQLITE_CONSTRAINT; }

private:
    int sqlite_code_;
};

class Statement {
public:
    explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();  // resets and clears bindings: the cached statement is ready for reuse

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind_blob(int index, const void* data, int size);
    Statement& bind_null(int index);
    // A C++ object for a function that knows `type` (sqlite3_bind_pointer); it must outlive the run.
    Statement& bind_pointer(int index, const void* object, const char* type);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    // The highest parameter number the SQL uses; binding beyond it is an error in SQLite.
    int parameter_count() const { return sqlite3_bind_parameter_count(stmt_); }

    bool step();  // true: a row is ready; false: done
    void run() { while (step()) {} }
    void reset() { sqlite3_reset(stmt_); }  // to step again with other bindings

    std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
    int int32(int col) const { return sqlite3_column_int(stmt_, col); }
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::string text(int col) const;
    std::string_view text_view(int col) const;  // valid until the next step
    std::optional<std::string> opt_text(int col) const;
    std::optional<std::int64_t> opt_int64(int col) const;

private:
    sqlite3_stmt* stmt_;
};

class Database {
public:
    explicit Database(const std::string& path);
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // A cached prepared statement; one user at a time (connections are not shared by threads).
    Statement prepare(const std::string& sql);
    void exec(const std::string& sql);  // several statements, no parameters (schema, pragmas)
    std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
    int changes() const { return sqlite3_changes(db_); }
    sqlite3* handle() { return db_; }

private:
    [[noreturn]] void fail(const std::string& context, int rc) const;

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace phonefleet::store
