#pragma once
// Text of an import file that is not UTF-8. Excel on Windows saves "CSV (séparateur: point-virgule)"
// in Windows-1252, not UTF-8: "Évry" arrives as the single byte 0xC9 then "vry". Such a cell
// is read as Windows-1252, one cell at a time (a streamed file cannot be judged as a whole
// before its last byte, and a file mixing both is still read right). Valid UTF-8 is taken as
// it is: Windows-1252 text that also happens to be valid UTF-8 ("Ã©") does not occur in names.
#include <string>
#include <string_view>

namespace phonefleet {

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Each byte as its Windows-1252 character, in UTF-8. The five bytes Windows-1252 leaves
// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD.
std::string windows1252_to_utf8(std::string_view text);

// `text` itself when it is UTF-8, else read as Windows-1252: always valid UTF-8.
std::string as_utf8(std::string_view text);

// `text` with U+FFFD in place of each byte that is not part of well-formed UTF-8: for text
// that goes out as JSON, whatever its source (a phone's SIP reason phrase).
std::string with_replacement_characters(std::string_view text);

}  // namespace phonefleet
