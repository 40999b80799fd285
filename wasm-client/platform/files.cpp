// Files in and out of the page (issue 4): the file picker, files dropped onto the page, and
// downloads. Upload: hidden <input type=file> -> FileReader.readAsArrayBuffer (web/bridge.js)
// -> phonefleet_file_received. Download: a Blob and an <a download>.
#include <emscripten.h>

#include <cstddef>
#include <string>

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

}  // namespace

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

}  // extern "C"
