#include <algorithm>
#include <string>

#include "ui/widgets.hpp"
#include "views/views.hpp"

namespace phonefleet::client::views {

void draw_login_view(ClientState& state, Controller& controller) {
    auto t = [&](const char* key) { return std::string(text(key, state.lang)); };
    LoginForm& form = state.login;

    // A centred card of a readable width, whatever the window size. ImGui 1.86 child windows
    // cannot fit their content's height, so the card is a group with its frame drawn behind it.
    const float em = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float pad = em;
    const float width = std::min(avail.x - 2 * pad, 24 * em);
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + (avail.x - width) / 2,
                               ImGui::GetCursorPosY() + std::max(pad, avail.y / 2 - 9 * em)));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::BeginGroup();
    ImGui::PushItemWidth(width);

    ui::heading(t("ui.login.title"));
    ImGui::Spacing();
    const bool idle = !form.submitting;
    // Enter in either field submits the form, as on any login page.
    bool enter = ui::input_text(t("ui.login.username").c_str(), "##username", form.username, sizeof form.username,
                                ImGuiInputTextFlags_EnterReturnsTrue, idle);
    enter |= ui::input_text(t("ui.login.password").c_str(), "##password", form.password,
                                      sizeof form.password,
                                      ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue,
                                      idle);
    ImGui::Spacing();
    const bool filled = form.username[0] != '\0' && form.password[0] != '\0';
    const std::string button = t("ui.login.button") + "###login";
    // Disabled while the request is in flight: one click, one attempt.
    if ((ui::button(button.c_str(), idle && filled) || (enter && idle && filled))) controller.log_in();
    if (form.submitting) {
        ImGui::SameLine();
        ui::text(t("ui.login.in_progress"));
    }
    if (!form.error.empty()) {
        ImGui::Spacing();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ui::text_colored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), form.error);
        ImGui::PopTextWrapPos();
    }
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    draw->ChannelsSetCurrent(0);
    const ImVec2 min(ImGui::GetItemRectMin().x - pad, ImGui::GetItemRectMin().y - pad);
    const ImVec2 max(ImGui::GetItemRectMin().x + width + pad, ImGui::GetItemRectMax().y + pad);
    const float rounding = 0.4f * em;
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_PopupBg), rounding);
    draw->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), rounding);
    draw->ChannelsMerge();
}

}  // namespace phonefleet::client::views
