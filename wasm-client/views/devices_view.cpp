// The Devices tab as the administrator guide lays it out: filters above a virtualised table,
// an Actions menu on every row (Device status, Reboot, Remove), the Add device dialog.
#include <algorithm>
#include <string>

#include "ui/widget_registry.hpp"
#include "ui/widgets.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"

namespace phonefleet::client::views {
namespace {

std::string t(const ClientState& s, const char* key) { return std::string(text(key, s.lang)); }

void draw_customer_picker(ClientState& state, Controller& controller) {
    const Customer* selected = nullptr;
    for (const auto& c : state.customers)
        if (state.selected_customer == c.id) selected = &c;
    const std::string caption(text("ui.customer", state.lang));
    ImGui::AlignTextToFramePadding();
    ui::text(caption);
    ImGui::SameLine();
    if (state.customers.size() <= 1) {
        // One customer: nothing to choose, just say whose devices these are.
        ui::text(selected ? selected->name : std::string());
        return;
    }
    ImGui::SetNextItemWidth(18 * ImGui::GetFontSize());
    if (ui::begin_combo(caption.c_str(), "##customer", selected ? selected->name.c_str() : "")) {
        for (const auto& c : state.customers) {
            ImGui::PushID(static_cast<int>(c.id));
            if (ui::combo_item(c.name.c_str(), state.selected_customer == c.id))
                controller.select_customer(c.id);
            ImGui::PopID();
        }
        ui::end_combo();
    }
}

// "Caption [combo]" on one line; the combo is recorded under the caption.
bool begin_filter_combo(const std::string& caption, const char* id, const std::string& preview, float width) {
    ImGui::AlignTextToFramePadding();
    ui::text(caption);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    return ui::begin_combo(caption.c_str(), id, preview.c_str(), ImGuiComboFlags_HeightLargest);
}

void draw_filters(ClientState& state, Controller& controller) {
    const float em = ImGui::GetFontSize();
    const float gap = 1.2f * em;
    // Widths shrink with the window, down to a readable minimum.
    const float scale = std::clamp(ImGui::GetContentRegionAvail().x / (80 * em), 0.6f, 1.0f);
    const DeviceQuery& q = state.filters.applied;

    std::string site_preview = t(state, "ui.filter.all_sites");
    for (const Site& s : state.sites)
        if (q.site_id == s.id) site_preview = s.name;
    if (begin_filter_combo(t(state, "ui.devices.site"), "##filter_site", site_preview, 11 * em * scale)) {
        if (ui::combo_item(t(state, "ui.filter.all_sites").c_str(), !q.site_id)) controller.set_site_filter(std::nullopt);
        for (const Site& s : state.sites) {
            ImGui::PushID(static_cast<int>(s.id));
            if (ui::combo_item(s.name.c_str(), q.site_id == s.id)) controller.set_site_filter(s.id);
            ImGui::PopID();
        }
        ui::end_combo();
    }

    ImGui::SameLine(0, gap);
    const std::string type_preview = q.device_type.empty() ? t(state, "ui.filter.all_types") : q.device_type;
    if (begin_filter_combo(t(state, "ui.devices.device_type"), "##filter_type", type_preview, 13 * em * scale)) {
        if (ui::combo_item(t(state, "ui.filter.all_types").c_str(), q.device_type.empty())) controller.set_type_filter("");
        for (const DeviceType& type : state.catalog)
            if (ui::combo_item(type.name.c_str(), q.device_type == type.name)) controller.set_type_filter(type.name);
        ui::end_combo();
    }

    ImGui::SameLine(0, gap);
    const std::string state_preview = q.state ? t(state, state_key(*q.state)) : t(state, "ui.filter.all_states");
    if (begin_filter_combo(t(state, "ui.devices.state"), "##filter_state", state_preview, 10 * em * scale)) {
        if (ui::combo_item(t(state, "ui.filter.all_states").c_str(), !q.state)) controller.set_state_filter(std::nullopt);
        for (RegistrationState s : {RegistrationState::Registered, RegistrationState::Aged, RegistrationState::Unregistered}) {
            ImGui::PushStyleColor(ImGuiCol_Text, state_color(s));
            if (ui::combo_item(t(state, state_key(s)).c_str(), q.state == s)) controller.set_state_filter(s);
            ImGui::PopStyleColor();
        }
        ui::end_combo();
    }

    ImGui::SameLine(0, gap);
    const std::string search = t(state, "ui.filter.search");
    ImGui::AlignTextToFramePadding();
    ui::text(search);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(8 * em, ImGui::GetContentRegionAvail().x));
    // Applied after a short pause (Controller::tick), not at every keystroke.
    ImGui::InputTextWithHint("##filter_text", text("ui.filter.search_hint", state.lang).data(), state.filters.text,
                             sizeof state.filters.text);
    if (ImGui::IsItemEdited()) controller.search_text_edited();
    ui::registry().record_last_item(search, "input");
}

// A coloured square and its meaning, for each state: Registered is the one healthy state (SPEC 3).
void draw_legend(ClientState& state) {
    const float em = ImGui::GetFontSize();
    const struct {
        RegistrationState s;
        const char* key;
    } entries[] = {{RegistrationState::Registered, "ui.legend.registered"},
                   {RegistrationState::Aged, "ui.legend.aged"},
                   {RegistrationState::Unregistered, "ui.legend.unregistered"}};
    bool first = true;
    for (const auto& e : entries) {
        if (!first) ImGui::SameLine(0, 1.5f * em);
        first = false;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float size = 0.7f * em;
        const float y = p.y + (ImGui::GetTextLineHeight() - size) / 2;
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + size, y + size),
                                                  ImGui::GetColorU32(state_color(e.s)), 0.15f * em);
        ImGui::Dummy(ImVec2(size, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, 0.4f * em);
        ui::text_colored(e.s == RegistrationState::Registered ? state_color(e.s) : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                         t(state, e.key));
    }
}

