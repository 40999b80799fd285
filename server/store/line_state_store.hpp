#pragma once
// Line states (F11): every line port with its registration state, in pages with their counts,
// or all of them for an export. Used by LineStateService.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "phonefleet/device.hpp"
#include "store/state_clock.hpp"

namespace phonefleet::store {

// One line port as the Line States page shows it (the type the client decodes too).
using phonefleet::LineStateRow;

// A place in the Line States order (MAC, then port): a cursor's page starts after it.
struct LinePosition {
    std::string mac;
    int port = 0;
};

struct LineStateQuery {
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> site_id;
    std::string device_type;  // exact name, case-insensitive; empty = any
    std::string text;         // substring of MAC, number, extension, site or type; empty = any
    std::optional<RegistrationState> state;
    std::int64_t offset = 0;
    std::optional<std::int64_t> limit;  // absent: every row (exports)
    std::optional<LinePosition> after;  // a cursor: rows after this place (offset ignored)
};

// Lines per state of one site (the state filter of the query is ignored).
struct SiteLineStateCounts {
    std::int64_t site_id = 0;
    std::int64_t registered = 0;
    std::int64_t aged = 0;
    std::int64_t unregistered = 0;
};

// A page of line states with the counts it shows (one read snapshot). `total` applies every
// filter; `counts` every filter but the state, per site (only sites with lines).
struct LineStateSlice {
    std::vector<LineStateRow> rows;
    std::vector<SiteLineStateCounts> counts;
    std::int64_t total = 0;
    bool more = false;  // rows follow the last one
};

class LineStateStore {
public:
    virtual ~LineStateStore() = default;

    // Calls row for every matching line port, in MAC then port order, from one cursor.
    virtual void for_each_line_state(const LineStateQuery& query, const StateClock& clock,
                                     const std::function<void(const LineStateRow&)>& row) = 0;
    virtual std::vector<SiteLineStateCounts> count_line_states(const LineStateQuery& query, const StateClock& clock) = 0;
    // One page (query.limit rows from query.offset, or after query.after) and its counts, from
    // indexes and counts kept by triggers (schema migration 15): the cost of any page is the
    // cost of the first.
    virtual LineStateSlice line_state_page(const LineStateQuery& query, const StateClock& clock) = 0;
};

}  // namespace phonefleet::store
