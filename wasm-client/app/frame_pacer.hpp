#pragma once
// Whether a browser frame needs drawing. The browser calls the client at its refresh rate; an
// admin page left open all day, or a wall display (F14), would otherwise draw 60 identical
// frames a second, in software where the machine has no GPU. A frame is drawn when something
// may have changed: input, an answer or a file arriving, a size change (and for a short while
// after, while ImGui settles hover, focus and layout); work that animates (a spinner, a
// validation in slices, keys still queued); after a frame that differed from the one before
// (ImGui may take a frame or two to settle a change, say one a timer made); and otherwise a
// few times a second, so that the controller's timers (polls, toasts, the kiosk's refresh, a
// "try again in N s") still run.
#include <cstdint>

namespace phonefleet::client {

class FramePacer {
public:
    static constexpr double kSettleSeconds = 0.5;  // frames after input or an answer
    static constexpr double kIdleInterval = 0.25;  // at most this long without a frame

    // now: seconds, any steady clock. woken: input, an answer, a file or a size change since
    // the last call. busy: work that animates or needs every frame.
    bool should_draw(double now, bool woken, bool busy) {
        if (woken) active_until_ = now + kSettleSeconds;
        const bool draw = busy || changed_ || now < active_until_ || now >= next_idle_frame_;
        if (draw) {
            next_idle_frame_ = now + kIdleInterval;
            ++drawn_;
        }
        return draw;
    }
    // After drawing: a digest of what the frame drew (its vertices, indices and commands).
    void drawn_frame(std::uint64_t digest) {
        changed_ = digest != last_digest_;
        last_digest_ = digest;
    }
    // Frames drawn so far (the page's window.phonefleet.framesDrawn(), for the browser tests).
    long drawn() const { return drawn_; }

private:
    bool changed_ = false;
    std::uint64_t last_digest_ = 0;
    double active_until_ = 0;
    double next_idle_frame_ = 0;  // 0: the first frame is drawn
    long drawn_ = 0;
};

}  // namespace phonefleet::client
