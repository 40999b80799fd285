// The Line States page (F11), under the Devices tab as the guide has it: every line port of
// one site or of all sites, filtered, counted per state, in a virtualised table with the
// states in colour; and "Export device state" (F13), followed through the server's queue.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "phonefleet/text_fold.hpp"
#include "ui/widget_registry.hpp"
#include "ui/widgets.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"

namespace phonefleet::client::views {
namespace {

std::string t(const ClientState& s, const char* key) { return std::string(text(key, s.lang)); }

// "Registered 120   Aged 5   Unregistered 30", each in its colour: the page's summary and legend.
void draw_counts(const ClientState& state, const LineStateCounts& counts) {
    const float em = ImGui::GetFontSize();
    bool first = true;
    for (RegistrationState s : {RegistrationState::Registered, RegistrationState::Aged, RegistrationState::Unregistered}) {
        if (!first) ImGui::SameLine(0, 1.5f * em);
        first = false;
        state_swatch(s);
        ImGui::SameLine(0, 0.4f * em);
        ui::registry().set_row(std::string(to_string(s)));
        ui::text(count_of(s, counts.of(s), state.lang));
        ui::registry().set_row("");
    }
}

// Where the export stands, under the filters: the person always knows what is happening.
void draw_export_status(ClientState& state) {
    const LineStatesPage& page = state.line_states;
    const LineStateExport& ex = page.exporting;
    if (!page.export_enabled && page.rows.loaded) {
        ui::message(kMutedColor, t(state, "line_state_export_disabled"));
        return;
    }
    auto working = [&](const std::string& s) {
        ui::spinner("export_spinner");
        ImGui::SameLine();
        ui::text(s);
    };
    switch (ex.phase) {
        case ExportPhase::Idle: break;
        case ExportPhase::Asked: working(t(state, "ui.export.asked")); break;
        case ExportPhase::Queued: working(fill("ui.export.queued", std::to_string(ex.position), state.lang)); break;
        case ExportPhase::Running: working(t(state, "ui.export.running")); break;
        case ExportPhase::Done:
            ui::text_colored(state_color(RegistrationState::Registered),
                             fill(ex.cache_hit ? "ui.export.done_cache" : "ui.export.done", ex.file_name, state.lang));
            break;
        case ExportPhase::Refused: {
            std::string s = t(state, "ui.export.refused") + ": " + ex.message;
            const double wait = ex.retry_at - ImGui::GetTime();
            if (wait > 0) s += " " + fill("ui.export.retry_in", std::to_string(static_cast<int>(std::ceil(wait))), state.lang);
            ui::message(kErrorColor, s);
            break;
        }
    }
}

void draw_table(ClientState& state, Controller& controller) {
    PagedRows<LineStateRow>& rows = state.line_states.rows;
    constexpr int kColumns = 10;
    if (!begin_list_table("line_states", kColumns, rows.scroll_to_top)) return;
    auto col = [&](const char* key, const char* id, float weight) { list_column(state, key, id, weight); };
    col("ui.devices.site", "site", 1.0f);
    col("ui.devices.mac", "mac", 1.1f);
    col("ui.devices.device_type", "type", 1.2f);
    col("ui.line_states.port", "port", 0.4f);
    col("ui.line_states.phone_number", "number", 1.1f);
    col("ui.line_states.extension", "extension", 0.6f);
    col("ui.devices.state", "state", 0.9f);
    col("ui.status.remote_ip", "remote_ip", 1.1f);
    col("ui.status.user_agent", "user_agent", 1.2f);
    col("ui.status.expires_at", "expires_at", 1.3f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ui::table_headers_row(kColumns);

    // Rows whose page has not arrived yet show a placeholder and their page is asked for.
    const ShownRows shown = draw_visible_rows(rows.total, [&](int i) {
        const LineStateRow* r = rows.row(i);
        if (!r) return placeholder_cells(kColumns, false);
        const std::string id = r->mac + "/" + std::to_string(r->port);
        ui::registry().set_row(id);
        const ImVec4 color = state_color(r->state);
        ImGui::TableNextColumn();
        ui::cell(r->site);
        ImGui::TableNextColumn();
        ui::cell(format_mac(r->mac));
        ImGui::TableNextColumn();
        ui::cell(r->device_type);
        ImGui::TableNextColumn();
        ui::cell(std::to_string(r->port));
        ImGui::TableNextColumn();
        ui::cell(r->phone_number);
        ImGui::TableNextColumn();
        ui::cell(r->extension);
        ImGui::TableNextColumn();
        // The state cell is tinted with its colour, so a column of states reads at a glance.
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg,
                               ImGui::GetColorU32(ImVec4(color.x, color.y, color.z, 0.16f)));
        ui::cell(t(state, state_key(r->state)), &color);
        ImGui::TableNextColumn();
        ui::cell(r->remote_ip.empty() ? t(state, "ui.na") : r->remote_ip);
        ImGui::TableNextColumn();
        ui::cell(r->user_agent.empty() ? t(state, "ui.na") : r->user_agent);
        ImGui::TableNextColumn();
        ui::cell(format_time(r->expires_at, state.lang));
        ui::registry().set_row("");
    });
    ImGui::EndTable();
    controller.need_line_rows(shown.first, shown.last);
}

// Wall displays (F14): the customer's kiosk tokens, a new one's address shown once, revoke.
void draw_kiosks_dialog(ClientState& state, Controller& controller) {
    KioskTokensDialog& d = state.line_states.kiosks;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSizeConstraints(ImVec2(40 * em, 0), ImVec2(40 * em, FLT_MAX));
    if (!begin_modal(t(state, "ui.kiosks.title"), "kiosks", d.open, d.just_opened, [&] { controller.close_kiosk_tokens(); },
                     {.flags = ImGuiWindowFlags_AlwaysAutoResize}))
        return;
    ImGui::PushTextWrapPos(0.0f);
    ui::text(t(state, "ui.kiosks.intro"));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (d.loading) ui::text(t(state, "ui.loading"));
    else if (d.items.empty()) ui::text_colored(kMutedColor, t(state, "ui.kiosks.none"));
    if (!d.items.empty() && ImGui::BeginTable("kiosk_tokens", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(t(state, "ui.kiosks.name").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn(t(state, "ui.kiosks.created_at").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
        ui::table_headers_row(3);
        const std::string revoke = t(state, "ui.kiosks.revoke");
        for (const KioskTokenInfo& k : d.items) {
            ImGui::PushID(static_cast<int>(k.id));
            ui::registry().set_row(k.name);
            ImGui::TableNextRow();
            framed_cell(k.name);
            framed_cell(format_time(k.created_at, state.lang));
            ImGui::TableNextColumn();
            if (ui::button((revoke + "###revoke").c_str(), !d.busy)) controller.revoke_kiosk_token(k.id);
            ui::registry().set_row("");
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::SetNextItemWidth(24 * em);
    const bool enter = ui::input_text(t(state, "ui.kiosks.name").c_str(), "##kiosk_name", d.name, sizeof d.name,
                                      ImGuiInputTextFlags_EnterReturnsTrue, !d.busy);
    ImGui::SameLine();
    const bool named = !trim_blanks(d.name).empty();
    if (ui::button((t(state, "ui.kiosks.create") + "###create").c_str(), named && !d.busy) || (enter && named))
        controller.create_kiosk_token();
    if (!d.created_url.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ui::text_colored(kWarningColor, t(state, "ui.kiosks.address"));
        ImGui::PopTextWrapPos();
        // Read-only but selectable, so that it can be copied.
        ImGui::SetNextItemWidth(-FLT_MIN);
        ImGui::InputText("##kiosk_url", d.created_url.data(), d.created_url.size() + 1, ImGuiInputTextFlags_ReadOnly);
        ui::registry().record_last_item(d.created_url, "text");
    }
    if (!d.error.empty()) ui::message(kErrorColor, d.error);
    ImGui::Spacing();
    ImGui::Separator();
    if (ui::button((t(state, "ui.close") + "###close").c_str())) controller.close_kiosk_tokens();
    end_modal();
}

}  // namespace

void draw_line_states_view(ClientState& state, Controller& controller) {
    controller.show_line_states();
    LineStatesPage& page = state.line_states;
    const float em = ImGui::GetFontSize();
    draw_customer_picker(state, controller);
    if (page.rows.loaded) {
        ImGui::SameLine(0, 2 * em);
        ImGui::AlignTextToFramePadding();
        ui::text(fill_count("ui.line_states.count", page.rows.total, state.lang));
    }
    if (!page.rows.requested.empty()) {
        ImGui::SameLine(0, 2 * em);
        ImGui::AlignTextToFramePadding();
        ui::text(t(state, "ui.devices.loading"));
    }
    // Wall displays, Refresh and Export, right-aligned on the first line.
    const std::string kiosks = t(state, "ui.line_states.kiosk") + "###kiosks";
    const std::string refresh = t(state, "ui.line_states.refresh") + "###line_refresh";
    const std::string export_label = t(state, "ui.line_states.export") + "###line_export";
    const ImGuiStyle& style = ImGui::GetStyle();
    float right = 2 * style.ItemSpacing.x;
    for (const std::string* label : {&kiosks, &refresh, &export_label})
        right += ImGui::CalcTextSize(label->c_str(), nullptr, true).x + 2 * style.FramePadding.x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - right));
    if (ui::button(kiosks.c_str(), state.selected_customer.has_value())) controller.open_kiosk_tokens();
    ImGui::SameLine();
    if (ui::button(refresh.c_str(), page.rows.requested.empty())) controller.refresh_line_states();
    ImGui::SameLine();
    // Off when the provider's switch is off (F12: the line under the filters says why), while
    // an export is on its way, and until a refusal's Retry-After has passed.
    const LineStateExport& ex = page.exporting;
    const bool can_export = page.export_enabled && !ex.in_progress() &&
                            !(ex.phase == ExportPhase::Refused && ImGui::GetTime() < ex.retry_at);
    if (ui::button(export_label.c_str(), can_export)) controller.export_line_states();

    draw_list_filters(state, page.filters, "line_filters",
                      {[&](std::optional<std::int64_t> site) { controller.set_line_site_filter(site); },
                       [&](std::string type) { controller.set_line_type_filter(std::move(type)); },
                       [&](std::optional<RegistrationState> s) { controller.set_line_state_filter(s); },
                       [&] { controller.line_search_edited(); }});
    draw_counts(state, page.counts);
    draw_export_status(state);
    if (!state.last_error.empty()) ui::message(kErrorColor, state.last_error);
    ImGui::Spacing();

    if (page.rows.loaded && page.rows.total == 0) {
        const bool filtered = page.filters.applied != LineStateQuery{};
        ui::text(t(state, filtered ? "ui.line_states.no_match" : "ui.line_states.empty"));
    } else if (page.rows.loaded) {
        draw_table(state, controller);
    }
    draw_kiosks_dialog(state, controller);
}

}  // namespace phonefleet::client::views
