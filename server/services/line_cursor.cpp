#include "services/line_cursor.hpp"

#include <cctype>
#include <charconv>

namespace phonefleet::services {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const std::string& in) {
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : in) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 6) out += kAlphabet[(acc >> (bits -= 6)) & 63];
    }
    if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
    return out;
}

std::optional<std::string> from_base64url(const std::string& in) {
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        const char* at = std::char_traits<char>::find(kAlphabet, 64, c);
        if (!at) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(at - kAlphabet);
        bits += 6;
        if (bits >= 8) out += static_cast<char>((acc >> (bits -= 8)) & 0xFF);
    }
    return out;
}

template <typename T>
std::optional<T> number(std::string_view s) {
    T v{};
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

// "l1.<customer>.<MAC>.<port>", base64url: the version lets a later order change its form.
std::string encode_line_cursor(std::int64_t customer_id, const store::LinePosition& after) {
    return base64url("l1." + std::to_string(customer_id) + "." + after.mac + "." + std::to_string(after.port));
}

std::optional<store::LinePosition> decode_line_cursor(std::int64_t customer_id, const std::string& cursor) {
    if (cursor.size() > 200) return std::nullopt;
    auto text = from_base64url(cursor);
    if (!text || text->rfind("l1.", 0) != 0) return std::nullopt;
    const std::string_view body = std::string_view(*text).substr(3);
    const auto dot1 = body.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : body.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos) return std::nullopt;
    const auto customer = number<std::int64_t>(body.substr(0, dot1));
    const auto mac = body.substr(dot1 + 1, dot2 - dot1 - 1);
    const auto port = number<int>(body.substr(dot2 + 1));
    if (!customer || *customer != customer_id || !port || *port < 0 || mac.size() != 12) return std::nullopt;
    for (char c : mac)
        if (!std::isxdigit(static_cast<unsigned char>(c)) || std::islower(static_cast<unsigned char>(c))) return std::nullopt;
    return store::LinePosition{std::string(mac), *port};
}

// "h1.<MAC>.<at>.<id>", base64url.
std::string encode_history_cursor(const std::string& mac, const store::HistoryPosition& after) {
    return base64url("h1." + mac + "." + std::to_string(after.at) + "." + std::to_string(after.id));
}

std::optional<store::HistoryPosition> decode_history_cursor(const std::string& mac, const std::string& cursor) {
    if (cursor.size() > 200) return std::nullopt;
    auto text = from_base64url(cursor);
    const std::string prefix = "h1." + mac + ".";
    if (!text || text->rfind(prefix, 0) != 0) return std::nullopt;
    const std::string_view body = std::string_view(*text).substr(prefix.size());
    const auto dot = body.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const auto at = number<std::int64_t>(body.substr(0, dot));
    const auto id = number<std::int64_t>(body.substr(dot + 1));
    if (!at || !id) return std::nullopt;
    return store::HistoryPosition{*at, *id};
}

}  // namespace phonefleet::services
