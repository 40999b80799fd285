// The registrar's rules with an osip-built phone (SHA-256, which sipp 3.6 cannot compute),
// replays, stale nonces, several contacts, `*`, floods, and hostile datagrams.
#include <catch2/catch.hpp>

#include "sip_fixture.hpp"
#include "test_phone.hpp"

using namespace phonefleet::testing;

namespace {

std::string contact_values(const phonefleet::sip::SipMessage& m) {
    std::string out;
    osip_contact_t* c = nullptr;
    for (int i = 0; osip_message_get_contact(m.raw(), i, &c) >= 0 && c; ++i) {
        char* s = nullptr;
        osip_contact_to_str(c, &s);
        out += std::string(s ? s : "") + "\n";
        osip_free(s);
    }
    return out;
}

}  // namespace

TEST_CASE("challenges follow --sip-digest; a SHA-256 digest registers (RFC 8760)", "[registrar]") {
    SipTestServer server;  // default: SHA-256,MD5
    auto line = server.device_with_lines(1)[0];
    TestPhone phone(line.user, line.password, server.sip_port());

    phone.send_raw(phone.register_request({phone.contact()}, 60));
    auto challenge = phone.receive();
    REQUIRE(challenge);
    CHECK(challenge->status() == 401);
    INFO(challenge->to_string());
    auto offered = TestPhone::challenges(*challenge);
    REQUIRE(offered.size() == 2);
    CHECK(offered[0].algorithm == "SHA-256");
    CHECK(offered[1].algorithm == "MD5");
    CHECK(offered[0].realm == "phonefleet.local");
    CHECK(offered[0].nonce != offered[1].nonce);

    auto ok = phone.register_with({phone.contact()}, 60, "SHA-256");
    REQUIRE(ok);
    CHECK(ok->status() == 200);
    CHECK(contact_values(*ok).find(";expires=60") != std::string::npos);
    CHECK(server.status(line.mac)["state"] == "registered");
    CHECK(server.status(line.mac)["user_agent"] == "osip-test-phone");
}

TEST_CASE("a replayed REGISTER, a stale nonce, an unknown user never bind", "[registrar]") {
    SipTestServer server;
    auto line = server.device_with_lines(1)[0];
    TestPhone phone(line.user, line.password, server.sip_port());
    std::string sent;
    REQUIRE(phone.register_with({phone.contact()}, 60, "MD5", &sent)->status() == 200);

    SECTION("the same credentials in a new transaction are challenged, not accepted") {
        const auto branch = sent.find("branch=z9hG4bK") + 14;
        sent[branch] = sent[branch] == 'a' ? 'b' : 'a';  // another transaction, same nonce and nc
        phone.send_raw(sent);
        auto again = phone.receive();
        REQUIRE(again);
        CHECK(again->status() == 401);
    }
    SECTION("a nonce older than 5 minutes is stale (RFC 2617 stale=true)") {
        phone.send_raw(phone.register_request({phone.contact()}, 60));
        auto challenge = TestPhone::challenges(*phone.receive());
        server.clock.now += 301;
        phone.send_raw(phone.register_request({phone.contact()}, 60, phone.authorization(challenge[0])));
        auto stale = phone.receive();
        REQUIRE(stale);
        CHECK(stale->status() == 401);
        CHECK(TestPhone::challenges(*stale).at(0).stale);
    }
    SECTION("an unknown user and a wrong password both get 403") {
        TestPhone stranger("33999999999", "whatever", server.sip_port());
        CHECK(stranger.register_with({stranger.contact()}, 60)->status() == 403);
        TestPhone liar(line.user, "not-the-password", server.sip_port());
        CHECK(liar.register_with({liar.contact()}, 60)->status() == 403);
    }
}

TEST_CASE("several contacts per line; `*` with Expires: 0 removes them all", "[registrar]") {
    SipTestServer server;
    auto line = server.device_with_lines(1)[0];
    TestPhone phone(line.user, line.password, server.sip_port());
    auto ok = phone.register_with({"<sip:" + line.user + "@127.0.0.1:5071>;expires=120", phone.contact()}, 60);
    REQUIRE(ok);
    REQUIRE(ok->status() == 200);
    auto listed = contact_values(*ok);
    CHECK(listed.find("5071>;expires=120") != std::string::npos);
    CHECK(listed.find(std::to_string(phone.port()) + ">;expires=60") != std::string::npos);

    auto cleared = phone.register_with({"*"}, 0);
    REQUIRE(cleared);
    CHECK(cleared->status() == 200);
    CHECK(contact_values(*cleared).empty());
    CHECK(server.status(line.mac)["state"] == "unregistered");
}

