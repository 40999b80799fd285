#include "store/account_store.hpp"

namespace phonefleet::store {

std::string_view to_string(Role role) {
    switch (role) {
        case Role::Operator: return "operator";
        case Role::ProviderAdmin: return "provider_admin";
        case Role::CustomerAdmin: return "customer_admin";
    }
    return "customer_admin";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "operator") return Role::Operator;
    if (text == "provider_admin") return Role::ProviderAdmin;
    if (text == "customer_admin") return Role::CustomerAdmin;
    return std::nullopt;
}

}  // namespace phonefleet::store
