#pragma once
// Private to the import validator: catalog names (sites, device types) looked up by their
// case-folded form (fold_case, text_fold.hpp). A file spells its few sites and types the same
// way on thousands of rows, so each spelling is folded once and remembered: the last spellings
// seen sit in a small direct-mapped cache, the others in a map.
//
// A cache entry holds the spelling's length and its first and last 8 bytes as two integers
// (fewer bytes for shorter names): a lookup of a name of up to 16 bytes is two loads of the
// value and two compares, with no call, no hashing of the whole name, no allocation.
#include <cstdint>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

#include "phonefleet/text_encoding.hpp"
#include "phonefleet/text_fold.hpp"

namespace phonefleet::detail {

#if defined(__GNUC__) || defined(__clang__)
#define PHONEFLEET_NAME_INLINE inline __attribute__((always_inline))
#define PHONEFLEET_NAME_NOINLINE __attribute__((noinline))
#else
#define PHONEFLEET_NAME_INLINE inline
#define PHONEFLEET_NAME_NOINLINE
#endif

class NameIndex {
    // Bytes of a name that, with its length, tell it apart from any other name of up to 16
    // bytes: the first and the last 8 (overlapping below 16), 4 and 4 below 8, each byte below 4.
    struct Key {
        std::uint64_t head = 0, tail = 0;
    };
    struct Recent {
        std::size_t size = SIZE_MAX;  // no spelling yet
        Key key;
        int index = -1;
        std::string spelling;  // compared too when over 16 bytes
    };

public:
    static constexpr int kNone = -1;

    void add(std::string_view name, int index) { by_folded_.emplace(fold_case(name), index); }

    // The index of the catalog name that `value` spells (case-insensitively), or kNone.
    PHONEFLEET_NAME_INLINE int find(std::string_view value) {
        const Key key = key_of(value);
        Recent& recent = recent_[slot_of(key, value.size())];
        if (recent.size == value.size() && recent.key.head == key.head && recent.key.tail == key.tail &&
            (value.size() <= 16 || recent.spelling == value))
            return recent.index;
        return find_and_remember(value, key, recent);
    }

private:
    static PHONEFLEET_NAME_INLINE Key key_of(std::string_view v) {
        const char* p = v.data();
        const std::size_t n = v.size();
        Key k;
        if (n >= 8) {
            std::memcpy(&k.head, p, 8);
            std::memcpy(&k.tail, p + n - 8, 8);
        } else if (n >= 4) {
            std::uint32_t head, tail;
            std::memcpy(&head, p, 4);
            std::memcpy(&tail, p + n - 4, 4);
            k.head = head;
            k.tail = tail;
        } else if (n > 0) {
            auto b = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
            k.head = b(0) | b(n / 2) << 8 | b(n - 1) << 16;
        }
        return k;
    }

    static constexpr std::size_t kRecent = 16;  // a power of two
    static PHONEFLEET_NAME_INLINE std::size_t slot_of(Key k, std::size_t size) {
        return static_cast<std::size_t>(((k.head ^ (k.tail >> 3) ^ size) * 0x9E3779B97F4A7C15ull) >> 60);
    }

    // A miss of the cache: kept out of the row loop's code.
    PHONEFLEET_NAME_NOINLINE int find_and_remember(std::string_view value, Key key, Recent& recent) {
        int index = find_slow(value);
        recent.size = value.size();
        recent.key = key;
        recent.index = index;
        recent.spelling.assign(value);
        return index;
    }

    int find_slow(std::string_view value) {
        if (auto it = by_spelling_.find(value); it != by_spelling_.end()) return it->second;
        // A file Excel saved in Windows-1252 spells "Évry" with the byte 0xC9 (text_encoding.hpp).
        if (is_valid_utf8(value))
            fold_case(value, folded_);
        else
            fold_case(windows1252_to_utf8(value), folded_);
        auto it = by_folded_.find(folded_);
        int index = it == by_folded_.end() ? kNone : it->second;
        if (by_spelling_.size() < kMaxSpellings) by_spelling_.emplace(std::string(value), index);
        return index;
    }

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

}  // namespace phonefleet::detail
