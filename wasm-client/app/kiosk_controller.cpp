// The Controller's kiosk (F14): a wall display with a kiosk token, refreshed by itself. It
// keeps the last good data on screen when the server restarts or the network drops, says so,
// and retries with a growing pause until the server answers again.
#include "app/controller.hpp"

#include <algorithm>
#include <ctime>

namespace phonefleet::client {
namespace {

constexpr double kRefreshSeconds = 10.0;
constexpr double kMaxRetrySeconds = 30.0;
constexpr int kProblemRows = 200;  // lines not Registered fetched per state (more than a wall shows)

}  // namespace

void Controller::start_kiosk(std::string token) {
    api_.set_token(std::move(token));
    state_.view = View::Kiosk;
    state_.kiosk = KioskState{};
    state_.kiosk.next_refresh = now_;  // at the first tick
}

void Controller::tick_kiosk() {
    KioskState& k = state_.kiosk;
    if (state_.view != View::Kiosk || k.pending > 0 || now_ < k.next_refresh) return;
    refresh_kiosk();
}

// One refresh: /me once (the token's customer), then the aged and the unregistered lines of
// every site, each answer carrying the counts per state and per site.
void Controller::refresh_kiosk() {
    KioskState& k = state_.kiosk;
    auto failed = [this](const ApiError& e) {
        KioskState& ks = state_.kiosk;
        ++ks.failures;
        ks.error = describe(e);
        // 2, 4, 8 ... s, at most kMaxRetrySeconds: a server that restarts is found again soon,
        // one that stays away is not hammered by every wall display.
        const double pause = std::min(kMaxRetrySeconds, 2.0 * (1 << std::min(ks.failures - 1, 4)));
        ks.next_refresh = now_ + pause;
    };
    if (!k.customer_id) {
        k.pending = 1;
        api_.me(for_this_session([this, failed](ApiResult<Me> r) {
            KioskState& ks = state_.kiosk;
            ks.pending = 0;
            if (!r.ok() || !r.value->customer_id) return failed(r.error);
            ks.customer_id = r.value->customer_id;
            // The server names a kiosk session "kiosk:<the token's name>"; the wall shows the name.
            const std::string& user = r.value->username;
            ks.name = user.rfind("kiosk:", 0) == 0 ? user.substr(6) : user;
            ks.next_refresh = now_;
        }));
        return;
    }
    struct Refresh {
        std::vector<LineStateRow> aged, unregistered;
        std::optional<LineStatePage> last;  // counts and sites of the latest answer
        std::int64_t aged_total = 0, unregistered_total = 0;
        bool failed = false;
    };
    auto refresh = std::make_shared<Refresh>();
    k.pending = 2;
    for (RegistrationState s : {RegistrationState::Aged, RegistrationState::Unregistered}) {
        LineStateQuery q;
        q.state = s;
        api_.line_states(*k.customer_id, q, 1, kProblemRows, for_this_session([this, s, refresh, failed](ApiResult<LineStatePage> r) {
            KioskState& ks = state_.kiosk;
            --ks.pending;
            if (!r.ok()) {
                if (!refresh->failed) failed(r.error);
                refresh->failed = true;
                return;
            }
            auto& rows = s == RegistrationState::Aged ? refresh->aged : refresh->unregistered;
            (s == RegistrationState::Aged ? refresh->aged_total : refresh->unregistered_total) = r.value->total;
            rows = std::move(r.value->items);
            refresh->last = std::move(*r.value);
            if (ks.pending > 0 || refresh->failed) return;
            // Both answered: the screen changes at once, never half.
            ks.counts = refresh->last->counts;
            ks.by_site = std::move(refresh->last->by_site);
            ks.problems = std::move(refresh->aged);
            ks.problems.insert(ks.problems.end(), refresh->unregistered.begin(), refresh->unregistered.end());
            ks.aged_total = refresh->aged_total;
            ks.unregistered_total = refresh->unregistered_total;
            ks.have_data = true;
            ks.updated_at = static_cast<std::int64_t>(std::time(nullptr));
            ks.failures = 0;
            ks.error.clear();
            ks.next_refresh = now_ + kRefreshSeconds;
        }));
    }
}

}  // namespace phonefleet::client