TEST_CASE("a REGISTER older than its binding's (same Call-ID, CSeq not above) fails and changes nothing (RFC 3261 10.3)",
          "[registrar]") {
    SipTestServer server;
    auto line = server.device_with_lines(1)[0];
    TestPhone phone(line.user, line.password, server.sip_port());
    phone.set_next_cseq(9);  // the challenge takes 9, the binding is made by CSeq 10
    auto made = phone.register_with({phone.contact()}, 60);
    REQUIRE(made);
    REQUIRE(made->status() == 200);
    REQUIRE(contact_values(*made).find(";expires=60") != std::string::npos);
    server.clock.now += 5;

    int next = 20;
    auto bindings = [&] {  // a REGISTER in order without contacts: the line's bindings (10.3 step 8)
        phone.set_next_cseq(next);
        next += 2;
        auto fresh = phone.register_with({}, std::nullopt);
        REQUIRE(fresh);
        CHECK(fresh->status() == 200);
        return contact_values(*fresh);
    };
    auto still_bound = [&] {  // the binding as CSeq 10 left it, 5 s later
        CHECK(server.status(line.mac)["state"] == "registered");
        CHECK(bindings().find(std::to_string(phone.port()) + ">;expires=55") != std::string::npos);
    };
    // A REGISTER sent before the binding's, answered with challenge and credentials as always.
    auto sent_before = [&](int cseq, const std::vector<std::string>& contacts, int expires) {
        phone.set_next_cseq(cseq - 1);  // the challenge takes cseq - 1
        auto late = phone.register_with(contacts, expires);
        REQUIRE(late);
        return late->status();
    };
    const std::string other_contact = "<sip:" + line.user + "@127.0.0.1:5071>";
    SECTION("a refresh sent before (CSeq 5) with another expiry") {
        CHECK(sent_before(5, {phone.contact()}, 3600) == 400);
        still_bound();
    }
    SECTION("an unregistration sent before (Expires: 0)") {
        CHECK(sent_before(7, {phone.contact()}, 0) == 400);
        still_bound();
    }
    SECTION("`*` sent before, beside a binding of another Call-ID") {
        TestPhone desk(line.user, line.password, server.sip_port());
        REQUIRE(desk.register_with({desk.contact()}, 60)->status() == 200);
        CHECK(sent_before(7, {"*"}, 0) == 400);
        still_bound();
        CHECK(bindings().find(std::to_string(desk.port()) + ">;expires=") != std::string::npos);
    }
    SECTION("a new contact beside one sent before: neither applies") {
        CHECK(sent_before(7, {other_contact, phone.contact()}, 3600) == 400);
        still_bound();
        CHECK(bindings().find("5071") == std::string::npos);
    }
    SECTION("once the binding has expired, an older CSeq binds anew (there is no binding to undo)") {
        server.clock.now += 60;
        CHECK(sent_before(5, {phone.contact()}, 120) == 200);
        CHECK(bindings().find(std::to_string(phone.port()) + ">;expires=120") != std::string::npos);
    }
    SECTION("the same CSeq again (10), answering a new challenge") {
        CHECK(sent_before(10, {phone.contact()}, 3600) == 400);
        still_bound();
    }
    SECTION("a later CSeq applies, and another Call-ID applies whatever its CSeq (the phone restarted)") {
        phone.set_next_cseq(11);
        auto later = phone.register_with({phone.contact()}, 120);
        REQUIRE(later);
        CHECK(later->status() == 200);
        CHECK(contact_values(*later).find(";expires=120") != std::string::npos);
        phone.restart();
        phone.set_next_cseq(1);
        auto restarted = phone.register_with({phone.contact()}, 0);
        REQUIRE(restarted);
        CHECK(restarted->status() == 200);
        CHECK(contact_values(*restarted).empty());
        CHECK(server.status(line.mac)["state"] == "unregistered");
    }
}

TEST_CASE("REGISTER floods from one address get 503 with Retry-After", "[registrar]") {
    auto config = sip_config();
    config.sip_request_rate = 5;  // burst 10
    SipTestServer server(config);
    TestPhone phone("33100000000", "x", server.sip_port());
    int challenged = 0, refused = 0;
    for (int i = 0; i < 30; ++i) {
        phone.send_raw(phone.register_request({phone.contact()}, 60));
        auto answer = phone.receive();
        REQUIRE(answer);
        if (answer->status() == 401) ++challenged;
        if (answer->status() == 503) {
            ++refused;
            CHECK(answer->header("retry-after").has_value());
        }
    }
    CHECK(challenged >= 10);
    CHECK(challenged <= 12);
    CHECK(refused == 30 - challenged);
}

