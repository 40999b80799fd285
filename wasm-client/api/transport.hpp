#pragma once
// How the client reaches the server: one request in, one response out, later. The browser
// implementation is emscripten_fetch (platform/fetch_transport.cpp); anything else that can
// do HTTP (a native client in tests) fits the same interface.
#include <functional>
#include <string>
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

    bool ok() const { return status >= 200 && status < 300; }
};

class Transport {
public:
    using Completion = std::function<void(HttpResponse)>;
    virtual ~Transport() = default;
    // Returns at once; `done` is called exactly once, later, possibly between two frames.
    virtual void send(HttpRequest request, Completion done) = 0;
};

}  // namespace phonefleet::client
