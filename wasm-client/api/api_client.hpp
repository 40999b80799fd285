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
#include "phonefleet/inventory_rules.hpp"
#include "phonefleet/messages.hpp"
#include "phonefleet/result.hpp"

namespace phonefleet::client {

struct Me {
    std::string username;
    std::string role;
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> provider_id;
};

// One field's problem in a 422 validation_failed answer, its message in our language.
struct FieldProblem {
    std::string field;
    std::string code;
    std::string message;
};

// A failed call: the server's problem+json `code` and `detail` (already in the language we
// asked for), or code "network" / "bad_response" when there is no usable answer.
struct ApiError {
    int status = 0;
    std::string code;
    std::string detail;
    std::vector<FieldProblem> errors;  // per field, for validation_failed
    int retry_after_s = 0;             // Retry-After of a 429, when the transport gives headers
};

// The filters of the device list (F1); empty ones are left out of the query.
struct DeviceQuery {
    std::optional<std::int64_t> site_id;
    std::string device_type;
    std::optional<RegistrationState> state;
    std::string text;

    bool operator==(const DeviceQuery& o) const {
        return site_id == o.site_id && device_type == o.device_type && state == o.state && text == o.text;
    }
    bool operator!=(const DeviceQuery& o) const { return !(*this == o); }
};

// The Line States page filters by the same four things (SPEC 4: site or all, type, state, text).
using LineStateQuery = DeviceQuery;

// Where this session's line-state export stands on the server (F13): "idle", "queued" (with
// its place in line), "running"; and how busy the server is.
struct ExportStatus {
    std::string state = "idle";
    int position = 0;
    int running = 0;
    int queued = 0;
    bool export_enabled = false;
};

// F14: a kiosk token as listed (never the token itself, which is shown once at creation).
struct KioskTokenInfo {
    std::int64_t id = 0;
    std::string name;
    std::string created_by;
    std::int64_t created_at = 0;
};
struct NewKioskToken {
    KioskTokenInfo info;
    std::string kiosk_url;  // "/kiosk#token=..."
};

// A file the page downloaded (Transport::download).
struct Download {
    bool cache_hit = false;  // X-Export-Cache: hit, another user's identical export
};

// One problem of an import file as the server reports it (F9), its message in our language.
struct ImportProblem {
    std::size_t row = 0;
    std::string column;
    std::string value;
    std::string code;
    std::string message;
    std::vector<std::pair<std::string, std::string>> args;  // a warning's vendors (Error::args)
};

// The server's answer to an import: 201 imported, 200 a dry run or a file without rows,
// 422 import_invalid with every problem (nothing imported).
struct ImportAnswer {
    int status = 0;
    std::size_t valid_rows = 0;
    std::size_t imported = 0;
    std::vector<ImportProblem> errors;
    std::vector<ImportProblem> warnings;  // SPEC 5: never block (mac_vendor_mismatch)
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
    void devices(std::int64_t customer_id, const DeviceQuery& query, int page, int per_page,
                 std::function<void(ApiResult<DevicePage>)> done);
    void sites(std::int64_t customer_id, std::function<void(ApiResult<std::vector<Site>>)> done);
    void device_types(std::function<void(ApiResult<std::vector<DeviceType>>)> done);
    void approved_types(std::int64_t customer_id, std::int64_t site_id,
                        std::function<void(ApiResult<std::vector<DeviceType>>)> done);
    void add_device(std::int64_t customer_id, const NewDevice& device,
                    std::function<void(ApiResult<DeviceStatus>)> done);
    void device_status(const std::string& mac, std::function<void(ApiResult<DeviceStatus>)> done);
    // F3: probes the phone now, then answers its status (404 not_found while the route is missing).
    void probe(const std::string& mac, std::function<void(ApiResult<DeviceStatus>)> done);
    // F4: 202 with the reboot as the phone accepted it; a refusal (the phone's SIP answer),
    // no answer or a phone that is not registered come back as errors.
    void reboot(const std::string& mac, std::function<void(ApiResult<RebootReport>)> done);
    void remove_device(const std::string& mac, std::function<void(ApiResult<Empty>)> done);
    void assign_line(const std::string& mac, int port, const LineAssignment& line,
                     std::function<void(ApiResult<LineCredentials>)> done);
    void unassign_line(const std::string& mac, int port, std::function<void(ApiResult<Empty>)> done);

    // F7, F13: the page downloads `path` straight into a file named `filename`.
    void save_download(const std::string& path, const std::string& filename, std::function<void(ApiResult<Download>)> done);

    // F11, F14: a page of line states with the counts per state and per site.
    void line_states(std::int64_t customer_id, const LineStateQuery& query, int page, int per_page,
                     std::function<void(ApiResult<LineStatePage>)> done);
    void export_status(std::int64_t customer_id, std::function<void(ApiResult<ExportStatus>)> done);

    // F14: the wall displays' kiosk tokens of a customer.
    void kiosk_tokens(std::int64_t customer_id, std::function<void(ApiResult<std::vector<KioskTokenInfo>>)> done);
    void create_kiosk_token(std::int64_t customer_id, const std::string& name,
                            std::function<void(ApiResult<NewKioskToken>)> done);
    void revoke_kiosk_token(std::int64_t customer_id, std::int64_t id, std::function<void(ApiResult<Empty>)> done);

    // F9: posts the file as is (text/csv); a 422 import_invalid comes back as an answer too.
    void import_devices(std::int64_t customer_id, std::string csv, bool dry_run,
                        std::function<void(ApiResult<ImportAnswer>)> done);

    // Runs the callbacks of every response completed since the last call. Once per frame.
    std::size_t deliver();  // the number of answers handed to their callbacks
    int in_flight() const { return in_flight_; }

private:
    using Handler = std::function<void(const HttpResponse&)>;
    void send(std::string method, std::string path, std::string body, Handler handler,
              std::string content_type = "application/json");
    HttpRequest request(std::string method, std::string path, std::string body, std::string content_type) const;
    void track(Handler handler, Transport::Completion& completion);

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
// "/api/v1/customers/{id}", the prefix of a customer's resources.
std::string customer_path(std::int64_t customer_id);
// Percent-encodes a query parameter value (RFC 3986 unreserved characters kept).
std::string url_encode(std::string_view value);

}  // namespace phonefleet::client
