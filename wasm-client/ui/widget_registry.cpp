#include "ui/widget_registry.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace phonefleet::client::ui {

WidgetRegistry& registry() {
    static WidgetRegistry instance;
    return instance;
}

std::string_view visible_label(std::string_view label) {
    auto pos = label.find("##");
    return pos == std::string_view::npos ? label : label.substr(0, pos);
}

std::string WidgetRegistry::visible_label_of(std::string_view label) {
    return std::string(visible_label(label));
}

void WidgetRegistry::begin_frame(float pixels_per_css_px) {
    scale_ = pixels_per_css_px > 0 ? pixels_per_css_px : 1.0f;
    current_.clear();
    dialog_.clear();
    row_.clear();
}

void WidgetRegistry::end_frame() { last_.swap(current_); }

void WidgetRegistry::record_last_item(std::string_view label, std::string_view role, bool enabled,
                                      std::string_view value) {
    // Scrolled-out rows and clipped cells are not on screen: a person cannot see them either.
    if (!ImGui::IsItemVisible()) return;
    // Nor the content of a window on its hidden first frame (popups and dialogs measure their
    // size before they show): it is not where it will be, and a click would miss it.
    if (ImGui::GetCurrentWindowRead()->Hidden) return;
    // Anything drawn under BeginDisabled cannot be used, whatever the caller said.
    if (GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled) enabled = false;
    ImVec2 min = ImGui::GetItemRectMin();
    ImVec2 max = ImGui::GetItemRectMax();
    // Only the part inside the window's clip rect can be clicked.
    ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin();
    ImVec2 clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    min.x = std::fmax(min.x, clip_min.x);
    min.y = std::fmax(min.y, clip_min.y);
    max.x = std::fmin(max.x, clip_max.x);
    max.y = std::fmin(max.y, clip_max.y);
    if (max.x <= min.x || max.y <= min.y) return;
    current_.push_back({std::string(visible_label(label)), std::string(role), min.x / scale_,
                        min.y / scale_, (max.x - min.x) / scale_, (max.y - min.y) / scale_, enabled, std::string(value), dialog_, row_});
}

std::string WidgetRegistry::last_frame_json() const {
    nlohmann::json out = nlohmann::json::array();
    auto round = [](float v) { return std::round(v * 10.0f) / 10.0f; };
    for (const auto& w : last_) {
        nlohmann::json item = {{"label", w.label},
                       {"role", w.role},
                       {"x", round(w.x)},
                       {"y", round(w.y)},
                       {"w", round(w.w)},
                       {"h", round(w.h)},
                       {"enabled", w.enabled}};
        if (!w.value.empty()) item["value"] = w.value;
        if (!w.dialog.empty()) item["dialog"] = w.dialog;
        if (!w.row.empty()) item["row"] = w.row;
        out.push_back(std::move(item));
    }
    // Replace, never throw, on bad UTF-8 (a label is user data, e.g. a customer name).
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace phonefleet::client::ui
