#include "phonefleet/import_validator.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

#include "mac_parse.hpp"
#include "mac_table.hpp"
#include "phonefleet/csv_reader.hpp"
#include "phonefleet/csv_writer.hpp"
#include "phonefleet/import_columns.hpp"
#include "phonefleet/mac_address.hpp"
#include "phonefleet/text_fold.hpp"

namespace phonefleet {
namespace {

constexpr int kNoIndex = -1;
constexpr std::size_t kColumnCount = 4;

std::size_t column_index(ImportColumn c) { return static_cast<std::size_t>(c); }

// Order of errors within a row: file-level first, then the columns in import order.
int column_rank(std::string_view column) {
    for (std::size_t i = 0; i < kColumnCount; ++i)
        if (column == column_name(static_cast<ImportColumn>(i))) return static_cast<int>(i) + 1;
    return 0;
}

#if defined(__GNUC__) || defined(__clang__)
#define PHONEFLEET_INLINE inline __attribute__((always_inline))
#else
#define PHONEFLEET_INLINE inline
#endif

// trim_blanks (text_fold.hpp), inlined: it runs on every cell.
PHONEFLEET_INLINE std::string_view trim_cell(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

// Our export writes =x as '=x (formula guard, csv_writer.hpp): read it back without the '.
PHONEFLEET_INLINE std::string_view cell_value(std::string_view raw) {
    std::string_view v = trim_cell(raw);
    if (v.size() >= 2 && v.front() == '\'' && needs_formula_guard(v.substr(1))) v.remove_prefix(1);
    return v;
}

// The rule of F5 (inventory_rules.cpp): at most 16 digits.
bool is_multicell_station_id(std::string_view id) {
    if (id.size() > 16) return false;
    for (char c : id)
        if (c < '0' || c > '9') return false;
    return true;
}

// MacAddress::normalized() of a 48-bit MAC: "00AA6E33D748".
std::string normalized_mac(std::uint64_t mac) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out(12, '0');
    for (std::size_t i = 0; i < 12; ++i) out[i] = kHex[(mac >> (44 - 4 * i)) & 0x0F];
    return out;
}

// Catalog names looked up by their case-folded form. A file spells its few sites and types
// the same way on thousands of rows, so each spelling is folded once and remembered: the
// last spellings seen sit in a small direct-mapped cache (a compare, no hashing of the whole
// name, no allocation), the others in a map.
class NameIndex {
public:
    void add(std::string_view name, int index) { by_folded_.emplace(fold_case(name), index); }

    PHONEFLEET_INLINE int find(std::string_view value) {
        Recent& recent = recent_[recent_slot(value)];
        if (recent.known && same_text(recent.spelling, value)) return recent.index;
        int index = find_slow(value);
        recent.known = true;
        recent.spelling.assign(value);
        recent.index = index;
        return index;
    }

private:
    // Equality of short names without a call: two overlapping 8-byte (or 4-byte) compares.
    static PHONEFLEET_INLINE bool same_text(std::string_view a, std::string_view b) {
        std::size_t n = a.size();
        if (n != b.size()) return false;
        if (n >= 8 && n <= 16) {
            std::uint64_t a0, a1, b0, b1;
            std::memcpy(&a0, a.data(), 8);
            std::memcpy(&b0, b.data(), 8);
            std::memcpy(&a1, a.data() + n - 8, 8);
            std::memcpy(&b1, b.data() + n - 8, 8);
            return ((a0 ^ b0) | (a1 ^ b1)) == 0;
        }
        if (n >= 4 && n < 8) {
            std::uint32_t a0, a1, b0, b1;
            std::memcpy(&a0, a.data(), 4);
            std::memcpy(&b0, b.data(), 4);
            std::memcpy(&a1, a.data() + n - 4, 4);
            std::memcpy(&b1, b.data() + n - 4, 4);
            return ((a0 ^ b0) | (a1 ^ b1)) == 0;
        }
        return std::memcmp(a.data(), b.data(), n) == 0;
    }

    int find_slow(std::string_view value) {
        if (auto it = by_spelling_.find(value); it != by_spelling_.end()) return it->second;
        fold_case(value, folded_);
        auto it = by_folded_.find(folded_);
        int index = it == by_folded_.end() ? kNoIndex : it->second;
        if (by_spelling_.size() < kMaxSpellings) by_spelling_.emplace(std::string(value), index);
        return index;
    }

