#pragma once
// ImGui 1.86 samples key state once per frame: a key pressed and released between two frames
// (a quick tap while a software-rendered frame is slow, a test typing Ctrl+A) would never be
// seen. GLFW key and character events are queued here instead and fed to ImGui in order, at
// most one transition per key per frame.
struct GLFWwindow;

namespace phonefleet::client::ui {

// Call once, after ImGui_ImplGlfw_InitForOpenGL: takes over its key, char and scroll callbacks.
void install_input_queue(GLFWwindow* window);
// Call before each ImGui::NewFrame.
void feed_input_queue();
// Events still waiting for a frame (a test waits for 0 before it moves to the next field).
int pending_input_events();

}  // namespace phonefleet::client::ui
