#pragma once
// What a person can do, as operations on ClientState through the API. Views call these; the
// answers come back through ApiClient::deliver() and update the state.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/api_client.hpp"
#include "phonefleet/import_validator.hpp"
#include "state/client_state.hpp"

namespace phonefleet::client {

class Controller {
public:
    // A search field applies its text after this pause in typing (device list, Line States).
    static constexpr double kSearchDebounceSeconds = 0.3;

    Controller(ClientState& state, ApiClient& api) : state_(state), api_(api) {}

    // Called once per frame with ImGui's clock: debounced filters, toasts.
    void tick(double now);
    // Work that needs every frame: a file validated in slices.
    bool needs_every_frame() const;

    void set_language(Language lang);
    void log_in();  // with the username and password of state.login
    void log_out();
    void select_customer(std::int64_t customer_id);

    // Device list (F1). Filters apply at once, except the text which waits for a pause.
    void set_site_filter(std::optional<std::int64_t> site_id);
    void set_type_filter(std::string device_type);
    void set_state_filter(std::optional<RegistrationState> state);
    void search_text_edited();
    // The table shows rows [first, last): fetches the pages they fall in that are missing.
    void need_rows(std::int64_t first, std::int64_t last);
    // Drops the cached pages (after a change) and fetches what is on screen again.
    void refresh_devices();

    // Add device (F5).
    void open_add_device();
    void add_choose_site(std::int64_t site_id);
    void add_choose_type(const std::string& name);
    void add_field_edited(const std::string& field);
    NewDevice add_input() const;
    // The shared rules (the server applies the same ones): one Error per field, empty when valid.
    std::vector<Error> add_errors() const;
    std::vector<Error> add_warnings() const;  // SPEC 5: shown as the MAC is typed, never blocking
    void submit_add_device();
    void close_add_device();

    // Device status panel (F2, F3) and its ports (F10).
    void open_status(const std::string& mac);
    void refresh_status();
    void close_status();
    LineAssignment port_input(int port) const;
    std::vector<Error> port_errors(int port) const;
    void assign_line(int port);
    void unassign_line(int port);
    void dismiss_credentials();

    // Remove (F6) and Reboot (F4), both after a confirmation.
    void open_remove(const std::string& mac);
    void confirm_remove();
    void close_remove();
    void open_reboot(const std::string& mac);
    void confirm_reboot();
    void close_reboot();

    // Import menu (F8, F9) and Export (F7). Files pass through the page: main.cpp hands the
    // platform's picker and download here, so this class stays free of platform code.
    struct FileHooks {
        std::function<void()> pick;
        std::function<void(const std::string& name, const std::string& mime, const std::string& content)> save;
    };
    void set_file_hooks(FileHooks hooks) { files_ = std::move(hooks); }
    void download_template();
    void open_import_instructions();
    void close_import_instructions();
    void pick_import_file();
    // A file chosen in the picker or dropped onto the page: fetches the customer's sites and
    // approved types, then validates it a slice per frame (tick) with the shared validator.
    void import_file(std::string name, std::string bytes);
    void upload_import();  // only a clean file; the server checks everything again
    void save_import_problems();
    void close_import();
    void export_devices();  // of the current site filter

    // The Line States page (F11, F13). Drawn while its tab shows: loads the first time.
    void show_line_states();
    void set_line_site_filter(std::optional<std::int64_t> site_id);
    void set_line_type_filter(std::string device_type);
    void set_line_state_filter(std::optional<RegistrationState> state);
    void line_search_edited();
    void need_line_rows(std::int64_t first, std::int64_t last);
    void refresh_line_states();
    // Downloads the CSV of the current filters; follows it in the server's queue meanwhile.
    void export_line_states();
    void set_tab(Tab tab) { state_.tab = tab; }

    // The wall displays of the customer (F14): list, create (its address shown once), revoke.
    void open_kiosk_tokens();
    void create_kiosk_token();
    void revoke_kiosk_token(std::int64_t id);
    void close_kiosk_tokens();
    void set_page_origin(std::string origin) { page_origin_ = std::move(origin); }

    // The kiosk (F14): a wall display with a kiosk token, nothing else.
    void start_kiosk(std::string token);

    void notify(std::string text, bool error = false);
    std::string describe(const ApiError& error) const;

private:
    // An answer belongs to the session that asked for it: one for an older session (logged out,
    // or in again, since) is dropped here, the one place that does it. Other staleness (a
    // dialog closed, filters changed) stays with each handler, which knows what it shows.
    template <typename Handler>
    auto for_this_session(Handler handler) {
        return [this, session = state_.session, handler = std::move(handler)](auto result) mutable {
            if (session == state_.session) handler(std::move(result));
        };
    }

    void load_customers();
    void load_sites();
    void load_catalog();
    void load_page(int page);
    void apply_filters(DeviceQuery query);
    void load_status(bool probe);
    // A failed call: an expired session goes back to the login form, anything else is shown.
    void fail(const ApiError& error);
    // An expired session (401) ends it; true when it did.
    bool session_expired(const ApiError& error);

    void start_validation(const CatalogView& catalog);
    void step_validation();

    void poll_reboot();
    void apply_line_filters(LineStateQuery query);
    void load_line_page(int page);
    void tick_line_states();
    void poll_export();
    void tick_kiosk();
    void refresh_kiosk();
    void load_kiosk_tokens();
    bool kiosk_answer(bool KioskTokensDialog::*pending, bool ok, const ApiError& error);

    ClientState& state_;
    ApiClient& api_;
    FileHooks files_;
    std::unique_ptr<ImportValidator> validator_;  // of state_.import, while it validates
    double now_ = 0;
    std::string page_origin_;  // "https://host": a kiosk address is given whole
};

}  // namespace phonefleet::client
