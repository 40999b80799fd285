#pragma once
// CatalogView::existing_macs for the validator's tests: one answer per MAC asked, in order, from a
// rule on each MAC, as the server's store answers from its devices.
#include <string>
#include <vector>

namespace phonefleet::testing {

template <class Rule>
auto existing_macs_where(Rule exists) {
    return [exists](const std::vector<std::string>& macs) {
        std::vector<bool> found;
        found.reserve(macs.size());
        for (const auto& mac : macs) found.push_back(exists(mac));
        return found;
    };
}

}  // namespace phonefleet::testing
