#pragma once
// Validation of a device import file (SPEC 5, F9), the same code in the browser (before the
// upload, WebAssembly) and on the server (before the transaction). One pass over chunks fed in
// order; memory grows with the number of distinct MACs (and the errors), not with the file,
// unless the valid rows are kept on request: 12 bytes a row with a valid MAC, each a distinct
// MAC or a duplicate (an error). Duplicates (and existing MACs) are found once the file is read.
//
// Every error has the row (see csv_reader.hpp: the 1-based physical line where the record
// starts; 0 = the file as a whole), the canonical column name (column_name(), "" when about no
// column), the value as written (blanks trimmed) and a stable code:
//   row_malformed            unterminated quote, text after a closing quote, or non-empty cells
//                            beyond the header's columns (a site name with an unquoted delimiter)
//   column_missing           mac, device_type or site absent from the header (row = header row);
//                            rows are then not read
//   field_missing            a required cell is empty
//   mac_invalid, mac_not_unicast       from MacAddress::parse
//   mac_duplicate_in_file    every row holding a MAC that occurs more than once, the first too;
//                            value = the normalised MAC
//   mac_exists               CatalogView::existing_macs said so (server only)
//   site_unknown, device_type_unknown  no such name (case-insensitive) among the customer's
//                            sites / in the catalog
//   device_type_not_approved the type exists but is not approved at that row's site
//   multicell_not_dect       a multicell station ID on a non-DECT type
//   multicell_invalid        not up to 16 digits (the rule of adding a device, F5)
//   file_too_large           over ImportLimits: column "bytes" (row 0) or "rows" (row of the
//                            first row too many), value = the limit; reading stops there
// Warnings never block an import (SPEC 5): shaped like errors, in report.warnings, in row order:
//   mac_vendor_mismatch      the MAC's IEEE block belongs to another vendor than the row's type
//                            (mac_vendor.hpp); column "mac", value as written, args the vendors
// Errors come sorted by row, then in column order. Empty lines, lines of empty cells (Excel's
// ";;;") and '#' comment lines are skipped; unknown columns are ignored. A value starting with
// ' followed by = + - @ (the export's formula guard) is read without the '.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phonefleet/device.hpp"
#include "phonefleet/messages.hpp"

namespace phonefleet {

// What validation needs to know of the customer, given by the caller as plain data.
struct CatalogSite {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::string> approved_device_types;  // device type names
};

struct CatalogView {
    std::vector<CatalogSite> sites;          // the customer's sites
    std::vector<DeviceType> device_types;    // the whole catalog (name, dect used here)
    // Server only: which of these MACs (12 upper-case hex digits) a device already has, one
    // answer per MAC, in order. Asked once the whole file is read, in batches of up to a few
    // hundred MACs (one query each, not one per row), each distinct valid MAC once. Empty in
    // the browser: that rule then waits for the server.
    std::function<std::vector<bool>(const std::vector<std::string>& normalized_macs)> existing_macs;
};

struct ImportLimits {
    std::size_t max_bytes = 16u * 1024 * 1024;  // at most 4 GiB - 1 (larger is read as that)
    std::size_t max_rows = 100'000;  // data rows (not the header, comments or empty lines)
};

struct ImportOptions {
    ImportLimits limits;
    bool keep_rows = false;        // fill ImportReport::rows (the server, to insert them)
    std::size_t max_errors = 0;    // 0 = every error; else only the first ones, in report order
                                   // (warnings are cut to the same number)
    // The file size when known (browser File.size, HTTP Content-Length): sizes the validator's
    // store of MACs once instead of growing it (faster on big files). 0 = unknown.
    std::size_t expected_bytes = 0;
    // Called after each fed chunk with the bytes read so far (the browser's progress bar).
    std::function<void(std::size_t bytes_consumed)> on_progress;
};

struct ImportError {
    std::size_t row = 0;
    std::string column;
    std::string value;
    std::string code;
    std::vector<std::pair<std::string, std::string>> args;  // see Error::args (warnings' vendors)

    Error error() const {
        Error e;
        e.code = code;
        e.field = column;
        e.value = value;
        e.args = args;
        return e;
    }
    bool operator==(const ImportError&) const = default;
};

// A valid row, normalised: canonical MAC, catalog spelling of the type and site.
struct ImportRow {
    std::size_t row = 0;
    std::string mac;          // "00AA6E33D748"
    std::string device_type;  // as in the catalog
    std::string site;         // as in the catalog
    std::int64_t site_id = 0;
    std::optional<std::string> multicell_station_id;
};

// A column the header names, and the header cell as the file spells it ("Type d'appareil").
struct ImportColumnHeader {
    std::string column;      // canonical: "device_type"
    std::string as_written;  // trimmed
};

struct ImportReport {
    std::size_t valid_rows = 0;     // data rows without any error
    std::size_t data_rows = 0;      // data rows read
    std::vector<ImportError> errors;
    std::vector<ImportRow> rows;    // valid rows, only with ImportOptions::keep_rows
    bool errors_truncated = false;  // more errors than ImportOptions::max_errors
    std::vector<ImportError> warnings;  // never block the import (mac_vendor_mismatch)
    bool warnings_truncated = false;    // more warnings than ImportOptions::max_errors
    // The recognised columns in header order: a person fixing the file looks for the column
    // under its own header, not under the canonical name errors carry.
    std::vector<ImportColumnHeader> headers;

    bool clean() const { return errors.empty(); }
};

// The header cell of a canonical column as the file spells it; "" when the file has none.
inline std::string_view header_as_written(const std::vector<ImportColumnHeader>& headers, std::string_view column) {
    for (const auto& h : headers)
        if (h.column == column) return h.as_written;
    return {};
}

// The error's message in a language: phonefleet::message of {code, column, value}, naming the
// column as the file's header spells it ("Le champ Adresse MAC est obligatoire."; the canonical
// name when the file has none), and for a MAC a spreadsheet turned into a number, a text that
// says so (mac_address.hpp, spreadsheet_damage) under the same code.
std::string message(const ImportError& error, const std::vector<ImportColumnHeader>& headers, Language lang);
std::string message(const ImportError& error, Language lang);  // no headers: canonical names

class ImportValidator {
public:
    // The catalog is copied into lookup tables; it need not outlive the validator.
    explicit ImportValidator(const CatalogView& catalog, ImportOptions options = {});
    ~ImportValidator();
    ImportValidator(const ImportValidator&) = delete;
    ImportValidator& operator=(const ImportValidator&) = delete;

    void feed(std::string_view chunk);
    ImportReport finish();  // once, after the last chunk
    std::size_t bytes_consumed() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The whole file at once (a request body already in memory).
ImportReport validate_import(std::string_view file, const CatalogView& catalog, ImportOptions options = {});

}  // namespace phonefleet
