// The Devices tab's modal dialogs: Add device (F5), device status with its ports (F2, F3, F10),
// and the confirmations of Remove (F6) and Reboot (F4); plus the notifications corner.
// Errors are shown in the dialog the person is looking at, next to the field they are about.
#include <algorithm>
#include <cfloat>
#include <functional>
#include <string>

#include "ui/widget_registry.hpp"
#include "ui/widgets.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"

namespace phonefleet::client::views {
namespace {

std::string t(const ClientState& s, const char* key) { return std::string(text(key, s.lang)); }

// A field's caption, then the field is drawn by the caller.
void caption(const std::string& s) { ui::text(s); }

// The first message about `field`: the shared rules' (as typed) unless the server said more.
void field_message(const ClientState& state, const std::vector<Error>& errors,
                   const std::map<std::string, std::string>& server, const std::string& field, bool show_local) {
    if (auto it = server.find(field); it != server.end()) {
        ui::message(kErrorColor, it->second);
        return;
    }
    if (!show_local) return;
    for (const Error& e : errors)
        if (e.field == field) {
            ui::message(kErrorColor, message(e, state.lang));
            return;
        }
}

void draw_cell_pair(const std::string& label, const std::string& value, const ImVec4* color = nullptr,
                    const char* row = "") {
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColor);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ui::registry().record_last_item(label, "text");
    ImGui::TableNextColumn();
    ui::registry().set_row(row);
    ImGui::PushTextWrapPos(0.0f);
    ui::cell(value, color);
    ImGui::PopTextWrapPos();
    ui::registry().set_row("");
}

std::string or_na(const ClientState& s, const std::string& v) { return v.empty() ? t(s, "ui.na") : v; }

// ---- status panel pieces ---------------------------------------------------------------------

void draw_status_fields(ClientState& state, const DeviceStatus& st) {
    if (!ImGui::BeginTable("fields", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableSetupColumn("k1", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("v1", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("k2", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("v2", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    const ImVec4 color = state_color(st.device.state);
    std::string probe = t(state, "ui.status.probe_none");
    if (st.probe) {
        probe = st.probe->reachable
                    ? fill("ui.status.reachable", st.probe->rtt_ms ? std::to_string(*st.probe->rtt_ms) : "?", state.lang)
                    : t(state, "ui.status.unreachable");
        probe += " (" + format_time(st.probe->checked_at, state.lang) + ")";
    }
    // Laid out as the guide's status card: identity on the left, the network on the right.
    draw_cell_pair(t(state, "ui.devices.mac"), format_mac(st.device.mac));
    draw_cell_pair(t(state, "ui.status.remote_ip"), or_na(state, st.remote_ip), nullptr, "remote_ip");
    draw_cell_pair(t(state, "ui.devices.device_type"), st.device.device_type);
    draw_cell_pair(t(state, "ui.status.host_ip"), or_na(state, st.host_ip), nullptr, "host_ip");
    draw_cell_pair(t(state, "ui.devices.site"), st.device.site);
    draw_cell_pair(t(state, "ui.status.registered_to"), or_na(state, st.registered_to), nullptr, "registered_to");
    draw_cell_pair(t(state, "ui.devices.state"), t(state, state_key(st.device.state)), &color, "state");
    draw_cell_pair(t(state, "ui.status.user_agent"), or_na(state, st.user_agent), nullptr, "user_agent");
    draw_cell_pair(t(state, "ui.status.registered_at"), format_time(st.registered_at, state.lang), nullptr, "registered_at");
    draw_cell_pair(t(state, "ui.status.expires_at"), format_time(st.expires_at, state.lang), nullptr, "expires_at");
    draw_cell_pair(t(state, "ui.devices.available_lines"),
                   std::to_string(st.device.available_lines) + " / " + std::to_string(st.ports), nullptr, "lines");
    draw_cell_pair(t(state, "ui.status.probe"), probe, nullptr, "probe");
    if (st.reboot) {
        std::string reboot = t(state, ("ui.reboot_state." + st.reboot->state).c_str());
        if (st.reboot->sip_status) reboot += " (" + std::to_string(*st.reboot->sip_status) + " " + st.reboot->sip_reason + ")";
        reboot += ", " + format_time(st.reboot->at, state.lang);
        draw_cell_pair(t(state, "ui.status.reboot"), reboot, nullptr, "reboot");
    }
    // F2: DECT bases show their multicell station ID, other phones never do.
    if (st.dect)
        draw_cell_pair(t(state, "ui.multicell_station_id"),
                       or_na(state, st.device.multicell_station_id.value_or("")), nullptr, "multicell_station_id");
    ImGui::EndTable();
}

void draw_credentials(ClientState& state, Controller& controller, const LineCredentials& c) {
    const float em = ImGui::GetFontSize();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.97f, 0.85f, 1.0f));
    ImGui::BeginChild("credentials", ImVec2(0, 4 * ImGui::GetFrameHeightWithSpacing() + 3.2f * em), true);
    ui::heading(fill("ui.status.credentials", std::to_string(c.line.port), state.lang));
    ui::text_colored(kWarningColor, t(state, "ui.status.credentials_warning"));
    if (ImGui::BeginTable("sip", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthStretch, 0.5f);
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        draw_cell_pair(t(state, "ui.status.sip_username"), c.sip_username, nullptr, "sip_username");
        draw_cell_pair(t(state, "ui.status.sip_password"), c.sip_password, nullptr, "sip_password");
        draw_cell_pair(t(state, "ui.status.sip_domain"), c.sip_domain, nullptr, "sip_domain");
        ImGui::EndTable();
    }
    if (ui::button((t(state, "ui.status.credentials_done") + "###creds_done").c_str())) controller.dismiss_credentials();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void draw_ports(ClientState& state, Controller& controller, const DeviceStatus& st) {
    StatusPanel& panel = state.status;
    ui::heading(t(state, "ui.status.lines"));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("ports", 6, flags)) return;
    auto col = [&](const char* key, const char* id, float weight) {
        std::string label = (key ? t(state, key) : std::string()) + "###" + id;
        ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthStretch, weight);
    };
    col("ui.status.port", "port", 0.4f);
    col("ui.status.phone_number", "number", 1.2f);
    col("ui.status.extension", "extension", 0.8f);
    col("ui.status.display_name", "name", 1.4f);
    col("ui.devices.state", "state", 0.9f);
    col(nullptr, "action", 0.9f);
    ui::table_headers_row(6);

    const std::string phone_label = t(state, "ui.status.phone_number");
    const std::string ext_label = t(state, "ui.status.extension");
    const std::string name_label = t(state, "ui.status.display_name");
    for (int port = 1; port <= st.ports; ++port) {
        const LineInfo* line = nullptr;
        for (const LineInfo& l : st.lines)
            if (l.port == port) line = &l;
        const std::string key = std::to_string(port);
        ImGui::PushID(port);
        ui::registry().set_row(key);
        ImGui::TableNextRow();
        framed_cell(key);
        const bool busy = panel.busy_port.has_value();
        if (line) {
            framed_cell(line->phone_number);
            framed_cell(line->extension);
            framed_cell(line->display_name);
            const ImVec4 color = state_color(line->state);
            framed_cell(t(state, state_key(line->state)), &color);
            ImGui::TableNextColumn();
            if (ui::button((t(state, "ui.status.unassign") + "###unassign").c_str(), !busy))
                controller.unassign_line(port);
            if (panel.busy_port == port) {
                ImGui::SameLine();
                ui::text(t(state, "ui.in_progress"));
            }
        } else {
            PortForm& form = panel.forms[port];
            const std::vector<Error> errors = controller.port_errors(port);
            bool enter = false;  // in any of the port's fields: assigns, as the button does
            auto input = [&](const std::string& label, const char* id, char* buf, std::size_t size, const char* field) {
                ImGui::TableNextColumn();
                ImGui::SetNextItemWidth(-FLT_MIN);
                enter |= ui::input_inline(label.c_str(), id, buf, size, ImGuiInputTextFlags_EnterReturnsTrue, !busy);
                if (ImGui::IsItemEdited()) form.server_errors.erase(field);
                // As typed: only fields with something in them are judged.
                field_message(state, errors, form.server_errors, field, buf[0] != '\0');
            };
            input(phone_label, "##phone", form.phone_number, sizeof form.phone_number, "phone_number");
            input(ext_label, "##extension", form.extension, sizeof form.extension, "extension");
            input(name_label, "##name", form.display_name, sizeof form.display_name, "display_name");
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", t(state, "ui.status.free").c_str());
            ImGui::TableNextColumn();
            if (ui::button((t(state, "ui.status.assign") + "###assign").c_str(), !busy && errors.empty()) ||
                (enter && !busy && errors.empty()))
                controller.assign_line(port);
            if (panel.busy_port == port) {
                ImGui::SameLine();
                ui::text(t(state, "ui.in_progress"));
            }
        }
        ui::registry().set_row("");
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void draw_confirm(ClientState& state, ConfirmDialog& dialog, const char* id, const char* title_key,
                  const char* question_key, const char* button_key, const std::function<void()>& confirm,
                  const std::function<void()>& close) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSizeConstraints(ImVec2(30 * em, 0), ImVec2(30 * em, FLT_MAX));
    if (!begin_modal(t(state, title_key), id, dialog.open, dialog.just_opened, close,
                     {.flags = ImGuiWindowFlags_AlwaysAutoResize}))
        return;
    ImGui::PushTextWrapPos(0.0f);
    ui::text(fill(question_key, format_mac(dialog.mac), state.lang));
    ImGui::PopTextWrapPos();
    if (!dialog.error.empty()) ui::message(kErrorColor, dialog.error);
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.85f, 0.3f, 0.25f, 0.35f));
    if (ui::button((t(state, button_key) + "###confirm").c_str(), !dialog.submitting)) confirm();
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ui::button((t(state, "ui.cancel") + "###cancel").c_str(), !dialog.submitting)) close();
    if (dialog.submitting) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ui::text(t(state, "ui.in_progress"));
    }
    end_modal();
}

// One step of a reboot as it happens: done (green dot), in progress (spinner), failed (red).
enum class Step { Done, Working, Failed };

void draw_step(const std::string& label, Step step, const char* id) {
    if (step == Step::Working) {
        ui::spinner(id);
    } else {
        const float size = ImGui::GetTextLineHeight();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(size, size));
        const ImVec4 c = step == Step::Done ? state_color(RegistrationState::Registered) : kErrorColor;
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + size / 2, p.y + size / 2), size * 0.3f,
                                                    ImGui::GetColorU32(c));
    }
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ui::registry().set_row(id);
    if (step == Step::Failed) ui::text_colored(kErrorColor, label);
    else ui::text(label);
    ui::registry().set_row("");
    ImGui::PopTextWrapPos();
}

