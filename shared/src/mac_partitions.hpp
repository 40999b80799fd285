#pragma once
// Private to the import validator: the MACs of a file, for mac_duplicate_in_file (and, on the
// server, mac_exists), found once the whole file is read.
//
// Why not one hash table filled row by row: with a million MACs such a table (~20 MB) outgrows
// the caches and the TLB, and every row paid a cache miss and its share of the page faults:
// ~40% of the validation of a 1,000,000-row file. Here each row's MAC is appended, in file
// order, to one of a few dozen partitions (by hash): sequential writes, into few enough pages
// at a time that they stay in cache (with hundreds of partitions, each write to a partition's
// end was a miss again). At the end each partition (up to ~16,000 entries: 200 kB, with its
// table and links 400 kB, a core's L2 cache) is linked on its own.
//
// Memory: 12 bytes per row with a valid MAC, i.e. per distinct MAC plus per duplicate row (and
// every duplicate row is an error the report holds anyway), reserved once from the file size.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace phonefleet::detail {

class MacPartitions {
public:
    enum Flag : std::uint16_t {
        counted_valid = 1,  // the row was counted in ImportReport::valid_rows
        duplicated = 2,     // on a MAC's first entry: later rows have the same MAC
        exists = 4,         // on a MAC's first entry: CatalogView::existing_macs said so
    };
    struct Entry {  // the 48-bit MAC in two parts, so that an entry is 12 bytes
        std::uint32_t mac_low;
        std::uint16_t mac_high;
        std::uint16_t flags;
        std::uint32_t row;

        std::uint64_t mac() const { return (std::uint64_t{mac_high} << 32) | mac_low; }
    };
    static_assert(sizeof(Entry) == 12);

    // Partitions for about `expected` MACs (0: unknown), up to kEntriesPerPartition each. Once,
    // before the first add.
    void plan(std::size_t expected) {
        std::size_t count = expected == 0 ? kPartitionsWhenUnknown : 1;
        while (count * kEntriesPerPartition < expected && count < kMaxPartitions) count *= 2;
        partitions_.assign(count, {});
        const std::size_t each = expected / count;
        for (auto& p : partitions_) p.reserve(each + each / 8 + 16);  // hashing spreads them ~evenly
    }

    void add(std::uint64_t mac, std::size_t row, std::uint16_t flags) {
        // The hash's top bits scaled to the count (a multiply, not a shift: no case for one).
        const std::uint64_t h = (mac * 0x9E3779B97F4A7C15ull) >> 32;
        partitions_[static_cast<std::size_t>((h * partitions_.size()) >> 32)].push_back(
            {static_cast<std::uint32_t>(mac), static_cast<std::uint16_t>(mac >> 32), flags,
             static_cast<std::uint32_t>(row)});
    }

    std::size_t partition_count() const { return partitions_.size(); }
    std::vector<Entry>& partition(std::size_t p) { return partitions_[p]; }

    // For each entry of partition p, the index of the first entry (in file order) with the same
    // MAC: first_of[i] == i for a MAC's first row. A first entry with later ones gets `duplicated`.
    void link(std::size_t p, std::vector<std::uint32_t>& first_of) {
        std::vector<Entry>& entries = partitions_[p];
        first_of.resize(entries.size());
        unsigned bits = 4;
        while ((std::size_t{1} << bits) < entries.size() * 2) ++bits;  // load at most 0.5
        slots_.assign(std::size_t{1} << bits, kEmpty);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const std::uint64_t mac = entries[i].mac();
            // Other bits than the partition's (all the entries here share those).
            std::size_t at = static_cast<std::size_t>((mac * 0xC2B2AE3D27D4EB4Full) >> (64 - bits));
            for (;;) {
                const std::uint32_t j = slots_[at];
                if (j == kEmpty) {
                    slots_[at] = static_cast<std::uint32_t>(i);
                    first_of[i] = static_cast<std::uint32_t>(i);
                    break;
                }
                if (entries[j].mac() == mac) {
                    first_of[i] = j;
                    entries[j].flags |= duplicated;
                    break;
                }
                at = (at + 1) & mask;
            }
        }
    }

private:
    static constexpr std::size_t kEntriesPerPartition = 16384;
    static constexpr std::size_t kMaxPartitions = 4096;
    static constexpr std::size_t kPartitionsWhenUnknown = 64;
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;

    std::vector<std::vector<Entry>> partitions_;
    std::vector<std::uint32_t> slots_;  // link's table of entry indices, reused
};

}  // namespace phonefleet::detail
