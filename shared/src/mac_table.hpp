#pragma once
// Private to the import validator: the MACs seen so far in a file, for mac_duplicate_in_file.
// Open addressing over one flat array of 12-byte slots (no allocation per MAC, any capacity, not
// only powers of two): a million distinct MACs cost about 18 MB at the 0.7 load it keeps, and a
// lookup touches one cache line (rarely two).
#include <cstdint>
#include <utility>
#include <vector>

namespace phonefleet {

class MacTable {
public:
    enum Flag : std::uint16_t {
        first_counted_valid = 1,  // the first row with this MAC was counted as a valid row
        first_reported = 2,       // the first row already has its mac_duplicate_in_file error
        exists = 4,               // CatalogView::mac_exists said so
    };
    struct Slot {
        std::uint32_t mac_low = 0;   // the 48-bit MAC in two parts; 0 = empty (the all-zero MAC
        std::uint16_t mac_high = 0;  // is never valid)
        std::uint16_t flags = 0;
        std::uint32_t first_row = 0;

        std::uint64_t key() const { return (std::uint64_t{mac_high} << 32) | mac_low; }
    };
    static_assert(sizeof(Slot) == 12);

    MacTable() : slots_(kMinCapacity) {}

    // Room for `count` MACs without growing (growing re-inserts every MAC: a second cache miss).
    void reserve(std::size_t count) {
        std::size_t want = count + count / 2 + count / 16 + 1;  // ~0.64 load, under the 0.7 bound
        if (want <= slots_.size()) return;
        std::vector<Slot> bigger(want);
        bigger.swap(slots_);
        size_ = 0;
        for (const Slot& s : bigger)
            if (s.key() != 0) place(s);
    }

    // The slot of `key`, and whether it was just inserted (with first_row = row).
    std::pair<Slot*, bool> insert(std::uint64_t key, std::uint32_t row) {
        if ((size_ + 1) * 10 > slots_.size() * 7) reserve(slots_.size());
        std::size_t i = home(key);
        for (;;) {
            std::uint64_t k = slots_[i].key();
            if (k == key) return {&slots_[i], false};
            if (k == 0) break;
            i = next(i);
        }
        Slot& s = slots_[i];
        s.mac_low = static_cast<std::uint32_t>(key);
        s.mac_high = static_cast<std::uint16_t>(key >> 32);
        s.flags = 0;
        s.first_row = row;
        ++size_;
        return {&s, true};
    }

    // Asks for the key's cache line early: with a million random MACs the table outgrows the
    // caches, and the row's other checks can run while it arrives.
    void prefetch(std::uint64_t key) const {
#if defined(__GNUC__) || defined(__clang__)
        const Slot* s = &slots_[home(key)];
        __builtin_prefetch(s);
        __builtin_prefetch(reinterpret_cast<const char*>(s) + sizeof(Slot) - 1);
#else
        (void)key;
#endif
    }

    // Reads the key's home slot. Where prefetch does nothing (wasm), reading the homes of a batch
    // of keys one after the other, before inserting them, overlaps their cache misses.
    std::uint32_t touch(std::uint64_t key) const { return slots_[home(key)].mac_low; }

    std::size_t size() const { return size_; }

private:
    static constexpr std::size_t kMinCapacity = 1024;

    // Fibonacci hashing spreads vendor ranges of consecutive MACs over the whole table; the
    // 32-bit hash is then scaled to the capacity (a multiply, not a modulo).
    std::size_t home(std::uint64_t key) const {
        std::uint64_t h = (key * 0x9E3779B97F4A7C15ull) >> 32;
        return static_cast<std::size_t>((h * slots_.size()) >> 32);
    }
    std::size_t next(std::size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }

    void place(const Slot& s) {
        std::size_t i = home(s.key());
        while (slots_[i].key() != 0) i = next(i);
        slots_[i] = s;
        ++size_;
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

}  // namespace phonefleet
