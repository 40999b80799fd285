#pragma once
// CSV in and out of the inventory (F7, F8, F9): the import template, the validated all-or-
// nothing import (the shared ImportValidator, the same code the browser runs before upload),
// and the device export read in batches so that it streams.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "phonefleet/import_validator.hpp"
#include "phonefleet/messages.hpp"
#include "phonefleet/result.hpp"
#include "services/audit_log.hpp"
#include "services/auth_service.hpp"
#include "store/catalog_store.hpp"
#include "store/inventory_store.hpp"
#include "store/tenancy_store.hpp"
#include "store/transactions.hpp"
#include "store/transfer_store.hpp"

namespace phonefleet::services {

struct ImportOutcome {
    ImportReport report;
    std::size_t imported = 0;  // 0 for a dry run or a file with errors
    std::vector<std::string> foreign_macs;  // refused as mac_unavailable: another customer's
};

// Writes the export in pieces; returns false when the client went away.
using CsvSink = std::function<bool(std::string_view)>;

class DeviceTransferService {
public:
    // The errors an import report names at most (the first ones, in row order).
    static constexpr std::size_t kMaxReportedErrors = 1000;

    // Several roles: an import is checked against the customer (tenancy) and its sites' approved
    // types (catalog), and written whole or not at all, in one transaction; a MAC that exists is
    // named as such only when it is the caller's (inventory: who owns it).
    DeviceTransferService(store::TransferStore& transfer, store::TenancyStore& tenancy, store::CatalogStore& catalog,
                          store::InventoryStore& inventory, store::Transactions& transactions, AuditLog& audit,
                          ImportLimits limits = {});

    Result<std::string> import_template(const Principal& who, std::int64_t customer_id, Language lang);
    Result<ImportOutcome> import_devices(const Principal& who, std::int64_t customer_id, std::string_view csv,
                                         bool dry_run);

    // The size and row limits of one import (the HTTP layer tells a body it refuses unread the same).
    const ImportLimits& limits() const { return limits_; }

    // Checks access; the returned writer then streams batches until it returns false (done).
    using ExportStep = std::function<bool(const CsvSink&)>;
    Result<ExportStep> export_devices(const Principal& who, std::int64_t customer_id,
                                      std::optional<std::int64_t> site_id);

private:
    Result<Customer> visible_customer(const Principal& who, std::int64_t customer_id);
    CatalogView catalog_of(std::int64_t customer_id);
    std::vector<std::string> neutralize_foreign_macs(ImportReport& report, std::int64_t customer_id);

    store::TransferStore& transfer_;
    store::TenancyStore& tenancy_;
    store::CatalogStore& catalog_;
    store::InventoryStore& inventory_;
    store::Transactions& transactions_;
    AuditLog& audit_;
    ImportLimits limits_;
};

}  // namespace phonefleet::services
