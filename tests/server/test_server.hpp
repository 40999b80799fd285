#pragma once
// A real PhoneFleet server for a test: the Application object on a free loopback port, with
// a fresh SQLite file in its own temporary folder, stopped and removed at scope exit.
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "app/application.hpp"

namespace phonefleet::testing {

class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "phonefleet-test-XXXXXX").string();
        path_ = mkdtemp(tmpl.data());
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// A clock the test moves by hand (sessions, states).
struct ManualClock {
    std::atomic<std::int64_t> now{1'800'000'000};
    services::Clock as_clock() {
        return [this] { return now.load(); };
    }
};

class TestServer {
public:
    explicit TestServer(std::filesystem::path db, app::Config config = default_config(), ManualClock* clock = nullptr)
        : config_(std::move(config)) {
        config_.db_path = db.string();
        app_ = std::make_unique<app::Application>(config_, clock ? clock->as_clock() : services::system_clock());
        port_ = app_->bind_http();
        if (port_ <= 0) throw std::runtime_error("test server cannot bind");
        thread_ = std::thread([this] { app_->serve_http(); });
        while (!app_->http().is_running()) std::this_thread::yield();
    }
    ~TestServer() {
        app_->stop();
        thread_.join();
    }

    static app::Config default_config() {
        app::Config c;
        c.demo = true;
        c.http = {"127.0.0.1", 0};
        c.static_dirs = {};
        c.http_threads = 4;
        return c;
    }

    int port() const { return port_; }
    app::Application& app() { return *app_; }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_connection_timeout(5);
        c.set_read_timeout(30);
        return c;
    }

    // Logs in and returns the bearer token (empty on failure).
    std::string login(const std::string& user, const std::string& password) const {
        auto res = client().Post("/api/v1/auth/login",
                                 nlohmann::json{{"username", user}, {"password", password}}.dump(),
                                 "application/json");
        if (!res || res->status != 200) return {};
        return nlohmann::json::parse(res->body)["token"].get<std::string>();
    }

    static httplib::Headers headers(const std::string& token, const std::string& lang) {
        httplib::Headers h = {{"Accept-Language", lang}};
        if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
        return h;
    }
    httplib::Result get(const std::string& path, const std::string& token, const std::string& lang = "en") const {
        return client().Get(path.c_str(), headers(token, lang));
    }
    httplib::Result post(const std::string& path, const std::string& token, const nlohmann::json& body,
                         const std::string& lang = "en") const {
        return client().Post(path.c_str(), headers(token, lang), body.dump(), "application/json");
    }
    httplib::Result put(const std::string& path, const std::string& token, const nlohmann::json& body,
                        const std::string& lang = "en") const {
        return client().Put(path.c_str(), headers(token, lang), body.dump(), "application/json");
    }
    httplib::Result del(const std::string& path, const std::string& token, const std::string& lang = "en") const {
        return client().Delete(path.c_str(), headers(token, lang));
    }

    // The id of a demo customer or site, by name (as the operator sees them).
    std::int64_t customer_id(const std::string& name) const {
        auto list = nlohmann::json::parse(get("/api/v1/customers", login("operator", "operator-demo"))->body);
        for (const auto& c : list["items"])
            if (c["name"] == name) return c["id"].get<std::int64_t>();
        return -1;
    }
    std::int64_t site_id(std::int64_t customer, const std::string& name) const {
        auto list = nlohmann::json::parse(
            get("/api/v1/customers/" + std::to_string(customer) + "/sites", login("operator", "operator-demo"))->body);
        for (const auto& s : list["items"])
            if (s["name"] == name) return s["id"].get<std::int64_t>();
        return -1;
    }

private:
    app::Config config_;
    std::unique_ptr<app::Application> app_;
    int port_ = 0;
    std::thread thread_;
};

inline nlohmann::json json_of(const httplib::Result& res) { return nlohmann::json::parse(res->body); }

}  // namespace phonefleet::testing
