#include "app/controller.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "phonefleet/csv_writer.hpp"
#include "phonefleet/text_fold.hpp"

namespace phonefleet::client {
namespace {

constexpr double kToastSeconds = 5.0;
// Validation of an import file shares each frame with drawing: at most this long per frame,
// in pieces small enough to check the clock often (a 100,000-row file spreads over frames).
constexpr auto kValidationSlice = std::chrono::milliseconds(8);
constexpr std::size_t kValidationPiece = 16 * 1024;

// What a text field holds, without the blanks around it.
std::string trimmed(const char* s) { return std::string(trim_blanks(s)); }

bool unknown_route(const ApiError& e) { return e.status == 404 && e.code == "not_found"; }

}  // namespace

void Controller::tick(double now) {
    now_ = now;
    DeviceFilters& f = state_.filters;
    if (f.text_edited_at >= 0 && now - f.text_edited_at >= kSearchDebounceSeconds) {
        f.text_edited_at = -1;
        DeviceQuery q = f.applied;
        q.text = trimmed(f.text);
        apply_filters(std::move(q));
    }
    step_validation();
    poll_reboot();
    tick_line_states();
    tick_kiosk();
    auto& toasts = state_.toasts;
    toasts.erase(std::remove_if(toasts.begin(), toasts.end(), [now](const Toast& t) { return t.until < now; }),
                 toasts.end());
}

bool Controller::needs_every_frame() const { return state_.import.phase == ImportPhase::Validating; }

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

bool Controller::session_expired(const ApiError& error) {
    if (error.status != 401) return false;
    // The session expired or was revoked: back to the form, with the server's reason.
    Language lang = state_.lang;
    int session = state_.session + 1;
    std::string reason = describe(error);
    api_.set_token("");
    state_ = ClientState{};
    state_.lang = lang;
    state_.session = session;
    state_.login.error = std::move(reason);
    return true;
}

void Controller::fail(const ApiError& error) {
    if (session_expired(error)) return;
    state_.last_error = describe(error);
}

void Controller::notify(std::string message_text, bool error) {
    state_.toasts.push_back({std::move(message_text), now_ + kToastSeconds, error});
}

void Controller::log_in() {
    if (state_.login.submitting) return;
    state_.login.submitting = true;
    state_.login.error.clear();
    ++state_.session;  // a new session: answers to the previous one's requests are dropped
    api_.login(state_.login.username, state_.login.password, for_this_session([this](ApiResult<std::string> r) {
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
        api_.me(for_this_session([this](ApiResult<Me> me) {
            if (!me.ok()) return fail(me.error);
            state_.username = me.value->username;
            state_.role = me.value->role;
        }));
        load_customers();
        load_catalog();
    }));
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
    state_.customers_loading = true;
    api_.customers(for_this_session([this](ApiResult<std::vector<Customer>> r) {
        state_.customers_loading = false;
        if (!r.ok()) return fail(r.error);
        state_.customers = std::move(*r.value);
        if (!state_.customers.empty()) select_customer(state_.customers.front().id);
    }));
}

void Controller::load_catalog() {
    api_.device_types(for_this_session([this](ApiResult<std::vector<DeviceType>> r) {
        if (!r.ok()) return fail(r.error);
        state_.catalog = std::move(*r.value);
    }));
}

void Controller::load_sites() {
    if (!state_.selected_customer) return;
    std::int64_t customer = *state_.selected_customer;
    api_.sites(customer, for_this_session([this, customer](ApiResult<std::vector<Site>> r) {
        if (state_.selected_customer != customer) return;
        if (!r.ok()) return fail(r.error);
        state_.sites = std::move(*r.value);
    }));
}

void Controller::select_customer(std::int64_t customer_id) {
    state_.selected_customer = customer_id;
    state_.sites.clear();
    state_.filters = DeviceFilters{};
    int generation = state_.devices.generation + 1;
    state_.devices = DeviceList{};
    state_.devices.generation = generation;
    state_.devices.scroll_to_top = true;
    state_.devices.requested.insert(0);
    // The Line States page follows the customer too; it loads when its tab shows.
    state_.line_states = LineStatesPage{};
    load_sites();
    load_page(0);
}

// ---- device list -------------------------------------------------------------------------

void Controller::apply_filters(DeviceQuery query) {
    if (query == state_.filters.applied) return;
    state_.filters.applied = std::move(query);
    DeviceList& list = state_.devices;
    list.drop_rows();
    list.scroll_to_top = true;
    list.requested.insert(0);
    load_page(0);
}

void Controller::set_site_filter(std::optional<std::int64_t> site_id) {
    DeviceQuery q = state_.filters.applied;
    q.site_id = site_id;
    apply_filters(std::move(q));
}

void Controller::set_type_filter(std::string device_type) {
    DeviceQuery q = state_.filters.applied;
    q.device_type = std::move(device_type);
    apply_filters(std::move(q));
}

void Controller::set_state_filter(std::optional<RegistrationState> s) {
    DeviceQuery q = state_.filters.applied;
    q.state = s;
    apply_filters(std::move(q));
}

void Controller::search_text_edited() { state_.filters.text_edited_at = now_; }

void Controller::refresh_devices() {
    DeviceList& list = state_.devices;
    // The table keeps its height and scroll position; the rows on screen are fetched again
    // by the next frame's need_rows().
    list.drop_rows();
    if (!list.loaded) {
        list.requested.insert(0);
        load_page(0);
    }
}

void Controller::need_rows(std::int64_t first, std::int64_t last) {
    for (int page : state_.devices.pages_to_fetch(first, last)) load_page(page);
}

// Fetches one page of the list; the caller marked it requested.
void Controller::load_page(int page) {
    if (!state_.selected_customer) return;
    DeviceList& list = state_.devices;
    int generation = list.generation;
    std::int64_t customer = *state_.selected_customer;
    api_.devices(customer, state_.filters.applied, page + 1, DeviceList::kPerPage,
                 for_this_session([this, generation, customer, page](ApiResult<DevicePage> r) {
                     // Drop answers that a newer choice (customer, filters, refresh) made stale.
                     DeviceList& list = state_.devices;
                     if (state_.selected_customer != customer ||
                         list.generation != generation)
                         return;
                     list.requested.erase(page);
                     if (!r.ok()) return fail(r.error);
                     list.total = r.value->total;
                     list.loaded = true;
                     list.pages[page] = std::move(r.value->items);
                     state_.last_error.clear();
                 }));
}

// ---- add device ----------------------------------------------------------------------------

void Controller::open_add_device() {
    state_.add = AddDeviceDialog{};
    state_.add.open = true;
    state_.add.just_opened = true;
    // One site: nothing to choose.
    if (state_.sites.size() == 1) add_choose_site(state_.sites.front().id);
}

void Controller::close_add_device() { state_.add.open = false; }

void Controller::add_choose_site(std::int64_t site_id) {
    AddDeviceDialog& add = state_.add;
    if (add.site_id == site_id) return;
    add.site_id = site_id;
    add.device_type.clear();  // approvals differ per site
    add.approved.clear();
    add.approved_error.clear();
    add.server_errors.erase("site_id");
    add.server_errors.erase("device_type");
    if (!state_.selected_customer) return;
    add.approved_loading = true;
    api_.approved_types(*state_.selected_customer, site_id,
                        for_this_session([this, site_id](ApiResult<std::vector<DeviceType>> r) {
                            AddDeviceDialog& a = state_.add;
                            if (a.site_id != site_id) return;
                            a.approved_loading = false;
                            if (!r.ok()) {
                                if (session_expired(r.error)) return;
                                a.approved_error = describe(r.error);
                                return;
                            }
                            a.approved = std::move(*r.value);
                            // One approved type: nothing to choose.
                            if (a.approved.size() == 1) a.device_type = a.approved.front().name;
                        }));
}

void Controller::add_choose_type(const std::string& name) {
    state_.add.device_type = name;
    state_.add.server_errors.erase("device_type");
    state_.add.server_errors.erase("multicell_station_id");
}

void Controller::add_field_edited(const std::string& field) {
    state_.add.server_errors.erase(field);
    state_.add.error.clear();
}

NewDevice Controller::add_input() const {
    const AddDeviceDialog& add = state_.add;
    NewDevice in;
    in.site_id = add.site_id;
    in.device_type = add.device_type;
    in.mac = trimmed(add.mac);
    const DeviceType* type = find_device_type(add.approved, add.device_type);
    std::string multicell = trimmed(add.multicell);
    // The station ID belongs to DECT bases only; the field is hidden (and ignored) otherwise.
    if (type && type->dect && !multicell.empty()) in.multicell_station_id = multicell;
    return in;
}

std::vector<Error> Controller::add_warnings() const { return new_device_warnings(add_input(), state_.add.approved); }

std::vector<Error> Controller::add_errors() const {
    const AddDeviceDialog& add = state_.add;
    std::vector<SiteApprovals> sites;
    for (const Site& s : state_.sites) {
        if (s.id != add.site_id) continue;
        SiteApprovals approvals{s, {}};
        for (const DeviceType& t : add.approved) approvals.approved_types.push_back(t.name);
        sites.push_back(std::move(approvals));
    }
    return validate_new_device(add_input(), sites, add.approved);
}

void Controller::submit_add_device() {
    AddDeviceDialog& add = state_.add;
    if (add.submitting || !state_.selected_customer || !add_errors().empty()) return;
    add.submitting = true;
    add.error.clear();
    add.server_errors.clear();
    api_.add_device(*state_.selected_customer, add_input(), for_this_session([this](ApiResult<DeviceStatus> r) {
        AddDeviceDialog& a = state_.add;
        a.submitting = false;
        if (!r.ok()) {
            if (session_expired(r.error)) return;
            for (const FieldProblem& p : r.error.errors) a.server_errors[p.field] = p.message;
            if (r.error.code == "mac_exists") a.server_errors["mac"] = describe(r.error);
            else if (r.error.errors.empty()) a.error = describe(r.error);
            return;
        }
        a.open = false;
        notify(fill("ui.add.saved", r.value->device.mac, state_.lang));
        refresh_devices();
    }));
}

// ---- status panel --------------------------------------------------------------------------

void Controller::open_status(const std::string& mac) {
    state_.status = StatusPanel{};
    state_.status.open = true;
    state_.status.just_opened = true;
    state_.status.mac = mac;
    load_status(/*probe=*/true);
}

void Controller::close_status() {
    // The SIP password leaves memory with the panel.
    state_.status = StatusPanel{};
}

void Controller::refresh_status() { load_status(!state_.status.probe_missing); }

void Controller::load_status(bool probe) {
    StatusPanel& panel = state_.status;
    panel.loading = true;
    panel.probing = probe;
    panel.error.clear();
    if (probe) panel.probe_error.clear();
    std::string mac = panel.mac;
    auto done = for_this_session([this, mac, probe](ApiResult<DeviceStatus> r) {
        StatusPanel& p = state_.status;
        if (!p.open || p.mac != mac) return;
        if (!r.ok() && probe && r.error.status != 401) {
            // No probe route on this server yet (it comes with the SIP work), or the probe
            // failed: say so, and show the stored status anyway.
            if (unknown_route(r.error)) p.probe_missing = true;
            else p.probe_error = describe(r.error);
            load_status(false);
            return;
        }
        p.loading = false;
        if (!r.ok()) {
            if (session_expired(r.error)) return;
            p.error = describe(r.error);
            return;
        }
        p.status = std::move(*r.value);
    });
    if (probe) api_.probe(mac, done);
    else api_.device_status(mac, done);
}

LineAssignment Controller::port_input(int port) const {
    LineAssignment line;
    auto it = state_.status.forms.find(port);
    if (it == state_.status.forms.end()) return line;
    line.phone_number = trimmed(it->second.phone_number);
    line.extension = trimmed(it->second.extension);
    line.display_name = trimmed(it->second.display_name);
    return line;
}

std::vector<Error> Controller::port_errors(int port) const {
    const int ports = state_.status.status ? state_.status.status->ports : 0;
    return validate_line(port_input(port), port, ports);
}

void Controller::assign_line(int port) {
    StatusPanel& panel = state_.status;
    if (panel.busy_port || !port_errors(port).empty()) return;
    panel.busy_port = port;
    panel.error.clear();
    panel.forms[port].server_errors.clear();
    std::string mac = panel.mac;
    api_.assign_line(mac, port, port_input(port), for_this_session([this, mac, port](ApiResult<LineCredentials> r) {
        StatusPanel& p = state_.status;
        if (!p.open || p.mac != mac) return;
        p.busy_port.reset();
        if (!r.ok()) {
            if (session_expired(r.error)) return;
            PortForm& form = p.forms[port];
            for (const FieldProblem& e : r.error.errors) form.server_errors[e.field] = e.message;
            if (r.error.code == "phone_number_exists") form.server_errors["phone_number"] = describe(r.error);
            else if (r.error.errors.empty()) p.error = describe(r.error);
            return;
        }
        notify(fill("ui.status.assigned", r.value->line.phone_number, state_.lang));
        p.credentials = std::move(*r.value);
        p.forms.erase(port);
        load_status(false);
        refresh_devices();
    }));
}

void Controller::unassign_line(int port) {
    StatusPanel& panel = state_.status;
    if (panel.busy_port) return;
    panel.busy_port = port;
    panel.error.clear();
    std::string mac = panel.mac;
    api_.unassign_line(mac, port, for_this_session([this, mac, port](ApiResult<Empty> r) {
        StatusPanel& p = state_.status;
        if (!p.open || p.mac != mac) return;
        p.busy_port.reset();
        if (!r.ok()) {
            if (session_expired(r.error)) return;
            p.error = describe(r.error);
            return;
        }
        if (p.credentials && p.credentials->line.port == port) p.credentials.reset();
        notify(fill("ui.status.unassigned", std::to_string(port), state_.lang));
        load_status(false);
        refresh_devices();
    }));
}

void Controller::dismiss_credentials() { state_.status.credentials.reset(); }

// ---- remove, reboot ------------------------------------------------------------------------

void Controller::open_remove(const std::string& mac) {
    state_.remove = ConfirmDialog{};
    state_.remove.open = state_.remove.just_opened = true;
    state_.remove.mac = mac;
}

void Controller::close_remove() { state_.remove.open = false; }

void Controller::confirm_remove() {
    ConfirmDialog& d = state_.remove;
    if (d.submitting) return;
    d.submitting = true;
    d.error.clear();
    std::string mac = d.mac;
    api_.remove_device(mac, for_this_session([this, mac](ApiResult<Empty> r) {
        ConfirmDialog& dlg = state_.remove;
        if (dlg.mac != mac) return;
        dlg.submitting = false;
        if (!r.ok()) {
            if (session_expired(r.error)) return;
            dlg.error = describe(r.error);
            return;
        }
        dlg.open = false;
        if (state_.status.mac == mac) close_status();
        notify(fill("ui.remove.done", mac, state_.lang));
        refresh_devices();
    }));
}

void Controller::open_reboot(const std::string& mac) {
    state_.reboot = ConfirmDialog{};
    state_.reboot.open = true;
    state_.reboot.just_opened = true;
    state_.reboot.mac = mac;
}

void Controller::close_reboot() { state_.reboot.open = false; }

namespace {
// A reboot the server may still change: accepted, until the phone registers again or the
// window passes ("sent" only while the server waits for the phone's answer).
bool reboot_pending(const std::optional<RebootReport>& r) { return r && (r->state == "accepted" || r->state == "sent"); }
constexpr double kRebootPollSeconds = 1.5;
}  // namespace

void Controller::confirm_reboot() {
    ConfirmDialog& d = state_.reboot;
    if (d.submitting || d.reboot) return;
    d.submitting = true;
    d.error.clear();
    std::string mac = d.mac;
    api_.reboot(mac, for_this_session([this, mac](ApiResult<RebootReport> r) {
        ConfirmDialog& dlg = state_.reboot;
        if (dlg.mac != mac) return;
        dlg.submitting = false;
        // Accepted, refused or unanswered: the NOTIFY left; a phone not registered never got one.
        dlg.sent = r.ok() || r.error.code == "reboot_refused" || r.error.code == "reboot_no_answer";
        if (!r.ok()) {
            if (session_expired(r.error)) return;
            // Refused by the phone (its SIP answer is in the detail), no answer, not registered:
            // said in the dialog, never as done.
            dlg.error = unknown_route(r.error) ? std::string(text("ui.reboot.needs_sip", state_.lang))
                                               : describe(r.error);
            return;
        }
        dlg.reboot = std::move(*r.value);
        dlg.next_poll = now_ + kRebootPollSeconds;
        notify(fill("ui.reboot.accepted", mac, state_.lang));
    }));
}

// While a reboot is accepted and not yet confirmed, asks the device's status now and then:
// the server marks it confirmed when the phone registers again (F4).
void Controller::poll_reboot() {
    ConfirmDialog& d = state_.reboot;
    if (!d.open || d.polling || !reboot_pending(d.reboot) || now_ < d.next_poll) return;
    d.polling = true;
    std::string mac = d.mac;
    api_.device_status(mac, for_this_session([this, mac](ApiResult<DeviceStatus> r) {
        ConfirmDialog& dlg = state_.reboot;
        if (dlg.mac != mac) return;
        dlg.polling = false;
        dlg.next_poll = now_ + kRebootPollSeconds;
        if (!r.ok()) {
            if (session_expired(r.error)) return;
            return;  // a missed poll is retried; the dialog keeps what it knows
        }
        if (r.value->reboot) dlg.reboot = r.value->reboot;
        if (!reboot_pending(dlg.reboot)) {
            if (dlg.reboot->state == "confirmed") notify(fill("ui.reboot.confirmed_toast", mac, state_.lang));
            if (state_.status.open && state_.status.mac == mac) state_.status.status = std::move(*r.value);
            refresh_devices();
        }
    }));
}

// ---- import (F8, F9), export (F7) ------------------------------------------------------------

void Controller::download_template() {
    TransferState& tr = state_.transfer;
    if (tr.template_loading || !state_.selected_customer) return;
    tr.template_loading = true;
    const std::string name = "phonefleet-import-template.csv";
    // In the language shown (Accept-Language): the instructions of the template follow it.
    api_.save_download(customer_path(*state_.selected_customer) + "/devices/import-template.csv", name,
                       for_this_session([this, name](ApiResult<Download> r) {
                           state_.transfer.template_loading = false;
                           if (!r.ok()) {
                               if (session_expired(r.error)) return;
                               return notify(describe(r.error), true);
                           }
                           notify(fill("ui.downloaded", name, state_.lang));
                       }));
}

void Controller::export_devices() {
    TransferState& tr = state_.transfer;
    if (tr.exporting || !state_.selected_customer) return;
    tr.exporting = true;
    // The site filter of the list; without one, every site (the server's default). The page
    // saves the file as it arrives: the client never holds a large inventory's CSV.
    std::string path = customer_path(*state_.selected_customer) + "/devices/export.csv";
    if (state_.filters.applied.site_id) path += "?site=" + std::to_string(*state_.filters.applied.site_id);
    const std::string name = "phonefleet-devices.csv";
    api_.save_download(path, name, for_this_session([this, name](ApiResult<Download> r) {
        state_.transfer.exporting = false;
        if (!r.ok()) {
            if (session_expired(r.error)) return;
            return notify(describe(r.error), true);
        }
        notify(fill("ui.downloaded", name, state_.lang));
    }));
}

void Controller::open_import_instructions() {
    state_.import.instructions_open = true;
    state_.import.instructions_just_opened = true;
}

void Controller::close_import_instructions() { state_.import.instructions_open = false; }

void Controller::pick_import_file() {
    if (files_.pick) files_.pick();
}

void Controller::close_import() {
    ImportDialog& im = state_.import;
    if (im.phase == ImportPhase::Uploading) return;
    validator_.reset();
    ImportDialog next;  // the file leaves memory with the dialog
    next.generation = im.generation + 1;
    next.instructions_open = im.instructions_open;
    im = std::move(next);
}

void Controller::import_file(std::string name, std::string bytes) {
    // Only on the Devices tab of a customer, and not over another dialog or an upload.
    if (state_.view != View::Devices || !state_.selected_customer) return;
    if (state_.add.open || state_.status.open || state_.remove.open || state_.reboot.open) return;
    ImportDialog& im = state_.import;
    if (im.phase == ImportPhase::Uploading) return;
    const bool was_open = im.open;
    close_import();
    im.open = true;
    im.just_opened = !was_open;
    im.file_name = std::move(name);
    im.bytes = std::move(bytes);
    im.started_at = now_;
    im.phase = ImportPhase::Catalog;

    // What validation needs of the customer: every site with its approved types, the catalog.
    auto catalog = std::make_shared<CatalogView>();
    auto waiting = std::make_shared<std::size_t>(1 + state_.sites.size());
    const int session = state_.session;
    const int generation = im.generation;
    const std::int64_t customer = *state_.selected_customer;
    auto current = [this, session, generation] {
        return session == state_.session && state_.import.generation == generation &&
               state_.import.phase == ImportPhase::Catalog;
    };
    auto arrived = [this, catalog, waiting] {
        if (--*waiting == 0) start_validation(*catalog);
    };
    auto failed = [this](const ApiError& e) {
        if (session_expired(e)) return;
        state_.import.error = describe(e);
        state_.import.phase = ImportPhase::Done;
    };
    api_.device_types([=](ApiResult<std::vector<DeviceType>> r) {
        if (!current()) return;
        if (!r.ok()) return failed(r.error);
        catalog->device_types = std::move(*r.value);
        arrived();
    });
    for (const Site& site : state_.sites) {
        catalog->sites.push_back({site.id, site.name, {}});
        const std::size_t index = catalog->sites.size() - 1;
        api_.approved_types(customer, site.id, [=](ApiResult<std::vector<DeviceType>> r) {
            if (!current()) return;
            if (!r.ok()) return failed(r.error);
            for (const DeviceType& t : *r.value) catalog->sites[index].approved_device_types.push_back(t.name);
            arrived();
        });
    }
}

void Controller::start_validation(const CatalogView& catalog) {
    ImportDialog& im = state_.import;
    ImportOptions options;
    options.expected_bytes = im.bytes.size();
    // existing_macs stays empty: the browser cannot know every MAC; the server checks it.
    validator_ = std::make_unique<ImportValidator>(catalog, std::move(options));
    im.validated = 0;
    im.phase = ImportPhase::Validating;
}

void Controller::step_validation() {
    ImportDialog& im = state_.import;
    if (im.phase != ImportPhase::Validating || !validator_) return;
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const std::string_view file(im.bytes);
    do {
        const std::size_t n = std::min(kValidationPiece, file.size() - im.validated);
        validator_->feed(file.substr(im.validated, n));
        im.validated += n;
    } while (im.validated < file.size() && Clock::now() - start < kValidationSlice);
    ++im.frames;
    auto account = [&] {
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        im.work_ms += ms;
        im.longest_slice_ms = std::max(im.longest_slice_ms, ms);
    };
    if (im.validated < file.size()) return account();
    ImportReport report = validator_->finish();
    validator_.reset();
    account();
    im.valid_rows = report.valid_rows;
    im.data_rows = report.data_rows;
    im.problems.clear();
    im.problems.reserve(report.errors.size());
    // The message is drawn in the language shown at the time (it may change meanwhile).
    for (ImportError& e : report.errors)
        im.problems.push_back({e.row, std::move(e.column), std::move(e.value), std::move(e.code), {}, {}});
    im.warnings.clear();
    for (ImportError& w : report.warnings)
        im.warnings.push_back({w.row, std::move(w.column), std::move(w.value), std::move(w.code), {}, std::move(w.args)});
    im.headers = std::move(report.headers);
    im.phase = ImportPhase::Done;
    std::printf("import: %s: %zu bytes, %zu rows, %zu valid, %zu problems; validated in %.1f ms of work over %d frames (longest slice %.1f ms; %.0f ms since the file arrived)\n",
                im.file_name.c_str(), file.size(), im.data_rows, im.valid_rows, im.problems.size(), im.work_ms,
                im.frames, im.longest_slice_ms, (now_ - im.started_at) * 1000);
}

void Controller::upload_import() {
    ImportDialog& im = state_.import;
    if (!im.clean() || im.valid_rows == 0 || !state_.selected_customer) return;
    im.phase = ImportPhase::Uploading;
    im.error.clear();
    const int generation = im.generation;
    api_.import_devices(*state_.selected_customer, im.bytes, /*dry_run=*/false,
                        for_this_session([this, generation](ApiResult<ImportAnswer> r) {
                            ImportDialog& d = state_.import;
                            if (d.generation != generation) return;
                            d.phase = ImportPhase::Done;
                            if (!r.ok()) {
                                if (session_expired(r.error)) return;
                                d.error = describe(r.error);
                                return;
                            }
                            if (!r.value->errors.empty() || r.value->status == 422) {
                                // The server knows more (MACs that exist): its problems, same table.
                                d.problems = std::move(r.value->errors);
                                d.warnings = std::move(r.value->warnings);
                                d.valid_rows = r.value->valid_rows;
                                d.server_checked = true;
                                return;
                            }
                            const std::size_t n = r.value->imported;
                            notify(n == 0 ? std::string(text("ui.import.nothing", state_.lang))
                                          : fill_count("ui.import.done", n, state_.lang));
                            close_import();
                            refresh_devices();
                        }));
}

void Controller::save_import_problems() {
    const ImportDialog& im = state_.import;
    if (im.problems.empty() || !files_.save) return;
    std::string out(kUtf8Bom);  // Excel then reads the accents right
    {
        CsvWriter csv(out);
        csv.row({"row", "column", "value", "code", "message"});
        for (const ImportProblem& p : im.problems) {
            // The canonical column (stable for scripts), the message in the file's own terms.
            csv.cell(static_cast<long long>(p.row)).cell(p.column).cell(p.value).cell(p.code);
            csv.cell(im.message_of(p, state_.lang)).end_row();
        }
    }
    const std::string name = "phonefleet-import-problems.csv";
    files_.save(name, "text/csv;charset=utf-8", out);
    notify(fill("ui.downloaded", name, state_.lang));
}

}  // namespace phonefleet::client
