#pragma once
// SqliteStore's connection lease, shared by the files that implement the store's methods.
#include <memory>

#include "store/sqlite_store.hpp"

namespace phonefleet::store {

class SqliteStore::Lease {
public:
    Lease(SqliteStore* store, std::unique_ptr<Database> owned, Database* borrowed)
        : store_(store), owned_(std::move(owned)), db_(owned_ ? owned_.get() : borrowed) {}
    Lease(Lease&& other) noexcept = default;
    ~Lease() {
        if (owned_) store_->release(std::move(owned_));
    }
    Database& operator*() { return *db_; }
    Database* operator->() { return db_; }

private:
    SqliteStore* store_;
    std::unique_ptr<Database> owned_;
    Database* db_;
};

}  // namespace phonefleet::store
