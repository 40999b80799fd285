#include "ui/input_queue.hpp"

#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>

#include <cstddef>
#include <deque>
#include <unordered_set>

#include "platform/platform.hpp"

namespace phonefleet::client::ui {
namespace {

struct InputEvent {
    bool is_char = false;
    int key = 0, scancode = 0, action = 0, mods = 0;
    unsigned int codepoint = 0;
};

GLFWwindow* g_window = nullptr;
std::deque<InputEvent> g_events;

void on_key(GLFWwindow*, int key, int scancode, int action, int mods) {
    g_events.push_back({false, key, scancode, action, mods, 0});
}

void on_char(GLFWwindow*, unsigned int codepoint) { g_events.push_back({true, 0, 0, 0, 0, codepoint}); }

// The wheel in notches (see platform::last_wheel_notches), not the raw values GLFW hands over.
void on_scroll(GLFWwindow* window, double, double) {
    double x = 0, y = 0;
    platform::last_wheel_notches(x, y);
    ImGui_ImplGlfw_ScrollCallback(window, x, y);
}

}  // namespace

void install_input_queue(GLFWwindow* window) {
    g_window = window;
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
    glfwSetScrollCallback(window, on_scroll);
    platform::track_wheel();
}

int pending_input_events() { return static_cast<int>(g_events.size()); }

void feed_input_queue() {
    std::unordered_set<int> changed;
    while (!g_events.empty()) {
        const InputEvent& e = g_events.front();
        if (e.is_char) {
            ImGui_ImplGlfw_CharCallback(g_window, e.codepoint);
        } else if (e.action == GLFW_REPEAT) {
            // Repeats change no state; ImGui makes its own repeats from the held key.
        } else {
            // A second change of the same key waits for the next frame, and so does everything
            // after it, so that characters and keys keep their order (type, Backspace, type).
            if (!changed.insert(e.key).second) break;
            ImGui_ImplGlfw_KeyCallback(g_window, e.key, e.scancode, e.action, e.mods);
        }
        g_events.pop_front();
    }
}

}  // namespace phonefleet::client::ui
