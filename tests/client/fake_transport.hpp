#pragma once
// A Transport that answers nothing by itself: the test sees each request the client sent and
// answers it when it chooses, in any order (an old answer arriving after a newer one, a server
// gone). What the client does with an answer happens at ApiClient::deliver(), as in a frame.
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/transport.hpp"

namespace phonefleet::client::testing {

struct SentRequest {
    HttpRequest request;
    Transport::Completion done;
    bool download = false;
    std::string header(std::string_view name) const {
        for (const auto& [n, v] : request.headers)
            if (n == name) return v;
        return {};
    }
};

class FakeTransport : public Transport {
public:
    // Shared with the test: ApiClient owns the transport itself.
    struct Log {
        std::deque<SentRequest> pending;
    };
    explicit FakeTransport(std::shared_ptr<Log> log) : log_(std::move(log)) {}
    void send(HttpRequest request, Completion done) override {
        log_->pending.push_back({std::move(request), std::move(done), false});
    }
    void download(HttpRequest request, std::string, Completion done) override {
        log_->pending.push_back({std::move(request), std::move(done), true});
    }

private:
    std::shared_ptr<Log> log_;
};

// The first pending request whose "METHOD path" starts with `prefix`, taken out of the queue.
inline SentRequest take(FakeTransport::Log& log, std::string_view prefix) {
    for (auto it = log.pending.begin(); it != log.pending.end(); ++it) {
        const std::string line = it->request.method + " " + it->request.path;
        if (line.rfind(prefix, 0) == 0) {
            SentRequest found = std::move(*it);
            log.pending.erase(it);
            return found;
        }
    }
    std::string all;
    for (const auto& r : log.pending) all += "\n  " + r.request.method + " " + r.request.path;
    throw std::runtime_error("no pending request " + std::string(prefix) + "; pending:" + all);
}

inline bool has_pending(const FakeTransport::Log& log, std::string_view prefix) {
    for (const auto& r : log.pending)
        if ((r.request.method + " " + r.request.path).rfind(prefix, 0) == 0) return true;
    return false;
}

inline HttpResponse json_answer(int status, std::string body) {
    return {status, std::move(body), {{"content-type", status < 400 ? "application/json" : "application/problem+json"}}};
}

}  // namespace phonefleet::client::testing
