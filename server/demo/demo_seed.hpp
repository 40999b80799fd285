#pragma once
// The demo of SPEC 9: an operator, provider Acme Telecom, customers Café Lumière (Paris,
// Lyon) and Boulangerie Dupont (Nantes), their admins, a catalog of real phone models,
// approvals, devices and lines. Created once: a second start finds it and adds nothing.
#include <string>
#include <vector>

#include "store/store.hpp"

namespace phonefleet::demo {

// A line of the demo, for the simulated fleet of phones (demo_fleet.hpp).
struct DemoLine {
    std::string mac;
    int port = 1;
    std::string phone_number;  // also the SIP user name
};
std::vector<DemoLine> demo_lines();
// Demo lines have known passwords so that the simulated phones can register: demo data only,
// like the demo accounts' passwords. Real lines get random ones, shown once.
std::string demo_line_password(const std::string& phone_number);

// Returns true when the demo was created now, false when it was already there. Takes the whole
// store: the demo is one transaction across accounts, tenancy, catalog and inventory.
bool seed_demo(store::Store& store, const std::string& sip_domain);

}  // namespace phonefleet::demo