    static constexpr std::size_t kRecent = 16;  // a power of two
    static std::size_t recent_slot(std::string_view v) {
        if (v.empty()) return 0;
        auto first = static_cast<unsigned char>(v.front()), last = static_cast<unsigned char>(v.back());
        return (v.size() * 7 + first * 3 + last) & (kRecent - 1);
    }
    struct Recent {
        bool known = false;
        std::string spelling;
        int index = kNoIndex;
    };
    Recent recent_[kRecent];

    // Bounds the memory a file of random names can take; past it, names are folded each time.
    static constexpr std::size_t kMaxSpellings = 4096;
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, int> by_folded_;
    std::unordered_map<std::string, int, Hash, std::equal_to<>> by_spelling_;
    std::string folded_;
};

}  // namespace

struct ImportValidator::Impl {
    struct SiteEntry {
        std::int64_t id = 0;
        std::string name;
        std::vector<int> approved;  // type indices, sorted
    };
    struct TypeEntry {
        std::string name;
        bool dect = false;
    };

    ImportOptions options;
    std::function<bool(const std::string&)> mac_exists;
    std::vector<SiteEntry> sites;
    std::vector<TypeEntry> types;
    NameIndex site_index, type_index;

    CsvReader reader;
    std::size_t bytes = 0;
    bool stopped = false;
    bool too_large = false;  // the rest is not read, and what was cut is not reported

    bool header_seen = false;
    std::size_t header_width = 0;
    int column_at[kColumnCount] = {kNoIndex, kNoIndex, kNoIndex, kNoIndex};  // field index

    ImportReport report;
    MacTable macs;
    std::vector<std::size_t> invalidated_rows;  // counted valid, then found to hold a duplicate

    // Rows whose MAC is parsed but not yet looked up in `macs`. With a million MACs the table
    // outgrows the caches: a row prefetches its slot and is settled up to kPendingMax rows
    // later, and a batch of lookups overlaps its cache misses. Settling keeps file order, and
    // every error is added only once the rows before it are settled, so the report (and which
    // errors max_errors keeps) is exactly that of settling each row at once.
    struct PendingMac {
        std::uint64_t mac = 0;
        std::size_t row = 0;
        int type = kNoIndex;
        int site = kNoIndex;
        bool row_ok = false;       // no error in the row's other cells
        std::string multicell;     // keep_rows only
    };
    static constexpr std::size_t kPendingMax = 16;
    PendingMac pending[kPendingMax];
    std::size_t pending_count = 0;

    Impl(const CatalogView& catalog, ImportOptions opts)
        : options(std::move(opts)),
          mac_exists(catalog.mac_exists),
          reader([this](const CsvRecord& r) { return on_record(r); }) {
        // A typical row, "00:04:F2:00:10:01,Cisco 6821,Paris": fewer bytes a row only costs one growth.
        constexpr std::size_t kRowBytes = 32;
        std::size_t expected = std::min(options.expected_bytes, options.limits.max_bytes);
        macs.reserve(std::min(expected / kRowBytes, options.limits.max_rows));
        for (const auto& t : catalog.device_types) {
            type_index.add(t.name, static_cast<int>(types.size()));
            types.push_back({t.name, t.dect});
        }
        for (const auto& s : catalog.sites) {
            SiteEntry entry{s.id, s.name, {}};
            for (const auto& name : s.approved_device_types) {
                int t = type_index.find(name);
                if (t != kNoIndex) entry.approved.push_back(t);
            }
            std::sort(entry.approved.begin(), entry.approved.end());
            site_index.add(s.name, static_cast<int>(sites.size()));
            sites.push_back(std::move(entry));
        }
    }

    void add_error(std::size_t row, std::string_view column, std::string_view value, std::string_view code) {
        settle_pending();
        add_error_in_order(row, column, value, code);
    }

    // Only once every earlier row is settled (add_error, or settling itself).
    void add_error_in_order(std::size_t row, std::string_view column, std::string_view value, std::string_view code) {
        if (options.max_errors != 0 && report.errors.size() >= options.max_errors) {
            report.errors_truncated = true;
            return;
        }
        report.errors.push_back({row, std::string(column), std::string(value), std::string(code)});
    }

