#include "phonefleet/json_text.hpp"

#include <charconv>

#include "phonefleet/text_encoding.hpp"

namespace phonefleet {
namespace {

void append_int(std::string& out, std::int64_t v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

void append_field(std::string& out, std::string_view key, std::string_view value) {
    append_json_string(out, key);
    out += ':';
    append_json_string(out, value);
}

}  // namespace

void append_problems(std::string& out, const std::vector<ImportError>& problems,
                     const std::vector<ImportColumnHeader>& headers, Language lang) {
    out += '[';
    bool first = true;
    for (const auto& e : problems) {
        if (!first) out += ',';
        first = false;
        out += '{';
        append_field(out, "code", e.code);
        out += ',';
        append_field(out, "column", e.column);
        out += ',';
        append_field(out, "message", message(e, headers, lang));
        out += ",\"row\":";
        append_int(out, static_cast<std::int64_t>(e.row));
        out += ',';
        append_field(out, "value", e.value);
        out += '}';
    }
    out += ']';
}

void append_json_string(std::string& out, std::string_view text) {
    // JSON is UTF-8: any other bytes would make the whole answer unreadable to its client.
    if (!is_valid_utf8(text)) return append_json_string(out, with_replacement_characters(text));
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    // Runs of characters that need no escape (nearly all of them) are appended whole.
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (u < 0x20) {
                    out += "\\u00";
                    out += kHex[u >> 4];
                    out += kHex[u & 0x0F];
                }
        }
    }
    out.append(text.data() + run, text.size() - run);  // UTF-8 passes through as is
    out += '"';
}

std::string device_page_json(const DevicePage& page) {
    std::string out;
    out.reserve(64 + page.items.size() * 160);
    out += "{\"items\":[";
    bool first = true;
    for (const auto& d : page.items) {
        if (!first) out += ',';
        first = false;
        out += "{\"available_lines\":";
        append_int(out, d.available_lines);
        out += ',';
        append_field(out, "device_type", d.device_type);
        out += d.flapping ? ",\"flapping\":true," : ",\"flapping\":false,";
        append_field(out, "mac", d.mac);
        if (d.multicell_station_id) {
            out += ',';
            append_field(out, "multicell_station_id", *d.multicell_station_id);
        }
        out += ',';
        append_field(out, "site", d.site);
        out += ",\"site_id\":";
        append_int(out, d.site_id);
        out += ',';
        append_field(out, "state", to_string(d.state));
        out += '}';
    }
    out += "],\"total\":";
    append_int(out, page.total);
    out += '}';
    return out;
}

void append_import_report_fields(std::string& out, const ImportReport& report, std::size_t imported, Language lang) {
    out.reserve(out.size() + 128 + report.errors.size() * 160);
    out += "\"data_rows\":";
    append_int(out, static_cast<std::int64_t>(report.data_rows));
    out += ",\"errors\":";
    append_problems(out, report.errors, report.headers, lang);
    out += ",\"errors_truncated\":";
    out += report.errors_truncated ? "true" : "false";
    out += ",\"imported\":";
    append_int(out, static_cast<std::int64_t>(imported));
    out += ",\"valid_rows\":";
    append_int(out, static_cast<std::int64_t>(report.valid_rows));
    out += ",\"warnings\":";
    append_problems(out, report.warnings, report.headers, lang);
    out += ",\"warnings_truncated\":";
    out += report.warnings_truncated ? "true" : "false";
}

std::string import_report_json(const ImportReport& report, std::size_t imported, Language lang) {
    std::string out = "{";
    append_import_report_fields(out, report, imported, lang);
    out += '}';
    return out;
}

}  // namespace phonefleet
