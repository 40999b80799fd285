#include "api/api_client.hpp"

#include <cctype>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "phonefleet/device_json.hpp"

namespace phonefleet::client {
namespace {

using nlohmann::json;

// Decodes a successful body with `decode`; any JSON or field mismatch becomes an ApiError
// rather than an exception escaping into the frame loop.
template <typename T, typename Decode>
ApiResult<T> decode_response(const HttpResponse& response, Decode decode) {
    ApiResult<T> result;
    if (!response.ok()) {
        result.error = error_of(response);
        return result;
    }
    try {
        result.value = decode(response.body);
    } catch (const std::exception& e) {
        result.error = {response.status, "bad_response", e.what(), {}};
    }
    return result;
}

}  // namespace

ApiError error_of(const HttpResponse& response) {
    if (response.status == 0) return {0, "network", "", {}};
    ApiError error{response.status, "http_" + std::to_string(response.status), "", {}};
    if (const std::string retry = response.header("retry-after"); !retry.empty())
        error.retry_after_s = std::atoi(retry.c_str());
    json body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_object()) {
        if (auto it = body.find("code"); it != body.end() && it->is_string()) error.code = *it;
        if (auto it = body.find("detail"); it != body.end() && it->is_string()) error.detail = *it;
        if (auto it = body.find("errors"); it != body.end() && it->is_array()) {
            for (const auto& e : *it) {
                if (!e.is_object()) continue;
                error.errors.push_back({e.value("field", ""), e.value("code", ""), e.value("message", "")});
            }
        }
    }
    return error;
}

std::string customer_path(std::int64_t customer_id) { return "/api/v1/customers/" + std::to_string(customer_id); }

std::string url_encode(std::string_view value) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : value) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

ApiClient::ApiClient(std::unique_ptr<Transport> transport) : transport_(std::move(transport)) {}

HttpRequest ApiClient::request(std::string method, std::string path, std::string body,
                               std::string content_type) const {
    HttpRequest request{std::move(method), std::move(path), {}, std::move(body)};
    request.headers.emplace_back("Accept", "application/json");
    request.headers.emplace_back("Accept-Language", std::string(language_tag(lang_)));
    if (!request.body.empty()) request.headers.emplace_back("Content-Type", std::move(content_type));
    if (!token_.empty()) request.headers.emplace_back("Authorization", "Bearer " + token_);
    // Says the request comes from our page (the server's CSRF rule for cookie sessions, SPEC 8);
    // a cross-site form cannot set it.
    if (request.method != "GET") request.headers.emplace_back("X-PhoneFleet-Request", "1");
    return request;
}

// The completion that queues `handler` with its response for the next deliver().
void ApiClient::track(Handler handler, Transport::Completion& completion) {
    ++in_flight_;
    std::weak_ptr<std::deque<Completed>> queue = completed_;
    completion = [queue, handler = std::move(handler)](HttpResponse r) {
        if (auto q = queue.lock()) q->push_back({std::move(r), handler});
    };
}

void ApiClient::send(std::string method, std::string path, std::string body, Handler handler,
                     std::string content_type) {
    Transport::Completion completion;
    track(std::move(handler), completion);
    transport_->send(request(std::move(method), std::move(path), std::move(body), std::move(content_type)),
                     std::move(completion));
}

std::size_t ApiClient::deliver() {
    // Handlers may send new requests (which only append later): take the current batch first.
    std::deque<Completed> batch;
    batch.swap(*completed_);
    for (auto& c : batch) {
        --in_flight_;
        c.handler(c.response);
    }
    return batch.size();
}

void ApiClient::login(const std::string& username, const std::string& password,
                      std::function<void(ApiResult<std::string>)> done) {
    json body = {{"username", username}, {"password", password}};
    send("POST", "/api/v1/auth/login", body.dump(), [done](const HttpResponse& r) {
        done(decode_response<std::string>(
            r, [](const std::string& b) { return json::parse(b).at("token").get<std::string>(); }));
    });
}

void ApiClient::logout(std::function<void(ApiResult<Empty>)> done) {
    send("POST", "/api/v1/auth/logout", "{}", [done](const HttpResponse& r) {
        done(decode_response<Empty>(r, [](const std::string&) { return Empty{}; }));
    });
}

void ApiClient::me(std::function<void(ApiResult<Me>)> done) {
    send("GET", "/api/v1/me", "", [done](const HttpResponse& r) {
        done(decode_response<Me>(r, [](const std::string& b) {
            json j = json::parse(b);
            Me me;
            j.at("username").get_to(me.username);
            j.at("role").get_to(me.role);
            if (auto it = j.find("customer_id"); it != j.end() && it->is_number())
                me.customer_id = it->get<std::int64_t>();
            if (auto it = j.find("provider_id"); it != j.end() && it->is_number())
                me.provider_id = it->get<std::int64_t>();
            return me;
        }));
    });
}

