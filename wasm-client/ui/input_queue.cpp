#include "ui/input_queue.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <deque>
#include <unordered_set>

#include "platform/platform.hpp"

namespace phonefleet::client::ui {
namespace {

enum class Kind { Key, Char, Button, Cursor };

struct InputEvent {
    Kind kind = Kind::Key;
    int key = 0, scancode = 0, action = 0, mods = 0;  // Key; Button uses key and action
    unsigned int codepoint = 0;                       // Char
    double x = 0, y = 0;                              // Cursor
    bool synthetic = false;                           // Cursor of queue_click: not the pointer's
};

GLFWwindow* g_window = nullptr;
std::deque<InputEvent> g_events;

// The mouse as the events fed so far have left it (what ImGui sees, not what GLFW polls now).
struct QueuedMouse {
    bool moved = false;  // no cursor event yet: the backend's polled position stands
    bool synthetic = false;  // placed by queue_click: stands even where the pointer is not
    double x = 0, y = 0;
    std::array<bool, ImGuiMouseButton_COUNT> down{};
};
QueuedMouse g_mouse;
// Frames to let pass before the next event: Tab asks ImGui to move the focus, which happens in
// the next frame only when the next field is drawn, after the field it leaves has taken that
// frame's characters; so whatever follows Tab waits one frame more.
int g_settle_frames = 0;
constexpr float kKeyRepeatDelay = 0.275f;  // ImGui's default

void on_key(GLFWwindow*, int key, int scancode, int action, int mods) {
    g_events.push_back({Kind::Key, key, scancode, action, mods});
}
void on_char(GLFWwindow*, unsigned int codepoint) { g_events.push_back({.kind = Kind::Char, .codepoint = codepoint}); }
void on_button(GLFWwindow*, int button, int action, int) {
    g_events.push_back({.kind = Kind::Button, .key = button, .action = action});
}
void on_cursor(GLFWwindow*, double x, double y) { g_events.push_back({.kind = Kind::Cursor, .x = x, .y = y}); }

// The wheel in notches (see platform::last_wheel_notches), not the raw values GLFW hands over.
void on_scroll(GLFWwindow* window, double, double) {
    double x = 0, y = 0;
    platform::last_wheel_notches(x, y);
    ImGui_ImplGlfw_ScrollCallback(window, x, y);
}

// Feeds the events that belong to this frame; returns when the next one must wait.
void feed_events() {
    if (g_settle_frames > 0) {
        // Releases still go (Tab's own among them): a key held down while frames pass would
        // repeat, and a repeated Tab moves the focus on again.
        --g_settle_frames;
        while (!g_events.empty() && g_events.front().kind == Kind::Key && g_events.front().action == GLFW_RELEASE) {
            const InputEvent& e = g_events.front();
            ImGui_ImplGlfw_KeyCallback(g_window, e.key, e.scancode, e.action, e.mods);
            g_events.pop_front();
        }
        return;
    }
    std::unordered_set<int> changed;
    bool fed = false;  // a key or character went to ImGui this frame
    while (!g_events.empty()) {
        const InputEvent& e = g_events.front();
        switch (e.kind) {
        case Kind::Char:
            ImGui_ImplGlfw_CharCallback(g_window, e.codepoint);
            fed = true;
            break;
        case Kind::Key:
            // Repeats change no state; ImGui makes its own repeats from the held key. A second
            // change of the same key waits for the next frame, and so does everything after it,
            // so that characters and keys keep their order (type, Backspace, type).
            if (e.action != GLFW_REPEAT) {
                if (!changed.insert(e.key).second) return;
                ImGui_ImplGlfw_KeyCallback(g_window, e.key, e.scancode, e.action, e.mods);
                fed = true;
                if (e.key == GLFW_KEY_TAB && e.action == GLFW_PRESS) {
                    g_events.pop_front();
                    g_settle_frames = 1;
                    return;
                }
            }
            break;
        case Kind::Cursor:
            g_mouse.moved = true;
            g_mouse.synthetic = e.synthetic;
            g_mouse.x = e.x;
            g_mouse.y = e.y;
            break;
        case Kind::Button:
            // A press or release is the frame's last event, and its first but for cursor moves:
            // keys typed before it are taken by the field they were typed in, one frame earlier.
            if (fed || !changed.empty()) return;
            if (e.key >= 0 && e.key < ImGuiMouseButton_COUNT) g_mouse.down[e.key] = e.action == GLFW_PRESS;
            g_events.pop_front();
            return;
        }
        g_events.pop_front();
    }
}

}  // namespace

void install_input_queue(GLFWwindow* window) {
    g_window = window;
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
    glfwSetMouseButtonCallback(window, on_button);
    glfwSetCursorPosCallback(window, on_cursor);
    glfwSetScrollCallback(window, on_scroll);
    platform::track_wheel();
}

void queue_click(double x, double y) {
    g_events.push_back({.kind = Kind::Cursor, .x = x, .y = y, .synthetic = true});
    g_events.push_back({.kind = Kind::Button, .key = GLFW_MOUSE_BUTTON_LEFT, .action = GLFW_PRESS});
    g_events.push_back({.kind = Kind::Button, .key = GLFW_MOUSE_BUTTON_LEFT, .action = GLFW_RELEASE});
}

int pending_input_events() { return static_cast<int>(g_events.size()); }

void feed_input_queue() {
    // A key pressed and released in reality is down here for one frame at least; when a frame
    // takes longer than ImGui's repeat delay (software WebGL at a high pixel ratio), that one
    // frame would read as a held key and repeat it (a Backspace taking two characters). The delay
    // is kept longer than the frame about to be drawn, whose length the backend has just set.
    ImGuiIO& io = ImGui::GetIO();
    io.KeyRepeatDelay = std::max(kKeyRepeatDelay, 1.5f * io.DeltaTime);
    feed_events();
    // The backend has just polled GLFW's current mouse; ImGui gets the queued one instead. A
    // position the backend found unavailable (pointer outside the page) stays so.
    if (g_mouse.moved && (io.MousePos.x != -FLT_MAX || g_mouse.synthetic)) io.MousePos = ImVec2(float(g_mouse.x), float(g_mouse.y));
    for (int b = 0; b < ImGuiMouseButton_COUNT; ++b) io.MouseDown[b] = g_mouse.down[b];
}

}  // namespace phonefleet::client::ui
