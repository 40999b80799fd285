#pragma once
// The client's core as the browser runs it, minus the browser: its state, the API client over a
// fake transport, and the Controller the views call; the test answers each request.
#include <memory>
#include <string>
#include <string_view>

#include "app/controller.hpp"
#include "fake_transport.hpp"

namespace phonefleet::client::testing {

struct ClientHarness {
    std::shared_ptr<FakeTransport::Log> log = std::make_shared<FakeTransport::Log>();
    ClientState state;
    ApiClient api{std::make_unique<FakeTransport>(log)};
    Controller controller{state, api};

    // Answers the first pending request starting with `prefix`, then runs a frame's delivery.
    SentRequest answer(std::string_view prefix, int status, std::string body) {
        SentRequest sent = take(*log, prefix);
        sent.done(json_answer(status, std::move(body)));
        api.deliver();
        return sent;
    }
};

}  // namespace phonefleet::client::testing
