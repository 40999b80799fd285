#pragma once
// What the last frame drew that a person can read or use (SPEC 4b): an ImGui canvas has no DOM,
// so this list is what tests and assistive tools see, through window.phonefleet.widgets().
#include <string>
#include <string_view>
#include <vector>

namespace phonefleet::client::ui {

struct WidgetRecord {
    std::string label;
    std::string role;  // button, input, checkbox, combo, menu-item, text, cell, tooltip, tab, heading
    float x = 0, y = 0, w = 0, h = 0;  // CSS pixels, relative to the canvas
    bool enabled = true;
    std::string value;  // what a combo currently shows; empty (and not listed) otherwise
    std::string dialog;  // title of the dialog it is in; empty (and not listed) for the main view
    std::string row;     // key of the table row it belongs to (a MAC, a port); empty otherwise
};

class WidgetRegistry {
public:
    // `pixels_per_css_px`: ImGui draws in device pixels; records are kept in CSS pixels.
    void begin_frame(float pixels_per_css_px);
    // Publishes what this frame recorded as "the last frame" (called after rendering).
    void end_frame();

    // Records the last ImGui item under `label` (the part before any "##"), if it is visible.
    void record_last_item(std::string_view label, std::string_view role, bool enabled = true,
                          std::string_view value = {});

    // What later records belong to: a dialog (by its visible title) and a table row (by its key).
    void set_dialog(std::string_view title) { dialog_ = visible_label_of(title); }
    void set_row(std::string_view key) { row_ = std::string(key); }

    const std::vector<WidgetRecord>& last_frame() const { return last_; }
    std::string last_frame_json() const;

private:
    static std::string visible_label_of(std::string_view label);
    float scale_ = 1.0f;
    std::string dialog_;
    std::string row_;
    std::vector<WidgetRecord> current_;
    std::vector<WidgetRecord> last_;
};

WidgetRegistry& registry();

// The label a person sees: ImGui's "Text##id" and "Text###id" minus the id part.
std::string_view visible_label(std::string_view label);

}  // namespace phonefleet::client::ui
