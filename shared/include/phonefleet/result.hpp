#pragma once
// Errors cross boundaries as values: a stable machine code (what tests assert) plus the
// arguments a message needs. The human text is produced later, in the caller's language.
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace phonefleet {

struct Error {
    std::string code;   // stable, e.g. "mac_invalid"; also the key of the message catalogue
    std::string field;  // the input it is about ("mac", "site_id"), empty when none
    std::string value;  // the offending value as given, for the message
    // For "validation_failed": every problem of the input, one per field.
    std::vector<Error> errors;
    // Further named values a message needs, filled in for {name} ("registered" -> "Cisco").
    std::vector<std::pair<std::string, std::string>> args;
};

template <typename T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }
    const T& value() const { return std::get<T>(state_); }
    T& value() { return std::get<T>(state_); }
    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

}  // namespace phonefleet
