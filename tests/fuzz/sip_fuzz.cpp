// libFuzzer target for the SIP input path (issue 6): a datagram goes through
// SipServer::handle_datagram exactly as the UDP transport hands it over (osip parse, request or
// response, transaction key, flood limiter, registrar with digest parsing, nonce check, contacts
// and a real SQLite store), and what the server answers is checked. Without a socket: the
// server is never bound and its answers come back through its tap.
//
// Input: byte 0 chooses how the datagram is sent, the rest is the datagram.
//   bit 0: as a phone that knows the line's password: the REGISTER is sent once without any
//          Authorization, the server's 401 answered with digest_authorization (the phone side
//          of the demo fleet), and sent again, so that the fuzzer reaches the binding writes;
//   bit 1: which challenge to answer (SHA-256 or MD5); bits 2-3: one of four source addresses;
//   bit 4: the datagram arrives twice in one batch (SipServer::handle_batch).
// Properties, beyond no crash and no sanitizer report:
//   - every datagram the server sends parses again (we never put on the wire what osip rejects);
//   - an answer carries the Call-ID and CSeq of its request (RFC 3261 8.2.6);
//   - without the password no REGISTER is ever answered 2xx;
//   - a 200 to a REGISTER lists exactly the line's bindings in the store.
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sip/digest_client.hpp"
#include "sip/sip_server.hpp"
#include "store/sqlite_store.hpp"

