#pragma once
// The server's API v1 (SPEC section 4) as typed calls. Completed responses wait in a queue and
// their callbacks run from deliver(), called once per frame on the UI thread: a callback never
// runs in the middle of a frame, and no call ever blocks one.
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/transport.hpp"
#include "phonefleet/device.hpp"
#include "phonefleet/messages.hpp"
#include "phonefleet/result.hpp"

namespace phonefleet::client {

struct Me {
    std::string username;
    std::string role;
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> provider_id;
};

// A failed call: the server's problem+json `code` and `detail` (already in the language we
// asked for), or code "network" / "bad_response" when there is no usable answer.
struct ApiError {
    int status = 0;
    std::string code;
    std::string detail;
};

template <typename T>
struct ApiResult {
    std::optional<T> value;
    ApiError error;
    bool ok() const { return value.has_value(); }
};

struct Empty {};

class ApiClient {
public:
    explicit ApiClient(std::unique_ptr<Transport> transport);

    void set_language(Language lang) { lang_ = lang; }
    void set_token(std::string token) { token_ = std::move(token); }
    const std::string& token() const { return token_; }

    void login(const std::string& username, const std::string& password,
               std::function<void(ApiResult<std::string>)> done);
    void logout(std::function<void(ApiResult<Empty>)> done);
    void me(std::function<void(ApiResult<Me>)> done);
    void customers(std::function<void(ApiResult<std::vector<Customer>>)> done);
    void devices(std::int64_t customer_id, int page, int per_page,
                 std::function<void(ApiResult<DevicePage>)> done);

    // Runs the callbacks of every response completed since the last call. Once per frame.
    void deliver();
    int in_flight() const { return in_flight_; }

private:
    using Handler = std::function<void(const HttpResponse&)>;
    void send(std::string method, std::string path, std::string body, Handler handler);

    std::unique_ptr<Transport> transport_;
    Language lang_ = Language::En;
    std::string token_;
    // Shared with the transport's completions so that a late one never touches a dead client.
    struct Completed {
        HttpResponse response;
        Handler handler;
    };
    std::shared_ptr<std::deque<Completed>> completed_ = std::make_shared<std::deque<Completed>>();
    int in_flight_ = 0;
};

// The problem+json body of a failed response, or a generic error when it is not one.
ApiError error_of(const HttpResponse& response);

}  // namespace phonefleet::client
