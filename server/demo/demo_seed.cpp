#include "demo/demo_seed.hpp"

#include <cstdio>
#include <vector>

#include "services/secrets.hpp"

namespace phonefleet::demo {
namespace {

// Real models with their line-key (SIP account) counts and the NOTIFY event their vendor's
// phones reboot on, as provisioning tables of FreePBX/FusionPBX keep them.
const std::vector<store::DeviceTypeRecord> kCatalog = {
    {{"Cisco 6821", "Cisco", 2, false}, "check-sync"},
    {{"Cisco 6841", "Cisco", 4, false}, "check-sync"},
    {{"Cisco 6851", "Cisco", 4, false}, "check-sync"},
    {{"Cisco 6861", "Cisco", 4, false}, "check-sync"},
    {{"Cisco 6871", "Cisco", 6, false}, "check-sync"},
    {{"Cisco 7821", "Cisco", 2, false}, "check-sync"},
    {{"Cisco 7841", "Cisco", 4, false}, "check-sync"},
    {{"Cisco 7861", "Cisco", 16, false}, "check-sync"},
    {{"Cisco 8811", "Cisco", 5, false}, "check-sync"},
    {{"Cisco 8841", "Cisco", 5, false}, "check-sync"},
    {{"Cisco 8851", "Cisco", 5, false}, "check-sync"},
    {{"Cisco 8861", "Cisco", 5, false}, "check-sync"},
    {{"Cisco DBS-110", "Cisco", 30, true}, "check-sync"},
    {{"Cisco DBS-210", "Cisco", 30, true}, "check-sync"},
    {{"Poly VVX 250", "Poly", 4, false}, "check-sync"},
    {{"Poly VVX 350", "Poly", 6, false}, "check-sync"},
    {{"Poly VVX 450", "Poly", 12, false}, "check-sync"},
    {{"Poly Edge E220", "Poly", 4, false}, "check-sync"},
    {{"Poly Rove B4", "Poly", 20, true}, "check-sync"},
    {{"Yealink T33G", "Yealink", 4, false}, "check-sync;reboot=true"},
    {{"Yealink T46U", "Yealink", 16, false}, "check-sync;reboot=true"},
    {{"Yealink T54W", "Yealink", 16, false}, "check-sync;reboot=true"},
    {{"Yealink W60B", "Yealink", 8, true}, "check-sync;reboot=true"},
    {{"Yealink W70B", "Yealink", 10, true}, "check-sync;reboot=true"},
};

struct DemoDevice {
    const char* mac;
    const char* type;
    const char* multicell;  // DECT only, else nullptr
    int lines;              // lines assigned from port 1
};

// Vendor OUIs are real (Cisco 00:1E:4A / 2C:3F:0B, Poly 64:16:7F, Yealink 80:5E:C0).
const std::vector<DemoDevice> kParis = {
    {"001E4A0A0001", "Cisco 6821", nullptr, 1},   {"001E4A0A0002", "Cisco 6841", nullptr, 2},
    {"001E4A0A0003", "Cisco 7841", nullptr, 1},   {"001E4A0A0004", "Cisco 8851", nullptr, 3},
    {"001E4A0A0005", "Cisco 8861", nullptr, 0},   {"64167F0B0001", "Poly VVX 450", nullptr, 2},
    {"64167F0B0002", "Poly Edge E220", nullptr, 1}, {"805EC00C0001", "Yealink T54W", nullptr, 2},
    {"805EC00C0002", "Yealink T46U", nullptr, 0}, {"805EC00C0003", "Yealink W70B", "1", 4},
    {"2C3F0B0D0001", "Cisco DBS-210", "7", 3},
};
const std::vector<DemoDevice> kLyon = {
    {"001E4A0A0101", "Cisco 6851", nullptr, 1},   {"001E4A0A0102", "Cisco 7821", nullptr, 1},
    {"64167F0B0101", "Poly VVX 250", nullptr, 1}, {"805EC00C0101", "Yealink T33G", nullptr, 2},
    {"805EC00C0102", "Yealink W60B", "2", 2},
};
const std::vector<DemoDevice> kNantes = {
    {"001E4A0A0201", "Cisco 6821", nullptr, 1},
    {"805EC00C0201", "Yealink T33G", nullptr, 1},
    {"64167F0B0201", "Poly VVX 350", nullptr, 0},
};

// Numbers follow the order of the lists above, so that the demo fleet finds the same lines.
std::string demo_number(int n) {
    char number[16];
    std::snprintf(number, sizeof number, "3314000%04d", n);
    return number;
}

void add_devices(store::Store& store, std::int64_t customer_id, std::int64_t site_id,
                 const std::vector<DemoDevice>& devices, const std::string& domain, int& next_number) {
    for (const auto& d : devices) {
        store.insert_device({d.mac, customer_id, site_id, d.type,
                             d.multicell ? std::optional<std::string>(d.multicell) : std::nullopt});
        for (int port = 1; port <= d.lines; ++port) {
            const std::string number = demo_number(next_number);
            const std::string password = demo_line_password(number);
            store::LineRecord line;
            line.device_mac = d.mac;
            line.port = port;
            line.phone_number = number;
            line.extension = std::to_string(100 + next_number);
            line.display_name = "Poste " + line.extension;
            line.sip_ha1_md5 = services::digest_ha1("MD5", number, domain, password);
            line.sip_ha1_sha256 = services::digest_ha1("SHA-256", number, domain, password);
            store.insert_line(line);
            ++next_number;
        }
    }
}

}  // namespace

std::string demo_line_password(const std::string& phone_number) { return "demo-" + phone_number; }

std::vector<DemoLine> demo_lines() {
    std::vector<DemoLine> out;
    int n = 1;
    for (const auto* site : {&kParis, &kLyon, &kNantes})
        for (const auto& d : *site)
            for (int port = 1; port <= d.lines; ++port) out.push_back({d.mac, port, demo_number(n++)});
    return out;
}

bool seed_demo(store::Store& store, const std::string& sip_domain) {
    bool created = false;
    store.transaction([&] {
        if (store.find_provider_by_name("Acme Telecom")) return;
        created = true;
        for (const auto& t : kCatalog) store.upsert_device_type(t);

        const auto provider = store.insert_provider("Acme Telecom");
        store.set_provider_line_state_export(provider, true);  // F12: the demo shows the export
        const auto cafe = store.insert_customer(provider, "Café Lumière");
        const auto paris = store.insert_site(cafe, "Paris");
        const auto lyon = store.insert_site(cafe, "Lyon");
        const auto dupont = store.insert_customer(provider, "Boulangerie Dupont");
        const auto nantes = store.insert_site(dupont, "Nantes");

        // Approvals differ per site, so that "only approved types" is visible in the demo.
        for (const auto& t : kCatalog) {
            const auto& name = t.type.name;
            store.approve_device_type(paris, name);
            if (t.type.vendor != "Poly" || name == "Poly VVX 250") store.approve_device_type(lyon, name);
            if (name.rfind("Cisco 68", 0) == 0 || t.type.vendor == "Yealink" || name == "Poly VVX 350")
                store.approve_device_type(nantes, name);
        }

        using store::Role;
        store.insert_user({0, "operator", services::hash_password("operator-demo"), Role::Operator, {}, {}});
        store.insert_user({0, "sp-admin", services::hash_password("sp-demo"), Role::ProviderAdmin, provider, {}});
        store.insert_user({0, "client-admin", services::hash_password("client-demo"), Role::CustomerAdmin, provider, cafe});
        store.insert_user({0, "other-admin", services::hash_password("other-demo"), Role::CustomerAdmin, provider, dupont});

        int next_number = 1;
        add_devices(store, cafe, paris, kParis, sip_domain, next_number);
        add_devices(store, cafe, lyon, kLyon, sip_domain, next_number);
        add_devices(store, dupont, nantes, kNantes, sip_domain, next_number);
    });
    return created;
}

}  // namespace phonefleet::demo
