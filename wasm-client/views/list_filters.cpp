// The filter row and legend above the Devices and Line States tables (F1, F11), and the
// customer picker both tabs start with.
#include <algorithm>
#include <string>

#include "ui/widget_registry.hpp"
#include "ui/widgets.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"

namespace phonefleet::client::views {
namespace {

std::string t(const ClientState& s, const char* key) { return std::string(text(key, s.lang)); }

}  // namespace

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

namespace {

// "Caption [combo]" on one line; the combo is recorded under the caption.
bool begin_filter_combo(const std::string& caption, const char* id, const std::string& preview, float width) {
    ImGui::AlignTextToFramePadding();
    ui::text(caption);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    return ui::begin_combo(caption.c_str(), id, preview.c_str(), ImGuiComboFlags_HeightLargest);
}

}  // namespace

void draw_list_filters(ClientState& state, DeviceFilters& filters, const char* id, const FilterActions& on) {
    const float em = ImGui::GetFontSize();
    const float gap = 1.2f * em;
    // Widths shrink with the window, down to a readable minimum.
    const float scale = std::clamp(ImGui::GetContentRegionAvail().x / (80 * em), 0.6f, 1.0f);
    const DeviceQuery& q = filters.applied;
    ImGui::PushID(id);

    std::string site_preview = t(state, "ui.filter.all_sites");
    for (const Site& s : state.sites)
        if (q.site_id == s.id) site_preview = s.name;
    if (begin_filter_combo(t(state, "ui.devices.site"), "##filter_site", site_preview, 11 * em * scale)) {
        if (ui::combo_item(t(state, "ui.filter.all_sites").c_str(), !q.site_id)) on.site(std::nullopt);
        for (const Site& s : state.sites) {
            ImGui::PushID(static_cast<int>(s.id));
            if (ui::combo_item(s.name.c_str(), q.site_id == s.id)) on.site(s.id);
            ImGui::PopID();
        }
        ui::end_combo();
    }

    ImGui::SameLine(0, gap);
    const std::string type_preview = q.device_type.empty() ? t(state, "ui.filter.all_types") : q.device_type;
    if (begin_filter_combo(t(state, "ui.devices.device_type"), "##filter_type", type_preview, 13 * em * scale)) {
        if (ui::combo_item(t(state, "ui.filter.all_types").c_str(), q.device_type.empty())) on.type("");
        for (const DeviceType& type : state.catalog)
            if (ui::combo_item(type.name.c_str(), q.device_type == type.name)) on.type(type.name);
        ui::end_combo();
    }

    ImGui::SameLine(0, gap);
    const std::string state_preview = q.state ? t(state, state_key(*q.state)) : t(state, "ui.filter.all_states");
    if (begin_filter_combo(t(state, "ui.devices.state"), "##filter_state", state_preview, 10 * em * scale)) {
        if (ui::combo_item(t(state, "ui.filter.all_states").c_str(), !q.state)) on.state(std::nullopt);
        for (RegistrationState s : {RegistrationState::Registered, RegistrationState::Aged, RegistrationState::Unregistered}) {
            ImGui::PushStyleColor(ImGuiCol_Text, state_color(s));
            if (ui::combo_item(t(state, state_key(s)).c_str(), q.state == s)) on.state(s);
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
    ImGui::InputTextWithHint("##filter_text", text("ui.filter.search_hint", state.lang).data(), filters.text,
                             sizeof filters.text);
    if (ImGui::IsItemEdited()) on.text_edited();
    ui::registry().record_last_item(search, "input");
    ImGui::PopID();
}

// A coloured square and its meaning, for each state: Registered is the one healthy state (SPEC 3).
void draw_state_legend(const ClientState& state) {
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
        state_swatch(e.s);
        ImGui::SameLine(0, 0.4f * em);
        ui::text_colored(e.s == RegistrationState::Registered ? state_color(e.s) : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                         t(state, e.key));
    }
}

}  // namespace phonefleet::client::views
