#include "ui/widgets.hpp"

#include "ui/widget_registry.hpp"

namespace phonefleet::client::ui {

bool button(const char* label, bool enabled) {
    ImGui::BeginDisabled(!enabled);
    bool pressed = ImGui::Button(label);
    ImGui::EndDisabled();
    registry().record_last_item(label, "button", enabled);
    return pressed && enabled;
}

bool input_text(const char* caption, const char* id, char* buffer, std::size_t size,
                ImGuiInputTextFlags flags, bool enabled) {
    ImGui::TextUnformatted(caption);
    registry().record_last_item(caption, "text");
    ImGui::BeginDisabled(!enabled);
    bool changed = ImGui::InputText(id, buffer, size, flags);
    ImGui::EndDisabled();
    registry().record_last_item(caption, "input", enabled);
    return changed;
}

void text(std::string_view s) {
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    registry().record_last_item(s, "text");
}

void text_colored(const ImVec4& color, std::string_view s) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopStyleColor();
    registry().record_last_item(s, "text");
}

void heading(std::string_view s) {
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    registry().record_last_item(s, "heading");
}

bool begin_combo(const char* caption, const char* id, const char* preview, ImGuiComboFlags flags) {
    bool open = ImGui::BeginCombo(id, preview, flags);
    registry().record_last_item(caption, "combo", true, preview);
    return open;
}

bool combo_item(const char* label, bool selected) {
    bool chosen = ImGui::Selectable(label, selected);
    if (selected) ImGui::SetItemDefaultFocus();
    registry().record_last_item(label, "menu-item");
    return chosen;
}

void end_combo() { ImGui::EndCombo(); }

bool menu_item(const char* label, bool enabled) {
    bool chosen = ImGui::MenuItem(label, nullptr, false, enabled);
    registry().record_last_item(label, "menu-item", enabled);
    return chosen && enabled;
}

bool input_inline(const char* label, const char* id, char* buffer, std::size_t size,
                  ImGuiInputTextFlags flags, bool enabled) {
    ImGui::BeginDisabled(!enabled);
    bool changed = ImGui::InputText(id, buffer, size, flags);
    ImGui::EndDisabled();
    registry().record_last_item(label, "input", enabled);
    return changed;
}

void message(const ImVec4& color, std::string_view s) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    registry().record_last_item(s, "text");
}

void notification(std::string_view s, const ImVec4& color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopStyleColor();
    registry().record_last_item(s, "notification");
}

void spinner(const char* id) {
    const float size = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(id);
    ImGui::Dummy(ImVec2(size, size));
    ImGui::PopID();
    registry().record_last_item(id, "spinner");
    const float radius = size * 0.4f;
    const ImVec2 centre(p.x + size / 2, p.y + size / 2);
    animation_drawn() = true;
    const float start = static_cast<float>(ImGui::GetTime()) * 6.0f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PathArcTo(centre, radius, start, start + 4.4f, 20);
    draw->PathStroke(ImGui::GetColorU32(ImGuiCol_ButtonActive), 0, size * 0.14f);
}

bool& animation_drawn() {
    static bool drawn = false;
    return drawn;
}

Fonts& fonts() {
    static Fonts f;
    return f;
}

bool begin_tab(const char* label) {
    bool open = ImGui::BeginTabItem(label);
    registry().record_last_item(label, "tab");
    return open;
}

void end_tab() { ImGui::EndTabItem(); }

void cell(std::string_view s, const ImVec4* color) {
    const float room = ImGui::GetContentRegionAvail().x;
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    if (color) ImGui::PopStyleColor();
    registry().record_last_item(s, "cell");
    // The column clips what does not fit (a long problem message, a long site name): hovering
    // the cell shows all of it.
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(s.data(), s.data() + s.size()).x > room) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35.0f);
        ImGui::TextUnformatted(s.data(), s.data() + s.size());
        registry().record_last_item(s, "tooltip");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void table_headers_row(int columns) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < columns; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        const char* name = ImGui::TableGetColumnName(c);
        ImGui::TableHeader(name);
        registry().record_last_item(name, "column-header");
    }
}

}  // namespace phonefleet::client::ui
