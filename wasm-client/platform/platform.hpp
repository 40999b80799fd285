#pragma once
// The client's window onto the browser. Only the files of this folder include Emscripten
// headers; everything else talks to the page through these functions.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/transport.hpp"

struct GLFWwindow;

namespace phonefleet::client::platform {

// Drives `frame` from the browser's animation frames; returns at once (never a blocking loop).
void run_frames(std::function<void()> frame);

// Makes the canvas follow the window: backing store = CSS size x devicePixelRatio, so text is
// drawn at the screen's real resolution. Returns that ratio (device pixels per CSS pixel).
float sync_canvas_size(GLFWwindow* window);

// The browser's preferred language tag ("fr-FR", "en-US", ...).
std::string preferred_language();
// The browser's time zone ("Europe/Paris"), which the C library's local time follows; "" if unknown.
std::string time_zone_name();
// Sets <html lang> so that the page itself says which language it shows.
void set_document_language(std::string_view tag);
// Hides the page's loading message once the first frame is on screen.
void hide_loading_message();

// The last mouse wheel event in notches, positive = up/left as GLFW promises. Emscripten 3.1.6's
// GLFW passes the DOM's raw deltas instead (pixels, and the opposite sign): one notch of a real
// wheel (100 px) would jump a hundred notches the wrong way.
void track_wheel();
void last_wheel_notches(double& x, double& y);

// A count of the page's input events (pointer, wheel, keys, focus, size, visibility, drops): it
// changes whenever the person (or a test) does something, so idle frames can be skipped.
void track_activity();
unsigned activity_serial();

// HTTP through emscripten_fetch, against the page's own origin.
std::unique_ptr<Transport> make_fetch_transport();

// Files in and out (issue 4). The picker is the page's hidden <input type=file>; a file chosen
// there or dropped onto the page is read by web/bridge.js and handed to the exported
// phonefleet_file_received, which keeps it until the next frame takes it.
struct ReceivedFile {
    std::string name;
    std::string bytes;
};
void open_file_picker();
std::optional<ReceivedFile> take_received_file();
// Offers `content` as a download named `filename` (a Blob and an <a download>).
void save_file(std::string_view filename, std::string_view mime, std::string_view content);
// Has the page fetch `request` (GET) and offer a successful body as a download named
// `filename`; `done` gets the status, headers and a failure's body (Transport::download).
void fetch_to_file(const HttpRequest& request, const std::string& filename, Transport::Completion done);

// F14: whether the page is /kiosk (a wall display), and the token of its address
// (/kiosk#token=...), else empty.
bool on_kiosk_page();
// "https://host:port" of the page: addresses given to people are whole.
std::string page_origin();
std::string kiosk_token();
// A language asked for in the address (/kiosk#token=...&lang=fr), else empty.
std::string requested_language();

// What window.phonefleet (web/bridge.js) asks the client for.
struct PageHooks {
    std::function<std::string()> view;     // current screen name: "login", "devices"
    std::function<std::string()> widgets;  // JSON array of the last frame's widgets
    std::function<int()> pending_input;    // key and character events not yet given to ImGui
    std::function<long()> frames_drawn;    // frames drawn since the page opened (idle ones skipped)
    // A click at (x, y) in CSS pixels of the canvas, queued as the mouse's would be: what the
    // page's accessible mirror (web/a11y_mirror.js) does when a screen reader presses a button.
    std::function<void(double, double)> click_at;
};
void expose_to_page(PageHooks hooks);
PageHooks& page_hooks();

}  // namespace phonefleet::client::platform
