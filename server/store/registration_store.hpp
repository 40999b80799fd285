#pragma once
// SIP (SPEC 7, F3, F4): the lines as the registrar sees them, their contact bindings, probes
// and reboots. Used by the registrar and by DeviceControlService.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phonefleet/device.hpp"

namespace phonefleet::store {

// A line as the registrar sees it (username = phone number).
struct SipAccount {
    std::int64_t line_id = 0;
    std::string device_mac;
    std::string ha1_md5;
    std::string ha1_sha256;
};

// One contact binding of a line (RFC 3261 10.3), as the registrations table keeps it.
struct Binding {
    std::int64_t id = 0;
    std::int64_t line_id = 0;
    std::string contact_uri;
    std::string remote_addr;    // ip:port the REGISTER came from (where we send requests)
    std::string host_ip;        // the phone's own address (Contact/Via host)
    std::string registered_to;  // our ip:port it reached
    std::string user_agent;
    std::int64_t registered_at = 0;
    std::int64_t expires_at = 0;
    std::optional<std::int64_t> probe_failed_at;
    std::string call_id;     // of the REGISTER that made or last refreshed it (RFC 3261 10.3)
    std::uint32_t cseq = 0;  // likewise
    std::string aor_user;    // the line's phone number (filled by the *_bindings reads)
    std::string device_mac;  // the device of the line (likewise)
};

// F4: the reboot in progress or last done of a device.
struct RebootRecord {
    std::string device_mac;
    std::string state;  // sent, accepted, refused, no_answer, confirmed, not_confirmed
    std::int64_t at = 0;
    std::int64_t sent_at = 0;
    std::int64_t confirm_deadline = 0;  // accepted: confirmed if it registers again before
    std::optional<int> sip_status;
    std::string sip_reason;
};

class RegistrationStore {
public:
    virtual ~RegistrationStore() = default;

    virtual std::optional<SipAccount> find_sip_account(std::string_view username) = 0;
    // Inserts or refreshes (line_id, contact_uri); a new REGISTER clears probe_failed_at.
    virtual void upsert_binding(const Binding& binding) = 0;
    virtual void delete_binding(std::int64_t line_id, std::string_view contact_uri) = 0;
    virtual void delete_bindings(std::int64_t line_id) = 0;
    // Bindings of a line, or of every line of a device, not expired at now.
    virtual std::vector<Binding> line_bindings(std::int64_t line_id, std::int64_t now) = 0;
    virtual std::vector<Binding> device_bindings(std::string_view mac, std::int64_t now) = 0;
    // The same for every device of a customer (or of one of its sites), in device MAC order:
    // what a bulk probe sends OPTIONS to, in one query.
    virtual std::vector<Binding> customer_bindings(std::int64_t customer_id, std::optional<std::int64_t> site_id,
                                                   std::int64_t now) = 0;
    virtual void set_probe_failed(std::int64_t binding_id, std::optional<std::int64_t> at) = 0;
    virtual void set_device_probe(std::string_view mac, const ProbeResult& probe) = 0;
    virtual std::optional<std::string> reboot_event(std::string_view mac) = 0;
    virtual void save_reboot(const RebootRecord& record) = 0;
    virtual std::optional<RebootRecord> find_reboot(std::string_view mac) = 0;
    // Accepted reboots whose confirmation window closed before now.
    virtual std::vector<RebootRecord> overdue_reboots(std::int64_t now) = 0;
};

}  // namespace phonefleet::store
