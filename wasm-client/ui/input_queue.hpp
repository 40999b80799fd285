#pragma once
// ImGui 1.86 samples key and mouse state once per frame: a key pressed and released between two
// frames (a quick tap while a software-rendered frame is slow, a test typing Ctrl+A) would never
// be seen, and a click that arrives while typed characters still wait would move the focus
// before they land (typing "client-admin" then clicking Password put half of it in the wrong
// field at ~5 frames/s). Key, character, mouse button and cursor events are queued here instead
// and fed to ImGui in the order they happened: at most one transition per key per frame, a mouse
// button change alone at the start of a frame, and a frame of pause after Tab, so that what was
// typed before a click or a Tab lands in the field it was typed in.
struct GLFWwindow;

namespace phonefleet::client::ui {

// Call once, after ImGui_ImplGlfw_InitForOpenGL: takes over its key, char, mouse button, cursor
// and scroll callbacks.
void install_input_queue(GLFWwindow* window);
// Call after ImGui_ImplGlfw_NewFrame (which polls the mouse) and before ImGui::NewFrame.
void feed_input_queue();
// A click of the left button at (x, y) in CSS pixels of the canvas, after the events already
// queued: the pointer moves there, the button goes down, then up, each in its own frame.
void queue_click(double x, double y);
// Events still waiting for a frame (a test waits for 0 before it moves to the next field).
int pending_input_events();

}  // namespace phonefleet::client::ui
