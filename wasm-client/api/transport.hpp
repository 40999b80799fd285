#pragma once
// How the client reaches the server: one request in, one response out, later. The browser
// implementation is emscripten_fetch (platform/fetch_transport.cpp); anything else that can
// do HTTP (a native client in tests) fits the same interface.
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phonefleet::client {

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string path;    // "/api/v1/me", resolved against the page's origin
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

struct HttpResponse {
    int status = 0;  // 0: no answer at all (network down, server gone)
    std::string body;
    // The response headers a caller needs (lower-case names), where the transport gives them.
    std::vector<std::pair<std::string, std::string>> headers;

    bool ok() const { return status >= 200 && status < 300; }
    std::string header(std::string_view name) const {
        for (const auto& [n, v] : headers)
            if (n == name) return v;
        return {};
    }
};

class Transport {
public:
    using Completion = std::function<void(HttpResponse)>;
    virtual ~Transport() = default;
    // Returns at once; `done` is called exactly once, later, possibly between two frames.
    virtual void send(HttpRequest request, Completion done) = 0;
    // The same, but a successful body goes straight to the person as a file named `filename`
    // and never into the client's memory (a 1,000,000-line export is large); `done` gets the
    // status and headers, and the body only of a failure (the problem+json to show).
    virtual void download(HttpRequest request, std::string filename, Completion done) = 0;
};

}  // namespace phonefleet::client
