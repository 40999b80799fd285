#include "phonefleet/import_validator.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "mac_parse.hpp"
#include "mac_partitions.hpp"
#include "name_index.hpp"
#include "phonefleet/csv_reader.hpp"
#include "phonefleet/csv_writer.hpp"
#include "phonefleet/import_columns.hpp"
#include "phonefleet/mac_address.hpp"
#include "phonefleet/mac_vendor.hpp"
#include "phonefleet/text_encoding.hpp"
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
#define PHONEFLEET_NOINLINE __attribute__((noinline))
#else
#define PHONEFLEET_INLINE inline
#define PHONEFLEET_NOINLINE
#endif

// trim_blanks (text_fold.hpp), inlined: it runs on every cell.
PHONEFLEET_INLINE std::string_view trim_cell(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

// Whether trim_cell(v) is empty: only spaces and tabs (a real cell: its first byte says no).
PHONEFLEET_INLINE bool is_blank(std::string_view v) {
    for (char c : v)
        if (c != ' ' && c != '\t') return false;
    return true;
}

// The cells cell_value cannot take as they are: blanks at an end, or a leading '. Not inlined:
// cell_value is inlined for each column.
PHONEFLEET_NOINLINE std::string_view cell_value_slow(std::string_view raw) {
    std::string_view v = trim_cell(raw);
    if (v.size() >= 2 && v.front() == '\'' && needs_formula_guard(v.substr(1))) v.remove_prefix(1);
    return v;
}

// Our export writes =x as '=x (formula guard, csv_writer.hpp): read it back without the '.
PHONEFLEET_INLINE std::string_view cell_value(std::string_view raw) {
    // Nearly every cell: no blank at either end and no leading ', so nothing to change (bytes
    // above ' ', UTF-8 ones included, are never blanks).
    if (!raw.empty()) {
        const auto first = static_cast<unsigned char>(raw.front()), last = static_cast<unsigned char>(raw.back());
        if (first > ' ' && first != '\'' && last > ' ') return raw;
    }
    return cell_value_slow(raw);
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

}  // namespace

struct ImportValidator::Impl {
    struct SiteEntry {
        std::int64_t id = 0;
        std::string name;
    };
    struct TypeEntry {
        std::string name;
        bool dect = false;
        std::string vendor;     // as the catalog spells it
        MacVendor mac_vendor;   // index -1: a vendor the MAC check does not know (no warning)
    };

    ImportOptions options;
    std::function<std::vector<bool>(const std::vector<std::string>&)> existing_macs;
    std::vector<SiteEntry> sites;
    std::vector<TypeEntry> types;
    detail::NameIndex site_index, type_index;
    // Whether type t is approved at site s: bit t % 64 of approved[s * approved_words + t / 64]
    // (a catalog's few hundred types make a few words a site).
    std::vector<std::uint64_t> approved;
    std::size_t approved_words = 0;

    CsvReader reader;
    std::size_t bytes = 0;
    bool stopped = false;
    bool too_large = false;  // the rest is not read, and what was cut is not reported

    bool header_seen = false;
    std::size_t header_width = 0;
    int column_at[kColumnCount] = {kNoIndex, kNoIndex, kNoIndex, kNoIndex};  // field index

    ImportReport report;
    // Every row with a valid MAC, for the duplicate (and server: existence) check at the end of
    // the file (mac_partitions.hpp): the errors it finds are added then, and the report sorted.
    detail::MacPartitions macs;
    std::vector<std::uint32_t> first_of;        // settle_macs's, reused for each partition
    std::vector<std::size_t> invalidated_rows;  // keep_rows: kept, then found to have a MAC error
    // keep_rows: the rows valid so far, spelled out as ImportRows at the end for those still
    // valid (a re-import of known MACs keeps none: no strings built for nothing).
    struct KeptRow {
        std::uint64_t mac;
        std::uint32_t row;
        std::int32_t type, site;
        std::uint32_t multicell;  // 1 + its index in kept_multicells; 0: none
    };
    std::vector<KeptRow> kept_rows;
    std::vector<std::string> kept_multicells;
    // An error settle_macs found, spelled out only if the report keeps it (merge_errors).
    struct MacError {
        std::uint64_t mac;
        std::uint32_t row;
        bool exists;  // mac_exists; else mac_duplicate_in_file, which comes first in a row
        bool operator<(const MacError& o) const { return row != o.row ? row < o.row : exists < o.exists; }
    };
    std::vector<MacError> mac_errors;

    Impl(const CatalogView& catalog, ImportOptions opts)
        : options(std::move(opts)),
          existing_macs(catalog.existing_macs),
          reader(&Impl::take_record, this) {
        // A typical row, "00:04:F2:00:10:01,Cisco 6821,Paris": fewer bytes a row only costs one growth.
        constexpr std::size_t kRowBytes = 32;
        // Rows are kept as 32-bit numbers (mac_partitions.hpp): a file has no more lines than bytes.
        options.limits.max_bytes = std::min<std::size_t>(options.limits.max_bytes, UINT32_MAX);
        std::size_t expected = std::min(options.expected_bytes, options.limits.max_bytes);
        macs.plan(std::min(expected / kRowBytes, options.limits.max_rows));
        for (const auto& t : catalog.device_types) {
            type_index.add(t.name, static_cast<int>(types.size()));
            types.push_back({t.name, t.dect, t.vendor, vendor_of_catalog_name(t.vendor).value_or(MacVendor{})});
        }
        approved_words = (types.size() + 63) / 64;
        approved.assign(catalog.sites.size() * approved_words, 0);
        for (const auto& s : catalog.sites) {
            for (const auto& name : s.approved_device_types) {
                int t = type_index.find(name);
                if (t != kNoIndex) set_approved(sites.size(), static_cast<std::size_t>(t));
            }
            site_index.add(s.name, static_cast<int>(sites.size()));
            sites.push_back({s.id, s.name});
        }
    }

    void set_approved(std::size_t site, std::size_t type) {
        approved[site * approved_words + type / 64] |= std::uint64_t{1} << (type % 64);
    }
    bool is_approved(std::size_t site, std::size_t type) const {
        return (approved[site * approved_words + type / 64] >> (type % 64)) & 1;
    }

    // Errors are rare: kept out of the row loop's code. The errors of the cells come in file
    // order, so max_errors keeps the first ones (settle_macs's are merged with them at the end).
    PHONEFLEET_NOINLINE void add_error(std::size_t row, std::string_view column, std::string_view value,
                                       std::string_view code) {
        if (options.max_errors != 0 && report.errors.size() >= options.max_errors) {
            report.errors_truncated = true;
            // The file's own error (row 0: too many bytes, found late) comes first in the
            // report: it takes the place of the last row's.
            if (row != 0 || report.errors.empty()) return;
            report.errors.pop_back();
        }
        // The value as written, in UTF-8 whatever the file's encoding (text_encoding.hpp).
        report.errors.push_back({row, std::string(column), as_utf8(value), std::string(code)});
    }

    // A warning (SPEC 5): never blocks; capped like the errors.
    PHONEFLEET_NOINLINE void check_vendor(std::uint64_t mac, std::string_view mac_text, std::size_t row, int type) {
        const TypeEntry& t = types[static_cast<std::size_t>(type)];
        const auto registered = mismatched_vendor(mac, t.mac_vendor);
        if (!registered) return;
        if (options.max_errors != 0 && report.warnings.size() >= options.max_errors) {
            report.warnings_truncated = true;
            return;
        }
        report.warnings.push_back({row, "mac", as_utf8(mac_text), "mac_vendor_mismatch",
                                   {{"registered", std::string(registered->name)}, {"vendor", t.vendor}, {"type", t.name}}});
    }

    PHONEFLEET_NOINLINE bool stop_too_many_rows(std::size_t row) {
        --report.data_rows;
        add_error(row, "rows", std::to_string(options.limits.max_rows), "file_too_large");
        stopped = too_large = true;
        return false;
    }

    // A MAC with blanks a formula guard left around it ("'\t00AA..."): rare, so not inlined.
    static PHONEFLEET_NOINLINE bool parse_mac_with_blanks(std::string_view text, std::uint64_t& mac) {
        return detail::parse_mac48(text, mac);
    }

    PHONEFLEET_NOINLINE void add_mac_error(std::size_t row, std::string_view mac_text) {
        auto parsed = MacAddress::parse(mac_text);  // the error, exactly as MacAddress gives it
        add_error(row, "mac", parsed.error().value, parsed.error().code);
    }

    PHONEFLEET_INLINE std::string_view cell(const CsvRecord& r, ImportColumn c) const {
        int at = column_at[column_index(c)];
        return at == kNoIndex ? std::string_view{} : cell_value(r[static_cast<std::size_t>(at)]);
    }

    static bool take_record(void* self, const CsvRecord& r) { return static_cast<Impl*>(self)->on_record(r); }
    PHONEFLEET_INLINE bool on_record(const CsvRecord& r) { return header_seen ? on_row(r) : on_header(r); }

    // Once a file: out of the row loop's code, which V8 compiles again when it tiers up (the
    // smaller that function, the less memory its optimising compiler takes).
    PHONEFLEET_NOINLINE bool on_header(const CsvRecord& r) {
        header_seen = true;
        header_width = r.size();
        // Excel's "Unicode text" is UTF-16: a byte-order mark FF FE or FE FF, or NUL bytes
        // between the letters. Read as UTF-8 it would only give "no mac column" three times.
        for (auto f : r.fields) {
            const bool bom = f.size() >= 2 && ((f[0] == '\xFF' && f[1] == '\xFE') || (f[0] == '\xFE' && f[1] == '\xFF'));
            if (bom || f.find('\0') != std::string_view::npos) {
                add_error(r.row, "", "UTF-16", "file_encoding_unsupported");
                return false;
            }
        }
        // Excel's "Text (Tab delimited)": one header cell holding tabs (SPEC 5 reads `,` or `;`).
        if (r.size() == 1 && r.fields[0].find('\t') != std::string_view::npos &&
            !import_column_from_header(as_utf8(trim_cell(r.fields[0])))) {
            add_error(r.row, "", "", "file_tab_separated");
            return false;
        }
        bool complete = true;
        for (std::size_t i = 0; i < r.size(); ++i) {
            const std::string name = as_utf8(trim_cell(r.fields[i]));  // "Modèle" from Windows-1252 Excel too
            auto column = import_column_from_header(name);
            if (!column) continue;
            if (column_at[column_index(*column)] == kNoIndex) {
                column_at[column_index(*column)] = static_cast<int>(i);
                report.headers.push_back({std::string(column_name(*column)), name});
            } else {
                // Two columns for one field ("mac" and "Adresse MAC"): which one holds the
                // devices is the file's author's to say, not ours to guess.
                add_error(r.row, column_name(*column), name, "column_duplicate");
                complete = false;
            }
        }
        for (auto c : kRequiredImportColumns) {
            if (column_at[column_index(c)] != kNoIndex) continue;
            add_error(r.row, column_name(c), "", "column_missing");
            complete = false;
        }
        return complete;  // without its columns, no row can be read
    }

    PHONEFLEET_INLINE bool on_row(const CsvRecord& r) {
        bool blank = true;
        for (auto f : r.fields) {
            if (!is_blank(f)) {
                blank = false;
                break;
            }
        }
        if (blank && r.problem == CsvProblem::none) return true;  // an empty line, or ";;;"

        if (++report.data_rows > options.limits.max_rows) return stop_too_many_rows(r.row);

        // Nearly every row is clean: this checks only that, and leaves the reporting of what
        // is wrong to check_row, which checks everything again (so a row is accepted here only
        // when check_row would accept it). The row function stays small: V8's optimising
        // compiler takes memory in proportion while the file is validated.
        const std::string_view mac_text = cell(r, ImportColumn::mac);
        const std::string_view type_text = cell(r, ImportColumn::device_type);
        const std::string_view site_text = cell(r, ImportColumn::site);
        std::uint64_t mac = 0;
        int type = kNoIndex, site = kNoIndex;
        if (r.problem == CsvProblem::none && r.size() <= header_width &&
            cell(r, ImportColumn::multicell_station_id).empty() && detail::parse_mac48_trimmed(mac_text, mac) &&
            detail::is_unicast_mac48(mac) && !type_text.empty() && (type = type_index.find(type_text)) != kNoIndex &&
            !site_text.empty() && (site = site_index.find(site_text)) != kNoIndex &&
            is_approved(static_cast<std::size_t>(site), static_cast<std::size_t>(type))) {
            take_mac(mac, r.row, type, site, true, {});
            if (types[static_cast<std::size_t>(type)].mac_vendor.index >= 0) check_vendor(mac, mac_text, r.row, type);
            return true;
        }
        return check_row(r);
    }

    // Every check of a row, every error it has (on_row has found at least one, or a row it does
    // not take quickly: extra cells, a multicell station ID).
    PHONEFLEET_NOINLINE bool check_row(const CsvRecord& r) {
        if (r.problem != CsvProblem::none) {  // a quote left open, or text after a closing quote
            add_error(r.row, "", "", "row_malformed");
            return true;
        }
        for (std::size_t i = header_width; i < r.size(); ++i) {
            if (is_blank(r.fields[i])) continue;
            // More cells than the header: the first extra one as its value, to find the row's
            // stray delimiter (its message says so: message() below).
            add_error(r.row, "", trim_cell(r.fields[i]), "row_malformed");
            return true;
        }

        bool row_ok = true;
        auto fail = [&](std::string_view column, std::string_view value, std::string_view code) {
            row_ok = false;
            add_error(r.row, column, value, code);
        };

        // MAC: syntax now; the duplicate check at the end of the file (settle_macs).
        std::uint64_t mac = 0;
        bool mac_ok = false;
        std::string_view mac_text = cell(r, ImportColumn::mac);
        if (mac_text.empty()) {
            fail("mac", "", "field_missing");
        } else if ((detail::parse_mac48_trimmed(mac_text, mac) || parse_mac_with_blanks(mac_text, mac)) &&
                   detail::is_unicast_mac48(mac)) {
            // (cell_value trimmed the cell, unless a formula guard left blanks: "'\t00AA...")
            mac_ok = true;
        } else {
            row_ok = false;
            add_mac_error(r.row, mac_text);
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
        if (type != kNoIndex && site != kNoIndex &&
            !is_approved(static_cast<std::size_t>(site), static_cast<std::size_t>(type)))
            fail("device_type", type_text, "device_type_not_approved");

        // Multicell station ID: DECT bases only (SPEC 2), digits as F5 wants them.
        std::string_view multicell = cell(r, ImportColumn::multicell_station_id);
        if (!multicell.empty()) {
            if (type != kNoIndex && !types[static_cast<std::size_t>(type)].dect)
                fail("multicell_station_id", multicell, "multicell_not_dect");
            else if (!is_multicell_station_id(multicell))
                fail("multicell_station_id", multicell, "multicell_invalid");
        }

        if (mac_ok) take_mac(mac, r.row, type, site, row_ok, multicell);
        if (mac_ok && type != kNoIndex) check_vendor(mac, trim_cell(mac_text), r.row, type);
        return true;
    }

    // A row with a valid MAC. Counted valid (and noted to be kept) now when its other cells are;
    // taken back by settle_macs if its MAC turns out to be duplicated or existing.
    PHONEFLEET_INLINE void take_mac(std::uint64_t mac, std::size_t row, int type, int site, bool row_ok,
                                    std::string_view multicell) {
        macs.add(mac, row, row_ok ? detail::MacPartitions::counted_valid : 0);
        if (!row_ok) return;
        ++report.valid_rows;
        if (options.keep_rows) keep_row(mac, row, type, site, multicell);
    }

    PHONEFLEET_NOINLINE void keep_row(std::uint64_t mac, std::size_t row, int type, int site,
                                      std::string_view multicell) {
        std::uint32_t at = 0;
        if (!multicell.empty()) {
            kept_multicells.emplace_back(multicell);
            at = static_cast<std::uint32_t>(kept_multicells.size());
        }
        kept_rows.push_back({mac, static_cast<std::uint32_t>(row), type, site, at});
    }

    // The kept rows still valid once settle_macs has run, as ImportRows (both in file order).
    void spell_out_rows() {
        std::sort(invalidated_rows.begin(), invalidated_rows.end());
        auto next = invalidated_rows.begin();
        report.rows.reserve(kept_rows.size() - std::min(kept_rows.size(), invalidated_rows.size()));
        for (const KeptRow& k : kept_rows) {
            while (next != invalidated_rows.end() && *next < k.row) ++next;
            if (next != invalidated_rows.end() && *next == k.row) continue;
            const auto& s = sites[static_cast<std::size_t>(k.site)];
            ImportRow row{k.row, normalized_mac(k.mac), types[static_cast<std::size_t>(k.type)].name, s.name, s.id,
                          std::nullopt};
            if (k.multicell != 0) row.multicell_station_id = std::move(kept_multicells[k.multicell - 1]);
            report.rows.push_back(std::move(row));
        }
    }

    // The end of the file, partition by partition: each MAC linked to its first row (the server
    // first asks which MACs exist, over every partition); then every row of a duplicated or
    // existing MAC gets its errors (duplicate first, then exists) and is no longer counted valid.
    void settle_macs() {
        using detail::MacPartitions;
        if (existing_macs) ask_existing();
        for (std::size_t p = 0; p < macs.partition_count(); ++p) {
            macs.link(p, first_of);
            auto& entries = macs.partition(p);
            for (std::size_t i = 0; i < entries.size(); ++i) {
                const std::uint16_t of_mac = entries[first_of[i]].flags;
                if (of_mac & (MacPartitions::duplicated | MacPartitions::exists)) take_back(entries[i], of_mac);
            }
            // With max_errors, only the first ones can be kept: no need to hold the rest meanwhile.
            // (Written so that no large max_errors overflows.)
            if (options.max_errors != 0 && mac_errors.size() > options.max_errors &&
                mac_errors.size() - options.max_errors > options.max_errors + 1024) {
                std::sort(mac_errors.begin(), mac_errors.end());
                mac_errors.resize(options.max_errors);
                report.errors_truncated = true;
            }
        }
    }

    // A row whose MAC is duplicated or exists: its errors, and no longer valid (nor kept).
    PHONEFLEET_NOINLINE void take_back(detail::MacPartitions::Entry& e, std::uint16_t of_mac) {
        using detail::MacPartitions;
        if (of_mac & MacPartitions::duplicated) mac_errors.push_back({e.mac(), e.row, false});
        if (of_mac & MacPartitions::exists) mac_errors.push_back({e.mac(), e.row, true});
        if (e.flags & MacPartitions::counted_valid) {
            e.flags &= static_cast<std::uint16_t>(~MacPartitions::counted_valid);
            --report.valid_rows;
            if (options.keep_rows) invalidated_rows.push_back(e.row);
        }
    }

    // The server: every distinct MAC, asked about in batches of kAskBatch whatever the
    // partitions (one query each). Its first entry gets `exists`; settle_macs links again after
    // (a link is cheap next to a query).
    PHONEFLEET_NOINLINE void ask_existing() {
        using Entry = detail::MacPartitions::Entry;
        std::vector<std::string> asked;
        std::vector<Entry*> asked_for;
        auto ask = [&] {
            const std::vector<bool> found = existing_macs(asked);
            // A MAC without its answer would pass as new and fail at the insert, or worse: the
            // store's contract is broken, so the import stops here (the server answers 500,
            // nothing stored).
            if (found.size() != asked.size())
                throw std::logic_error("existing_macs gave " + std::to_string(found.size()) + " answers for " +
                                       std::to_string(asked.size()) + " MACs");
            for (std::size_t j = 0; j < asked.size(); ++j)
                if (found[j]) asked_for[j]->flags |= detail::MacPartitions::exists;
            asked.clear();
            asked_for.clear();
        };
        for (std::size_t p = 0; p < macs.partition_count(); ++p) {
            macs.link(p, first_of);
            auto& entries = macs.partition(p);
            for (std::size_t i = 0; i < entries.size(); ++i) {
                if (first_of[i] != i) continue;
                asked.push_back(normalized_mac(entries[i].mac()));
                asked_for.push_back(&entries[i]);
                if (asked.size() == kAskBatch) ask();
            }
        }
        if (!asked.empty()) ask();
    }
    static constexpr std::size_t kAskBatch = 256;

    // The errors in report order (row, then column), cut to max_errors: the cells' errors, in
    // file order already but for a file's own (row 0, found late), merged with settle_macs's.
    void merge_errors() {
        auto in_order = [](const ImportError& a, const ImportError& b) {
            if (a.row != b.row) return a.row < b.row;
            return column_rank(a.column) < column_rank(b.column);
        };
        auto& cells = report.errors;
        if (!std::is_sorted(cells.begin(), cells.end(), in_order)) std::stable_sort(cells.begin(), cells.end(), in_order);
        const std::size_t limit = options.max_errors != 0 ? options.max_errors : cells.size() + mac_errors.size();
        if (!mac_errors.empty()) {
            std::sort(mac_errors.begin(), mac_errors.end());
            std::vector<ImportError> merged;
            merged.reserve(std::min(limit, cells.size() + mac_errors.size()));
            auto cell = cells.begin();
            // A row's error about no column or about its MAC cell comes before its MAC's (a
            // row has never both), its other cells' after.
            auto cell_first = [&](const MacError& m) {
                return cell->row < m.row || (cell->row == m.row && column_rank(cell->column) <= 1);
            };
            for (const MacError& m : mac_errors) {
                while (cell != cells.end() && merged.size() < limit && cell_first(m)) merged.push_back(std::move(*cell++));
                if (merged.size() == limit) break;
                merged.push_back({m.row, "mac", normalized_mac(m.mac), m.exists ? "mac_exists" : "mac_duplicate_in_file"});
            }
            while (cell != cells.end() && merged.size() < limit) merged.push_back(std::move(*cell++));
            if (cells.size() + mac_errors.size() > limit) report.errors_truncated = true;
            cells = std::move(merged);
        }
        if (cells.size() > limit) {
            cells.resize(limit);
            report.errors_truncated = true;
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
        settle_macs();
        spell_out_rows();
        merge_errors();
        return std::move(report);
    }
};

std::string message(const ImportError& error, Language lang) { return message(error, {}, lang); }

std::string message(const ImportError& error, const std::vector<ImportColumnHeader>& headers, Language lang) {
    Error e = error.error();
    const std::string_view as_written = header_as_written(headers, error.column);
    if (!as_written.empty()) e.field = std::string(as_written);
    // A MAC a spreadsheet turned into a number: the code stays mac_invalid (SPEC 5), the text
    // says what happened to the file and how to keep the column as text.
    if (e.code == "row_malformed" && !e.value.empty()) e.code = "row_malformed.extra_cells";
    if (e.code == "mac_invalid") {
        switch (spreadsheet_damage(e.value)) {
            case SpreadsheetDamage::LeadingZerosDropped: e.code = "mac_invalid.zeros_dropped"; break;
            case SpreadsheetDamage::DigitsLost: e.code = "mac_invalid.digits_lost"; break;
            case SpreadsheetDamage::None: break;
        }
    }
    return message(e, lang);
}

ImportValidator::ImportValidator(const CatalogView& catalog, ImportOptions options)
    : impl_(std::make_unique<Impl>(catalog, std::move(options))) {}

ImportValidator::~ImportValidator() = default;

void ImportValidator::feed(std::string_view chunk) { impl_->feed(chunk); }

ImportReport ImportValidator::finish() { return impl_->finish(); }

std::size_t ImportValidator::bytes_consumed() const { return impl_->bytes; }

ImportReport validate_import(std::string_view file, const CatalogView& catalog, ImportOptions options) {
    if (options.expected_bytes == 0) options.expected_bytes = file.size();
    ImportValidator validator(catalog, std::move(options));
    validator.feed(file);
    return validator.finish();
}

}  // namespace phonefleet
