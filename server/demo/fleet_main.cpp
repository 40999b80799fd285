// phonefleet-demo-fleet: the simulated phones of the demo (see demo/demo_fleet.hpp).
#include <csignal>
#include <iostream>
#include <string>

#include "demo/demo_fleet.hpp"

namespace {
std::atomic<bool> g_stop{false};
}

int main(int argc, char** argv) {
    phonefleet::demo::FleetSettings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--sip") {
            auto colon = value.rfind(':');
            s.server_host = value.substr(0, colon);
            s.server_port = std::stoi(value.substr(colon + 1));
        } else if (flag == "--sip-domain") {
            s.domain = value;
        } else if (flag == "--vanishing-expires") {
            s.vanishing_expires_s = std::stoi(value);
        } else {
            std::cerr << "usage: phonefleet-demo-fleet [--sip HOST:PORT] [--sip-domain NAME] [--vanishing-expires S]\n";
            return 2;
        }
    }
    std::signal(SIGINT, [](int) { g_stop = true; });
    std::signal(SIGTERM, [](int) { g_stop = true; });
    const auto lines = phonefleet::demo::demo_lines();
    std::cout << "demo fleet: " << lines.size() << " lines to udp:" << s.server_host << ":" << s.server_port << std::endl;
    return phonefleet::demo::run_demo_fleet(s, lines, g_stop) ? 0 : 1;
}
