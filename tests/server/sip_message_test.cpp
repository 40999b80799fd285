// The SIP input path: libosip2 parses, and whatever arrives (garbage, truncations, mutations
// of a real REGISTER) is answered or dropped without crashing the server.
#include <catch2/catch.hpp>

#include <random>

#include "sip/sip_message.hpp"
#include "sip/sip_server.hpp"
#include "test_server.hpp"

using namespace phonefleet;
using namespace phonefleet::sip;

namespace {

const std::string kRegister =
    "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1;rport\r\n"
    "From: <sip:33100000001@127.0.0.1>;tag=a1\r\n"
    "To: <sip:33100000001@127.0.0.1>\r\n"
    "Call-ID: c1@127.0.0.1\r\n"
    "CSeq: 1 REGISTER\r\n"
    "Contact: <sip:33100000001@127.0.0.1:5062>;expires=120\r\n"
    "Authorization: Digest username=\"33100000001\", realm=\"pf\", nonce=\"n\", uri=\"sip:127.0.0.1\","
    " response=\"r\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c\"\r\n"
    "Expires: 120\r\n"
    "User-Agent: test\r\n"
    "Content-Length: 0\r\n\r\n";

}  // namespace

TEST_CASE("osip parses a REGISTER and we read what the registrar needs", "[sip][message]") {
    auto m = SipMessage::parse(kRegister);
    REQUIRE(m);
    CHECK(m.value().is_request());
    CHECK(m.value().method() == "REGISTER");
    CHECK(m.value().has_transaction_headers());
    CHECK(m.value().to_user() == "33100000001");
    CHECK(m.value().top_via_branch() == "z9hG4bK-1");
    CHECK(m.value().header("expires") == "120");
    CHECK(m.value().header("user-agent") == "test");
    CHECK(m.value().call_id() == "c1@127.0.0.1");
    CHECK(m.value().cseq_number() == 1u);
    auto with_cseq = [](const std::string& value) {
        std::string bytes = kRegister;
        bytes.replace(bytes.find("CSeq: 1 REGISTER"), 16, "CSeq: " + value);
        auto parsed = SipMessage::parse(bytes);
        return parsed ? parsed.value().cseq_number() : std::optional<std::uint32_t>(7);  // 7: refused by osip
    };
    CHECK(with_cseq("4294967295 REGISTER") == 4294967295u);  // 2^32 - 1, the largest (RFC 3261 8.1.1.5)
    CHECK(with_cseq("4294967296 REGISTER") == std::nullopt);
    CHECK(with_cseq("12a REGISTER") == std::nullopt);

    auto res = SipMessage::response_to(m.value(), 423, "t1");
    res.add_header("Min-Expires", "60");
    res.set_received("10.1.2.3", 4567);
    auto text = res.to_string();
    CHECK(text.rfind("SIP/2.0 423 Interval Too Brief\r\n", 0) == 0);
    CHECK(text.find("rport=4567") != std::string::npos);
    CHECK(text.find("received=10.1.2.3") != std::string::npos);
    CHECK(text.find(";tag=t1") != std::string::npos);
    CHECK(text.find("Min-Expires: 60") != std::string::npos);
}

TEST_CASE("garbage is refused by the parser as a value", "[sip][message]") {
    for (std::string bytes : {std::string(), std::string("\r\n\r\n"), std::string("hello"), std::string(5000, 'A'),
                              std::string("SIP/2.0 banana\r\n\r\n"), std::string("\0\0\0\0", 4)})
        CHECK_FALSE(SipMessage::parse(bytes));
}

TEST_CASE("mutated and truncated REGISTERs never crash the SIP input path", "[sip][fuzz]") {
    testing::TempDir dir;
    store::SqliteStore store((dir.path() / "db.sqlite").string(), 2);
    SipSettings settings;
    settings.registrar.realm = "pf";
    settings.registrar.algorithms = {DigestAlgorithm::Sha256, DigestAlgorithm::Md5};
    SipServer server(settings, store, store, services::system_clock());  // never bound: answers go nowhere
    const Peer from{"127.0.0.1", 5062};

    for (std::size_t n = 0; n <= kRegister.size(); n += 7) server.handle_datagram(kRegister.substr(0, n), from);
    std::mt19937 random(42);
    const std::string alphabet = "\r\n:;<>@\"=, \t\0abcSIP/2.0z9hG4bK0123456789";
    for (int round = 0; round < 3000; ++round) {
        std::string bytes = kRegister;
        const int edits = 1 + static_cast<int>(random() % 8);
        for (int e = 0; e < edits; ++e) {
            const auto at = random() % bytes.size();
            switch (random() % 3) {
                case 0: bytes[at] = alphabet[random() % alphabet.size()]; break;
                case 1: bytes.erase(at, 1 + random() % 20); break;
                default: bytes.insert(at, std::string(1 + random() % 300, alphabet[random() % alphabet.size()]));
            }
            if (bytes.empty()) bytes = "x";
        }
        server.handle_datagram(bytes, from);
    }
    CHECK(server.counters().received == 3000 + kRegister.size() / 7 + 1);
}
