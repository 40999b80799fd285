// baresip (Debian's, a real SIP user agent nobody here wrote) as the phone: it registers with
// digest, answers the probe's OPTIONS, and answers the reboot NOTIFY with 481, as some real
// phones do, which PhoneFleet must report as refused with that answer, never as done.
// baresip 1.0's libre gives up ("Function not implemented") when any challenge names SHA-256,
// even beside an MD5 one, so this server offers MD5 only (--sip-digest MD5).
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "sip_fixture.hpp"

using namespace phonefleet::testing;

namespace {

// The headless phone of TOOLCHAIN.md: no audio device, no stdin.
void write_baresip_config(const std::filesystem::path& dir, int port, const std::string& target, const LineSecret& line) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "config") << "sip_listen 127.0.0.1:" << port << "\n"
                                  << "net_interface 127.0.0.1\n"
                                  << "module_path /usr/lib/baresip/modules\n"
                                  << "module g711.so\nmodule ausine.so\nmodule aufile.so\nmodule uuid.so\n"
                                  << "module account.so\nmodule menu.so\n"
                                  << "audio_source ausine,440\naudio_player aufile,/dev/null\naudio_alert aufile,/dev/null\n";
    std::ofstream(dir / "accounts") << "<sip:" << line.user << "@" << target << ">;auth_pass=" << line.password << "\n";
}

// baresip listens on UDP and TCP at sip_listen's port and for TLS at the next one: a port free
// for UDP alone is not enough (CI once saw "tcp: sock_bind: Address already in use" for the
// TLS port, which the test's own HTTP client may hold as an ephemeral port).
int free_baresip_port() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        const int port = free_udp_port();
        if (port < 65535 && bind_loopback_port(SOCK_STREAM, port) && bind_loopback_port(SOCK_STREAM, port + 1))
            return port;
    }
    return free_udp_port();
}

}  // namespace

TEST_CASE("baresip registers, answers the probe, and its 481 to the reboot NOTIFY is reported as refused",
          "[baresip]") {
    auto config = sip_config();
    config.sip_digest = {"MD5"};
    SipTestServer server(config);
    auto line = server.device_with_lines(1)[0];
    TempDir home;
    const auto log_path = home.path() / "baresip.log";
    auto log_says = [&](const char* what) {
        std::ifstream log(log_path);
        const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
        return text.find(what) != std::string::npos;
    };
    // Ports were free a moment before baresip binds them; another process may take one in
    // between: a phone that could not bind is started again on other ports (three tries).
    int port = 0;
    std::unique_ptr<PeerProcess> phone;
    for (int attempt = 0; attempt < 3; ++attempt) {
        phone.reset();
        port = free_baresip_port();
        write_baresip_config(home.path() / "baresip", port, server.sip_target(), line);
        phone = std::make_unique<PeerProcess>(
            std::vector<std::string>{"baresip", "-f", (home.path() / "baresip").string(), "-t", "20"}, log_path.string());
        bool bind_failed = false;
        for (int i = 0; i < 400 && !bind_failed && server.status(line.mac)["state"] != "registered"; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
            bind_failed = log_says("Address already in use");
        }
        if (!bind_failed) break;
    }
    auto st = server.status(line.mac);
    INFO(std::ifstream(log_path).rdbuf());
    REQUIRE(st["state"] == "registered");
    CHECK(st["remote_ip"] == "127.0.0.1:" + std::to_string(port));
    CHECK(st["user_agent"].get<std::string>().rfind("baresip", 0) == 0);

    auto probe = server.post("/api/v1/devices/" + line.mac + "/probe");
    REQUIRE(probe);
    REQUIRE(probe->status == 200);
    auto probed = nlohmann::json::parse(probe->body);
    CHECK(probed["probe"]["reachable"] == true);
    CHECK(probed["state"] == "registered");

    auto reboot = server.post("/api/v1/devices/" + line.mac + "/reboot");
    REQUIRE(reboot);
    CHECK(reboot->status == 502);
    auto body = nlohmann::json::parse(reboot->body);
    CHECK(body["code"] == "reboot_refused");
    CHECK(body["sip_status"] == 481);
    CHECK(body["detail"].get<std::string>().find("481") != std::string::npos);
    auto after = server.status(line.mac);
    CHECK(after["reboot"]["state"] == "refused");
    CHECK(after["reboot"]["sip_status"] == 481);

    bool audited = false;
    const auto audit = nlohmann::json::parse(server.get("/api/v1/audit")->body);
    for (const auto& e : audit["items"])
        audited = audited || (e["action"] == "reboot.refused" && e["detail"].get<std::string>().rfind("481", 0) == 0);
    CHECK(audited);
}
