#include "store/sqlite_device_rows.hpp"

#include <new>
#include <string>

#include "store/sqlite_db.hpp"

namespace phonefleet::store {
namespace {

// An eponymous-only virtual table: it exists on every connection it is registered on, without
// CREATE VIRTUAL TABLE, and its hidden column `rows` is the function's argument.
constexpr int kRowsArgument = DeviceRowsColumn::MacKey + 1;

struct Cursor {
    sqlite3_vtab_cursor base{};  // first: SQLite casts between the two
    DeviceRowSpan rows;
    std::size_t at = 0;
};

int connect(sqlite3* db, void*, int, const char* const*, sqlite3_vtab** out, char**) {
    const int rc = sqlite3_declare_vtab(
        db, "CREATE TABLE x(mac TEXT, site_id INTEGER, device_type_id INTEGER, multicell_station_id TEXT,"
            " mac_key INTEGER, rows HIDDEN)");
    if (rc != SQLITE_OK) return rc;
    auto* vtab = static_cast<sqlite3_vtab*>(sqlite3_malloc(sizeof(sqlite3_vtab)));
    if (!vtab) return SQLITE_NOMEM;
    *vtab = sqlite3_vtab{};
    *out = vtab;
    return SQLITE_OK;
}

int disconnect(sqlite3_vtab* vtab) {
    sqlite3_free(vtab);
    return SQLITE_OK;
}

// The only plan: the rows argument given (`device_rows(?1)`); without it there is nothing to read.
int best_index(sqlite3_vtab*, sqlite3_index_info* info) {
    for (int i = 0; i < info->nConstraint; ++i) {
        const auto& c = info->aConstraint[i];
        if (c.iColumn != kRowsArgument || c.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
        if (!c.usable) return SQLITE_CONSTRAINT;
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->idxNum = 1;
        info->estimatedCost = 1000;
        return SQLITE_OK;
    }
    return SQLITE_CONSTRAINT;
}

int open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
    auto* cursor = new (std::nothrow) Cursor;
    if (!cursor) return SQLITE_NOMEM;
    *out = &cursor->base;
    return SQLITE_OK;
}

int close(sqlite3_vtab_cursor* base) {
    delete reinterpret_cast<Cursor*>(base);
    return SQLITE_OK;
}

int filter(sqlite3_vtab_cursor* base, int idx, const char*, int argc, sqlite3_value** argv) {
    auto* cursor = reinterpret_cast<Cursor*>(base);
    cursor->at = 0;
    const auto* span = idx == 1 && argc == 1
                           ? static_cast<const DeviceRowSpan*>(sqlite3_value_pointer(argv[0], kDeviceRowsPointer))
                           : nullptr;
    cursor->rows = span ? *span : DeviceRowSpan{};  // a value that is not our pointer reads as no rows
    return SQLITE_OK;
}

int next(sqlite3_vtab_cursor* base) {
    ++reinterpret_cast<Cursor*>(base)->at;
    return SQLITE_OK;
}

int eof(sqlite3_vtab_cursor* base) {
    const auto* cursor = reinterpret_cast<Cursor*>(base);
    return cursor->at >= cursor->rows.size;
}

int column(sqlite3_vtab_cursor* base, sqlite3_context* ctx, int n) {
    const auto* cursor = reinterpret_cast<Cursor*>(base);
    const DeviceRow& row = cursor->rows.data[cursor->at];
    switch (n) {
        case DeviceRowsColumn::Mac:
            sqlite3_result_text(ctx, row.mac.data(), static_cast<int>(row.mac.size()), SQLITE_STATIC);
            break;
        case DeviceRowsColumn::SiteId: sqlite3_result_int64(ctx, row.site_id); break;
        case DeviceRowsColumn::DeviceTypeId: sqlite3_result_int64(ctx, row.device_type_id); break;
        case DeviceRowsColumn::MulticellStationId:
            if (row.multicell.empty()) sqlite3_result_null(ctx);
            else sqlite3_result_text(ctx, row.multicell.data(), static_cast<int>(row.multicell.size()), SQLITE_STATIC);
            break;
        case DeviceRowsColumn::MacKey: sqlite3_result_int64(ctx, row.mac_key); break;
        default: sqlite3_result_null(ctx);  // the hidden argument column
    }
    return SQLITE_OK;
}

int rowid(sqlite3_vtab_cursor* base, sqlite3_int64* out) {
    *out = static_cast<sqlite3_int64>(reinterpret_cast<Cursor*>(base)->at);
    return SQLITE_OK;
}

const sqlite3_module kModule = [] {
    sqlite3_module m{};
    m.iVersion = 0;
    m.xCreate = nullptr;  // eponymous only: no CREATE VIRTUAL TABLE ... USING device_rows
    m.xConnect = connect;
    m.xBestIndex = best_index;
    m.xDisconnect = disconnect;
    m.xDestroy = disconnect;
    m.xOpen = open;
    m.xClose = close;
    m.xFilter = filter;
    m.xNext = next;
    m.xEof = eof;
    m.xColumn = column;
    m.xRowid = rowid;
    return m;
}();

}  // namespace

void register_device_rows(sqlite3* db) {
    const int rc = sqlite3_create_module_v2(db, "device_rows", &kModule, nullptr, nullptr);
    if (rc != SQLITE_OK) throw StoreError(std::string("cannot register device_rows: ") + sqlite3_errmsg(db), rc);
}

}  // namespace phonefleet::store
