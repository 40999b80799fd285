#include "http/security_headers.hpp"

namespace phonefleet::http {

const char* content_security_policy() {
    // - scripts only from our origin: bridge.js and the Emscripten loader; no inline script
    //   (index.html has none, not even an on* attribute); 'wasm-unsafe-eval' lets
    //   WebAssembly.instantiate compile the client without allowing eval();
    // - styles from style.css only (the loader sets canvas sizes through CSSOM, which CSP allows);
    // - fonts are embedded in the wasm; img data:/blob: cover ImGui screenshots and downloads;
    // - downloads are blob: links with `download` (navigation, not a fetch directive);
    // - connect-src 'self': the API and the .wasm fetch; nothing may frame the page.
    return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
           "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'none'; "
           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

httplib::Headers security_headers() {
    return {
        {"Content-Security-Policy", content_security_policy()},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},  // frame-ancestors for browsers that predate it
        {"Referrer-Policy", "no-referrer"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
    };
}

}  // namespace phonefleet::http
