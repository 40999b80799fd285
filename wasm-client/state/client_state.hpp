#pragma once
// Everything the views show, in one place. Views read it and ask the Controller for changes;
// only the Controller (and the callbacks it passes to the API) writes it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "phonefleet/device.hpp"
#include "phonefleet/messages.hpp"

namespace phonefleet::client {

enum class View { Login, Devices };

inline const char* view_name(View v) { return v == View::Login ? "login" : "devices"; }

struct LoginForm {
    char username[128] = {};
    char password[128] = {};
    bool submitting = false;
    std::string error;  // the server's detail, shown under the form
};

struct DeviceList {
    DevicePage page;
    int page_number = 1;  // 1-based, as the API counts
    int per_page = 200;
    bool loading = false;
    bool loaded = false;

    std::int64_t page_count() const { return page.total == 0 ? 1 : (page.total + per_page - 1) / per_page; }
};

struct ClientState {
    Language lang = Language::En;
    View view = View::Login;
    LoginForm login;

    std::string username;
    std::string role;
    std::vector<Customer> customers;
    bool customers_loading = false;
    std::optional<std::int64_t> selected_customer;
    DeviceList devices;

    std::string last_error;  // the latest failure outside the login form, shown in the top bar
    // Bumped at login and logout: answers to requests of an older session are dropped.
    int session = 0;
};

}  // namespace phonefleet::client