    std::string_view cell(const CsvRecord& r, ImportColumn c) const {
        int at = column_at[column_index(c)];
        return at == kNoIndex ? std::string_view{} : cell_value(r[static_cast<std::size_t>(at)]);
    }

    bool on_record(const CsvRecord& r) { return header_seen ? on_row(r) : on_header(r); }

    bool on_header(const CsvRecord& r) {
        header_seen = true;
        header_width = r.size();
        for (std::size_t i = 0; i < r.size(); ++i) {
            auto column = import_column_from_header(r.fields[i]);
            if (column && column_at[column_index(*column)] == kNoIndex)
                column_at[column_index(*column)] = static_cast<int>(i);
        }
        bool complete = true;
        for (auto c : kRequiredImportColumns) {
            if (column_at[column_index(c)] != kNoIndex) continue;
            add_error(r.row, column_name(c), "", "column_missing");
            complete = false;
        }
        return complete;  // without its columns, no row can be read
    }

    bool on_row(const CsvRecord& r) {
        bool blank = true;
        for (auto f : r.fields) {
            if (!trim_cell(f).empty()) {
                blank = false;
                break;
            }
        }
        if (blank && r.problem == CsvProblem::none) return true;  // an empty line, or ";;;"

        if (++report.data_rows > options.limits.max_rows) {
            --report.data_rows;
            add_error(r.row, "rows", std::to_string(options.limits.max_rows), "file_too_large");
            stopped = too_large = true;
            return false;
        }
        bool malformed = r.problem != CsvProblem::none;
        for (std::size_t i = header_width; i < r.size() && !malformed; ++i)
            malformed = !trim_cell(r.fields[i]).empty();
        if (malformed) {
            add_error(r.row, "", "", "row_malformed");
            return true;
        }

        bool row_ok = true;
        auto fail = [&](std::string_view column, std::string_view value, std::string_view code) {
            row_ok = false;
            add_error(r.row, column, value, code);
        };

        // MAC: syntax now; the duplicate check later, once its table slot is in cache.
        std::uint64_t mac = 0;
        bool mac_ok = false;
        std::string_view mac_text = cell(r, ImportColumn::mac);
        if (mac_text.empty()) {
            fail("mac", "", "field_missing");
        } else if (detail::parse_mac48(mac_text, mac) && detail::is_unicast_mac48(mac)) {
            mac_ok = true;
            macs.prefetch(mac);
        } else {
            auto parsed = MacAddress::parse(mac_text);  // the error, exactly as MacAddress gives it
            fail("mac", parsed.error().value, parsed.error().code);
        }

        // Device type, then site, then the approval of the one at the other.
        std::string_view type_text = cell(r, ImportColumn::device_type);
        int type = kNoIndex;
        if (type_text.empty()) {
            fail("device_type", "", "field_missing");
        } else if ((type = type_index.find(type_text)) == kNoIndex) {
            fail("device_type", type_text, "device_type_unknown");
        }
        std::string_view site_text = cell(r, ImportColumn::site);
        int site = kNoIndex;
        if (site_text.empty()) {
            fail("site", "", "field_missing");
        } else if ((site = site_index.find(site_text)) == kNoIndex) {
            fail("site", site_text, "site_unknown");
        }
        if (type != kNoIndex && site != kNoIndex) {
            const auto& approved = sites[static_cast<std::size_t>(site)].approved;
            if (!std::binary_search(approved.begin(), approved.end(), type))
                fail("device_type", type_text, "device_type_not_approved");
        }

        // Multicell station ID: DECT bases only (SPEC 2), digits as F5 wants them.
        std::string_view multicell = cell(r, ImportColumn::multicell_station_id);
        if (!multicell.empty()) {
            if (type != kNoIndex && !types[static_cast<std::size_t>(type)].dect)
                fail("multicell_station_id", multicell, "multicell_not_dect");
            else if (!is_multicell_station_id(multicell))
                fail("multicell_station_id", multicell, "multicell_invalid");
        }

        if (!mac_ok) return true;  // an error was added: nothing to settle
        if (pending_count == kPendingMax) settle_pending();
        PendingMac& p = pending[pending_count++];
        p.mac = mac;
        p.row = r.row;
        p.type = type;
        p.site = site;
        p.row_ok = row_ok;
        if (options.keep_rows) p.multicell.assign(multicell);
        return true;
    }

