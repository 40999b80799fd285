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

// The row whose Actions menu is open (UI-only: it lives as long as the popup).
std::string g_actions_mac;

void draw_table(ClientState& state, Controller& controller) {
    DeviceList& list = state.devices;
    if (!begin_list_table("devices", 6, list.scroll_to_top)) return;
    auto col = [&](const char* key, const char* id, float weight) { list_column(state, key, id, weight); };
    col("ui.devices.mac", "mac", 1.2f);
    col("ui.devices.device_type", "type", 1.4f);
    col("ui.devices.site", "site", 1.0f);
    col("ui.devices.state", "state", 1.0f);
    col("ui.devices.available_lines", "lines", 0.8f);
    col("ui.actions", "actions", 0.6f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ui::table_headers_row(6);

    const std::string actions = t(state, "ui.actions") + "###actions";
    bool open_menu = false;
    // Rows whose page has not arrived yet show a placeholder and their page is asked for.
    const ShownRows shown = draw_visible_rows(list.total, [&](int i) {
        const Device* d = list.row(i);
        if (!d) {
            placeholder_cells(5, true);
            ImGui::TableNextColumn();  // (Actions: a button's height, so rows keep their size)
            ImGui::Dummy(ImVec2(1, ImGui::GetFrameHeight()));
            return;
        }
        ImGui::PushID(d->mac.c_str());
        ui::registry().set_row(d->mac);
        framed_cell(format_mac(d->mac));  // the guide's notation, as every page writes it
        framed_cell(d->device_type);
        framed_cell(d->site);
        const ImVec4 color = state_color(d->state);
        framed_cell(t(state, state_key(d->state)), &color);
        framed_cell(std::to_string(d->available_lines));
        ImGui::TableNextColumn();
        if (ui::button(actions.c_str())) {
            g_actions_mac = d->mac;
            open_menu = true;
        }
        ui::registry().set_row("");
        ImGui::PopID();
    });
    ImGui::EndTable();
    controller.need_rows(shown.first, shown.last);

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
        ui::text(fill_count("ui.devices.count", list.total, state.lang));
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

    draw_list_filters(state, state.filters, "",
                      {[&](std::optional<std::int64_t> site) { controller.set_site_filter(site); },
                       [&](std::string type) { controller.set_type_filter(std::move(type)); },
                       [&](std::optional<RegistrationState> st) { controller.set_state_filter(st); },
                       [&] { controller.search_text_edited(); }});
    draw_state_legend(state);
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
