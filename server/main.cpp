// phonefleet-server: parses the flags, opens the database, serves until SIGINT/SIGTERM.
#include <csignal>
#include <iostream>
#include <pthread.h>
#include <thread>

#include "app/application.hpp"

int main(int argc, char** argv) {
    using namespace phonefleet;
    auto parsed = app::parse_args(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.config) {
        (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.message;
        return parsed.exit_code;
    }

    // Signals are taken by one thread with sigwait, so stopping is ordinary code.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    try {
        app::Application application(*parsed.config);
        const auto& cfg = application.config();
        int port = application.bind_http();
        if (port < 0) {
            std::cerr << "cannot listen on " << cfg.http.host << ":" << cfg.http.port << "\n";
            return 1;
        }
        int sip_port = application.start_sip();
        if (sip_port < 0) {
            std::cerr << "cannot listen on udp:" << cfg.sip.host << ":" << cfg.sip.port << "\n";
            return 1;
        }
        std::thread stopper([&] {
            int sig = 0;
            sigwait(&signals, &sig);
            application.stop();
        });
        stopper.detach();
        std::cout << "sip listening on udp:" << cfg.sip.host << ":" << sip_port << std::endl;
        std::cout << "listening on http://" << cfg.http.host << ":" << port << std::endl;
        application.serve_http();
        std::cout << "stopped" << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "phonefleet-server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
