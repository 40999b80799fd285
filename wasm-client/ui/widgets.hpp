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
bool begin_combo(const char* caption, const char* id, const char* preview);
bool combo_item(const char* label, bool selected);
void end_combo();

bool begin_tab(const char* label);
void end_tab();

// One table cell's text (call after TableNextColumn / TableSetColumnIndex).
void cell(std::string_view s, const ImVec4* color = nullptr);
// A table's header row, recorded as cells too (role "column-header").
void table_headers_row(int columns);

}  // namespace phonefleet::client::ui
