#pragma once
// Everything the views show, in one place. Views read it and ask the Controller for changes;
// only the Controller (and the callbacks it passes to the API) writes it, except the text
// buffers of forms, which ImGui edits in place.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/api_client.hpp"
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

// The filters above the table (F1). The text is applied once the person stops typing.
struct DeviceFilters {
    DeviceQuery applied;        // what the list currently shows
    char text[128] = {};        // what the search field holds
    double text_edited_at = -1;  // ImGui time of the last keystroke not applied yet; -1: none
};

// The device list as a sparse cache of pages over the whole result (F1): the table is as
// tall as `total` rows and only the pages the person scrolls to are fetched.
struct DeviceList {
    static constexpr int kPerPage = 250;       // rows per request (the API allows up to 500)
    static constexpr int kMaxCachedPages = 64;  // beyond this, the pages farthest away go
    static constexpr int kMaxInFlight = 2;      // page requests at once; more would only queue

    std::map<int, std::vector<Device>> pages;  // 0-based page index -> its rows
    std::set<int> requested;                   // pages asked for and not answered yet
    std::int64_t total = 0;
    bool loaded = false;      // `total` is known for the current filters
    int generation = 0;       // bumped when the filters change: older answers are dropped
    bool scroll_to_top = false;

    const Device* row(std::int64_t index) const {
        auto it = pages.find(static_cast<int>(index / kPerPage));
        if (it == pages.end()) return nullptr;
        std::size_t i = static_cast<std::size_t>(index % kPerPage);
        return i < it->second.size() ? &it->second[i] : nullptr;
    }
};

// A message shown for a few seconds in the corner (success of an action).
struct Toast {
    std::string text;
    double until = 0;  // ImGui time
    bool error = false;
};

// Add device (F5): site, then an approved type, then the MAC.
struct AddDeviceDialog {
    bool open = false;
    bool just_opened = false;
    std::optional<std::int64_t> site_id;
    std::vector<DeviceType> approved;  // at site_id, from the server
    bool approved_loading = false;
    std::string approved_error;
    std::string device_type;
    char mac[64] = {};
    char multicell[32] = {};
    bool submitting = false;
    std::map<std::string, std::string> server_errors;  // field -> message, from a 422 / 409
    std::string error;                                  // anything else the server said
};

struct PortForm {
    char phone_number[32] = {};
    char extension[16] = {};
    char display_name[96] = {};
    std::map<std::string, std::string> server_errors;
};

// The device status panel (F2, F3, F10).
struct StatusPanel {
    bool open = false;
    bool just_opened = false;
    std::string mac;
    std::optional<DeviceStatus> status;
    bool loading = false;
    bool probe_missing = false;  // the server has no probe route yet (needs the SIP work)
    std::string probe_error;     // why probing now failed (the stored status is shown instead)
    std::string error;
    std::map<int, PortForm> forms;      // free ports' assign forms
    std::optional<int> busy_port;       // an assign / unassign in flight
    std::optional<LineCredentials> credentials;  // shown once, until dismissed or closed
};

// Confirmation of Remove (F6) or Reboot (F4), with the answer shown in place.
struct ConfirmDialog {
    bool open = false;
    bool just_opened = false;
    std::string mac;
    bool submitting = false;
    std::string error;
};

// The Import menu's dialogs (F8, F9): a file is checked in the browser with the shared
// validator, a slice per frame, then uploaded only when clean; the server checks it again.
enum class ImportPhase { Idle, Catalog, Validating, Done, Uploading };

struct ImportDialog {
    bool open = false;
    bool just_opened = false;
    bool instructions_open = false;
    bool instructions_just_opened = false;
    ImportPhase phase = ImportPhase::Idle;
    int generation = 0;           // bumped per file: answers about an older one are dropped
    std::string file_name;
    std::string bytes;            // the file as read, uploaded as is
    std::size_t validated = 0;    // bytes fed to the validator so far (the progress bar)
    std::size_t valid_rows = 0;
    std::size_t data_rows = 0;
    // Every problem by row: from the browser's check (message empty: drawn in the current
    // language) or from the server's 422 (its message, `server_checked`).
    std::vector<ImportProblem> problems;
    bool server_checked = false;
    char filter[128] = {};
    std::string error;            // the upload failed for another reason
    double started_at = 0;        // ImGui time the file arrived
    double work_ms = 0;           // time spent inside the validator
    double longest_slice_ms = 0;  // the most validation took in one frame
    int frames = 0;               // frames the validation spread over

    bool clean() const { return phase == ImportPhase::Done && problems.empty() && error.empty(); }
};

// Downloads in flight (template, export): their buttons wait meanwhile.
struct TransferState {
    bool template_loading = false;
    bool exporting = false;
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
    std::vector<Site> sites;              // of the selected customer
    std::vector<DeviceType> catalog;      // every device type
    DeviceFilters filters;
    DeviceList devices;

    AddDeviceDialog add;
    StatusPanel status;
    ConfirmDialog remove;
    ConfirmDialog reboot;
    ImportDialog import;
    TransferState transfer;
    std::vector<Toast> toasts;

    std::string last_error;  // the latest failure outside any dialog, shown above the table
    // Bumped at login and logout: answers to requests of an older session are dropped.
    int session = 0;
};

}  // namespace phonefleet::client
