#include "app/controller.hpp"

#include <cstring>

namespace phonefleet::client {

void Controller::set_language(Language lang) {
    state_.lang = lang;
    api_.set_language(lang);
}

std::string Controller::describe(const ApiError& error) const {
    if (error.status == 0) return std::string(text("ui.server_unreachable", state_.lang));
    if (!error.detail.empty()) return error.detail;
    // No detail from the server: the catalogue may know its code, else say what happened.
    if (has_text(error.code)) return std::string(text(error.code, state_.lang));
    return std::string(text("internal_error", state_.lang));
}

void Controller::fail(const ApiError& error) {
    if (error.status == 401) {
        // The session expired or was revoked: back to the form, with the server's reason.
        ++state_.session;
        api_.set_token("");
        state_.view = View::Login;
        state_.login.submitting = false;
        state_.login.error = describe(error);
        return;
    }
    state_.last_error = describe(error);
}

void Controller::log_in() {
    if (state_.login.submitting) return;
    state_.login.submitting = true;
    state_.login.error.clear();
    int session = ++state_.session;
    api_.login(state_.login.username, state_.login.password, [this, session](ApiResult<std::string> r) {
        if (session != state_.session) return;
        state_.login.submitting = false;
        if (!r.ok()) {
            state_.login.error = describe(r.error);
            return;
        }
        api_.set_token(*r.value);
        // The password leaves memory as soon as it has served.
        std::memset(state_.login.password, 0, sizeof state_.login.password);
        state_.username = state_.login.username;
        state_.last_error.clear();
        state_.view = View::Devices;
        api_.me([this, session](ApiResult<Me> me) {
            if (session != state_.session) return;
            if (!me.ok()) return fail(me.error);
            state_.username = me.value->username;
            state_.role = me.value->role;
        });
        load_customers();
    });
}

void Controller::log_out() {
    api_.logout([](ApiResult<Empty>) {});  // best effort: the local session ends regardless
    api_.set_token("");
    Language lang = state_.lang;
    int session = state_.session + 1;
    state_ = ClientState{};
    state_.lang = lang;
    state_.session = session;
}

void Controller::load_customers() {
    int session = state_.session;
    state_.customers_loading = true;
    api_.customers([this, session](ApiResult<std::vector<Customer>> r) {
        if (session != state_.session) return;
        state_.customers_loading = false;
        if (!r.ok()) return fail(r.error);
        state_.customers = std::move(*r.value);
        if (!state_.customers.empty()) select_customer(state_.customers.front().id);
    });
}

void Controller::select_customer(std::int64_t customer_id) {
    state_.selected_customer = customer_id;
    state_.devices = DeviceList{};
    load_devices();
}

void Controller::show_page(int page_number) {
    if (page_number < 1 || page_number > state_.devices.page_count()) return;
    state_.devices.page_number = page_number;
    load_devices();
}

void Controller::load_devices() {
    if (!state_.selected_customer) return;
    int session = state_.session;
    std::int64_t customer = *state_.selected_customer;
    int page = state_.devices.page_number;
    state_.devices.loading = true;
    api_.devices(customer, page, state_.devices.per_page,
                 [this, session, customer, page](ApiResult<DevicePage> r) {
                     // Drop answers that a newer choice (customer, page) made stale.
                     if (session != state_.session || state_.selected_customer != customer ||
                         state_.devices.page_number != page)
                         return;
                     state_.devices.loading = false;
                     if (!r.ok()) return fail(r.error);
                     state_.devices.page = std::move(*r.value);
                     state_.devices.loaded = true;
                     state_.last_error.clear();
                 });
}

}  // namespace phonefleet::client