// Reboot (F4): the confirmation, then the reboot followed live in the same dialog: sent,
// accepted by the phone, confirmed when it registers again (or not, or refused).
void draw_reboot_dialog(ClientState& state, Controller& controller) {
    ConfirmDialog& d = state.reboot;
    if (!d.reboot && !d.submitting && d.error.empty()) {
        draw_confirm(state, d, "reboot_device", "ui.reboot.title", "ui.reboot.confirm", "ui.reboot.button",
                     [&] { controller.confirm_reboot(); }, [&] { controller.close_reboot(); });
        return;
    }
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSizeConstraints(ImVec2(30 * em, 0), ImVec2(30 * em, FLT_MAX));
    if (!begin_modal(t(state, "ui.reboot.title"), "reboot_device", d.open, d.just_opened,
                     [&] { controller.close_reboot(); }, {.flags = ImGuiWindowFlags_AlwaysAutoResize}))
        return;
    ui::heading(format_mac(d.mac));
    ImGui::Spacing();
    if (d.submitting) draw_step(t(state, "ui.reboot.step_sending"), Step::Working, "reboot_sending");
    if (d.sent) draw_step(t(state, "ui.reboot.step_sent"), Step::Done, "reboot_sent");
    if (!d.error.empty()) draw_step(d.error, Step::Failed, "reboot_failed");
    if (d.reboot) {
        const RebootReport& r = *d.reboot;
        const std::string answer = r.sip_status ? std::to_string(*r.sip_status) + " " + r.sip_reason : "2xx";
        draw_step(fill("ui.reboot.step_accepted", answer, state.lang), Step::Done, "reboot_accepted");
        if (r.state == "accepted" || r.state == "sent")
            draw_step(t(state, "ui.reboot.step_waiting"), Step::Working, "reboot_waiting");
        else if (r.state == "confirmed")
            draw_step(fill("ui.reboot.step_confirmed", format_time(r.at, state.lang), state.lang), Step::Done,
                      "reboot_confirmed");
        else if (r.state == "not_confirmed")
            draw_step(t(state, "ui.reboot.step_not_confirmed"), Step::Failed, "reboot_not_confirmed");
    }
    ImGui::Spacing();
    ImGui::Separator();
    if (ui::button((t(state, "ui.close") + "###close").c_str())) controller.close_reboot();
    end_modal();
}

}  // namespace

