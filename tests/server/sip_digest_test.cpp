// Digest authentication pieces of the registrar: RFC 7616's worked examples (the same
// computation as SIP's RFC 8760 with MD5 and SHA-256), challenges, and nonces that expire
// and cannot be replayed.
#include <catch2/catch.hpp>

#include "sip/digest.hpp"

using namespace phonefleet::sip;

TEST_CASE("digest responses match the RFC 7616 examples for MD5 and SHA-256", "[sip][digest]") {
    DigestCredentials c;
    c.username = "Mufasa";
    c.realm = "http-auth@example.org";
    c.uri = "/dir/index.html";
    c.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    c.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    c.nc = "00000001";
    c.qop = "auth";
    for (auto [algorithm, expected] : {std::pair{DigestAlgorithm::Md5, "8ca523f5e9506fed4657c9700eebdbec"},
                                       std::pair{DigestAlgorithm::Sha256,
                                                 "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"}}) {
        c.algorithm = algorithm;
        const auto ha1 = digest_hex(algorithm, "Mufasa:http-auth@example.org:Circle of Life");
        CHECK(expected_response(c, ha1, "GET") == expected);
    }
}

TEST_CASE("algorithm names parse as RFC 8760 spells them", "[sip][digest]") {
    CHECK(parse_digest_algorithm("MD5") == DigestAlgorithm::Md5);
    CHECK(parse_digest_algorithm("sha-256") == DigestAlgorithm::Sha256);
    CHECK_FALSE(parse_digest_algorithm("SHA-512-256"));
    CHECK(challenge(DigestAlgorithm::Sha256, "pf.local", "abc", true) ==
          "Digest realm=\"pf.local\", nonce=\"abc\", algorithm=SHA-256, qop=\"auth\", stale=true");
}

TEST_CASE("nonces are fresh once per count, expire, and cannot be forged", "[sip][digest]") {
    std::int64_t now = 1'800'000'000;
    NonceKeeper keeper([&] { return now; }, 300);
    auto nonce = keeper.issue();
    CHECK(nonce.size() == 64);
    CHECK(keeper.issue() != nonce);

    CHECK(keeper.use(nonce, "00000001") == NonceKeeper::Check::Fresh);
    CHECK(keeper.use(nonce, "00000001") == NonceKeeper::Check::Replayed);  // the same request again
    CHECK(keeper.use(nonce, "00000002") == NonceKeeper::Check::Fresh);
    CHECK(keeper.use(nonce, "zz") == NonceKeeper::Check::Replayed);

    auto forged = nonce;
    forged[40] = forged[40] == 'a' ? 'b' : 'a';
    CHECK(keeper.use(forged, "00000009") == NonceKeeper::Check::Stale);
    CHECK(keeper.use("not-a-nonce", "00000001") == NonceKeeper::Check::Stale);

    now += 300;
    CHECK(keeper.use(nonce, "00000003") == NonceKeeper::Check::Stale);

    NonceKeeper other_run([&] { return now; }, 300);  // a restarted server has another secret
    CHECK(other_run.use(keeper.issue(), "00000001") == NonceKeeper::Check::Stale);
}
