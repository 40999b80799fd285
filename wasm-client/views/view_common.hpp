#pragma once
// What the Devices tab's views share: state colours and names, catalogue helpers, formats.
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "phonefleet/messages.hpp"
#include "phonefleet/line_state.hpp"
#include "app/controller.hpp"
#include "state/client_state.hpp"

namespace phonefleet::client::views {

inline const ImVec4 kErrorColor(0.75f, 0.1f, 0.1f, 1.0f);
inline const ImVec4 kWarningColor(0.65f, 0.38f, 0.0f, 1.0f);
inline const ImVec4 kMutedColor(0.4f, 0.4f, 0.4f, 1.0f);

// Registered is the one healthy state (SPEC 3): green; Aged needs a look: amber; else grey.
ImVec4 state_color(RegistrationState s);
const char* state_key(RegistrationState s);

// Where a modal dialog appears: its size (0: fits its content) and where it is anchored.
struct ModalLayout {
    ImVec2 size{0, 0};
    float anchor_y = 1.0f / 3;  // of the screen's height
    float pivot_y = 0.3f;       // of the dialog's height
    ImGuiWindowFlags flags = 0;
};
// A dialog as every view opens one: opened on the frame `just_opened` says, closed once `open`
// went false (ImGui keeps a popup open until told otherwise); its [x] calls `closed`. True
// while its content is to be drawn; then the caller calls end_modal(). It appears at the
// layout's anchor and then stays in place: a message appearing under a field makes the dialog
// grow downwards instead of moving every button under the mouse.
bool begin_modal(const std::string& title, const char* id, bool open, bool& just_opened,
                 const std::function<void()>& closed, const ModalLayout& layout = {});
void end_modal();

// The customer whose data the tab shows: a combo when the person sees several.
void draw_customer_picker(ClientState& state, Controller& controller);

// What the filter row does when the person changes a filter.
struct FilterActions {
    std::function<void(std::optional<std::int64_t>)> site;
    std::function<void(std::string)> type;
    std::function<void(std::optional<RegistrationState>)> state;
    std::function<void()> text_edited;  // the search text changed (applied after a pause)
};
// Site (or all sites), type, state and search text on one line; `id` keeps two tabs' apart.
void draw_list_filters(ClientState& state, DeviceFilters& filters, const char* id, const FilterActions& on);
// A coloured square and its meaning for each state.
void draw_state_legend(const ClientState& state);

// A small square in the state's colour, on the text line (legends and counts).
void state_swatch(RegistrationState s);

// The scrolling, resizable table of a long list (Devices, Line States); scrolls back to the top
// once when `scroll_to_top` is set. Then list_column() for each column.
bool begin_list_table(const char* id, int columns, bool& scroll_to_top);
// A column headed by the catalogue text of `key`; `id` keeps its width when the language changes.
void list_column(const ClientState& state, const char* key, const char* id, float weight);
// The rows of a virtualised list table that are on screen, each after TableNextRow: only those
// are laid out, whatever `total` is. Returns the widest range shown, the rows whose pages the
// controller should have.
struct ShownRows {
    int first = 0, last = 0;
};
ShownRows draw_visible_rows(std::int64_t total, const std::function<void(int row)>& draw_row);
// A row whose page has not arrived yet: a placeholder in each of `cells` columns.
void placeholder_cells(int cells, bool align_to_frame);
// The next column of a row that also holds buttons: the text on the buttons' baseline.
void framed_cell(std::string_view text, const ImVec4* color = nullptr);

// "Registered: 12" ("Enregistré : 12" in French typography).
std::string count_of(RegistrationState s, std::int64_t n, Language lang);

// "00:AA:6E:33:D7:48" from the normalised form (as the guide shows it); unchanged if not a MAC.
std::string format_mac(const std::string& mac);
// "2025-11-25 23:01:00 Europe/Paris" from Unix seconds, in the time zone set below (an
// administrator reads local time; CSV and the API keep UTC); the catalogue's N/A when absent.
std::string format_time(const std::optional<std::int64_t>& seconds, Language lang);
// The browser's time zone by name; until set (or set empty), times are shown in UTC.
void set_time_zone(std::string name);

}  // namespace phonefleet::client::views