void draw_add_device_dialog(ClientState& state, Controller& controller) {
    AddDeviceDialog& add = state.add;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSizeConstraints(ImVec2(32 * em, 0), ImVec2(32 * em, FLT_MAX));
    if (!begin_modal(t(state, "ui.add.title"), "add_device", add.open, add.just_opened,
                     [&] { controller.close_add_device(); }, {.flags = ImGuiWindowFlags_AlwaysAutoResize}))
        return;
    const std::vector<Error> errors = controller.add_errors();
    const bool idle = !add.submitting;
    ImGui::PushItemWidth(-FLT_MIN);

    // 1. Site (the guide: "Choisissez l'emplacement ... dans le menu déroulant Site").
    const std::string site_caption = t(state, "ui.devices.site");
    caption(site_caption);
    std::string site_name;
    for (const Site& s : state.sites)
        if (add.site_id == s.id) site_name = s.name;
    ImGui::BeginDisabled(!idle);
    if (ui::begin_combo(site_caption.c_str(), "##add_site", site_name.c_str())) {
        for (const Site& s : state.sites) {
            ImGui::PushID(static_cast<int>(s.id));
            if (ui::combo_item(s.name.c_str(), add.site_id == s.id)) controller.add_choose_site(s.id);
            ImGui::PopID();
        }
        ui::end_combo();
    }
    ImGui::EndDisabled();
    field_message(state, errors, add.server_errors, "site_id", false);

    // 2. Device type: only the types approved at that site.
    ImGui::Spacing();
    const std::string type_caption = t(state, "ui.add.device_type");
    caption(type_caption);
    const bool can_choose_type = idle && add.site_id && !add.approved_loading && !add.approved.empty();
    ImGui::BeginDisabled(!can_choose_type);
    const std::string type_preview = add.device_type.empty() ? (add.site_id ? t(state, "ui.add.choose_type") : std::string())
                                                             : add.device_type;
    // Every approved type in view at once (a catalog has a few dozen models at most).
    if (ui::begin_combo(type_caption.c_str(), "##add_type", type_preview.c_str(), ImGuiComboFlags_HeightLargest)) {
        for (const DeviceType& type : add.approved) {
            if (ui::combo_item(type.name.c_str(), add.device_type == type.name)) controller.add_choose_type(type.name);
            ImGui::SameLine();
            ImGui::TextDisabled("%s · %d", type.vendor.c_str(), type.ports);
        }
        ui::end_combo();
    }
    ImGui::EndDisabled();
    if (!add.site_id) ui::message(kMutedColor, t(state, "ui.add.choose_site"));
    else if (add.approved_loading) ui::message(kMutedColor, t(state, "ui.loading"));
    else if (!add.approved_error.empty()) ui::message(kErrorColor, add.approved_error);
    else if (add.approved.empty()) ui::message(kErrorColor, t(state, "ui.add.no_types"));
    field_message(state, errors, add.server_errors, "device_type", !add.device_type.empty());

    // 3. MAC address, judged by the shared rules as it is typed.
    ImGui::Spacing();
    const std::string mac_caption = t(state, "ui.devices.mac");
    caption(mac_caption);
    // Enter in any field submits the form.
    bool enter = ui::input_inline(mac_caption.c_str(), "##add_mac", add.mac, sizeof add.mac,
                                  ImGuiInputTextFlags_EnterReturnsTrue, idle);
    if (ImGui::IsItemEdited()) controller.add_field_edited("mac");
    field_message(state, errors, add.server_errors, "mac", add.mac[0] != '\0');
    // A MAC of another vendor than the type's (SPEC 5): said as it is typed, never blocking.
    if (add.mac[0] != '\0')
        for (const Error& w : controller.add_warnings()) ui::message(kWarningColor, message(w, state.lang));

    // 4. DECT bases only: the multicell station ID.
    const DeviceType* type = find_device_type(add.approved, add.device_type);
    if (type && type->dect) {
        ImGui::Spacing();
        const std::string mc_caption = t(state, "ui.multicell_station_id");
        caption(mc_caption);
        enter |= ui::input_inline(mc_caption.c_str(), "##add_multicell", add.multicell, sizeof add.multicell,
                                  ImGuiInputTextFlags_EnterReturnsTrue, idle);
        if (ImGui::IsItemEdited()) controller.add_field_edited("multicell_station_id");
        field_message(state, errors, add.server_errors, "multicell_station_id", add.multicell[0] != '\0');
    }
    ImGui::PopItemWidth();

    if (!add.error.empty()) ui::message(kErrorColor, add.error);
    ImGui::Spacing();
    ImGui::Separator();
    const bool valid = errors.empty();
    if (ui::button((t(state, "ui.save") + "###save").c_str(), idle && valid) || (enter && idle && valid))
        controller.submit_add_device();
    ImGui::SameLine();
    if (ui::button((t(state, "ui.cancel") + "###cancel").c_str(), idle)) controller.close_add_device();
    if (add.submitting) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ui::text(t(state, "ui.in_progress"));
    }
    end_modal();
}

