#pragma once
// The columns of a device import file (SPEC 5, F9) and the header names that mean them.
// Header names match case- and accent-insensitively with spaces, underscores, dashes and
// apostrophes equivalent (fold_header_name), in English or French:
//
//   mac                   mac, mac address, adresse mac, adresse physique
//   device_type           device type, type, model, type d'appareil, type appareil,
//                         type de l'appareil, type de poste, type de terminal, modele (modèle)
//   site                  site, site name, nom du site, nom site
//   multicell_station_id  multicell station id, multicell id, multicell station,
//                         id station multicellule, identifiant station multicellule,
//                         station multicellule, id multicellule
//
// So "Adresse MAC", "adresse_mac", "Type d’appareil", "TYPE_APPAREIL" and "Modèle" all match.
#include <optional>
#include <string_view>

namespace phonefleet {

enum class ImportColumn { mac, device_type, site, multicell_station_id };

inline constexpr ImportColumn kRequiredImportColumns[] = {ImportColumn::mac, ImportColumn::device_type,
                                                          ImportColumn::site};

// The canonical (English) name: the header the export and the template write, and the
// `column` of import errors.
std::string_view column_name(ImportColumn column);

// The import column a header cell names, if any (unknown columns are ignored by the import).
std::optional<ImportColumn> import_column_from_header(std::string_view header_cell);

}  // namespace phonefleet
