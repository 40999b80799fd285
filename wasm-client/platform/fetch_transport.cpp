// Transport over emscripten_fetch (-sFETCH=1): asynchronous XHR against the page's origin.
// Completions arrive from browser events between frames; ApiClient queues them for the frame.
#include <emscripten/fetch.h>

#include <cstring>
#include <memory>

#include "platform/platform.hpp"

namespace phonefleet::client::platform {
namespace {

// One request in flight: owns everything emscripten_fetch points at until it completes.
struct Pending {
    HttpRequest request;
    std::vector<const char*> header_ptrs;  // name, value, ..., nullptr
    Transport::Completion done;
};

void complete(emscripten_fetch_t* fetch) {
    std::unique_ptr<Pending> pending(static_cast<Pending*>(fetch->userData));
    HttpResponse response;
    // emscripten_fetch reports HTTP errors (4xx, 5xx) through onerror too, with their status
    // and body; a status of 0 means no answer at all.
    response.status = fetch->status;
    if (fetch->data && fetch->numBytes > 0)
        response.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
    emscripten_fetch_close(fetch);
    pending->done(std::move(response));
}

class FetchTransport final : public Transport {
public:
    void send(HttpRequest request, Completion done) override {
        auto pending = std::make_unique<Pending>();
        pending->request = std::move(request);
        pending->done = std::move(done);
        for (const auto& [name, value] : pending->request.headers) {
            pending->header_ptrs.push_back(name.c_str());
            pending->header_ptrs.push_back(value.c_str());
        }
        pending->header_ptrs.push_back(nullptr);

        emscripten_fetch_attr_t attr;
        emscripten_fetch_attr_init(&attr);
        std::strncpy(attr.requestMethod, pending->request.method.c_str(), sizeof attr.requestMethod - 1);
        attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
        attr.requestHeaders = pending->header_ptrs.data();
        if (!pending->request.body.empty()) {
            attr.requestData = pending->request.body.data();
            attr.requestDataSize = pending->request.body.size();
        }
        attr.onsuccess = complete;
        attr.onerror = complete;
        attr.userData = pending.get();
        const std::string url = pending->request.path;
        pending.release();  // owned by the fetch until complete()
        emscripten_fetch(&attr, url.c_str());
    }

    void download(HttpRequest request, std::string filename, Completion done) override {
        fetch_to_file(request, filename, std::move(done));
    }
};

}  // namespace

std::unique_ptr<Transport> make_fetch_transport() { return std::make_unique<FetchTransport>(); }

}  // namespace phonefleet::client::platform
