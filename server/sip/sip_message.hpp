#pragma once
// One SIP message held by libosip2's parser (RFC 3261 syntax is never parsed by hand here):
// parse a datagram, read what the registrar and the client transactions need, build answers
// and requests, and print them back with osip_message_to_str.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "phonefleet/result.hpp"

struct osip_message;
typedef struct osip_message osip_message_t;

namespace phonefleet::sip {

class SipMessage {
public:
    // Error "sip_unparseable" when osip rejects the bytes.
    static Result<SipMessage> parse(std::string_view bytes);
    // A response to request: Via, From, To (tagged), Call-ID and CSeq copied (RFC 3261 8.2.6).
    static SipMessage response_to(const SipMessage& request, int status, std::string_view to_tag);
    // A new request line: method and Request-URI; the headers are added by the caller.
    static Result<SipMessage> request(std::string_view method, std::string_view request_uri);

    bool is_request() const;
    std::string method() const;  // request method, or the CSeq method of a response
    int status() const;          // 0 for requests
    std::string reason() const;
    // A top Via whose sent-by can be answered: a host and, if any, a port 1..65535 (RFC 3261
    // 18.2.2). osip accepts "host:" with an empty port and prints it back as nothing can read.
    bool has_answerable_via() const;
    // Present when the message can be answered at all (RFC 3261 8.1.1 mandatory headers).
    bool has_transaction_headers() const;
    std::string top_via_branch() const;
    std::string top_via_host() const;
    std::string to_user() const;  // user part of the To URI (the AOR's username)
    std::string call_id() const;  // "number@host" or "number"; empty when absent
    // The CSeq's sequence number (RFC 3261 8.1.1.5: 32 bits); none when absent or not a number.
    std::optional<std::uint32_t> cseq_number() const;
    // First value of a header osip does not model (Expires, User-Agent, Event...).
    std::optional<std::string> header(const char* name) const;

    void add_header(const char* name, const std::string& value);  // false-proof: ignored on error
    void add_contact(const std::string& value);
    void add_via(const std::string& value);
    void set_from(const std::string& value);
    void set_to(const std::string& value);
    void set_call_id(const std::string& value);
    void set_cseq(const std::string& value);
    // RFC 3581: note where the request really came from in the top Via of an answer.
    void set_received(const std::string& ip, int port);

    std::string to_string() const;  // empty if osip cannot print it

    osip_message_t* raw() const { return msg_.get(); }

private:
    struct Free {
        void operator()(osip_message_t* m) const;
    };
    explicit SipMessage(osip_message_t* m) : msg_(m) {}
    std::unique_ptr<osip_message_t, Free> msg_;
};

std::string random_hex(std::size_t bytes);  // tags, branches, Call-IDs

}  // namespace phonefleet::sip
