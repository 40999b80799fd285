// The C entry points behind window.phonefleet (web/bridge.js), exported by name at link time.
#include <emscripten.h>

#include <string>

#include "platform/platform.hpp"

namespace phonefleet::client::platform {

PageHooks& page_hooks() {
    static PageHooks instance;
    return instance;
}

void expose_to_page(PageHooks hooks) { page_hooks() = std::move(hooks); }

}  // namespace phonefleet::client::platform

namespace {
// Each returned string stays valid until the next call of the same function; the bridge copies
// it at once with UTF8ToString.
const char* answer(std::string& slot, const std::function<std::string()>& hook) {
    slot = hook ? hook() : std::string();
    return slot.c_str();
}
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* phonefleet_view() {
    static std::string slot;
    return answer(slot, phonefleet::client::platform::page_hooks().view);
}

EMSCRIPTEN_KEEPALIVE const char* phonefleet_widgets_json() {
    static std::string slot;
    return answer(slot, phonefleet::client::platform::page_hooks().widgets);
}

EMSCRIPTEN_KEEPALIVE int phonefleet_pending_input() {
    const auto& hook = phonefleet::client::platform::page_hooks().pending_input;
    return hook ? hook() : 0;
}

EMSCRIPTEN_KEEPALIVE void phonefleet_click_at(double x, double y) {
    const auto& hook = phonefleet::client::platform::page_hooks().click_at;
    if (hook) hook(x, y);
}

EMSCRIPTEN_KEEPALIVE double phonefleet_frames_drawn() {
    const auto& hook = phonefleet::client::platform::page_hooks().frames_drawn;
    return hook ? static_cast<double>(hook()) : 0;
}

}  // extern "C"
