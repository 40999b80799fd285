#include <string>

#include "ui/widgets.hpp"
#include "views/views.hpp"

namespace phonefleet::client::views {
namespace {

// Registered is the one healthy state (SPEC 3): green; Aged needs a look: amber.
ImVec4 state_color(RegistrationState s) {
    switch (s) {
        case RegistrationState::Registered: return ImVec4(0.05f, 0.55f, 0.2f, 1.0f);
        case RegistrationState::Aged: return ImVec4(0.75f, 0.45f, 0.0f, 1.0f);
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

// A catalogue text with its {value} filled in, through the same code as error messages.
std::string fill(const char* key, const std::string& value, Language lang) {
    Error e;  // fields set by name: Error grows over time
    e.code = key;
    e.value = value;
    return message(e, lang);
}

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

void draw_pager(ClientState& state, Controller& controller) {
    DeviceList& list = state.devices;
    const std::int64_t pages = list.page_count();
    if (pages <= 1) return;
    ImGui::SameLine();
    if (ui::button((std::string(text("ui.devices.previous", state.lang)) + "###prev").c_str(),
                   list.page_number > 1 && !list.loading))
        controller.show_page(list.page_number - 1);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::text(fill("ui.devices.page", std::to_string(list.page_number) + " / " + std::to_string(pages),
                  state.lang));
    ImGui::SameLine();
    if (ui::button((std::string(text("ui.devices.next", state.lang)) + "###next").c_str(),
                   list.page_number < pages && !list.loading))
        controller.show_page(list.page_number + 1);
}

void draw_table(ClientState& state) {
    const DevicePage& page = state.devices.page;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("devices", 5, flags, ImVec2(0, 0))) return;
    // ### keeps column ids (and their widths) stable when the language changes.
    auto col = [&](const char* key, const char* id, float weight) {
        std::string label = std::string(text(key, state.lang)) + "###" + id;
        ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthStretch, weight);
    };
    col("ui.devices.mac", "mac", 1.2f);
    col("ui.devices.device_type", "type", 1.4f);
    col("ui.devices.site", "site", 1.0f);
    col("ui.devices.state", "state", 1.0f);
    col("ui.devices.available_lines", "lines", 0.8f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ui::table_headers_row(5);

    // Only the rows on screen are laid out: a page of any size costs what the window shows.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(page.items.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Device& d = page.items[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ui::cell(d.mac);
            ImGui::TableNextColumn();
            ui::cell(d.device_type);
            ImGui::TableNextColumn();
            ui::cell(d.site);
            ImGui::TableNextColumn();
            const ImVec4 color = state_color(d.state);
            ui::cell(text(state_key(d.state), state.lang), &color);
            ImGui::TableNextColumn();
            ui::cell(std::to_string(d.available_lines));
        }
    }
    ImGui::EndTable();
}

}  // namespace

void draw_devices_view(ClientState& state, Controller& controller) {
    draw_customer_picker(state, controller);
    DeviceList& list = state.devices;

    if (list.loaded) {
        ImGui::SameLine(0, 2 * ImGui::GetFontSize());
        ImGui::AlignTextToFramePadding();
        ui::text(fill("ui.devices.count", std::to_string(list.page.total), state.lang));
        draw_pager(state, controller);
    }
    if (list.loading) {
        ImGui::SameLine(0, 2 * ImGui::GetFontSize());
        ImGui::AlignTextToFramePadding();
        ui::text(text("ui.devices.loading", state.lang));
    }
    if (!state.last_error.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ui::text_colored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), state.last_error);
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
    if (list.loaded && list.page.items.empty()) {
        ui::text(text("ui.devices.empty", state.lang));
        return;
    }
    // Keep the last page on screen while the next one loads: no flicker, no frozen frame.
    if (list.loaded) draw_table(state);
}

}  // namespace phonefleet::client::views
