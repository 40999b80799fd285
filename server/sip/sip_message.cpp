#include "sip/sip_message.hpp"

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>
#include <sodium.h>

#include <cctype>
#include <charconv>
#include <mutex>
#include <strings.h>

namespace phonefleet::sip {
namespace {

void init_parser() {
    static std::once_flag once;
    std::call_once(once, [] {
        parser_init();
        // osip logs every malformed datagram to stderr: a flood of garbage would flood the log.
        osip_trace_initialize_func(TRACE_LEVEL0, [](const char*, int, osip_trace_level_t, const char*, va_list) {});
        for (int level = 0; level < END_TRACE_LEVEL; ++level)
            osip_trace_disable_level(static_cast<osip_trace_level_t>(level));
    });
}

// RFC 3261 25.1: host = hostname / IPv4address / IPv6reference. osip keeps whatever sits between
// "SIP/2.0/UDP " and the port, commas included, which would print back as two Vias.
bool is_host(std::string_view h) {
    if (h.empty()) return false;
    if (h.find(':') != std::string_view::npos)  // IPv6, kept by osip without its brackets
        return h.find_first_not_of("0123456789abcdefABCDEF:.") == std::string_view::npos;
    for (char c : h)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
    return true;
}

// A SIP URI needs a host (RFC 3261 19.1.1); osip accepts "sip:user@ " and prints "sip:user@",
// which it then refuses. Other schemes (tel:) carry no host.
bool has_host_if_sip(const osip_uri_t* url) {
    if (!url) return false;
    const char* scheme = url->scheme ? url->scheme : "sip";
    if (strcasecmp(scheme, "sip") != 0 && strcasecmp(scheme, "sips") != 0) return true;
    return url->host && is_host(url->host);
}

}  // namespace

void SipMessage::Free::operator()(osip_message_t* m) const { osip_message_free(m); }

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : raw) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

Result<SipMessage> SipMessage::parse(std::string_view bytes) {
    init_parser();
    osip_message_t* m = nullptr;
    if (osip_message_init(&m) != 0) return Error{"sip_unparseable", "", ""};
    SipMessage msg(m);
    if (osip_message_parse(m, bytes.data(), bytes.size()) != 0) return Error{"sip_unparseable", "", ""};
    // A start line without a method nor a status is not a message we can act on.
    if (!m->sip_version || (m->status_code == 0 && (!m->sip_method || !m->req_uri)))
        return Error{"sip_unparseable", "", ""};
    return msg;
}

SipMessage SipMessage::response_to(const SipMessage& request, int status, std::string_view to_tag) {
    init_parser();
    osip_message_t* r = nullptr;
    osip_message_init(&r);
    SipMessage out(r);
    const osip_message_t* q = request.raw();
    osip_message_set_version(r, osip_strdup("SIP/2.0"));
    osip_message_set_status_code(r, status);
    const char* reason = osip_message_get_reason(status);
    osip_message_set_reason_phrase(r, osip_strdup(reason ? reason : "Unknown"));
    osip_list_clone(&q->vias, &r->vias, reinterpret_cast<int (*)(void*, void**)>(&osip_via_clone));
    // A From or To that osip would print unreadably is left out (answering 400 to it).
    if (q->from && has_host_if_sip(q->from->url)) osip_from_clone(q->from, &r->from);
    if (q->to && has_host_if_sip(q->to->url)) {
        osip_to_clone(q->to, &r->to);
        osip_generic_param_t* tag = nullptr;
        if (osip_to_get_tag(r->to, &tag) != 0 && status > 100 && !to_tag.empty())
            osip_to_set_tag(r->to, osip_strdup(std::string(to_tag).c_str()));
    }
    if (q->call_id) osip_call_id_clone(q->call_id, &r->call_id);
    if (q->cseq) osip_cseq_clone(q->cseq, &r->cseq);
    return out;
}

Result<SipMessage> SipMessage::request(std::string_view method, std::string_view request_uri) {
    init_parser();
    osip_message_t* m = nullptr;
    osip_message_init(&m);
    SipMessage out(m);
    osip_uri_t* uri = nullptr;
    osip_uri_init(&uri);
    if (osip_uri_parse(uri, std::string(request_uri).c_str()) != 0) {
        osip_uri_free(uri);
        return Error{"sip_bad_uri", "uri", std::string(request_uri)};
    }
    osip_message_set_uri(m, uri);
    osip_message_set_method(m, osip_strdup(std::string(method).c_str()));
    osip_message_set_version(m, osip_strdup("SIP/2.0"));
    return out;
}

