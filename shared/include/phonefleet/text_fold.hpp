#pragma once
// Folding of names typed by people, so that "Adresse MAC", "adresse_mac" and "ADRESSE-MAC" match
// (SPEC 5). Covers ASCII, Latin-1 Supplement and Latin Extended-A in UTF-8: the letters of French
// and of the other Western European languages customers write in. Other bytes pass unchanged.
#include <string>
#include <string_view>

namespace phonefleet {

// Case- and accent-insensitive key of a CSV header name: lower case, accents removed
// (é→e, Ç→c, œ→oe, ß→ss), and every run of spaces, underscores, dashes, apostrophes (' and ’),
// tabs and no-break spaces made one space; leading and trailing ones dropped.
// "Type d’Appareil" and "type_d-appareil" both give "type d appareil".
std::string fold_header_name(std::string_view name);

// Case-insensitive key of a catalog name (site, device type): lower case with accents kept
// ("Évry" → "évry"), surrounding spaces, tabs and no-break spaces dropped. Writes into `out`
// (cleared first) so that a caller folding one value per row reuses its buffer.
void fold_case(std::string_view name, std::string& out);
std::string fold_case(std::string_view name);

// Spaces and tabs around a cell value dropped.
std::string_view trim_blanks(std::string_view value);

}  // namespace phonefleet