void draw_status_panel(ClientState& state, Controller& controller) {
    StatusPanel& panel = state.status;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->Size.x - 2 * em, 64 * em), vp->Size.y - 3 * em), ImGuiCond_Always);
    if (!begin_modal(t(state, "ui.status.title"), "device_status", panel.open, panel.just_opened,
                     [&] { controller.close_status(); }))
        return;
    ui::heading(format_mac(panel.mac) + (panel.status ? "  ·  " + panel.status->device.device_type : std::string()));
    ImGui::SameLine();
    // Refresh and Close, right-aligned.
    const std::string refresh = t(state, "ui.status.refresh") + "###refresh";
    const std::string close = t(state, "ui.close") + "###close";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right = ImGui::CalcTextSize(refresh.c_str(), nullptr, true).x +
                        ImGui::CalcTextSize(close.c_str(), nullptr, true).x + 4 * style.FramePadding.x +
                        style.ItemSpacing.x;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - right));
    if (ui::button(refresh.c_str(), !panel.loading && !panel.busy_port)) controller.refresh_status();
    ImGui::SameLine();
    if (ui::button(close.c_str())) {
        controller.close_status();
    }
    if (panel.loading) {
        // Opening the panel probes the phone (F3): say so while the OPTIONS is on its way.
        ui::spinner("probe_spinner");
        ImGui::SameLine();
        ui::text(t(state, panel.probing ? "ui.status.probing" : "ui.loading"));
    }
    if (panel.probe_missing) ui::message(kMutedColor, t(state, "ui.status.probe_needs_sip"));
    if (!panel.probe_error.empty()) ui::message(kWarningColor, panel.probe_error);
    if (!panel.error.empty()) ui::message(kErrorColor, panel.error);
    if (panel.status && panel.open) {
        ImGui::Spacing();
        draw_status_fields(state, *panel.status);
        ImGui::Spacing();
        if (panel.credentials) draw_credentials(state, controller, *panel.credentials);
        ImGui::Spacing();
        draw_ports(state, controller, *panel.status);
    }
    end_modal();
}

void draw_confirm_dialogs(ClientState& state, Controller& controller) {
    draw_confirm(state, state.remove, "remove_device", "ui.remove.title", "ui.remove.confirm", "ui.remove.button",
                 [&] { controller.confirm_remove(); }, [&] { controller.close_remove(); });
    draw_reboot_dialog(state, controller);
}

void draw_toasts(const ClientState& state) {
    if (state.toasts.empty()) return;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - em, vp->Pos.y + vp->Size.y - em), ImGuiCond_Always,
                            ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.95f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs |
                                   // The tooltip layer is above modal dialogs: a notification
                                   // about the dialog's action must not hide behind it.
                                   ImGuiWindowFlags_Tooltip;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.92f, 0.97f, 0.92f, 1.0f));
    if (ImGui::Begin("##notifications", nullptr, flags)) {
        for (const Toast& toast : state.toasts)
            ui::notification(toast.text, toast.error ? kErrorColor : ImVec4(0.05f, 0.4f, 0.15f, 1.0f));
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace phonefleet::client::views