bool SipMessage::is_request() const { return MSG_IS_REQUEST(msg_.get()); }

std::string SipMessage::method() const {
    if (is_request()) return msg_->sip_method ? msg_->sip_method : "";
    return msg_->cseq && msg_->cseq->method ? msg_->cseq->method : "";
}

int SipMessage::status() const { return msg_->status_code; }

std::string SipMessage::reason() const { return msg_->reason_phrase ? msg_->reason_phrase : ""; }


bool SipMessage::has_answerable_via() const {
    osip_via_t* via = nullptr;
    if (osip_message_get_via(msg_.get(), 0, &via) != 0 || !via || !via->host || !is_host(via->host)) return false;
    if (!via->port) return true;
    const std::string_view port(via->port);
    int value = 0;
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    return ec == std::errc() && p == port.data() + port.size() && value > 0 && value <= 65535;
}

bool SipMessage::has_transaction_headers() const {
    const auto* m = msg_.get();
    return has_answerable_via() && m->from && has_host_if_sip(m->from->url) && m->to && has_host_if_sip(m->to->url) &&
           m->call_id && m->call_id->number && m->cseq && m->cseq->method && m->cseq->number;
}

std::string SipMessage::top_via_branch() const {
    osip_via_t* via = nullptr;
    if (osip_message_get_via(msg_.get(), 0, &via) != 0 || !via) return {};
    osip_generic_param_t* branch = nullptr;
    if (osip_via_param_get_byname(via, const_cast<char*>("branch"), &branch) != 0 || !branch || !branch->gvalue)
        return {};
    return branch->gvalue;
}

std::string SipMessage::top_via_host() const {
    osip_via_t* via = nullptr;
    if (osip_message_get_via(msg_.get(), 0, &via) != 0 || !via || !via->host) return {};
    return via->host;
}

std::string SipMessage::to_user() const {
    const auto* m = msg_.get();
    if (!m->to || !m->to->url || !m->to->url->username) return {};
    return m->to->url->username;
}

std::string SipMessage::call_id() const {
    osip_call_id_t* id = osip_message_get_call_id(msg_.get());
    if (!id || !id->number) return {};
    return id->host ? std::string(id->number) + "@" + id->host : std::string(id->number);
}

std::optional<std::uint32_t> SipMessage::cseq_number() const {
    if (!msg_->cseq || !msg_->cseq->number) return std::nullopt;
    const std::string_view text(msg_->cseq->number);
    std::uint32_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

std::optional<std::string> SipMessage::header(const char* name) const {
    osip_header_t* h = nullptr;
    if (osip_message_header_get_byname(msg_.get(), name, 0, &h) < 0 || !h) return std::nullopt;
    return std::string(h->hvalue ? h->hvalue : "");
}

void SipMessage::add_header(const char* name, const std::string& value) {
    osip_message_set_header(msg_.get(), name, value.c_str());
}
void SipMessage::add_contact(const std::string& value) { osip_message_set_contact(msg_.get(), value.c_str()); }
void SipMessage::add_via(const std::string& value) { osip_message_set_via(msg_.get(), value.c_str()); }
void SipMessage::set_from(const std::string& value) { osip_message_set_from(msg_.get(), value.c_str()); }
void SipMessage::set_to(const std::string& value) { osip_message_set_to(msg_.get(), value.c_str()); }
void SipMessage::set_call_id(const std::string& value) { osip_message_set_call_id(msg_.get(), value.c_str()); }
void SipMessage::set_cseq(const std::string& value) { osip_message_set_cseq(msg_.get(), value.c_str()); }

void SipMessage::set_received(const std::string& ip, int port) {
    osip_via_t* via = nullptr;
    if (osip_message_get_via(msg_.get(), 0, &via) != 0 || !via) return;
    osip_generic_param_t* p = nullptr;
    if (osip_via_param_get_byname(via, const_cast<char*>("received"), &p) != 0 || !p)
        osip_via_set_received(via, osip_strdup(ip.c_str()));
    p = nullptr;
    if (osip_via_param_get_byname(via, const_cast<char*>("rport"), &p) == 0 && p && !p->gvalue)
        p->gvalue = osip_strdup(std::to_string(port).c_str());
}

std::string SipMessage::to_string() const {
    char* text = nullptr;
    size_t length = 0;
    if (osip_message_to_str(msg_.get(), &text, &length) != 0 || !text) return {};
    std::string out(text, length);
    osip_free(text);
    return out;
}

}  // namespace phonefleet::sip
