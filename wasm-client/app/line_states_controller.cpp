// The Controller's Line States page (F11) and its export (F13): filters, the paged table and
// the export followed through the server's queue.
#include "app/controller.hpp"

#include "phonefleet/text_fold.hpp"

namespace phonefleet::client {
namespace {

constexpr double kExportPollSeconds = 1.0;

// The file name the server gives (Content-Disposition), so both sides agree on it.
std::string export_file_name(std::int64_t customer, const LineStateQuery& q) {
    return "line-states-" + std::to_string(customer) + "-" + (q.site_id ? std::to_string(*q.site_id) : "all") + ".csv";
}

}  // namespace

void Controller::show_line_states() {
    LineStatesPage& page = state_.line_states;
    if (page.requested || !state_.selected_customer) return;
    page.requested = true;
    page.rows.requested.insert(0);
    load_line_page(0);
}

void Controller::apply_line_filters(LineStateQuery query) {
    LineStatesPage& page = state_.line_states;
    if (query == page.filters.applied) return;
    page.filters.applied = std::move(query);
    page.rows.drop_rows();
    page.rows.scroll_to_top = true;
    page.rows.requested.insert(0);
    load_line_page(0);
}

void Controller::set_line_site_filter(std::optional<std::int64_t> site_id) {
    LineStateQuery q = state_.line_states.filters.applied;
    q.site_id = site_id;
    apply_line_filters(std::move(q));
}

void Controller::set_line_type_filter(std::string device_type) {
    LineStateQuery q = state_.line_states.filters.applied;
    q.device_type = std::move(device_type);
    apply_line_filters(std::move(q));
}

void Controller::set_line_state_filter(std::optional<RegistrationState> s) {
    LineStateQuery q = state_.line_states.filters.applied;
    q.state = s;
    apply_line_filters(std::move(q));
}

void Controller::line_search_edited() { state_.line_states.filters.text_edited_at = now_; }

void Controller::need_line_rows(std::int64_t first, std::int64_t last) {
    for (int p : state_.line_states.rows.pages_to_fetch(first, last)) load_line_page(p);
}

void Controller::refresh_line_states() {
    auto& rows = state_.line_states.rows;
    rows.drop_rows();
    rows.requested.insert(0);
    load_line_page(0);  // also brings the counts up to date
}

void Controller::load_line_page(int page_index) {
    if (!state_.selected_customer) return;
    LineStatesPage& page = state_.line_states;
    const int generation = page.rows.generation;
    const std::int64_t customer = *state_.selected_customer;
    api_.line_states(customer, page.filters.applied, page_index + 1, PagedRows<LineStateRow>::kPerPage,
                     for_this_session([this, generation, customer, page_index](ApiResult<LineStatePage> r) {
                         LineStatesPage& p = state_.line_states;
                         if (state_.selected_customer != customer ||
                             p.rows.generation != generation)
                             return;
                         p.rows.requested.erase(page_index);
                         if (!r.ok()) return fail(r.error);
                         p.rows.total = r.value->total;
                         p.rows.loaded = true;
                         p.rows.pages[page_index] = std::move(r.value->items);
                         p.counts = r.value->counts;
                         p.by_site = std::move(r.value->by_site);
                         p.export_enabled = r.value->export_enabled;
                         state_.last_error.clear();
                     }));
}

void Controller::tick_line_states() {
    DeviceFilters& f = state_.line_states.filters;
    if (f.text_edited_at >= 0 && now_ - f.text_edited_at >= kSearchDebounceSeconds) {
        f.text_edited_at = -1;
        LineStateQuery q = f.applied;
        q.text = std::string(trim_blanks(f.text));
        apply_line_filters(std::move(q));
    }
    poll_export();
}

// ---- export (F13) ------------------------------------------------------------------------------

void Controller::export_line_states() {
    LineStatesPage& page = state_.line_states;
    LineStateExport& ex = page.exporting;
    if (ex.in_progress() || !state_.selected_customer || !page.export_enabled) return;
    const int generation = ex.generation + 1;
    ex = LineStateExport{};
    ex.generation = generation;
    ex.phase = ExportPhase::Asked;
    ex.next_poll = now_ + kExportPollSeconds / 2;

    const std::int64_t customer = *state_.selected_customer;
    const LineStateQuery& q = page.filters.applied;
    std::string path = customer_path(customer) + "/line-states/export.csv?site=" +
                       (q.site_id ? std::to_string(*q.site_id) : "all");
    if (!q.device_type.empty()) path += "&type=" + url_encode(q.device_type);
    if (q.state) path += "&state=" + std::string(to_string(*q.state));
    if (!q.text.empty()) path += "&q=" + url_encode(q.text);
    const std::string name = export_file_name(customer, q);
    // The page saves the file as it arrives: a 1,000,000-line export never passes through
    // the client's memory.
    api_.save_download(path, name, for_this_session([this, generation, name](ApiResult<Download> r) {
        LineStateExport& e = state_.line_states.exporting;
        if (e.generation != generation) return;
        if (!r.ok()) {
            if (session_expired(r.error)) return;
            e.phase = ExportPhase::Refused;
            e.message = describe(r.error);
            e.retry_at = now_ + r.error.retry_after_s;
            return;
        }
        e.phase = ExportPhase::Done;
        e.file_name = name;
        e.cache_hit = r.value->cache_hit;
        notify(fill("ui.downloaded", name, state_.lang));
    }));
}

// While the export is on its way, asks the server where it stands (queued at which place,
// running), about once a second.
void Controller::poll_export() {
    LineStateExport& ex = state_.line_states.exporting;
    if (!ex.in_progress() || ex.polling || now_ < ex.next_poll || !state_.selected_customer) return;
    ex.polling = true;
    const int generation = ex.generation;
    api_.export_status(*state_.selected_customer, for_this_session([this, generation](ApiResult<ExportStatus> r) {
        LineStateExport& e = state_.line_states.exporting;
        if (e.generation != generation) return;
        e.polling = false;
        e.next_poll = now_ + kExportPollSeconds;
        // A failure here is left to the export itself, which says what went wrong.
        if (!r.ok() || !e.in_progress()) return;
        if (r.value->state == "queued") {
            e.phase = ExportPhase::Queued;
            e.position = r.value->position;
        } else if (r.value->state == "running") {
            e.phase = ExportPhase::Running;
        }
    }));
}

// ---- wall displays (F14) ------------------------------------------------------------------------

void Controller::open_kiosk_tokens() {
    KioskTokensDialog& d = state_.line_states.kiosks;
    d = KioskTokensDialog{};
    d.open = d.just_opened = true;
    load_kiosk_tokens();
}

void Controller::close_kiosk_tokens() {
    // The new display's address (it holds the token) leaves memory with the dialog.
    state_.line_states.kiosks = KioskTokensDialog{};
}

// An answer for the Wall displays dialog (already of this session): dropped when the dialog
// closed; otherwise `pending` is cleared and a failure is said in the dialog. True when the
// caller may use the value.
bool Controller::kiosk_answer(bool KioskTokensDialog::*pending, bool ok, const ApiError& error) {
    KioskTokensDialog& d = state_.line_states.kiosks;
    if (!d.open) return false;
    d.*pending = false;
    if (ok) return true;
    if (!session_expired(error)) d.error = describe(error);
    return false;
}

void Controller::load_kiosk_tokens() {
    if (!state_.selected_customer) return;
    KioskTokensDialog& d = state_.line_states.kiosks;
    d.loading = true;
    api_.kiosk_tokens(*state_.selected_customer, for_this_session([this](ApiResult<std::vector<KioskTokenInfo>> r) {
        if (!kiosk_answer(&KioskTokensDialog::loading, r.ok(), r.error)) return;
        state_.line_states.kiosks.items = std::move(*r.value);
    }));
}

void Controller::create_kiosk_token() {
    KioskTokensDialog& d = state_.line_states.kiosks;
    const std::string name(trim_blanks(d.name));
    if (d.busy || name.empty() || !state_.selected_customer) return;
    d.busy = true;
    d.error.clear();
    d.created_url.clear();
    api_.create_kiosk_token(*state_.selected_customer, name, for_this_session([this](ApiResult<NewKioskToken> r) {
        if (!kiosk_answer(&KioskTokensDialog::busy, r.ok(), r.error)) return;
        KioskTokensDialog& dlg = state_.line_states.kiosks;
        dlg.created_url = page_origin_ + r.value->kiosk_url;
        dlg.name[0] = '\0';
        dlg.items.push_back(r.value->info);
    }));
}

void Controller::revoke_kiosk_token(std::int64_t id) {
    KioskTokensDialog& d = state_.line_states.kiosks;
    if (d.busy || !state_.selected_customer) return;
    d.busy = true;
    d.error.clear();
    api_.revoke_kiosk_token(*state_.selected_customer, id, for_this_session([this, id](ApiResult<Empty> r) {
        if (!kiosk_answer(&KioskTokensDialog::busy, r.ok(), r.error)) return;
        std::erase_if(state_.line_states.kiosks.items, [id](const KioskTokenInfo& k) { return k.id == id; });
    }));
}

}  // namespace phonefleet::client