void ApiClient::customers(std::function<void(ApiResult<std::vector<Customer>>)> done) {
    send("GET", "/api/v1/customers", "", [done](const HttpResponse& r) {
        done(decode_response<std::vector<Customer>>(r, [](const std::string& b) {
            return json::parse(b).at("items").get<std::vector<Customer>>();
        }));
    });
}

namespace {

template <typename T>
std::function<void(const HttpResponse&)> decode_as(std::function<void(ApiResult<T>)> done) {
    return [done = std::move(done)](const HttpResponse& r) {
        done(decode_response<T>(r, [](const std::string& b) { return json::parse(b).get<T>(); }));
    };
}

template <typename T>
std::function<void(const HttpResponse&)> decode_items(std::function<void(ApiResult<std::vector<T>>)> done) {
    return [done = std::move(done)](const HttpResponse& r) {
        done(decode_response<std::vector<T>>(
            r, [](const std::string& b) { return json::parse(b).at("items").get<std::vector<T>>(); }));
    };
}

std::function<void(const HttpResponse&)> expect_empty(std::function<void(ApiResult<Empty>)> done) {
    return [done = std::move(done)](const HttpResponse& r) {
        done(decode_response<Empty>(r, [](const std::string&) { return Empty{}; }));
    };
}

std::string query_string(const DeviceQuery& query) {
    std::string out;
    if (query.site_id) out += "&site=" + std::to_string(*query.site_id);
    if (!query.device_type.empty()) out += "&type=" + url_encode(query.device_type);
    if (query.state) out += "&state=" + std::string(to_string(*query.state));
    if (!query.text.empty()) out += "&q=" + url_encode(query.text);
    return out;
}

std::string device_path(const std::string& mac) { return "/api/v1/devices/" + url_encode(mac); }

}  // namespace

void ApiClient::devices(std::int64_t customer_id, const DeviceQuery& query, int page, int per_page,
                        std::function<void(ApiResult<DevicePage>)> done) {
    std::string path = customer_path(customer_id) +
                       "/devices?page=" + std::to_string(page) + "&per_page=" + std::to_string(per_page);
    send("GET", path + query_string(query), "", decode_as<DevicePage>(std::move(done)));
}

void ApiClient::sites(std::int64_t customer_id, std::function<void(ApiResult<std::vector<Site>>)> done) {
    send("GET", customer_path(customer_id) + "/sites", "",
         decode_items<Site>(std::move(done)));
}

void ApiClient::device_types(std::function<void(ApiResult<std::vector<DeviceType>>)> done) {
    send("GET", "/api/v1/device-types", "", decode_items<DeviceType>(std::move(done)));
}

void ApiClient::approved_types(std::int64_t customer_id, std::int64_t site_id,
                               std::function<void(ApiResult<std::vector<DeviceType>>)> done) {
    send("GET",
         customer_path(customer_id) + "/sites/" + std::to_string(site_id) +
             "/device-types",
         "", decode_items<DeviceType>(std::move(done)));
}

void ApiClient::add_device(std::int64_t customer_id, const NewDevice& device,
                           std::function<void(ApiResult<DeviceStatus>)> done) {
    json body = {{"site_id", device.site_id ? json(*device.site_id) : json(nullptr)},
                 {"device_type", device.device_type},
                 {"mac", device.mac}};
    if (device.multicell_station_id) body["multicell_station_id"] = *device.multicell_station_id;
    send("POST", customer_path(customer_id) + "/devices", body.dump(),
         decode_as<DeviceStatus>(std::move(done)));
}

void ApiClient::device_status(const std::string& mac, std::function<void(ApiResult<DeviceStatus>)> done) {
    send("GET", device_path(mac) + "/status", "", decode_as<DeviceStatus>(std::move(done)));
}

void ApiClient::probe(const std::string& mac, std::function<void(ApiResult<DeviceStatus>)> done) {
    send("POST", device_path(mac) + "/probe", "{}", decode_as<DeviceStatus>(std::move(done)));
}

void ApiClient::reboot(const std::string& mac, std::function<void(ApiResult<RebootReport>)> done) {
    send("POST", device_path(mac) + "/reboot", "{}", decode_as<RebootReport>(std::move(done)));
}

void ApiClient::remove_device(const std::string& mac, std::function<void(ApiResult<Empty>)> done) {
    send("DELETE", device_path(mac), "", expect_empty(std::move(done)));
}

void ApiClient::assign_line(const std::string& mac, int port, const LineAssignment& line,
                            std::function<void(ApiResult<LineCredentials>)> done) {
    json body = {{"phone_number", line.phone_number},
                 {"extension", line.extension},
                 {"display_name", line.display_name}};
    send("PUT", device_path(mac) + "/ports/" + std::to_string(port), body.dump(),
         decode_as<LineCredentials>(std::move(done)));
}

