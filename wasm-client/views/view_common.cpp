#include "views/view_common.hpp"

#include <algorithm>
#include <ctime>

#include "ui/widget_registry.hpp"
#include "ui/widgets.hpp"

#include "phonefleet/mac_address.hpp"
#include "phonefleet/result.hpp"

namespace phonefleet::client::views {

ImVec4 state_color(RegistrationState s) {
    switch (s) {
        case RegistrationState::Registered: return ImVec4(0.05f, 0.55f, 0.2f, 1.0f);
        case RegistrationState::Aged: return ImVec4(0.8f, 0.5f, 0.0f, 1.0f);
        case RegistrationState::Unregistered: break;
    }
    return ImVec4(0.45f, 0.45f, 0.45f, 1.0f);
}

const char* state_key(RegistrationState s) {
    switch (s) {
        case RegistrationState::Registered: return "state_registered";
        case RegistrationState::Aged: return "state_aged";
        case RegistrationState::Unregistered: break;
    }
    return "state_unregistered";
}

bool begin_modal(const std::string& title, const char* id, bool open, bool& just_opened,
                 const std::function<void()>& closed, const ModalLayout& layout) {
    const std::string label = title + "###" + id;
    if (just_opened) {
        ImGui::OpenPopup(label.c_str());
        just_opened = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y * layout.anchor_y),
                            ImGuiCond_Appearing, ImVec2(0.5f, layout.pivot_y));
    if (layout.size.x > 0) ImGui::SetNextWindowSize(layout.size, ImGuiCond_Appearing);
    bool keep = true;
    if (!ImGui::BeginPopupModal(label.c_str(), &keep, layout.flags | ImGuiWindowFlags_NoSavedSettings)) return false;
    // Escape closes the dialog on top (the focused one: a confirmation over a dialog goes first),
    // as its [x] does.
    if (ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        keep = false;
    if (!open || !keep) {
        if (!keep && open) closed();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return false;
    }
    ui::registry().set_dialog(title);
    return true;
}

void end_modal() {
    ui::registry().set_dialog("");
    ImGui::EndPopup();
}

void state_swatch(RegistrationState s) {
    const float em = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float size = 0.7f * em;
    const float y = p.y + (ImGui::GetTextLineHeight() - size) / 2;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + size, y + size),
                                              ImGui::GetColorU32(state_color(s)), 0.15f * em);
    ImGui::Dummy(ImVec2(size, ImGui::GetTextLineHeight()));
}

bool begin_list_table(const char* id, int columns, bool& scroll_to_top) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, columns, flags, ImVec2(0, 0))) return false;
    if (scroll_to_top) {
        ImGui::SetScrollY(0);
        scroll_to_top = false;
    }
    return true;
}

void list_column(const ClientState& state, const char* key, const char* id, float weight) {
    const std::string label = std::string(text(key, state.lang)) + "###" + id;
    ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthStretch, weight);
}

ShownRows draw_visible_rows(std::int64_t total, const std::function<void(int)>& draw_row) {
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(std::min<std::int64_t>(total, 1 << 30)));
    ShownRows shown;
    while (clipper.Step()) {
        if (clipper.DisplayEnd - clipper.DisplayStart > shown.last - shown.first) {
            shown.first = clipper.DisplayStart;
            shown.last = clipper.DisplayEnd;
        }
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            ImGui::TableNextRow();
            draw_row(i);
        }
    }
    return shown;
}

void placeholder_cells(int cells, bool align_to_frame) {
    for (int c = 0; c < cells; ++c) {
        ImGui::TableNextColumn();
        if (align_to_frame) ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("…");
    }
}

void framed_cell(std::string_view text, const ImVec4* color) {
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ui::cell(text, color);
}

std::string count_of(RegistrationState s, std::int64_t n, Language lang) {
    Error e;
    e.code = "ui.count_of";
    e.field = std::string(text(state_key(s), lang));
    e.value = std::to_string(n);
    return message(e, lang);
}

std::string format_mac(const std::string& mac) {
    auto parsed = MacAddress::parse(mac);
    return parsed ? parsed.value().colon_form() : mac;
}

namespace {
std::string g_time_zone;  // the browser's, named after every time shown; empty: times in UTC
}  // namespace

void set_time_zone(std::string name) { g_time_zone = std::move(name); }

std::string format_time(const std::optional<std::int64_t>& seconds, Language lang) {
    if (!seconds) return std::string(text("ui.na", lang));
    std::time_t when = static_cast<std::time_t>(*seconds);
    std::tm tm{};
    if (g_time_zone.empty()) gmtime_r(&when, &tm);
    else localtime_r(&when, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S", &tm);
    return std::string(out) + " " + (g_time_zone.empty() ? "UTC" : g_time_zone);
}

}  // namespace phonefleet::client::views
