// Browser side of platform.hpp: main loop, canvas size and pixel ratio, document language.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <GLFW/glfw3.h>

#include <cmath>
#include <cstdlib>

#include "platform/platform.hpp"

namespace phonefleet::client::platform {
namespace {

// Browser.setCanvasSize resizes the backing store and notifies Emscripten's GLFW, which then
// reports the new window size. glfwSetWindowSize is avoided on purpose: in Emscripten 3.1.6 it
// requests fullscreen whenever the size equals the screen's.
EM_JS(void, js_set_canvas_backing_size, (int width, int height), {
    Browser.setCanvasSize(width, height);
});

// The screen's pixel ratio, but at most 1 when WebGL is rendered in software (SwiftShader,
// llvmpipe: a browser without a usable GPU, as in many virtual desktops): there every pixel is
// rasterised on the CPU, and a 1280x800 window at ratio 2 took 80-200 ms a frame, long enough to
// lose keys; at ratio 1 the browser scales the canvas up, a little soft, and frames stay under
// 50 ms. window.phonefleetFullResolution = true keeps the full ratio (tests of the HiDPI layout).
EM_JS(double, js_device_pixel_ratio, (), {
    var ratio = window.devicePixelRatio || 1;
    if (Module.phonefleetSoftwareGL === undefined && Module.ctx) {
        var gl = Module.ctx, renderer = "";
        try {
            var info = gl.getExtension("WEBGL_debug_renderer_info");
            renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
        } catch (e) {}
        Module.phonefleetRenderer = renderer;
        Module.phonefleetSoftwareGL = /SwiftShader|llvmpipe|softpipe|software|Basic Render/i.test(renderer);
    }
    if (Module.phonefleetSoftwareGL && !window.phonefleetFullResolution) ratio = Math.min(ratio, 1);
    return ratio;
});
EM_JS(int, js_window_width, (), { return window.innerWidth | 0; });
EM_JS(int, js_window_height, (), { return window.innerHeight | 0; });

EM_JS(char*, js_preferred_language, (), {
    var tag = (navigator.languages && navigator.languages[0]) || navigator.language || "en";
    var size = lengthBytesUTF8(tag) + 1;
    var out = _malloc(size);
    stringToUTF8(tag, out, size);
    return out;
});

// A value of the address's fragment ("#token=...&lang=fr") on the /kiosk page, else "". The
// token lives in the fragment because a fragment is never sent to a server or in a Referer.
EM_JS(char*, js_kiosk_fragment_value, (const char* key), {
    var value = "";
    if (window.location.pathname.replace(/[/]+$/, "") === "/kiosk") {
        var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
        value = params.get(UTF8ToString(key)) || "";
    }
    var size = lengthBytesUTF8(value) + 1;
    var out = _malloc(size);
    stringToUTF8(value, out, size);
    return out;
});

// The browser's time zone by its IANA name ("Europe/Paris"); "" where the browser has none.
EM_JS(char*, js_time_zone, (), {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) {}
    var size = lengthBytesUTF8(zone) + 1;
    var out = _malloc(size);
    stringToUTF8(zone, out, size);
    return out;
});

EM_JS(char*, js_page_origin, (), {
    var origin = window.location.origin || "";
    var size = lengthBytesUTF8(origin) + 1;
    var out = _malloc(size);
    stringToUTF8(origin, out, size);
    return out;
});

EM_JS(int, js_on_kiosk_page, (), { return window.location.pathname.replace(/[/]+$/, "") === "/kiosk" ? 1 : 0; });

EM_JS(void, js_set_document_language, (const char* tag), {
    document.documentElement.lang = UTF8ToString(tag);
});

EM_JS(void, js_hide_loading_message, (), {
    var el = document.getElementById("loading");
    if (el) el.hidden = true;
});

// Runs before GLFW's own listener on the canvas (capture on window): keeps the event's delta
// in notches, whatever its unit (pixels, lines, pages).
EM_JS(void, js_track_wheel, (), {
    window.addEventListener("wheel", function(e) {
        var scale = e.deltaMode === 1 ? 1 / 3 : (e.deltaMode === 2 ? 10 : 1 / 100);
        Module.phonefleetWheel = [-e.deltaX * scale, -e.deltaY * scale];
    }, true);
});
EM_JS(double, js_wheel_x, (), { return Module.phonefleetWheel ? Module.phonefleetWheel[0] : 0; });
EM_JS(double, js_wheel_y, (), { return Module.phonefleetWheel ? Module.phonefleetWheel[1] : 0; });

// Counted on window in the capture phase, before GLFW's own listeners see the event.
EM_JS(void, js_track_activity, (), {
    Module.phonefleetActivity = 0;
    var bump = function() { Module.phonefleetActivity = (Module.phonefleetActivity + 1) >>> 0; };
    ["pointermove", "pointerdown", "pointerup", "mousemove", "mousedown", "mouseup", "wheel", "keydown",
     "keyup", "keypress", "touchstart", "touchmove", "touchend", "focus", "blur", "resize", "dragover",
     "drop"].forEach(function(type) { window.addEventListener(type, bump, true); });
    document.addEventListener("visibilitychange", bump, true);
});
EM_JS(unsigned, js_activity_serial, (), { return Module.phonefleetActivity >>> 0; });

void frame_trampoline(void* arg) { (*static_cast<std::function<void()>*>(arg))(); }

}  // namespace

void run_frames(std::function<void()> frame) {
    // Lives as long as the page: the browser keeps calling it.
    auto* kept = new std::function<void()>(std::move(frame));
    emscripten_set_main_loop_arg(frame_trampoline, kept, 0, /*simulate_infinite_loop=*/false);
}

float sync_canvas_size(GLFWwindow* window) {
    double ratio = js_device_pixel_ratio();
    int width = static_cast<int>(std::lround(js_window_width() * ratio));
    int height = static_cast<int>(std::lround(js_window_height() * ratio));
    int current_w = 0, current_h = 0;
    glfwGetWindowSize(window, &current_w, &current_h);
    if (width > 0 && height > 0 && (width != current_w || height != current_h))
        js_set_canvas_backing_size(width, height);
    return static_cast<float>(ratio);
}

std::string time_zone_name() {
    char* zone = js_time_zone();
    std::string out(zone);
    std::free(zone);
    return out;
}

std::string preferred_language() {
    char* tag = js_preferred_language();
    std::string out(tag);
    free(tag);
    return out;
}

namespace {
std::string kiosk_fragment_value(const char* key) {
    char* value = js_kiosk_fragment_value(key);
    std::string out(value);
    free(value);
    return out;
}
}  // namespace

bool on_kiosk_page() { return js_on_kiosk_page() != 0; }
std::string page_origin() {
    char* origin = js_page_origin();
    std::string out(origin);
    free(origin);
    return out;
}
std::string kiosk_token() { return kiosk_fragment_value("token"); }
std::string requested_language() { return kiosk_fragment_value("lang"); }

void set_document_language(std::string_view tag) { js_set_document_language(std::string(tag).c_str()); }

void hide_loading_message() { js_hide_loading_message(); }

void track_wheel() { js_track_wheel(); }

void last_wheel_notches(double& x, double& y) {
    x = js_wheel_x();
    y = js_wheel_y();
}

void track_activity() { js_track_activity(); }
unsigned activity_serial() { return js_activity_serial(); }

}  // namespace phonefleet::client::platform