TEST_CASE("malformed and oversized datagrams: 400 when answerable, dropped otherwise, server alive", "[registrar]") {
    SipTestServer server;
    TestPhone phone("33100000000", "x", server.sip_port());
    phone.send_raw("garbage\r\n\r\n");
    phone.send_raw(std::string(60000, 'A'));
    phone.send_raw("REGISTER sip:x SIP/2.0\r\nVia: SIP/2.0/UDP " + std::string(20000, '1') + "\r\n\r\n");
    phone.send_raw(std::string("\0\1\2\3REGISTER", 12));
    // Sent-bys osip parses but prints back as nothing can read (found by the fuzz target): an
    // empty port, a comma in the host. No sent-by, no answer (a 400 copying them was unreadable).
    phone.send_raw("OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:\r\n  ;tag=1\r\nTo: sip:a@b\r\n"
                   "Call-ID: f\r\nCSeq: 1 OPTIONS\r\n\r\n");
    phone.send_raw("REGISTER sip:a SIP/2.0\r\nVia: SIP/2.0/UDP 127,0.0.1:5062;branch=z9hG4bKc;rport\rTo: <sip:a@b>\r\n"
                   "From: <sip:b>;tag: 0\r\n\r\n");
    CHECK_FALSE(phone.receive_raw(300));  // nothing to answer

    // A Via but no Call-ID / CSeq: answerable, and answered 400.
    phone.send_raw("REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + std::to_string(phone.port()) +
                   ";branch=z9hG4bKbad\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nContent-Length: 0\r\n\r\n");
    auto bad = phone.receive();
    REQUIRE(bad);
    CHECK(bad->status() == 400);

    // A To without a host (found by the fuzz target): the answer copying it was unreadable;
    // now 400, readable, without that To.
    phone.send_raw("REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + std::to_string(phone.port()) +
                   ";branch=z9hG4bKnohost\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:33100000000@ >\r\nCall-ID: y\r\n"
                   "CSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n");
    auto no_host = phone.receive();
    REQUIRE(no_host);
    CHECK(no_host->status() == 400);
    // A CSeq osip reads in a request and refuses in the answer copying it (fuzz target): no
    // answer at all rather than an unreadable one.
    phone.send_raw("REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + std::to_string(phone.port()) +
                   "\r\nFrom: <sip:@b>\r\nCall-ID: x\r\nCSeq: 1 REp>!\r\n\r\n");
    CHECK_FALSE(phone.receive_raw(300));
    CHECK(server.app().sip().counters().unreadable == 1);

    // Still serving: OPTIONS is answered 200 (RFC 3261 11.2).
    phone.send_raw("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + std::to_string(phone.port()) +
                   ";branch=z9hG4bKok\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n"
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    auto alive = phone.receive();
    REQUIRE(alive);
    CHECK(alive->status() == 200);
    CHECK(server.app().sip().counters().unparseable >= 2);

    // Parsed but hostile: a User-Agent near the 16 KiB limit, 300 Contacts, an
    // Authorization whose quotes never close. Then a phone still registers with digest.
    auto line = server.device_with_lines(1)[0];
    TestPhone good(line.user, line.password, server.sip_port());
    std::string big = good.register_request({good.contact()}, 60);
    big.insert(big.find("User-Agent: ") + 12, std::string(15000, 'u'));
    good.send_raw(big);
    std::vector<std::string> many;
    for (int i = 0; i < 300; ++i) many.push_back("<sip:" + line.user + "@127.0.0.1:" + std::to_string(10000 + i) + ">");
    good.send_raw(good.register_request(many, 60));
    std::string unterminated = good.register_request({good.contact()}, 60);
    unterminated.insert(unterminated.find("User-Agent: "),
                        "Authorization: Digest username=\"" + line.user + "\", realm=\"phonefleet.local, nonce=\r\n");
    good.send_raw(unterminated);
    while (good.receive(500)) {
    }
    auto ok = good.register_with({good.contact()}, 60);
    REQUIRE(ok);
    CHECK(ok->status() == 200);
    CHECK(server.status(line.mac)["state"] == "registered");
}

TEST_CASE("a retransmitted REGISTER gets the same answer again, not a replay refusal (RFC 3261 17.2.2)",
          "[registrar]") {
    SipTestServer server;
    auto line = server.device_with_lines(1)[0];
    TestPhone phone(line.user, line.password, server.sip_port());
    std::string sent;
    auto first = phone.register_with({phone.contact()}, 60, "SHA-256", &sent);
    REQUIRE(first);
    REQUIRE(first->status() == 200);
    phone.send_raw(sent);  // as if our 200 had been lost
    auto again = phone.receive();
    REQUIRE(again);
    CHECK(again->status() == 200);
    CHECK(again->to_string() == first->to_string());
    CHECK(server.app().sip().counters().retransmissions == 1);
}
