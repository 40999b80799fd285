// The wall display (F14): large type readable from across a room, the counts per state and
// per site, and the lines that are not Registered. Nothing on it can be clicked: a kiosk
// token reads line states and nothing else, and the screen offers no action at all.
#include <algorithm>
#include <string>

#include "ui/widget_registry.hpp"
#include "ui/widgets.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"

namespace phonefleet::client::views {
namespace {

std::string t(const ClientState& s, const char* key) { return std::string(text(key, s.lang)); }

constexpr RegistrationState kStates[] = {RegistrationState::Registered, RegistrationState::Aged,
                                         RegistrationState::Unregistered};

// One big tile per state: the count in its colour, the state's name under it.
void draw_tiles(const ClientState& state) {
    const KioskState& k = state.kiosk;
    const float em = ImGui::GetFontSize();
    const float gap = em;
    const float width = (ImGui::GetContentRegionAvail().x - 2 * gap) / 3;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float huge = ui::fonts().huge ? ui::fonts().huge->FontSize : 3 * em;
    const float height = huge + ImGui::GetTextLineHeight() + 2 * style.WindowPadding.y + 2 * style.ItemSpacing.y;
    bool first = true;
    for (RegistrationState s : kStates) {
        if (!first) ImGui::SameLine(0, gap);
        first = false;
        const ImVec4 c = state_color(s);
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(c.x, c.y, c.z, 0.12f));
        ImGui::PushStyleColor(ImGuiCol_Border, c);
        ImGui::BeginChild(std::string(to_string(s)).c_str(), ImVec2(width, height), true,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoInputs);
        ui::registry().set_row(std::string(to_string(s)));
        ImGui::PushFont(ui::fonts().huge);
        ui::text_colored(c, std::to_string(k.counts.of(s)));
        ImGui::PopFont();
        ui::text(t(state, state_key(s)));
        ui::registry().set_row("");
        ImGui::EndChild();
        ImGui::PopStyleColor(2);
    }
}

void draw_sites(const ClientState& state, float height) {
    const KioskState& k = state.kiosk;
    ui::heading(t(state, "ui.kiosk.sites"));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("kiosk_sites", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupColumn(t(state, "ui.devices.site").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    for (RegistrationState s : kStates)
        ImGui::TableSetupColumn(t(state, state_key(s)).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::table_headers_row(4);
    for (const SiteLineStates& site : k.by_site) {
        ImGui::TableNextRow();
        ui::registry().set_row(site.site);
        ImGui::TableNextColumn();
        ui::cell(site.site);
        for (RegistrationState s : kStates) {
            ImGui::TableNextColumn();
            const std::int64_t n = site.counts.of(s);
            // A zero stays quiet; a number that needs a look is in its state's colour.
            const ImVec4 c = n == 0 ? kMutedColor : state_color(s);
            ui::cell(std::to_string(n), &c);
        }
        ui::registry().set_row("");
    }
    ImGui::EndTable();
}

void draw_problems(const ClientState& state) {
    const KioskState& k = state.kiosk;
    const std::int64_t total = k.aged_total + k.unregistered_total;
    ui::heading(fill_count("ui.kiosk.problems", total, state.lang));
    if (total == 0) {
        ui::text_colored(state_color(RegistrationState::Registered), t(state, "ui.kiosk.all_registered"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    // As many rows as fit: a wall display does not scroll; the rest is counted below.
    const float row_h = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2;
    const int fit = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().y - 2 * row_h) / row_h));
    const int shown = std::min(fit, static_cast<int>(k.problems.size()));
    if (!ImGui::BeginTable("kiosk_problems", 5, flags)) return;
    ImGui::TableSetupColumn(t(state, "ui.devices.site").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(t(state, "ui.line_states.phone_number").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(t(state, "ui.devices.device_type").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.8f);
    ImGui::TableSetupColumn(t(state, "ui.devices.mac").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.7f);
    ImGui::TableSetupColumn(t(state, "ui.devices.state").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ui::table_headers_row(5);
    for (int i = 0; i < shown; ++i) {
        const LineStateRow& r = k.problems[static_cast<std::size_t>(i)];
        ImGui::TableNextRow();
        ui::registry().set_row(r.mac + "/" + std::to_string(r.port));
        const ImVec4 c = state_color(r.state);
        ImGui::TableNextColumn();
        ui::cell(r.site);
        ImGui::TableNextColumn();
        ui::cell(r.extension.empty() ? r.phone_number : r.phone_number + " (" + r.extension + ")");
        ImGui::TableNextColumn();
        ui::cell(r.device_type + " · " + std::to_string(r.port));
        ImGui::TableNextColumn();
        ui::cell(format_mac(r.mac));
        ImGui::TableNextColumn();
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, 0.16f)));
        ui::cell(t(state, state_key(r.state)), &c);
        ui::registry().set_row("");
    }
    ImGui::EndTable();
    if (total > shown) ui::text(fill_count("ui.kiosk.more", total - shown, state.lang));
}

}  // namespace

void draw_kiosk_view(ClientState& state) {
    const KioskState& k = state.kiosk;
    ImGui::PushFont(ui::fonts().large);
    const float em = ImGui::GetFontSize();

    ui::heading(fill("ui.kiosk.title", k.name.empty() ? std::string("PhoneFleet") : k.name, state.lang));
    // When it was last true, on the right; a lost connection in red, over the old data.
    std::string when;
    if (k.updated_at > 0) when = fill("ui.kiosk.updated", format_time(k.updated_at, state.lang), state.lang);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + em,
                             ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(when.c_str()).x));
    ui::text_colored(kMutedColor, when);
    if (!k.error.empty()) {
        ui::message(kErrorColor, fill("ui.kiosk.offline", k.error, state.lang));
    } else if (!k.have_data) {
        ui::text(t(state, "ui.kiosk.connecting"));
    }
    ImGui::Separator();
    if (k.have_data) {
        draw_tiles(state);
        ImGui::Spacing();
        const float height = ImGui::GetContentRegionAvail().y;
        if (ImGui::BeginTable("kiosk_layout", 2, ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("sites", ImGuiTableColumnFlags_WidthStretch, 1.1f);
            ImGui::TableSetupColumn("problems", ImGuiTableColumnFlags_WidthStretch, 2.4f);
            ImGui::TableNextColumn();
            draw_sites(state, height - 2 * em);
            ImGui::TableNextColumn();
            draw_problems(state);
            ImGui::EndTable();
        }
    }
    ImGui::PopFont();
}

void draw_kiosk_without_token(const ClientState& state) {
    ImGui::PushTextWrapPos(0.0f);
    ui::message(kErrorColor, t(state, "ui.kiosk.no_token"));
    ImGui::PopTextWrapPos();
}

}  // namespace phonefleet::client::views
