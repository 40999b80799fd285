// SPEC 7 (issue 17): the digest uri must be the Request-URI, a line holds at most a few
// contacts, and floods of any method from one address are limited (OPTIONS too).
#include <catch2/catch.hpp>

#include "sip_fixture.hpp"
#include "test_phone.hpp"

using namespace phonefleet::testing;

TEST_CASE("a digest computed for another URI than the Request-URI never binds: 400", "[registrar][hardening]") {
    SipTestServer server;
    auto line = server.device_with_lines(1)[0];
    TestPhone phone(line.user, line.password, server.sip_port());
    phone.send_raw(phone.register_request({phone.contact()}, 60));
    auto challenge = TestPhone::challenges(*phone.receive());
    REQUIRE(!challenge.empty());
    // Right password, right nonce, but the response covers another request's URI.
    const auto forged = phonefleet::sip::digest_authorization(challenge[0], line.user, line.password,
                                                              "sip:elsewhere.example", "REGISTER", 1);
    phone.send_raw(phone.register_request({phone.contact()}, 60, forged));
    auto answer = phone.receive();
    REQUIRE(answer);
    CHECK(answer->status() == 400);
    CHECK(answer->reason() == "Digest URI Does Not Match Request-URI");
    CHECK(server.status(line.mac)["state"] == "unregistered");
    // The same phone with the right URI registers (the check does not refuse honest phones).
    CHECK(phone.register_with({phone.contact()}, 60)->status() == 200);
}

TEST_CASE("a line holds at most --sip-max-contacts bindings; more: 403 with a reason, nothing bound",
          "[registrar][hardening]") {
    auto config = sip_config();
    config.sip_max_contacts = 3;
    SipTestServer server(config);
    auto line = server.device_with_lines(1)[0];
    TestPhone phone(line.user, line.password, server.sip_port());
    auto contact = [&](int port) { return "<sip:" + line.user + "@127.0.0.1:" + std::to_string(port) + ">"; };

    // 300 contacts in one REGISTER (the attack of issue 17): refused as a whole.
    std::vector<std::string> many;
    for (int i = 0; i < 300; ++i) many.push_back(contact(20000 + i));
    auto refused = phone.register_with(many, 60);
    REQUIRE(refused);
    CHECK(refused->status() == 403);
    CHECK(refused->reason() == "Too Many Contacts (at most 3 per line)");
    CHECK(server.status(line.mac)["state"] == "unregistered");

    // Up to the cap over several REGISTERs, then one more is refused; refreshing is fine.
    CHECK(phone.register_with({contact(5071), contact(5072)}, 60)->status() == 200);
    CHECK(phone.register_with({contact(5073)}, 60)->status() == 200);
    auto fourth = phone.register_with({contact(5074)}, 60);
    REQUIRE(fourth);
    CHECK(fourth->status() == 403);
    CHECK(phone.register_with({contact(5071), contact(5073)}, 60)->status() == 200);
    // Removing one makes room (Expires 0 for one, a new one in the same request).
    CHECK(phone.register_with({contact(5072) + ";expires=0", contact(5074)}, 60)->status() == 200);
}

TEST_CASE("OPTIONS floods from one address are limited too: no answer over the rate", "[registrar][hardening]") {
    auto config = sip_config();
    config.sip_request_rate = 5;  // burst 10
    SipTestServer server(config);
    TestPhone phone("33100000000", "x", server.sip_port());
    const auto port = std::to_string(server.sip_port());
    int answered = 0;
    for (int i = 0; i < 40; ++i) {
        auto req = phonefleet::sip::SipMessage::request("OPTIONS", "sip:127.0.0.1:" + port);
        auto& m = req.value();
        m.add_via("SIP/2.0/UDP 127.0.0.1:" + std::to_string(phone.port()) + ";branch=z9hG4bK" +
                  phonefleet::sip::random_hex(8) + ";rport");
        m.set_from("<sip:probe@127.0.0.1>;tag=" + phonefleet::sip::random_hex(4));
        m.set_to("<sip:127.0.0.1:" + port + ">");
        m.set_call_id(phonefleet::sip::random_hex(8) + "@127.0.0.1");
        m.set_cseq("1 OPTIONS");
        phone.send_raw(m.to_string());
    }
    // All sent at once (well within a second); then every answer that came.
    while (auto answer = phone.receive(500)) answered += answer->status() == 200;
    // The burst and at most a token or two more; the rest is dropped, counted as limited.
    CHECK(answered >= 10);
    CHECK(answered <= 12);
    CHECK(server.app().sip().counters().limited >= 28);
}