void ApiClient::unassign_line(const std::string& mac, int port, std::function<void(ApiResult<Empty>)> done) {
    send("DELETE", device_path(mac) + "/ports/" + std::to_string(port), "", expect_empty(std::move(done)));
}

void ApiClient::save_download(const std::string& path, const std::string& filename,
                              std::function<void(ApiResult<Download>)> done) {
    Transport::Completion completion;
    track([done = std::move(done)](const HttpResponse& r) {
        ApiResult<Download> result;
        if (!r.ok()) result.error = error_of(r);
        else result.value = Download{r.header("x-export-cache") == "hit"};
        done(std::move(result));
    }, completion);
    transport_->download(request("GET", path, "", ""), filename, std::move(completion));
}

void ApiClient::line_states(std::int64_t customer_id, const LineStateQuery& query, int page, int per_page,
                            std::function<void(ApiResult<LineStatePage>)> done) {
    send("GET",
         customer_path(customer_id) + "/line-states?page=" + std::to_string(page) +
             "&per_page=" + std::to_string(per_page) + query_string(query),
         "", decode_as<LineStatePage>(std::move(done)));
}

void ApiClient::export_status(std::int64_t customer_id, std::function<void(ApiResult<ExportStatus>)> done) {
    send("GET", customer_path(customer_id) + "/line-states/export-status", "",
         [done = std::move(done)](const HttpResponse& r) {
             done(decode_response<ExportStatus>(r, [](const std::string& b) {
                 json j = json::parse(b);
                 ExportStatus s;
                 s.state = j.value("state", "idle");
                 s.position = j.value("position", 0);
                 s.running = j.value("running", 0);
                 s.queued = j.value("queued", 0);
                 s.export_enabled = j.value("export_enabled", false);
                 return s;
             }));
         });
}

namespace {
KioskTokenInfo kiosk_token_of(const json& j) {
    return {j.at("id").get<std::int64_t>(), j.at("name").get<std::string>(), j.value("created_by", ""),
            j.value("created_at", std::int64_t{0})};
}
}  // namespace

void ApiClient::kiosk_tokens(std::int64_t customer_id, std::function<void(ApiResult<std::vector<KioskTokenInfo>>)> done) {
    send("GET", customer_path(customer_id) + "/kiosk-tokens", "", [done = std::move(done)](const HttpResponse& r) {
        done(decode_response<std::vector<KioskTokenInfo>>(r, [](const std::string& b) {
            std::vector<KioskTokenInfo> out;
            for (const auto& k : json::parse(b).at("items")) out.push_back(kiosk_token_of(k));
            return out;
        }));
    });
}

void ApiClient::create_kiosk_token(std::int64_t customer_id, const std::string& name,
                                   std::function<void(ApiResult<NewKioskToken>)> done) {
    send("POST", customer_path(customer_id) + "/kiosk-tokens", json{{"name", name}}.dump(),
         [done = std::move(done)](const HttpResponse& r) {
             done(decode_response<NewKioskToken>(r, [](const std::string& b) {
                 json j = json::parse(b);
                 return NewKioskToken{kiosk_token_of(j), j.at("kiosk_url").get<std::string>()};
             }));
         });
}

void ApiClient::revoke_kiosk_token(std::int64_t customer_id, std::int64_t id, std::function<void(ApiResult<Empty>)> done) {
    send("DELETE", customer_path(customer_id) + "/kiosk-tokens/" + std::to_string(id), "", expect_empty(std::move(done)));
}

void ApiClient::import_devices(std::int64_t customer_id, std::string csv, bool dry_run,
                               std::function<void(ApiResult<ImportAnswer>)> done) {
    std::string path = customer_path(customer_id) + "/devices/import";
    if (dry_run) path += "?dry_run=1";
    send("POST", path, std::move(csv), [done = std::move(done)](const HttpResponse& r) {
        ApiResult<ImportAnswer> result;
        json body = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
        const bool report = r.ok() || (r.status == 422 && body.is_object() && body.value("code", "") == "import_invalid");
        if (!report) {
            result.error = error_of(r);
            return done(std::move(result));
        }
        try {
            ImportAnswer answer;
            answer.status = r.status;
            answer.valid_rows = body.value("valid_rows", std::size_t{0});
            answer.imported = body.value("imported", std::size_t{0});
            auto problems = [&body](const char* key, std::vector<ImportProblem>& out) {
                for (const auto& e : body.value(key, json::array()))
                    out.push_back({e.value("row", std::size_t{0}), e.value("column", ""), e.value("value", ""),
                                   e.value("code", ""), e.value("message", ""), {}});
            };
            problems("errors", answer.errors);
            problems("warnings", answer.warnings);
            result.value = std::move(answer);
        } catch (const std::exception& e) {
            result.error = {r.status, "bad_response", e.what(), {}};
        }
        done(std::move(result));
    }, "text/csv; charset=utf-8");
}

}  // namespace phonefleet::client
