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
#include "state/paged_rows.hpp"
#include "phonefleet/device.hpp"
#include "phonefleet/import_validator.hpp"
#include "phonefleet/messages.hpp"

namespace phonefleet::client {

// Login, then the tabs of a logged-in person (Devices, Line States); Kiosk is the wall
// display of /kiosk (F14), which never shows the others.
enum class View { Login, Devices, Kiosk };
enum class Tab { Devices, LineStates };

inline const char* view_name(View v, Tab tab) {
    if (v == View::Login) return "login";
    if (v == View::Kiosk) return "kiosk";
    return tab == Tab::LineStates ? "line-states" : "devices";
}

struct LoginForm {
    char username[128] = {};
    char password[128] = {};
    bool submitting = false;
    std::string error;  // the server's detail, shown under the form
};

// The filters above a table (F1, F11). The text is applied once the person stops typing.
struct DeviceFilters {
    DeviceQuery applied;        // what the list currently shows
    char text[128] = {};        // what the search field holds
    double text_edited_at = -1;  // ImGui time of the last keystroke not applied yet; -1: none
};

using DeviceList = PagedRows<Device>;

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
    bool probing = false;        // the request in flight is a probe (OPTIONS to the phone)
    bool probe_missing = false;  // the server has no probe route yet (needs the SIP work)
    std::string probe_error;     // why probing now failed (the stored status is shown instead)
    std::string error;
    std::map<int, PortForm> forms;      // free ports' assign forms
    std::optional<int> busy_port;       // an assign / unassign in flight
    std::optional<LineCredentials> credentials;  // shown once, until dismissed or closed
};

// Confirmation of Remove (F6) or Reboot (F4), with the answer shown in place. A reboot then
// stays open to follow it live: sent, accepted by the phone, then confirmed when the phone
// registers again (or not within the server's window).
struct ConfirmDialog {
    bool open = false;
    bool just_opened = false;
    std::string mac;
    bool submitting = false;
    std::string error;
    bool sent = false;                   // the server sent the NOTIFY (whatever the phone said)
    std::optional<RebootReport> reboot;  // what the server says of it, polled until final
    bool polling = false;                // a status request in flight
    double next_poll = 0;                // ImGui time
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
    // What the import proceeds despite (SPEC 5: a MAC of another vendor than its type's), the same way.
    std::vector<ImportProblem> warnings;
    // The file's own header cell of each recognised column, from the browser's check: the person
    // fixing the file looks for "Type d'appareil", not for the canonical "device_type".
    std::vector<ImportColumnHeader> headers;
    bool server_checked = false;
    char filter[128] = {};
    std::string error;            // the upload failed for another reason
    double started_at = 0;        // ImGui time the file arrived
    double work_ms = 0;           // time spent inside the validator
    double longest_slice_ms = 0;  // the most validation took in one frame
    int frames = 0;               // frames the validation spread over

    bool clean() const { return phase == ImportPhase::Done && problems.empty() && error.empty(); }

    // A problem's column as the file names it (the canonical name when the file has none).
    std::string_view column_shown(const ImportProblem& p) const {
        const std::string_view as_written = header_as_written(headers, p.column);
        return as_written.empty() ? std::string_view(p.column) : as_written;
    }
    // A problem's message in `lang`: the server's as it came, else built here naming the column
    // as the file does ("Le champ Adresse MAC est obligatoire.").
    std::string message_of(const ImportProblem& p, Language lang) const {
        if (!p.message.empty()) return p.message;
        return message(ImportError{p.row, p.column, p.value, p.code, p.args}, headers, lang);
    }
};

// Downloads in flight (template, export): their buttons wait meanwhile.
struct TransferState {
    bool template_loading = false;
    bool exporting = false;
};

// The line-state export (F13) as the person sees it: asked, waiting in the server's queue
// (its place), running, done (the file saved), refused (why, and when to try again).
enum class ExportPhase { Idle, Asked, Queued, Running, Done, Refused };

struct LineStateExport {
    ExportPhase phase = ExportPhase::Idle;
    int generation = 0;        // bumped per export: answers about an older one are dropped
    int position = 0;          // place in the server's queue while Queued
    std::string file_name;     // Done: the file saved
    bool cache_hit = false;    // Done: another user's identical export answered it
    std::string message;       // Refused: the server's reason
    double retry_at = 0;       // Refused: ImGui time after which trying again may work
    double next_poll = 0;      // ImGui time of the next export-status request
    bool polling = false;

    // Asked and not answered yet: the server holds it queued or running.
    bool in_progress() const {
        return phase == ExportPhase::Asked || phase == ExportPhase::Queued || phase == ExportPhase::Running;
    }
};

// The wall displays of a customer (F14), from the Line States page: kiosk tokens listed,
// created (the address shown once) and revoked.
struct KioskTokensDialog {
    bool open = false;
    bool just_opened = false;
    std::vector<KioskTokenInfo> items;
    bool loading = false;
    char name[64] = {};
    bool busy = false;           // a create or revoke in flight
    std::string created_url;     // the new display's address, shown this once
    std::string error;
};

// The Line States page (F11): every line port of one site or all, filtered, counted, coloured.
struct LineStatesPage {
    bool requested = false;  // loaded for the current customer once the tab was shown
    DeviceFilters filters;
    PagedRows<LineStateRow> rows;
    LineStateCounts counts;              // every filter but the state
    std::vector<SiteLineStates> by_site;
    bool export_enabled = false;         // F12: the provider's switch
    LineStateExport exporting;
    KioskTokensDialog kiosks;
};

// The wall display (F14): counts per state and site, the lines that are not Registered,
// refreshed by itself; it keeps the last good data on screen while the server is away.
struct KioskState {
    std::optional<std::int64_t> customer_id;  // of the token, from /me
    std::string name;                         // the token's name (the display's)
    bool have_data = false;
    LineStateCounts counts;
    std::vector<SiteLineStates> by_site;
    std::vector<LineStateRow> problems;  // aged first, then unregistered (a screenful)
    std::int64_t aged_total = 0;
    std::int64_t unregistered_total = 0;
    std::int64_t updated_at = 0;  // Unix seconds of the last good refresh
    int pending = 0;              // requests of the current refresh in flight
    int failures = 0;             // refreshes failed in a row (the retry backs off)
    std::string error;            // why the last refresh failed; empty when it worked
    double next_refresh = 0;      // ImGui time
};

struct ClientState {
    Language lang = Language::En;
    View view = View::Login;
    Tab tab = Tab::Devices;
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
    LineStatesPage line_states;
    KioskState kiosk;
    std::vector<Toast> toasts;

    std::string last_error;  // the latest failure outside any dialog, shown above the table
    // Bumped at login and logout: answers to requests of an older session are dropped.
    int session = 0;
};

}  // namespace phonefleet::client