// The row whose Actions menu is open (UI-only: it lives as long as the popup).
std::string g_actions_mac;

void draw_table(ClientState& state, Controller& controller) {
    DeviceList& list = state.devices;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("devices", 6, flags, ImVec2(0, 0))) return;
    if (list.scroll_to_top) {
        ImGui::SetScrollY(0);
        list.scroll_to_top = false;
    }
    // ### keeps column ids (and their widths) stable when the language changes.
    auto col = [&](const char* key, const char* id, float weight) {
        std::string label = t(state, key) + "###" + id;
        ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthStretch, weight);
    };
    col("ui.devices.mac", "mac", 1.2f);
    col("ui.devices.device_type", "type", 1.4f);
    col("ui.devices.site", "site", 1.0f);
    col("ui.devices.state", "state", 1.0f);
    col("ui.devices.available_lines", "lines", 0.8f);
    col("ui.actions", "actions", 0.6f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ui::table_headers_row(6);

    const std::string actions = t(state, "ui.actions") + "###actions";
    const std::string placeholder = "…";
    bool open_menu = false;
    // Only the rows on screen are laid out, whatever `total` is; rows whose page has not
    // arrived yet show a placeholder and their page is asked for.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(std::min<std::int64_t>(list.total, 1 << 30)));
    int shown_first = 0, shown_last = 0;
    while (clipper.Step()) {
        if (clipper.DisplayEnd - clipper.DisplayStart > shown_last - shown_first) {
            shown_first = clipper.DisplayStart;
            shown_last = clipper.DisplayEnd;
        }
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            ImGui::TableNextRow();
            const Device* d = list.row(i);
            if (!d) {
                for (int c = 0; c < 5; ++c) {
                    ImGui::TableNextColumn();
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextDisabled("%s", placeholder.c_str());
                }
                ImGui::TableNextColumn();
                ImGui::Dummy(ImVec2(1, ImGui::GetFrameHeight()));
                continue;
            }
            ImGui::PushID(d->mac.c_str());
            ui::registry().set_row(d->mac);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ui::cell(d->mac);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ui::cell(d->device_type);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ui::cell(d->site);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            const ImVec4 color = state_color(d->state);
            ui::cell(t(state, state_key(d->state)), &color);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ui::cell(std::to_string(d->available_lines));
            ImGui::TableNextColumn();
            if (ui::button(actions.c_str())) {
                g_actions_mac = d->mac;
                open_menu = true;
            }
            ui::registry().set_row("");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    controller.need_rows(shown_first, shown_last);

    // The menu of the row clicked, at the mouse (the guide's "menu déroulant Actions").
    if (open_menu) ImGui::OpenPopup("device_actions");
    if (ImGui::BeginPopup("device_actions")) {
        ui::registry().set_dialog(t(state, "ui.actions"));
        ui::registry().set_row(g_actions_mac);
        ImGui::TextDisabled("%s", format_mac(g_actions_mac).c_str());
        ImGui::Separator();
        if (ui::menu_item(t(state, "ui.actions.status").c_str())) controller.open_status(g_actions_mac);
        if (ui::menu_item(t(state, "ui.actions.reboot").c_str())) controller.open_reboot(g_actions_mac);
        if (ui::menu_item(t(state, "ui.actions.remove").c_str())) controller.open_remove(g_actions_mac);
        ui::registry().set_row("");
        ui::registry().set_dialog("");
        ImGui::EndPopup();
    }
}

}  // namespace

void draw_devices_view(ClientState& state, Controller& controller) {
    const float em = ImGui::GetFontSize();
    DeviceList& list = state.devices;
    draw_customer_picker(state, controller);
    if (list.loaded) {
        ImGui::SameLine(0, 2 * em);
        ImGui::AlignTextToFramePadding();
        ui::text(list.total == 1 ? t(state, "ui.devices.count_one")
                                 : fill("ui.devices.count", std::to_string(list.total), state.lang));
    }
    if (!list.requested.empty()) {
        ImGui::SameLine(0, 2 * em);
        ImGui::AlignTextToFramePadding();
        ui::text(t(state, "ui.devices.loading"));
    }
    // Import, Export and Add device, right-aligned on the first line.
    const std::string add = t(state, "ui.add.title") + "###add_device";
    const float add_w = ImGui::CalcTextSize(add.c_str(), nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x +
                        transfer_buttons_width(state) + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - add_w));
    draw_transfer_buttons(state, controller);
    ImGui::SameLine();
    if (ui::button(add.c_str(), state.selected_customer.has_value())) controller.open_add_device();

    draw_filters(state, controller);
    draw_legend(state);
    if (!state.last_error.empty()) ui::message(kErrorColor, state.last_error);
    ImGui::Spacing();

    if (list.loaded && list.total == 0) {
        const bool filtered = state.filters.applied != DeviceQuery{};
        ui::text(t(state, filtered ? "ui.devices.no_match" : "ui.devices.empty"));
    } else if (list.loaded) {
        draw_table(state, controller);
    }

    draw_add_device_dialog(state, controller);
    draw_status_panel(state, controller);
    draw_confirm_dialogs(state, controller);
    draw_import_dialogs(state, controller);
}

}  // namespace phonefleet::client::views
