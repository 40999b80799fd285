#include <catch2/catch.hpp>

#include "phonefleet/mac_vendor.hpp"
#include "phonefleet/messages.hpp"

using namespace phonefleet;

namespace {

const DeviceType kYealinkT54W{"Yealink T54W", "Yealink", 16, false};
const DeviceType kPolyVvx450{"Poly VVX 450", "Poly", 12, false};
const DeviceType kCisco8851{"Cisco 8851", "Cisco", 5, false};
const DeviceType kAcmePhone{"Acme 1", "Acme Telecom", 1, false};

}  // namespace

TEST_CASE("catalog vendor names are matched to the registry's vendors", "[mac_vendor]") {
    REQUIRE(vendor_of_catalog_name("Cisco"));
    CHECK(vendor_of_catalog_name("Cisco")->name == "Cisco");
    CHECK(vendor_of_catalog_name("cisco systems")->name == "Cisco");
    CHECK(vendor_of_catalog_name("Polycom")->name == "Poly");
    CHECK(vendor_of_catalog_name(" poly ")->name == "Poly");
    CHECK(vendor_of_catalog_name("Alcatel-Lucent Enterprise")->name == "Alcatel-Lucent");
    CHECK_FALSE(vendor_of_catalog_name("Acme Telecom"));
    CHECK_FALSE(vendor_of_catalog_name("Polytron"));  // a word, not a prefix
    CHECK_FALSE(vendor_of_catalog_name(""));
}

TEST_CASE("registry blocks are found by their organisation's many names", "[mac_vendor]") {
    CHECK(mac_vendor_block_count() > 1000);  // Cisco alone has over a thousand
    CHECK(vendor_of_mac(0x001E4A000001)->name == "Cisco");    // "Cisco Systems, Inc"
    CHECK(vendor_of_mac(0x2C3F0B000001)->name == "Cisco");    // "Cisco Meraki"
    CHECK(vendor_of_mac(0x64167F000001)->name == "Poly");     // "Polycom"
    CHECK(vendor_of_mac(0x805EC0000001)->name == "Yealink");  // "YEALINK(XIAMEN) NETWORK TECHNOLOGY CO.,LTD."
    CHECK(vendor_of_mac(0x000413000001)->name == "Snom");     // "snom technology GmbH"
    CHECK(vendor_of_mac(0x7C2F80000001)->name == "Gigaset");
    CHECK(vendor_of_mac(0x0013D1000001)->name == "Spectralink");  // KIRK telecom
    CHECK_FALSE(vendor_of_mac(0x002272000001));  // registered to an organisation we do not map
    CHECK_FALSE(vendor_of_mac(0x1A2B3C000001));  // in no registry
    CHECK_FALSE(vendor_of_mac(0x0604F2000001));  // Polycom's OUI with the locally administered bit
}

TEST_CASE("a known Cisco MAC on a Yealink type warns, naming both vendors", "[mac_vendor]") {
    auto w = mac_vendor_warning("00:1E:4A:0A:00:01", kYealinkT54W);
    REQUIRE(w);
    CHECK(w->code == "mac_vendor_mismatch");
    CHECK(w->field == "mac");
    CHECK(w->value == "00:1E:4A:0A:00:01");
    CHECK(message(*w, Language::En) ==
          "MAC address 00:1E:4A:0A:00:01 belongs to Cisco (IEEE registry), but Yealink T54W is a Yealink model: check "
          "the address.");
    CHECK(message(*w, Language::Fr) ==
          "L'adresse MAC 00:1E:4A:0A:00:01 appartient à Cisco (registre IEEE), alors que Yealink T54W est un modèle "
          "Yealink : vérifiez l'adresse.");
    CHECK(mac_vendor_warning("805EC00C0001", kCisco8851));  // and the other way round
}

TEST_CASE("no warning when the vendors agree or nothing is known for sure", "[mac_vendor]") {
    CHECK_FALSE(mac_vendor_warning("64:16:7F:0B:00:01", kPolyVvx450));  // Polycom OUI, Poly type
    CHECK_FALSE(mac_vendor_warning("0004.f200.0001", kPolyVvx450));     // another Polycom OUI
    CHECK_FALSE(mac_vendor_warning("001E4A0A0001", kCisco8851));
    CHECK_FALSE(mac_vendor_warning("2C3F0B0D0001", kCisco8851));        // Cisco Meraki is Cisco
    CHECK_FALSE(mac_vendor_warning("0013D1000001", kPolyVvx450));       // Spectralink: Polycom's once
    CHECK_FALSE(mac_vendor_warning("00:22:72:00:00:01", kYealinkT54W)); // an organisation we do not map
    CHECK_FALSE(mac_vendor_warning("1A:2B:3C:00:00:01", kYealinkT54W)); // unregistered OUI
    CHECK_FALSE(mac_vendor_warning("02:1E:4A:00:00:01", kYealinkT54W)); // locally administered
    CHECK_FALSE(mac_vendor_warning("00:1E:4A:0A:00:01", kAcmePhone));   // a vendor we have no mapping for
    CHECK_FALSE(mac_vendor_warning("not a mac", kYealinkT54W));
}
