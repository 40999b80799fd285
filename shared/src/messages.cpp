#include "phonefleet/messages.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace phonefleet {
namespace {

struct Entry {
    std::string_view key;
    std::string_view en;
    std::string_view fr;
};

// Sorted by key: looked up by binary search (checked by a test).
constexpr Entry kCatalogue[] = {
    {"auth_failed", "Wrong user name or password.", "Nom d'utilisateur ou mot de passe incorrect."},
    {"auth_required", "Please log in first.", "Veuillez d'abord vous connecter."},
    {"bad_request", "The request is malformed: {value}.", "La requête est mal formée : {value}."},
    {"column_missing", "The header has no {field} column; it is required.",
     "L'en-tête n'a pas de colonne {field} ; elle est obligatoire."},
    {"csrf_failed", "This request did not come from the PhoneFleet page; reload the page and try again.",
     "Cette requête ne vient pas de la page PhoneFleet ; rechargez la page et réessayez."},
    {"customer_not_found", "No such customer.", "Client introuvable."},
    {"device_not_found", "No device with MAC address {value}.", "Aucun appareil avec l'adresse MAC {value}."},
    {"device_type_not_approved", "Device type \"{value}\" is not approved at this site.",
     "Le type d'appareil « {value} » n'est pas approuvé sur ce site."},
    {"device_type_unknown", "\"{value}\" is not a known device type.",
     "« {value} » n'est pas un type d'appareil connu."},
    {"display_name_invalid", "The display name is too long (64 characters at most) or has control characters.",
     "Le nom affiché est trop long (64 caractères au plus) ou contient des caractères de contrôle."},
    {"extension_invalid", "\"{value}\" is not a valid extension: 2 to 8 digits.",
     "« {value} » n'est pas une extension valide : 2 à 8 chiffres."},
    {"field_missing", "The {field} field is required.", "Le champ {field} est obligatoire."},
    {"file_too_large", "The file is too large: the limit is {value} ({field}). Split it into smaller files.",
     "Le fichier est trop volumineux : la limite est de {value} ({field}). Découpez-le en fichiers plus petits."},
    {"forbidden", "Your account may not do this.",
     "Votre compte n'a pas le droit de faire cela."},
    {"internal_error", "Something went wrong on the server. Nothing was changed.",
     "Une erreur s'est produite sur le serveur. Rien n'a été modifié."},
    {"line_not_found", "Port {value} of this device has no line.",
     "Le port {value} de cet appareil n'a pas de ligne."},
    {"mac_duplicate_in_file", "MAC address {value} appears more than once in the file.",
     "L'adresse MAC {value} figure plusieurs fois dans le fichier."},
    {"mac_exists", "A device with MAC address {value} already exists.",
     "Un appareil avec l'adresse MAC {value} existe déjà."},
    {"mac_invalid", "\"{value}\" is not a valid MAC address (e.g. 00:AA:6E:33:D7:48).",
     "« {value} » n'est pas une adresse MAC valide (ex. 00:AA:6E:33:D7:48)."},
    {"mac_not_unicast", "MAC address {value} is multicast, broadcast or all zeros: a phone needs a unicast address.",
     "L'adresse MAC {value} est multicast, de diffusion ou nulle : un téléphone a besoin d'une adresse unicast."},
    {"multicell_invalid", "The multicell station ID \"{value}\" must be up to 16 digits.",
     "L'ID de station multicellule « {value} » doit compter au plus 16 chiffres."},
    {"multicell_not_dect", "Only DECT base stations have a multicell station ID: remove \"{value}\" or pick a DECT type.",
     "Seules les bases DECT ont un ID de station multicellule : retirez « {value} » ou choisissez un type DECT."},
    {"not_found", "Not found.", "Introuvable."},
    {"phone_number_exists", "Phone number {value} is already assigned to a device.",
     "Le numéro {value} est déjà attribué à un appareil."},
    {"phone_number_invalid", "\"{value}\" is not a valid phone number: 4 to 15 digits.",
     "« {value} » n'est pas un numéro de téléphone valide : 4 à 15 chiffres."},
    {"port_busy", "Port {value} already has a line; unassign it first.",
     "Le port {value} a déjà une ligne ; retirez-la d'abord."},
    {"port_invalid", "Port {value} does not exist on this device.",
     "Le port {value} n'existe pas sur cet appareil."},
    {"row_malformed", "This row cannot be read: check its quotes and delimiters.",
     "Cette ligne est illisible : vérifiez ses guillemets et ses séparateurs."},
    {"site_unknown", "\"{value}\" is not one of your sites.", "« {value} » ne fait pas partie de vos sites."},
    {"state_aged", "Aged", "Âgé"},
    {"state_registered", "Registered", "Enregistré"},
    {"state_unregistered", "Unregistered", "Non enregistré"},
    {"token_not_found", "No such API token.",
     "Jeton d'API introuvable."},
    {"ui.app.title", "PhoneFleet", "PhoneFleet"},
    {"ui.customer", "Customer", "Client"},
    {"ui.devices.available_lines", "Available lines", "Lignes disponibles"},
    {"ui.devices.count", "{value} devices", "{value} appareils"},
    {"ui.devices.device_type", "Device type", "Type d'appareil"},
    {"ui.devices.empty", "No device.", "Aucun appareil."},
    {"ui.devices.loading", "Loading devices...", "Chargement des appareils..."},
    {"ui.devices.mac", "MAC address", "Adresse MAC"},
    {"ui.devices.next", "Next", "Suivante"},
    {"ui.devices.page", "Page {value}", "Page {value}"},
    {"ui.devices.previous", "Previous", "Précédente"},
    {"ui.devices.site", "Site", "Site"},
    {"ui.devices.state", "State", "État"},
    {"ui.devices.tab", "Devices", "Appareils"},
    {"ui.language", "Language", "Langue"},
    {"ui.login.button", "Log in", "Se connecter"},
    {"ui.login.in_progress", "Logging in…", "Connexion en cours…"},
    {"ui.login.password", "Password", "Mot de passe"},
    {"ui.login.title", "Log in to PhoneFleet", "Connexion à PhoneFleet"},
    {"ui.login.username", "User name", "Nom d'utilisateur"},
    {"ui.logout", "Log out", "Se déconnecter"},
    {"ui.network_error", "The server cannot be reached. Retrying...", "Le serveur est injoignable. Nouvelle tentative..."},
    {"ui.server_unreachable", "The server cannot be reached.", "Le serveur est injoignable."},
    {"validation_failed", "Some fields are not valid; see the errors.",
     "Certains champs ne sont pas valides ; voir les erreurs."},
};

const Entry* find(std::string_view key) {
    auto it = std::lower_bound(std::begin(kCatalogue), std::end(kCatalogue), key,
                               [](const Entry& e, std::string_view k) { return e.key < k; });
    if (it == std::end(kCatalogue) || it->key != key) return nullptr;
    return it;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

}  // namespace

bool catalogue_is_sorted() {
    return std::is_sorted(std::begin(kCatalogue), std::end(kCatalogue),
                          [](const Entry& a, const Entry& b) { return a.key < b.key; });
}

std::string_view language_tag(Language lang) { return lang == Language::Fr ? "fr" : "en"; }

Language language_from_header(std::string_view header) {
    // Tags in the order given; quality values are rarely used by browsers to reorder.
    std::size_t pos = 0;
    while (pos < header.size()) {
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == ',')) ++pos;
        std::size_t end = header.find(',', pos);
        std::string_view tag = header.substr(pos, end == std::string_view::npos ? header.npos : end - pos);
        if (tag.size() >= 2) {
            char a = static_cast<char>(std::tolower(static_cast<unsigned char>(tag[0])));
            char b = static_cast<char>(std::tolower(static_cast<unsigned char>(tag[1])));
            bool whole = tag.size() == 2 || tag[2] == '-' || tag[2] == ';' || tag[2] == '_';
            if (whole && a == 'f' && b == 'r') return Language::Fr;
            if (whole && a == 'e' && b == 'n') return Language::En;
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return Language::En;
}

bool has_text(std::string_view key) { return find(key) != nullptr; }

std::string_view text(std::string_view key, Language lang) {
    const Entry* e = find(key);
    if (!e) return key;
    return lang == Language::Fr ? e->fr : e->en;
}

std::string message(const Error& error, Language lang) {
    std::string out(text(error.code, lang));
    replace_all(out, "{field}", error.field);
    replace_all(out, "{value}", error.value);
    return out;
}

}  // namespace phonefleet
