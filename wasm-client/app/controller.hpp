#pragma once
// What a person can do, as operations on ClientState through the API. Views call these; the
// answers come back through ApiClient::deliver() and update the state.
#include <cstdint>

#include "api/api_client.hpp"
#include "state/client_state.hpp"

namespace phonefleet::client {

class Controller {
public:
    Controller(ClientState& state, ApiClient& api) : state_(state), api_(api) {}

    void set_language(Language lang);
    void log_in();  // with the username and password of state.login
    void log_out();
    void select_customer(std::int64_t customer_id);
    void show_page(int page_number);

private:
    void load_customers();
    void load_devices();
    // A failed call: an expired session goes back to the login form, anything else is shown.
    void fail(const ApiError& error);
    std::string describe(const ApiError& error) const;

    ClientState& state_;
    ApiClient& api_;
};

}  // namespace phonefleet::client
