#pragma once
// The screens of the client. Each draws from ClientState and acts through the Controller.
#include "app/controller.hpp"
#include "state/client_state.hpp"

namespace phonefleet::client::views {

// Title, tabs (when logged in), FR/EN switch, Log out.
void draw_top_bar(ClientState& state, Controller& controller);
void draw_login_view(ClientState& state, Controller& controller);
// The Devices tab: filters, the virtualised table, the Actions menu of each row.
void draw_devices_view(ClientState& state, Controller& controller);

// The Line States page under the Devices tab (F11, F13).
void draw_line_states_view(ClientState& state, Controller& controller);
// The wall display of /kiosk (F14); without a token in the address, how to get one.
void draw_kiosk_view(ClientState& state);
void draw_kiosk_without_token(const ClientState& state);

// The Devices tab's dialogs (modal): Add device (F5), device status and ports (F2, F3, F10),
// Remove and Reboot confirmations (F6, F4).
void draw_add_device_dialog(ClientState& state, Controller& controller);
void draw_status_panel(ClientState& state, Controller& controller);
void draw_confirm_dialogs(ClientState& state, Controller& controller);
// The Import menu and Export button (F7, F8, F9), drawn on the tab's first line, and the
// import and instructions dialogs.
float transfer_buttons_width(const ClientState& state);
void draw_transfer_buttons(ClientState& state, Controller& controller);
void draw_import_dialogs(ClientState& state, Controller& controller);
// Notifications in the bottom-right corner, over everything.
void draw_toasts(const ClientState& state);

}  // namespace phonefleet::client::views
