// Files in and out of the page (issue 4): the file picker, files dropped onto the page, and
// downloads. Upload: hidden <input type=file> -> FileReader.readAsArrayBuffer (web/bridge.js)
// -> phonefleet_file_received. Download: a Blob and an <a download>, either of bytes the client
// holds (save_file) or of a response fetched by the page itself (fetch_to_file: the client
// never holds it).
#include <emscripten.h>

#include <cstddef>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "platform/platform.hpp"

namespace phonefleet::client::platform {
namespace {

std::optional<ReceivedFile>& pending() {
    static std::optional<ReceivedFile> file;
    return file;
}

EM_JS(void, js_open_file_picker, (), {
    var input = document.getElementById("import-file");
    if (input) input.click();
});

EM_JS(void, js_save_file, (const char* name, const char* mime, const char* data, int size), {
    // slice() copies: the Blob must not point into wasm memory, which may move or be reused.
    var bytes = HEAPU8.slice(data, data + size);
    var blob = new Blob([bytes], {type: UTF8ToString(mime)});
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = UTF8ToString(name);
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
});

// Fetches `url` with `headers` (a JSON object); a 2xx body becomes a download named `name`,
// anything else is read as text. Then calls phonefleet_download_done(id, status, the response
// headers the client needs as JSON, the failure's body).
EM_JS(void, js_fetch_to_file, (int id, const char* url, const char* headers, const char* name), {
    var filename = UTF8ToString(name);
    function done(status, response, body) {
        var meta = {};
        if (response) {
            ["retry-after", "x-export-cache", "content-disposition"].forEach(function(h) {
                var v = response.headers.get(h);
                if (v !== null) meta[h] = v;
            });
        }
        var strings = [JSON.stringify(meta), body || ""].map(function(s) {
            var size = lengthBytesUTF8(s) + 1;
            var ptr = _malloc(size);
            stringToUTF8(s, ptr, size);
            return ptr;
        });
        try {
            _phonefleet_download_done(id, status, strings[0], strings[1]);
        } finally {
            strings.forEach(function(p) { _free(p); });
        }
    }
    fetch(UTF8ToString(url), {headers: JSON.parse(UTF8ToString(headers)), credentials: "same-origin"})
        .then(function(response) {
            if (!response.ok) return response.text().then(function(text) { done(response.status, response, text); });
            return response.blob().then(function(blob) {
                var link = document.createElement("a");
                link.href = URL.createObjectURL(blob);
                link.download = filename;
                link.hidden = true;
                document.body.appendChild(link);
                link.click();
                link.remove();
                setTimeout(function() { URL.revokeObjectURL(link.href); }, 60000);
                done(response.status, response, "");
            });
        })
        .catch(function() { done(0, null, ""); });
});

std::map<int, Transport::Completion>& downloads() {
    static std::map<int, Transport::Completion> pending;
    return pending;
}

}  // namespace

void fetch_to_file(const HttpRequest& request, const std::string& filename, Transport::Completion done) {
    static int next_id = 0;
    const int id = ++next_id;
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& [name, value] : request.headers) headers[name] = value;
    downloads()[id] = std::move(done);
    js_fetch_to_file(id, request.path.c_str(), headers.dump().c_str(), filename.c_str());
}

void open_file_picker() { js_open_file_picker(); }

std::optional<ReceivedFile> take_received_file() {
    std::optional<ReceivedFile> out;
    out.swap(pending());
    return out;
}

void save_file(std::string_view filename, std::string_view mime, std::string_view content) {
    js_save_file(std::string(filename).c_str(), std::string(mime).c_str(), content.data(),
                 static_cast<int>(content.size()));
}

}  // namespace phonefleet::client::platform

extern "C" {

// Called by web/bridge.js with a file's name (UTF-8, NUL-terminated) and bytes, both in wasm
// memory it allocated and frees after the call. A second file before the next frame replaces it.
EMSCRIPTEN_KEEPALIVE void phonefleet_file_received(const char* name, const char* data, std::size_t size) {
    phonefleet::client::platform::pending() =
        phonefleet::client::platform::ReceivedFile{name ? name : "", std::string(data, size)};
}

// Called by js_fetch_to_file when its download ended (status 0: no answer at all).
EMSCRIPTEN_KEEPALIVE void phonefleet_download_done(int id, int status, const char* headers_json, const char* body) {
    auto& pending = phonefleet::client::platform::downloads();
    auto it = pending.find(id);
    if (it == pending.end()) return;
    auto done = std::move(it->second);
    pending.erase(it);
    phonefleet::client::HttpResponse response;
    response.status = status;
    response.body = body ? body : "";
    auto headers = nlohmann::json::parse(headers_json ? headers_json : "{}", nullptr, /*allow_exceptions=*/false);
    if (headers.is_object())
        for (const auto& [name, value] : headers.items())
            if (value.is_string()) response.headers.emplace_back(name, value.get<std::string>());
    done(std::move(response));
}

}  // extern "C"
