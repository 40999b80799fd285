#pragma once
// The screens of the client. Each draws from ClientState and acts through the Controller.
#include "app/controller.hpp"
#include "state/client_state.hpp"

namespace phonefleet::client::views {

// Title, tabs (when logged in), FR/EN switch, Log out.
void draw_top_bar(ClientState& state, Controller& controller);
void draw_login_view(ClientState& state, Controller& controller);
void draw_devices_view(ClientState& state, Controller& controller);

}  // namespace phonefleet::client::views
