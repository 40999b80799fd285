#pragma once
// A PhoneFleet server with SIP for a test: the Application on free loopback ports (HTTP and
// UDP), a fresh SQLite file, a hand-moved clock, a test device with lines created through the
// API (the demo's line passwords are random and never kept), and real peer processes (sipp,
// baresip) started and always stopped by the test.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "test_server.hpp"

extern char** environ;

namespace phonefleet::testing {

inline app::Config sip_config() {
    auto c = TestServer::default_config();
    c.sip = {"127.0.0.1", 0};
    c.sip_min_expires_s = 10;
    c.sip_aging_window_s = 600;
    c.sip_probe_timeout_ms = 1000;
    c.reboot_confirm_window_s = 120;
    return c;
}

// Binds a socket of `type` (SOCK_DGRAM, SOCK_STREAM) to 127.0.0.1:port (0: any free port) and
// closes it: the port bound, or 0 when it was taken.
inline int bind_loopback_port(int type, int port) {
    int fd = ::socket(AF_INET, type, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    int bound = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
        socklen_t len = sizeof a;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        bound = ntohs(a.sin_port);
    }
    ::close(fd);
    return bound;
}

// A UDP port free right now (the peer binds it a moment later).
inline int free_udp_port() { return bind_loopback_port(SOCK_DGRAM, 0); }

// A child process, killed at scope exit if still running.
class PeerProcess {
public:
    explicit PeerProcess(std::vector<std::string> argv, const std::string& log_path = "/dev/null") : argv_(argv) {
        std::vector<char*> args;
        for (auto& a : argv_) args.push_back(a.data());
        args.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&fa, 1, 2);
        if (posix_spawnp(&pid_, args[0], &fa, nullptr, args.data(), environ) != 0) pid_ = -1;
        posix_spawn_file_actions_destroy(&fa);
    }
    ~PeerProcess() {
        if (pid_ > 0 && !exited_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    // The exit code, or -1 when it did not end within timeout (then it is killed).
    int wait(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
        if (pid_ <= 0) return -1;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }

private:
    std::vector<std::string> argv_;
    pid_t pid_ = -1;
    bool exited_ = false;
};

struct LineSecret {
    std::string mac;
    std::string user;
    std::string password;
};

class SipTestServer {
public:
    explicit SipTestServer(app::Config config = sip_config()) : config_(std::move(config)) { start(); }
    ~SipTestServer() { stop(); }

    void start() {
        config_.db_path = (dir_.path() / "db.sqlite").string();
        app_ = std::make_unique<app::Application>(config_, clock.as_clock());
        http_port_ = app_->bind_http();
        sip_port_ = app_->start_sip();
        if (http_port_ <= 0 || sip_port_ <= 0) throw std::runtime_error("test server cannot bind");
        thread_ = std::thread([this] { app_->serve_http(); });
        while (!app_->http().is_running()) std::this_thread::yield();
        token_ = login("client-admin", "client-demo");
    }
    void stop() {
        if (!app_) return;
        app_->stop();
        thread_.join();
        app_.reset();
    }
    void restart() {
        stop();
        start();
    }

    int sip_port() const { return sip_port_; }
    std::string sip_target() const { return "127.0.0.1:" + std::to_string(sip_port_); }
    app::Application& app() { return *app_; }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", http_port_);
        c.set_read_timeout(30);
        return c;
    }
    std::string login(const std::string& user, const std::string& password) const {
        auto res = client().Post("/api/v1/auth/login", nlohmann::json{{"username", user}, {"password", password}}.dump(),
                                 "application/json");
        return res && res->status == 200 ? nlohmann::json::parse(res->body)["token"].get<std::string>() : "";
    }
    httplib::Headers headers(const std::string& token = "") const {
        return {{"Authorization", "Bearer " + (token.empty() ? token_ : token)}, {"Accept-Language", "en"}};
    }
    httplib::Result get(const std::string& path) const { return client().Get(path.c_str(), headers()); }
    httplib::Result post(const std::string& path, const std::string& token = "") const {
        return client().Post(path.c_str(), headers(token), "", "application/json");
    }
    nlohmann::json status(const std::string& mac) const {
        return nlohmann::json::parse(get("/api/v1/devices/" + mac + "/status")->body);
    }

    // A new device of Café Lumière (or of the first customer token sees) with one line per port
    // asked; each line's credentials.
    std::vector<LineSecret> device_with_lines(int lines = 1, const std::string& token = "") {
        auto get = [&](const std::string& path) { return client().Get(path.c_str(), headers(token)); };
        static std::atomic<int> serial{0};
        const int n = ++serial;
        char mac[13];
        std::snprintf(mac, sizeof mac, "0004F2%06X", n);
        auto customers = nlohmann::json::parse(get("/api/v1/customers")->body)["items"];
        const auto cid = std::to_string(customers[0]["id"].get<std::int64_t>());
        auto sites = nlohmann::json::parse(get("/api/v1/customers/" + cid + "/sites")->body)["items"];
        std::string type;
        std::int64_t site = 0;
        for (const auto& s : sites) {
            auto types = nlohmann::json::parse(
                get("/api/v1/customers/" + cid + "/sites/" + std::to_string(s["id"].get<std::int64_t>()) + "/device-types")->body);
            for (const auto& t : types["items"])
                if (!t["dect"].get<bool>() && t["ports"].get<int>() >= lines) {
                    type = t["name"];
                    site = s["id"];
                    break;
                }
            if (!type.empty()) break;
        }
        auto added = client().Post(("/api/v1/customers/" + cid + "/devices").c_str(), headers(token),
                                   nlohmann::json{{"site_id", site}, {"device_type", type}, {"mac", mac}}.dump(),
                                   "application/json");
        if (!added || added->status != 201) throw std::runtime_error("cannot add a test device");
        std::vector<LineSecret> out;
        for (int port = 1; port <= lines; ++port) {
            const std::string number = "3319" + std::to_string(100000 + n * 10 + port);
            auto res = client().Put(("/api/v1/devices/" + std::string(mac) + "/ports/" + std::to_string(port)).c_str(),
                                    headers(token),
                                    nlohmann::json{{"phone_number", number}, {"extension", std::to_string(10 + port)},
                                                   {"display_name", "Test"}}
                                        .dump(),
                                    "application/json");
            if (!res || res->status != 201) throw std::runtime_error("cannot assign a test line: " + (res ? res->body : ""));
            auto j = nlohmann::json::parse(res->body);
            out.push_back({mac, j["sip_username"], j["sip_password"]});
        }
        return out;
    }

    ManualClock clock;

private:
    app::Config config_;
    TempDir dir_;
    std::unique_ptr<app::Application> app_;
    std::thread thread_;
    int http_port_ = 0, sip_port_ = 0;
    std::string token_;
};

}  // namespace phonefleet::testing