namespace {

using namespace phonefleet;

constexpr const char* kRealm = "phonefleet.local";
constexpr const char* kUser = "33100000001";
constexpr const char* kPassword = "fuzz-secret";

std::string hex_of(sip::DigestAlgorithm a) {
    return sip::digest_hex(a, std::string(kUser) + ":" + kRealm + ":" + kPassword);
}

[[noreturn]] void fail(const char* what, std::string_view detail) {
    std::fprintf(stderr, "sip_fuzz: %s\n%.*s\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<store::SqliteStore> store;
    std::int64_t line_id = 0;
    std::int64_t now_s = 1'700'000'000;
    std::int64_t now_ms = 0;
    std::uint64_t runs = 0;
    std::uint64_t bound = 0;  // REGISTERs answered 200 (SIP_FUZZ_VERBOSE=1 prints it at exit)

    Fixture() {
        char pattern[] = "/tmp/phonefleet-sip-fuzz-XXXXXX";
        if (!::mkdtemp(pattern)) fail("mkdtemp", "");
        dir = pattern;
        store = std::make_unique<store::SqliteStore>((dir / "fuzz.sqlite").string(), 2);
        const auto provider = store->insert_provider("Fuzz Telecom");
        const auto customer = store->insert_customer(provider, "Fuzz Customer");
        const auto site = store->insert_site(customer, "Paris");
        store->upsert_device_type({{"Fuzz Phone", "Yealink", 2, false}, "check-sync"});
        store->insert_device({"0015650A0001", customer, site, "Fuzz Phone", std::nullopt});
        store::LineRecord line;
        line.device_mac = "0015650A0001";
        line.port = 1;
        line.phone_number = kUser;
        line.extension = "101";
        line.sip_ha1_md5 = hex_of(sip::DigestAlgorithm::Md5);
        line.sip_ha1_sha256 = hex_of(sip::DigestAlgorithm::Sha256);
        store->insert_line(line);
        line_id = store->find_sip_account(kUser)->line_id;
    }
    ~Fixture() {
        if (std::getenv("SIP_FUZZ_VERBOSE"))
            std::fprintf(stderr, "sip_fuzz: %llu inputs, %llu REGISTERs bound\n", static_cast<unsigned long long>(runs),
                         static_cast<unsigned long long>(bound));
        store.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

// The checks every answer must pass, given the request it answers.
void check_answer(const sip::SipMessage& request, std::string_view bytes, bool knows_password) {
    auto parsed = sip::SipMessage::parse(bytes);
    if (!parsed) fail("the server sent what osip cannot parse", bytes);
    const auto& answer = parsed.value();
    if (answer.is_request()) fail("the server answered with a request", bytes);
    if (request.has_transaction_headers()) {
        if (answer.call_id() != request.call_id()) fail("answer with another Call-ID", bytes);
        const auto* q = request.raw()->cseq;
        const auto* a = answer.raw()->cseq;
        if (!a || !a->number || std::string_view(a->number) != q->number) fail("answer with another CSeq", bytes);
    }
    if (!knows_password && request.method() == "REGISTER" && answer.status() >= 200 && answer.status() < 300)
        fail("a REGISTER without the password was accepted", bytes);
}

// A new transaction (RFC 3261 17.2.3: else the server answers it as a retransmission).
std::string with_new_branch_and_authorization(sip::SipMessage& m, const char* branch_value,
                                              const std::string& authorization) {
    osip_via_t* via = nullptr;
    if (osip_message_get_via(m.raw(), 0, &via) == 0 && via) {
        osip_generic_param_t* branch = nullptr;
        if (osip_via_param_get_byname(via, const_cast<char*>("branch"), &branch) == 0 && branch) {
            osip_free(branch->gvalue);
            branch->gvalue = osip_strdup(branch_value);
        } else {
            osip_via_set_branch(via, osip_strdup(branch_value));
        }
    }
    if (!authorization.empty()) osip_message_set_authorization(m.raw(), authorization.c_str());
    return m.to_string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    auto& f = fixture();
    const std::uint8_t mode = data[0];
    const std::string_view datagram(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (datagram.size() > sip::UdpTransport::kMaxDatagram) return 0;  // dropped before parsing

    // Time moves on: nonces go stale (300 s) and the flood limiter refills (7 ms per run).
    if (++f.runs % 16 == 0) ++f.now_s;
    // A fresh server per input (its nonces, transactions and buckets), a line without bindings.
    f.store->delete_bindings(f.line_id);
    sip::SipSettings settings;
    settings.registrar.realm = kRealm;
    settings.registrar.algorithms = {sip::DigestAlgorithm::Sha256, sip::DigestAlgorithm::Md5};
    settings.registrar.min_expires_s = 60;
    sip::SipServer server(settings, *f.store, *f.store, [&f] { return f.now_s; }, [&f] { return f.now_ms += 7; });
    std::vector<std::string> sent;
    server.tap_answers([&sent](const sip::Peer&, std::string_view bytes) { sent.emplace_back(bytes); });
    static const char* sources[] = {"127.0.0.1", "10.0.0.2", "192.0.2.7", "127.0.0.1"};
    const sip::Peer from{sources[(mode >> 2) & 3], 5062};

    if (mode & 16) {
        // As two datagrams waiting together (from two sources): one transaction, answers after it.
        server.handle_batch({{datagram, from}, {datagram, sip::Peer{"10.9.8.7", 5070}}});
    } else {
        server.handle_datagram(datagram, from);
    }
    auto request = sip::SipMessage::parse(datagram);
    if (!request) {
        if (!sent.empty()) fail("an unparseable datagram was answered", datagram);
        return 0;
    }
    for (const auto& s : sent) {
        if (!request.value().is_request()) fail("a response was answered", s);
        check_answer(request.value(), s, false);
    }
    if (!request.value().is_request()) {
        (void)sip::digest_challenges(request.value());  // the phone side reads 401s (demo fleet)
        return 0;
    }
    if (!(mode & 1) || request.value().method() != "REGISTER" || !request.value().has_transaction_headers()) return 0;

    // As a phone with the password: the same REGISTER without credentials, then answered.
    auto& m = request.value();
    osip_list_special_free(&m.raw()->authorizations, reinterpret_cast<void (*)(void*)>(&osip_authorization_free));
    sent.clear();
    const auto first = with_new_branch_and_authorization(m, "z9hG4bKfuzz1", "");
    if (first.empty()) return 0;
    server.handle_datagram(first, from);
    if (sent.size() != 1) return 0;
    auto challenge = sip::SipMessage::parse(sent[0]);
    if (!challenge || challenge.value().status() != 401) return 0;
    const auto offered = sip::digest_challenges(challenge.value());
    if (offered.empty()) fail("a 401 without a challenge", sent[0]);
    const auto& c = offered[(mode >> 1) & 1 ? offered.size() - 1 : 0];
    char* uri = nullptr;
    osip_uri_to_str(m.raw()->req_uri, &uri);
    const std::string request_uri = uri ? uri : "";
    osip_free(uri);
    const auto authorization = sip::digest_authorization(c, m.to_user(), kPassword, request_uri, "REGISTER", 1);
    const auto second = with_new_branch_and_authorization(m, "z9hG4bKfuzz2", authorization);
    sent.clear();
    server.handle_datagram(second, from);
    auto resent = sip::SipMessage::parse(second);
    if (!resent) return 0;
    for (const auto& s : sent) check_answer(resent.value(), s, true);
    if (sent.size() == 1) {
        auto answer = sip::SipMessage::parse(sent[0]);
        if (answer && answer.value().status() == 200) {
            if (m.to_user() != kUser) fail("a REGISTER of another user was accepted", sent[0]);
            ++f.bound;
            const auto bindings = f.store->line_bindings(f.line_id, f.now_s);
            if (static_cast<std::size_t>(osip_list_size(&answer.value().raw()->contacts)) != bindings.size())
                fail("the 200 does not list the line's bindings", sent[0]);
        }
    }
    return 0;
}
