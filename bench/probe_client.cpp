// The client of bench/probe_bench.sh: POST /api/v1/devices/{mac}/probe for every MAC of a file,
// CONCURRENCY requests in flight (one keep-alive connection per worker), and the wall time from
// the first request to the last answer. Prints one line:
//   requests=N ok=N reachable=N wall_ms=N p50_ms=N p99_ms=N
// where ok counts 200 answers and reachable those whose probe says the phone answered.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: probe_client HOST PORT TOKEN MAC_FILE CONCURRENCY\n";
        return 2;
    }
    const std::string host = argv[1];
    const int port = std::stoi(argv[2]);
    const std::string token = argv[3];
    std::vector<std::string> macs;
    std::ifstream in(argv[4]);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) macs.push_back(line);
    const int concurrency = std::max(1, std::stoi(argv[5]));

    std::atomic<std::size_t> next{0};
    std::atomic<int> ok{0}, reachable{0};
    std::mutex latencies_mutex;
    std::vector<double> latencies;
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int w = 0; w < concurrency; ++w)
        workers.emplace_back([&] {
            httplib::Client client(host, port);
            client.set_keep_alive(true);
            client.set_read_timeout(30);
            const httplib::Headers headers{{"Authorization", "Bearer " + token}};
            std::vector<double> mine;
            for (std::size_t i = next++; i < macs.size(); i = next++) {
                const auto t0 = std::chrono::steady_clock::now();
                auto res = client.Post(("/api/v1/devices/" + macs[i] + "/probe").c_str(), headers, "", "application/json");
                mine.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                if (!res || res->status != 200) continue;
                ++ok;
                auto body = nlohmann::json::parse(res->body, nullptr, false);
                if (body.is_object() && body["probe"].is_object() && body["probe"].value("reachable", false)) ++reachable;
            }
            std::lock_guard lock(latencies_mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    for (auto& t : workers) t.join();
    const double wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) { return latencies.empty() ? 0.0 : latencies[static_cast<std::size_t>(p * (latencies.size() - 1))]; };
    std::cout << "requests=" << macs.size() << " ok=" << ok << " reachable=" << reachable << " wall_ms=" << wall_ms
              << " p50_ms=" << pct(0.5) << " p99_ms=" << pct(0.99) << "\n";
    return 0;
}
