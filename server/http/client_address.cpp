#include "http/client_address.hpp"

#include <algorithm>
#include <vector>

namespace phonefleet::http {
namespace {

std::string trimmed(std::string s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

bool trusted(const std::string& address, const app::Config& config) {
    return std::find(config.trusted_proxies.begin(), config.trusted_proxies.end(), address) !=
           config.trusted_proxies.end();
}

}  // namespace

bool is_trusted_proxy(const httplib::Request& req, const app::Config& config) {
    return !config.trusted_proxies.empty() && trusted(req.remote_addr, config);
}

std::string client_address(const httplib::Request& req, const app::Config& config) {
    if (!is_trusted_proxy(req, config)) return req.remote_addr;
    // Every X-Forwarded-For header, in order, as one list; read from the right.
    std::vector<std::string> hops;
    const auto count = req.get_header_value_count("X-Forwarded-For");
    for (std::size_t i = 0; i < count; ++i) {
        const std::string value = req.get_header_value("X-Forwarded-For", i);
        std::size_t start = 0;
        while (start <= value.size()) {
            auto comma = value.find(',', start);
            if (comma == std::string::npos) comma = value.size();
            if (auto hop = trimmed(value.substr(start, comma - start)); !hop.empty()) hops.push_back(hop);
            start = comma + 1;
        }
    }
    for (auto it = hops.rbegin(); it != hops.rend(); ++it)
        if (!trusted(*it, config)) return *it;
    return hops.empty() ? req.remote_addr : hops.front();
}

bool came_over_tls(const httplib::Request& req, const app::Config& config) {
    if (!is_trusted_proxy(req, config)) return false;
    std::string proto = trimmed(req.get_header_value("X-Forwarded-Proto"));
    std::transform(proto.begin(), proto.end(), proto.begin(), [](unsigned char c) { return std::tolower(c); });
    return proto == "https";
}

}  // namespace phonefleet::http
