#pragma once
// One catalogue of every user-facing text, in French and English (F17): error messages
// keyed by the stable error code, and the labels of the browser client.
#include <string>
#include <string_view>

#include "phonefleet/result.hpp"

namespace phonefleet {

enum class Language { En, Fr };

std::string_view language_tag(Language lang);  // "en", "fr"
// Picks fr or en from an Accept-Language header (first supported tag wins); default en.
Language language_from_header(std::string_view accept_language);

// The text of a key in a language; the key itself when it is unknown (visible, never empty).
std::string_view text(std::string_view key, Language lang);
bool has_text(std::string_view key);

// An error's message: the text of its code with {field} and {value} filled in.
std::string message(const Error& error, Language lang);
// A text with its {value} filled in ("{value} saved."), through the same code.
std::string fill(std::string_view key, std::string_view value, Language lang);

// A count as people read it: digits grouped by three, "12,345" in English and "12 345" in French
// (a narrow no-break space, so that a count never breaks across lines).
std::string format_count(unsigned long long n, Language lang);
// A text with a count as its {value}, through format_count; for a count of 1 the key's "_one"
// text when the catalogue has one ("1 device", not "1 devices").
std::string fill_count(std::string_view key, unsigned long long n, Language lang);

// The catalogue is kept sorted by key for lookup; a test holds it to that.
bool catalogue_is_sorted();

}  // namespace phonefleet
