#pragma once
// Every piece of SQL of the server lives behind the role interfaces aggregated here. SQLite
// (sqlite_store) is the embedded default; a PostgreSQL implementation for several instances can
// come beside it, role by role. Each consumer takes only the roles it uses; Application owns
// one Store per backend.
// Methods return values for expected outcomes (absent rows are std::nullopt) and throw
// StoreError only for the unexpected (I/O, corruption), which the HTTP layer maps to 500.
#include "store/account_store.hpp"
#include "store/audit_store.hpp"
#include "store/catalog_store.hpp"
#include "store/history_store.hpp"
#include "store/inventory_store.hpp"
#include "store/kiosk_token_store.hpp"
#include "store/line_state_store.hpp"
#include "store/registration_store.hpp"
#include "store/tenancy_store.hpp"
#include "store/transactions.hpp"
#include "store/transfer_store.hpp"

namespace phonefleet::store {

class Store : public Transactions,
              public AccountStore,
              public TenancyStore,
              public CatalogStore,
              public InventoryStore,
              public RegistrationStore,
              public TransferStore,
              public LineStateStore,
              public KioskTokenStore,
              public HistoryStore,
              public AuditStore {};

}  // namespace phonefleet::store
