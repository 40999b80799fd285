#pragma once
// A long list as a sparse cache of pages over the whole result: the table is as tall as
// `total` rows and only the pages the person scrolls to are fetched (the Devices and Line
// States tables, 100,000 rows and more).
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <vector>

namespace phonefleet::client {

template <typename Row>
struct PagedRows {
    static constexpr int kPerPage = 250;       // rows per request (the API allows up to 500)
    static constexpr int kMaxCachedPages = 64;  // beyond this, the pages farthest away go
    static constexpr int kMaxInFlight = 2;      // page requests at once; more would only queue

    std::map<int, std::vector<Row>> pages;  // 0-based page index -> its rows
    std::set<int> requested;                // pages asked for and not answered yet
    std::int64_t total = 0;
    bool loaded = false;      // `total` is known for the current filters
    int generation = 0;       // bumped when the filters change: older answers are dropped
    bool scroll_to_top = false;

    const Row* row(std::int64_t index) const {
        auto it = pages.find(static_cast<int>(index / kPerPage));
        if (it == pages.end()) return nullptr;
        std::size_t i = static_cast<std::size_t>(index % kPerPage);
        return i < it->second.size() ? &it->second[i] : nullptr;
    }

    // Forgets every row (the filters or the data changed); answers in flight will be dropped.
    // `total` and `loaded` stay, so the table keeps its height until the first page answers.
    void drop_rows() {
        ++generation;
        pages.clear();
        requested.clear();
    }

    // The pages to ask for so that rows [first, last) show, at most kMaxInFlight at a time;
    // marks them requested. Drops the pages farthest away beyond kMaxCachedPages, so memory
    // stays bounded when someone scrolls through 100,000 rows.
    std::vector<int> pages_to_fetch(std::int64_t first, std::int64_t last) {
        std::vector<int> out;
        if (!loaded || last <= first) return out;
        const int first_page = static_cast<int>(first / kPerPage);
        const int last_page = static_cast<int>((last - 1) / kPerPage);
        for (int p = first_page; p <= last_page; ++p) {
            if (static_cast<int>(requested.size()) >= kMaxInFlight) break;
            if (!pages.count(p) && !requested.count(p)) {
                requested.insert(p);
                out.push_back(p);
            }
        }
        while (static_cast<int>(pages.size()) > kMaxCachedPages) {
            auto front = pages.begin();
            auto back = std::prev(pages.end());
            if (first_page - front->first > back->first - last_page)
                pages.erase(front);
            else
                pages.erase(back);
        }
        return out;
    }
};

}  // namespace phonefleet::client
