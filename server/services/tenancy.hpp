#pragma once
// F16: who may see which customer. Everything that reads or changes a customer's data asks
// here first, and answers "not found" when the answer is no.
#include "phonefleet/device.hpp"
#include "services/auth_service.hpp"

namespace phonefleet::services {

inline bool may_access_customer(const Principal& who, std::int64_t customer_id, std::int64_t provider_id) {
    switch (who.role) {
        case store::Role::Operator: return true;
        case store::Role::ProviderAdmin: return who.provider_id && *who.provider_id == provider_id;
        case store::Role::CustomerAdmin: return who.customer_id && *who.customer_id == customer_id;
    }
    return false;
}

inline bool may_access(const Principal& who, const Customer& c) {
    return may_access_customer(who, c.id, c.provider_id);
}

}  // namespace phonefleet::services
