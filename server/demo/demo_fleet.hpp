#pragma once
// The simulated phones of the demo (make run): real SIP over loopback to the server, so that
// a newcomer sees all three states, can probe phones and watch a reboot get confirmed.
// Each device is one UDP socket; one behaviour per device:
//  - Online: registers every line, refreshes, answers OPTIONS, and on a reboot NOTIFY answers
//    200, goes quiet for a few seconds and registers afresh (the reboot is then confirmed).
//  - Vanishing: registers once with a short expiry and then answers nothing (turns Aged).
//  - Never: never registers (Unregistered).
#include <atomic>
#include <string>
#include <vector>

#include "demo/demo_seed.hpp"

namespace phonefleet::demo {

enum class PhoneBehaviour { Online, Vanishing, Never };

struct FleetSettings {
    std::string server_host = "127.0.0.1";
    int server_port = 5060;
    std::string domain = "phonefleet.local";
    int online_expires_s = 300;
    int vanishing_expires_s = 60;
    int reboot_downtime_s = 4;
};

// Which behaviour the demo gives each device (by its order among the demo devices).
PhoneBehaviour demo_behaviour(std::size_t device_index);

// Runs until `stop` becomes true. Returns false if no socket could be opened.
bool run_demo_fleet(const FleetSettings& settings, const std::vector<DemoLine>& lines, const std::atomic<bool>& stop);

}  // namespace phonefleet::demo
