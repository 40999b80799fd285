#pragma once
// JSON field names of SPEC section 4, shared by the server (encode) and the client (decode).
#include <nlohmann/json.hpp>

#include "phonefleet/device.hpp"

namespace phonefleet {

void to_json(nlohmann::json& j, const Customer& c);
void from_json(const nlohmann::json& j, Customer& c);
void to_json(nlohmann::json& j, const Site& s);
void from_json(const nlohmann::json& j, Site& s);
void to_json(nlohmann::json& j, const DeviceType& t);
void from_json(const nlohmann::json& j, DeviceType& t);
void to_json(nlohmann::json& j, const Device& d);
void from_json(const nlohmann::json& j, Device& d);
void to_json(nlohmann::json& j, const LineInfo& l);
void from_json(const nlohmann::json& j, LineInfo& l);
void to_json(nlohmann::json& j, const ProbeResult& p);
void from_json(const nlohmann::json& j, ProbeResult& p);
void to_json(nlohmann::json& j, const RebootReport& r);
void from_json(const nlohmann::json& j, RebootReport& r);
void to_json(nlohmann::json& j, const DeviceStatus& s);
void from_json(const nlohmann::json& j, DeviceStatus& s);
void to_json(nlohmann::json& j, const LineCredentials& c);
void from_json(const nlohmann::json& j, LineCredentials& c);
void to_json(nlohmann::json& j, const DevicePage& p);
void from_json(const nlohmann::json& j, DevicePage& p);
void to_json(nlohmann::json& j, const LineStateRow& r);
void from_json(const nlohmann::json& j, LineStateRow& r);
void to_json(nlohmann::json& j, const LineStateCounts& c);
void from_json(const nlohmann::json& j, LineStateCounts& c);
void to_json(nlohmann::json& j, const SiteLineStates& s);
void from_json(const nlohmann::json& j, SiteLineStates& s);
void to_json(nlohmann::json& j, const LineStatePage& p);
void from_json(const nlohmann::json& j, LineStatePage& p);

}  // namespace phonefleet
