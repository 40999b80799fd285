#include "services/device_transfer_service.hpp"

#include <set>
#include <string_view>

#include "phonefleet/csv_writer.hpp"
#include "phonefleet/import_columns.hpp"
#include "services/tenancy.hpp"

namespace phonefleet::services {
namespace {

constexpr int kExportBatch = 2000;

}  // namespace

DeviceTransferService::DeviceTransferService(store::TransferStore& transfer, store::TenancyStore& tenancy,
                                             store::CatalogStore& catalog, store::InventoryStore& inventory,
                                             store::Transactions& transactions, AuditLog& audit, ImportLimits limits)
    : transfer_(transfer), tenancy_(tenancy), catalog_(catalog), inventory_(inventory), transactions_(transactions),
      audit_(audit), limits_(limits) {}

Result<Customer> DeviceTransferService::visible_customer(const Principal& who, std::int64_t customer_id) {
    auto customer = tenancy_.find_customer(customer_id);
    if (!customer || !may_access(who, *customer))
        return Error{"customer_not_found", "customer", std::to_string(customer_id)};
    return *customer;
}

CatalogView DeviceTransferService::catalog_of(std::int64_t customer_id) {
    CatalogView view;
    for (auto& s : catalog_.list_site_approvals(customer_id))
        view.sites.push_back({s.site.id, s.site.name, std::move(s.approved_types)});
    view.device_types = catalog_.list_device_types();
    return view;
}

Result<std::string> DeviceTransferService::import_template(const Principal& who, std::int64_t customer_id,
                                                           Language lang) {
    auto customer = visible_customer(who, customer_id);
    if (!customer) return customer.error();
    const auto catalog = catalog_of(customer_id);

    std::string out;
    CsvWriter csv(out);
    csv.row({"mac", "device_type", "site", "multicell_station_id"});
    auto comment = [&](std::string_view text) {
        out += "# ";
        out += text;
        out += "\r\n";
    };
    comment(message(Error{"template.intro", "", customer.value().name}, lang));
    comment(text("template.columns", lang));
    comment(text("template.rules", lang));
    comment(text("template.excel", lang));
    comment("");
    comment(text("template.device_types", lang));
    // The types this customer may use: those approved at one of its sites (SPEC 5), not the
    // whole catalog (a type approved nowhere would only be refused as not approved).
    std::set<std::string_view> approved;
    for (const auto& site : catalog.sites)
        for (const auto& name : site.approved_device_types) approved.insert(name);
    for (const auto& t : catalog.device_types)
        if (approved.count(t.name))
            comment("  " + t.name + "; " + t.vendor + "; " + std::to_string(t.ports) + "; " + (t.dect ? "DECT" : "-"));
    for (const auto& site : catalog.sites) {
        comment("");
        comment(message(Error{"template.site", "", site.name}, lang));
        std::string types;
        for (const auto& name : site.approved_device_types) types += (types.empty() ? "  " : ", ") + name;
        comment(types.empty() ? "  -" : types);
    }
    if (!catalog.sites.empty() && !catalog.sites.front().approved_device_types.empty()) {
        comment("");
        comment(text("template.example", lang));
        comment("  00:AA:6E:33:D7:48," + catalog.sites.front().approved_device_types.front() + "," +
                catalog.sites.front().name + ",");
    }
    return out;
}

// mac_exists for a MAC of another customer would tell the caller who owns what (issue 17):
// GET /devices/{mac} answers 404 for it. Such errors become mac_unavailable ("cannot be added"),
// the caller's own existing MACs stay mac_exists. Returns the foreign MACs.
std::vector<std::string> DeviceTransferService::neutralize_foreign_macs(ImportReport& report, std::int64_t customer_id) {
    std::vector<std::string> foreign;
    for (auto& e : report.errors) {
        if (e.code != "mac_exists") continue;
        auto owner = inventory_.find_device_owner(e.value);
        if (owner && owner->customer_id == customer_id) continue;
        e.code = "mac_unavailable";
        foreign.push_back(e.value);
    }
    return foreign;
}

Result<ImportOutcome> DeviceTransferService::import_devices(const Principal& who, std::int64_t customer_id,
                                                            std::string_view csv, bool dry_run) {
    auto customer = visible_customer(who, customer_id);
    if (!customer) return customer.error();

    ImportOutcome outcome;
    // Validation and insertion in one transaction: a MAC added meanwhile cannot slip in
    // between the existence check and the insert.
    transactions_.transaction([&] {
        auto catalog = catalog_of(customer_id);
        catalog.existing_macs = [this](const std::vector<std::string>& macs) { return transfer_.existing_macs(macs); };
        ImportOptions options;
        options.limits = limits_;
        options.keep_rows = !dry_run;
        options.expected_bytes = csv.size();
        // A report names its first errors only: a 16 MB file with bad cells in every row was a
        // 65 MB answer (214 MB peak); errors_truncated says there were more.
        options.max_errors = kMaxReportedErrors;
        outcome.report = validate_import(csv, catalog, options);
        outcome.foreign_macs = neutralize_foreign_macs(outcome.report, customer_id);
        if (dry_run || !outcome.report.clean() || outcome.report.rows.empty()) return;

        std::vector<store::ImportedDevice> devices;
        devices.reserve(outcome.report.rows.size());
        for (auto& r : outcome.report.rows)
            devices.push_back({std::move(r.mac), r.site_id, std::move(r.device_type), std::move(r.multicell_station_id)});
        outcome.report.rows.clear();
        transfer_.insert_devices(customer_id, devices);
        outcome.imported = devices.size();
        audit_.record(who, {customer.value().provider_id, customer_id}, "device.import",
                      std::to_string(outcome.imported) + " devices", "ok");
    });
    // A MAC is unique worldwide, so refusing another customer's cannot be hidden: it is named
    // neutrally (mac_unavailable) and every such answer is recorded, with the MACs asked about.
    if (!outcome.foreign_macs.empty()) {
        std::string macs;
        for (const auto& m : outcome.foreign_macs) macs += (macs.empty() ? "" : " ") + m;
        audit_.record(who, {customer.value().provider_id, customer_id}, dry_run ? "device.import.dry_run" : "device.import",
                      std::to_string(outcome.foreign_macs.size()) + " MACs", "mac_unavailable", macs);
    }
    if (!dry_run && !outcome.report.clean())
        audit_.record(who, {customer.value().provider_id, customer_id}, "device.import",
                      std::to_string(outcome.report.data_rows) + " rows", "import_invalid",
                      std::to_string(outcome.report.errors.size()) + " errors");
    return outcome;
}

Result<DeviceTransferService::ExportStep> DeviceTransferService::export_devices(const Principal& who,
                                                                                std::int64_t customer_id,
                                                                                std::optional<std::int64_t> site_id) {
    auto customer = visible_customer(who, customer_id);
    if (!customer) return customer.error();
    if (site_id) {
        bool own = false;
        for (const auto& s : tenancy_.list_sites(customer_id)) own = own || s.id == *site_id;
        if (!own) return Error{"not_found", "site", std::to_string(*site_id)};
    }
    // Each step writes one batch read after the last MAC written: memory stays flat and no
    // database connection is held while the client reads.
    struct Cursor {
        std::string after;
        bool header_written = false;
    };
    auto cursor = std::make_shared<Cursor>();
    return ExportStep([this, customer_id, site_id, cursor](const CsvSink& sink) {
        std::string out;
        CsvWriter csv(out);
        if (!cursor->header_written) {
            csv.row({"mac", "device_type", "available_lines", "site", "multicell_station_id"});
            cursor->header_written = true;
        }
        auto rows = transfer_.export_devices(customer_id, site_id, cursor->after, kExportBatch);
        for (const auto& r : rows) {
            csv.cell(r.mac).cell(r.device_type).cell(static_cast<long long>(r.available_lines)).cell(r.site);
            csv.cell(r.multicell_station_id.value_or(""));
            csv.end_row();
        }
        if (!rows.empty()) cursor->after = rows.back().mac;
        csv.flush();
        if (!out.empty() && !sink(out)) return false;
        return rows.size() == static_cast<std::size_t>(kExportBatch);
    });
}

}  // namespace phonefleet::services
