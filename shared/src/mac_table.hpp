#pragma once
// Private to the import validator: the MACs seen so far in a file, for mac_duplicate_in_file.
// Open addressing over one flat array of 12-byte slots (no allocation per MAC, any capacity, not
// only powers of two): a million distinct MACs cost about 19 MB at the 0.64 load it is sized
// for (0.7 at most), and a lookup touches one cache line (rarely two).
//
// Lookups come in batches (see ImportValidator::Impl::settle_pending): with a million MACs the
// table outgrows the caches and the TLB, so the home slots of a whole batch are read first, one
// after the other, which overlaps their misses (natively and in wasm alike: no prefetch
// instruction, which here stalled on each TLB miss), then the MACs are inserted in file order.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

namespace phonefleet {

class MacTable {
public:
    enum Flag : std::uint16_t {
        first_counted_valid = 1,  // the first row with this MAC was counted as a valid row
        first_reported = 2,       // the first row already has its mac_duplicate_in_file error
        exists = 4,               // CatalogView::existing_macs said so
    };
    struct Slot {  // all zero = empty: the all-zero MAC is never valid
        std::uint32_t mac_low;   // the 48-bit MAC in two parts
        std::uint16_t mac_high;
        std::uint16_t flags;
        std::uint32_t first_row;

        std::uint64_t key() const { return (std::uint64_t{mac_high} << 32) | mac_low; }
    };
    static_assert(sizeof(Slot) == 12);

    MacTable() { allocate(kMinCapacity); }

    // Room for `count` MACs without growing (growing re-inserts every MAC: a second cache miss).
    void reserve(std::size_t count) {
        std::size_t want = count + count / 2 + count / 16 + 1;  // ~0.64 load, under the 0.7 bound
        if (want <= capacity_) return;
        Slots old = std::move(slots_);
        const std::size_t old_capacity = capacity_;
        allocate(want);
        for (std::size_t i = 0; i < old_capacity; ++i)
            if (old[i].key() != 0) place(old[i]);
    }

    // Room for `count` more MACs within the 0.7 load: homes taken after it stay valid for as many
    // inserts.
    void make_room(std::size_t count) {
        if (size_ + count > grow_at_) reserve(capacity_ > size_ + count ? capacity_ : size_ + count);
    }

    // The slot where the search for `key` starts.
    std::size_t home(std::uint64_t key) const {
        // Fibonacci hashing spreads vendor ranges of consecutive MACs over the whole table; the
        // 32-bit hash is then scaled to the capacity (a multiply, not a modulo).
        std::uint64_t h = (key * 0x9E3779B97F4A7C15ull) >> 32;
        return static_cast<std::size_t>((h * capacity_) >> 32);
    }

    // Reads a home slot, so that its cache line is on its way (the caller keeps the value).
    std::uint32_t touch(std::size_t home) const { return slots_[home].mac_low; }

    // The slot of `key` (searched from its home), and whether it was just inserted (with
    // first_row = row). Only within the room made by make_room.
    std::pair<Slot*, bool> insert_at(std::size_t home, std::uint64_t key, std::uint32_t row) {
        Slot* const slots = slots_.get();
        std::size_t i = home;
        for (;;) {
            std::uint64_t k = slots[i].key();
            if (k == key) return {&slots[i], false};
            if (k == 0) break;
            i = next(i);
        }
        Slot& s = slots[i];
        s.mac_low = static_cast<std::uint32_t>(key);
        s.mac_high = static_cast<std::uint16_t>(key >> 32);
        s.flags = 0;
        s.first_row = row;
        ++size_;
        return {&s, true};
    }

    std::size_t size() const { return size_; }

private:
    static constexpr std::size_t kMinCapacity = 1024;

    using Slots = std::unique_ptr<Slot[]>;

    void allocate(std::size_t capacity) {
        // Zeroed here, in order: each page is faulted in once, written. (calloc's untouched
        // pages would fault twice, on the batch's first read of a home and on its first write.)
        slots_.reset(new Slot[capacity]());
        capacity_ = capacity;
        grow_at_ = capacity * 7 / 10;
        size_ = 0;
    }

    std::size_t next(std::size_t i) const { return i + 1 == capacity_ ? 0 : i + 1; }

    void place(const Slot& s) {
        std::size_t i = home(s.key());
        while (slots_[i].key() != 0) i = next(i);
        slots_[i] = s;
        ++size_;
    }

    Slots slots_;
    std::size_t capacity_ = 0;
    std::size_t grow_at_ = 0;  // the size past which the load would exceed 0.7
    std::size_t size_ = 0;
};

}  // namespace phonefleet
