#pragma once
// Private to the import validator: the MACs seen so far in a file, for mac_duplicate_in_file.
// Open addressing over one flat array (16 bytes a MAC, no allocation per MAC): a million
// distinct MACs cost 32 MiB at most, and lookups touch one cache line.
#include <cstdint>
#include <utility>
#include <vector>

namespace phonefleet {

class MacTable {
public:
    enum Flag : std::uint32_t {
        first_counted_valid = 1,  // the first row with this MAC was counted as a valid row
        first_reported = 2,       // the first row already has its mac_duplicate_in_file error
        exists = 4,               // CatalogView::mac_exists said yes
    };
    struct Slot {
        std::uint64_t key = 0;  // the 48-bit MAC; 0 = empty (the all-zero MAC is never valid)
        std::uint32_t first_row = 0;
        std::uint32_t flags = 0;
    };

    MacTable() : slots_(1024), mask_(1023) {}

    // Room for `count` MACs without growing (growing re-inserts every MAC: a second cache miss).
    void reserve(std::size_t count) {
        std::size_t want = slots_.size();
        while (count * 10 > want * 7) want *= 2;
        if (want == slots_.size()) return;
        std::vector<Slot> bigger(want);
        bigger.swap(slots_);
        mask_ = slots_.size() - 1;
        size_ = 0;
        for (const Slot& s : bigger)
            if (s.key != 0) place(s);
    }

    // The slot of `key`, and whether it was just inserted (with first_row = row).
    std::pair<Slot*, bool> insert(std::uint64_t key, std::uint32_t row) {
        if ((size_ + 1) * 10 > slots_.size() * 7) grow();
        std::size_t i = home(key);
        while (slots_[i].key != 0) {
            if (slots_[i].key == key) return {&slots_[i], false};
            i = (i + 1) & mask_;
        }
        slots_[i] = Slot{key, row, 0};
        ++size_;
        return {&slots_[i], true};
    }

    // Asks for the key's cache line early: with a million random MACs the table outgrows the
    // caches, and the row's other checks can run while it arrives.
    void prefetch(std::uint64_t key) const {
#if defined(__GNUC__) || defined(__clang__)
        __builtin_prefetch(&slots_[home(key)]);
#else
        (void)key;
#endif
    }

    std::size_t size() const { return size_; }

private:
    // Fibonacci hashing: spreads vendor ranges of consecutive MACs over the whole table.
    std::size_t home(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
    }

    void grow() { reserve(slots_.size()); }

    void place(const Slot& s) {
        std::size_t i = home(s.key);
        while (slots_[i].key != 0) i = (i + 1) & mask_;
        slots_[i] = s;
        ++size_;
    }

    std::vector<Slot> slots_;
    std::size_t mask_;
    std::size_t size_ = 0;
};

}  // namespace phonefleet
