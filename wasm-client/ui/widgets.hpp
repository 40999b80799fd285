#pragma once
// Thin wrappers over the ImGui calls the views use: each draws the widget, then records it in
// the WidgetRegistry. Labels follow ImGui ("Text##id"); the registry keeps the visible text.
#include <cstddef>
#include <string_view>

#include <imgui.h>

namespace phonefleet::client::ui {

bool button(const char* label, bool enabled = true);
// A captioned single-line input: caption above, field below, recorded with the caption as label.
bool input_text(const char* caption, const char* id, char* buffer, std::size_t size,
                ImGuiInputTextFlags flags = 0, bool enabled = true);
void text(std::string_view s);
void text_colored(const ImVec4& color, std::string_view s);
void heading(std::string_view s);

// A combo box without ImGui's trailing label (the caption is drawn before it by the caller);
// recorded under `caption` with the shown choice as its value. Items are recorded as menu-item.
bool begin_combo(const char* caption, const char* id, const char* preview, ImGuiComboFlags flags = 0);
bool combo_item(const char* label, bool selected);
void end_combo();

// An entry of a popup menu (role menu-item).
bool menu_item(const char* label, bool enabled = true);
// A single-line input without a caption of its own (in a table row, or with the caption drawn
// beside it): recorded under `label`, the name a person would give it.
bool input_inline(const char* label, const char* id, char* buffer, std::size_t size,
                  ImGuiInputTextFlags flags = 0, bool enabled = true);
// Wrapped text in a colour: error and warning messages under the field they are about.
void message(const ImVec4& color, std::string_view s);
// A notification (toast) line.
void notification(std::string_view s, const ImVec4& color);

// A turning arc the height of a line of text: work in progress (a probe, an export).
void spinner(const char* id);
// Whether the frame drew something that moves (a spinner): the next frame must be drawn too.
// The caller resets it before each frame.
bool& animation_drawn();

// The larger faces of the wall display (F14), loaded only there; null elsewhere.
struct Fonts {
    ImFont* large = nullptr;  // readable across a room
    ImFont* huge = nullptr;   // the counts
};
Fonts& fonts();

bool begin_tab(const char* label);
void end_tab();

// One table cell's text (call after TableNextColumn / TableSetColumnIndex).
void cell(std::string_view s, const ImVec4* color = nullptr);
// A table's header row, recorded as cells too (role "column-header").
void table_headers_row(int columns);

}  // namespace phonefleet::client::ui
