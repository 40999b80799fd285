#pragma once
#include "store/sqlite_db.hpp"

namespace phonefleet::store {

// Brings the database to the newest schema version (PRAGMA user_version), one transaction per
// migration, so a crash mid-way leaves the previous version intact. Returns the version.
int migrate(Database& db);
int latest_schema_version();

}  // namespace phonefleet::store
