#include "phonefleet/import_columns.hpp"

#include <string>

#include "phonefleet/text_fold.hpp"

namespace phonefleet {
namespace {

struct Alias {
    std::string_view folded;  // as fold_header_name gives it
    ImportColumn column;
};

constexpr Alias kAliases[] = {
    {"mac", ImportColumn::mac},
    {"mac address", ImportColumn::mac},
    {"adresse mac", ImportColumn::mac},
    {"adresse physique", ImportColumn::mac},
    {"device type", ImportColumn::device_type},
    {"type", ImportColumn::device_type},
    {"model", ImportColumn::device_type},
    {"type d appareil", ImportColumn::device_type},
    {"type appareil", ImportColumn::device_type},
    {"type de l appareil", ImportColumn::device_type},
    {"type de poste", ImportColumn::device_type},
    {"type de terminal", ImportColumn::device_type},
    {"modele", ImportColumn::device_type},
    {"site", ImportColumn::site},
    {"site name", ImportColumn::site},
    {"nom du site", ImportColumn::site},
    {"nom site", ImportColumn::site},
    {"multicell station id", ImportColumn::multicell_station_id},
    {"multicell id", ImportColumn::multicell_station_id},
    {"multicell station", ImportColumn::multicell_station_id},
    {"id station multicellule", ImportColumn::multicell_station_id},
    {"identifiant station multicellule", ImportColumn::multicell_station_id},
    {"station multicellule", ImportColumn::multicell_station_id},
    {"id multicellule", ImportColumn::multicell_station_id},
};

}  // namespace

std::string_view column_name(ImportColumn column) {
    switch (column) {
        case ImportColumn::mac: return "mac";
        case ImportColumn::device_type: return "device_type";
        case ImportColumn::site: return "site";
        case ImportColumn::multicell_station_id: return "multicell_station_id";
    }
    return "";
}

std::optional<ImportColumn> import_column_from_header(std::string_view header_cell) {
    std::string folded = fold_header_name(header_cell);
    for (const auto& alias : kAliases)
        if (alias.folded == folded) return alias.column;
    return std::nullopt;
}

}  // namespace phonefleet
