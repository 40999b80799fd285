#include <string>

#include "ui/widgets.hpp"
#include "views/views.hpp"

namespace phonefleet::client::views {
namespace {

std::string t(const ClientState& s, const char* key) { return std::string(text(key, s.lang)); }

// The switch shows both languages; the current one is drawn as selected.
void language_button(ClientState& state, Controller& controller, Language lang, const char* label) {
    bool current = state.lang == lang;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ui::button(label) && !current) controller.set_language(lang);
    if (current) ImGui::PopStyleColor();
}

}  // namespace

void draw_top_bar(ClientState& state, Controller& controller) {
    ui::heading(t(state, "ui.app.title"));

    // Right-aligned group: [user] [EN] [FR] [Log out]
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string logout = t(state, "ui.logout") + "###logout";
    const bool logged_in = state.view != View::Login;
    float right = ImGui::CalcTextSize("EN").x + ImGui::CalcTextSize("FR").x +
                  4 * style.FramePadding.x + style.ItemSpacing.x;
    if (logged_in) {
        right += ImGui::CalcTextSize(state.username.c_str()).x + style.ItemSpacing.x;
        right += ImGui::CalcTextSize(logout.c_str(), nullptr, true).x + 2 * style.FramePadding.x +
                 style.ItemSpacing.x;
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - right);
    if (logged_in) {
        ImGui::AlignTextToFramePadding();
        ui::text(state.username);
        ImGui::SameLine();
    }
    language_button(state, controller, Language::En, "EN");
    ImGui::SameLine();
    language_button(state, controller, Language::Fr, "FR");
    if (logged_in) {
        ImGui::SameLine();
        if (ui::button(logout.c_str())) controller.log_out();
    }
    ImGui::Separator();
}

}  // namespace phonefleet::client::views
