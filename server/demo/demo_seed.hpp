#pragma once
// The demo of SPEC 9: an operator, provider Acme Telecom, customers Café Lumière (Paris,
// Lyon) and Boulangerie Dupont (Nantes), their admins, a catalog of real phone models,
// approvals, devices and lines. Created once: a second start finds it and adds nothing.
#include <string>

#include "store/store.hpp"

namespace phonefleet::demo {

// Returns true when the demo was created now, false when it was already there.
bool seed_demo(store::Store& store, const std::string& sip_domain);

}  // namespace phonefleet::demo