    // The duplicate (and server: existence) check of the pending rows, in file order; then
    // the rows found valid are counted (and kept).
    void settle_pending() {
        std::size_t count = pending_count;
        pending_count = 0;
        std::uint32_t touched = 0;
        for (std::size_t i = 0; i < count; ++i) touched |= macs.touch(pending[i].mac);
        touch_sink = touched;
        for (std::size_t i = 0; i < count; ++i) settle(pending[i]);
    }
    std::uint32_t touch_sink = 0;  // keeps the reads of MacTable::touch

    void settle(const PendingMac& p) {
        bool row_ok = p.row_ok;
        MacTable::Slot* first_of_mac = nullptr;
        std::string normalized;
        // Spelled out only when a message, the server or the kept row needs it.
        if (mac_exists || options.keep_rows) normalized = normalized_mac(p.mac);
        auto [slot, inserted] = macs.insert(p.mac, static_cast<std::uint32_t>(p.row));
        if (inserted) {
            if (mac_exists && mac_exists(normalized)) slot->flags |= MacTable::exists;
            first_of_mac = slot;
        } else {
            if (normalized.empty()) normalized = normalized_mac(p.mac);
            row_ok = false;
            add_error_in_order(p.row, "mac", normalized, "mac_duplicate_in_file");
            if (!(slot->flags & MacTable::first_reported)) {
                slot->flags |= MacTable::first_reported;
                add_error_in_order(slot->first_row, "mac", normalized, "mac_duplicate_in_file");
                if (slot->flags & MacTable::first_counted_valid) {
                    --report.valid_rows;
                    invalidated_rows.push_back(slot->first_row);
                }
            }
        }
        if (slot->flags & MacTable::exists) {
            row_ok = false;
            add_error_in_order(p.row, "mac", normalized, "mac_exists");
        }

        if (!row_ok) return;
        ++report.valid_rows;
        if (first_of_mac) first_of_mac->flags |= MacTable::first_counted_valid;
        if (options.keep_rows) {
            const auto& s = sites[static_cast<std::size_t>(p.site)];
            ImportRow row{p.row, std::move(normalized), types[static_cast<std::size_t>(p.type)].name, s.name, s.id,
                          std::nullopt};
            if (!p.multicell.empty()) row.multicell_station_id = p.multicell;
            report.rows.push_back(std::move(row));
        }
    }

    void feed(std::string_view chunk) {
        if (!stopped && bytes + chunk.size() > options.limits.max_bytes) {
            add_error(0, "bytes", std::to_string(options.limits.max_bytes), "file_too_large");
            stopped = too_large = true;
        }
        bytes += chunk.size();
        if (!stopped) {
            reader.feed(chunk);
            stopped = reader.stopped();
        }
        if (options.on_progress) options.on_progress(bytes);
    }

    ImportReport finish() {
        if (too_large) return finish_report();
        reader.finish();
        if (!header_seen) {
            for (auto c : kRequiredImportColumns) add_error(1, column_name(c), "", "column_missing");
        }
        return finish_report();
    }

    ImportReport finish_report() {
        settle_pending();
        if (!invalidated_rows.empty() && !report.rows.empty()) {
            std::sort(invalidated_rows.begin(), invalidated_rows.end());
            std::erase_if(report.rows, [&](const ImportRow& row) {
                return std::binary_search(invalidated_rows.begin(), invalidated_rows.end(), row.row);
            });
        }
        std::stable_sort(report.errors.begin(), report.errors.end(), [](const ImportError& a, const ImportError& b) {
            if (a.row != b.row) return a.row < b.row;
            return column_rank(a.column) < column_rank(b.column);
        });
        return std::move(report);
    }
};

std::string message(const ImportError& error, Language lang) { return message(error.error(), lang); }

ImportValidator::ImportValidator(const CatalogView& catalog, ImportOptions options)
    : impl_(std::make_unique<Impl>(catalog, std::move(options))) {}

ImportValidator::~ImportValidator() = default;

void ImportValidator::feed(std::string_view chunk) { impl_->feed(chunk); }

ImportReport ImportValidator::finish() { return impl_->finish(); }

std::size_t ImportValidator::bytes_consumed() const { return impl_->bytes; }

ImportReport validate_import(std::string_view file, const CatalogView& catalog, ImportOptions options) {
    ImportValidator validator(catalog, std::move(options));
    validator.feed(file);
    return validator.finish();
}

}  // namespace phonefleet
