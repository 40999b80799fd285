#include "phonefleet/messages.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

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
    {"column_duplicate", "The header has a second {field} column, \"{value}\": keep only the one that holds the devices.",
     "L'en-tête a une deuxième colonne {field}, « {value} » : ne gardez que celle qui contient les appareils."},
    {"column_missing", "The header has no {field} column; it is required.",
     "L'en-tête n'a pas de colonne {field} ; elle est obligatoire."},
    {"csrf_failed", "This request did not come from the PhoneFleet page; reload the page and try again.",
     "Cette requête ne vient pas de la page PhoneFleet ; rechargez la page et réessayez."},
    {"customer_not_found", "No such customer.", "Client introuvable."},
    {"device_not_found", "No device with MAC address {value}.", "Aucun appareil avec l'adresse MAC {value}."},
    {"device_not_registered", "Device {value} is not registered: it cannot be reached over SIP.",
     "L'appareil {value} n'est pas enregistré : il est injoignable en SIP."},
    {"device_type_not_approved", "Device type \"{value}\" is not approved at this site.",
     "Le type d'appareil « {value} » n'est pas approuvé sur ce site."},
    {"device_type_unknown", "\"{value}\" is not a known device type.",
     "« {value} » n'est pas un type d'appareil connu."},
    {"display_name_invalid", "The display name is too long (64 characters at most) or has control characters.",
     "Le nom affiché est trop long (64 caractères au plus) ou contient des caractères de contrôle."},
    {"export_failed", "The export failed on the server; no file was produced. Try again later.",
     "L'exportation a échoué sur le serveur ; aucun fichier n'a été produit. Réessayez plus tard."},
    {"export_queue_full", "Too many exports are running or waiting on the server. Try again in {value} s.",
     "Trop d'exportations sont en cours ou en attente sur le serveur. Réessayez dans {value} s."},
    {"export_queue_timeout", "The export waited too long in the queue ({value} s) and was cancelled. Try again later.",
     "L'exportation a attendu trop longtemps dans la file d'attente ({value} s) et a été annulée. Réessayez plus tard."},
    {"export_rate_limited", "An export of this session or of this customer is already waiting its turn (exports of one session are spaced). Try again in {value} s.",
     "Une exportation de cette session ou de ce client attend déjà son tour (les exportations d'une même session sont espacées). Réessayez dans {value} s."},
    {"extension_invalid", "\"{value}\" is not a valid extension: 2 to 8 digits.",
     "« {value} » n'est pas une extension valide : 2 à 8 chiffres."},
    {"field_missing", "The {field} field is required.", "Le champ {field} est obligatoire."},
    {"file_encoding_unsupported", "This file is {value} text (Excel's \"Unicode text\"): save it as \"CSV UTF-8\" or \"CSV (semicolon delimited)\" instead.",
     "Ce fichier est du texte {value} (« Texte Unicode » d'Excel) : enregistrez-le plutôt en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »."},
    {"file_tab_separated", "The cells of this file are separated by tabs: save it as \"CSV UTF-8\" or \"CSV (semicolon delimited)\" instead.",
     "Les cellules de ce fichier sont séparées par des tabulations : enregistrez-le plutôt en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »."},
    {"file_too_large", "The file is too large: the limit is {value} ({field}). Split it into smaller files.",
     "Le fichier est trop volumineux : la limite est de {value} ({field}). Découpez-le en fichiers plus petits."},
    {"file_too_large.bytes", "The file is larger than {value} bytes, the limit of one import. Split it into smaller files.",
     "Le fichier dépasse {value} octets, la limite d'une importation. Découpez-le en fichiers plus petits."},
    {"file_too_large.mb", "The file is larger than {value} MB, the limit of one import. Split it into smaller files.",
     "Le fichier dépasse {value} Mo, la limite d'une importation. Découpez-le en fichiers plus petits."},
    {"file_too_large.rows", "The file has more than {value} rows, the limit of one import. Split it into smaller files.",
     "Le fichier dépasse {value} lignes, la limite d'une importation. Découpez-le en fichiers plus petits."},
    {"flag_invalid", "The {field} parameter cannot be \"{value}\": use 1 or true for yes, 0 or false for no.",
     "Le paramètre {field} ne peut pas valoir « {value} » : 1 ou true pour oui, 0 ou false pour non."},
    {"forbidden", "Your account may not do this.",
     "Votre compte n'a pas le droit de faire cela."},
    // Registration history (F18): why a line's state changed, or which reboot step happened.
    {"history.aged_out", "Aged out: no registration for the whole aging window.",
     "Expiré : aucun enregistrement pendant toute la période de vieillissement."},
    {"history.deregistered", "De-registered by the phone (Expires: 0).", "Désenregistré par le téléphone (Expires: 0)."},
    {"history.lapsed", "Registration lapsed: it expired without a de-registration.",
     "Enregistrement échu : il a expiré sans désenregistrement."},
    {"history.probe_answered", "The phone answered the probe again.", "Le téléphone répond de nouveau au test."},
    {"history.probe_unanswered", "The phone did not answer the probe.", "Le téléphone n'a pas répondu au test."},
    {"history.reboot_accepted", "Reboot accepted by the phone.", "Redémarrage accepté par le téléphone."},
    {"history.reboot_confirmed", "Reboot confirmed: the phone registered again.",
     "Redémarrage confirmé : le téléphone s'est de nouveau enregistré."},
    {"history.reboot_no_answer", "Reboot sent, no answer from the phone.", "Redémarrage envoyé, pas de réponse du téléphone."},
    {"history.reboot_not_confirmed", "Reboot not confirmed: the phone did not register again in time.",
     "Redémarrage non confirmé : le téléphone ne s'est pas réenregistré à temps."},
    {"history.reboot_refused", "Reboot refused by the phone.", "Redémarrage refusé par le téléphone."},
    {"history.reboot_sent", "Reboot sent.", "Redémarrage envoyé."},
    {"history.registered", "Registered.", "Enregistré."},
    {"history.reregistered", "Registered again from a new address.", "Réenregistré depuis une nouvelle adresse."},
    {"import_invalid", "The file has {value} problem(s); nothing was imported.",
     "Le fichier comporte {value} problème(s) ; rien n'a été importé."},
    {"internal_error", "Something went wrong on the server. Nothing was changed.",
     "Une erreur s'est produite sur le serveur. Rien n'a été modifié."},
    {"line_not_found", "Port {value} of this device has no line.",
     "Le port {value} de cet appareil n'a pas de ligne."},
    {"line_state_export_disabled", "The line-state export is not enabled for this service provider. The platform operator can turn it on.",
     "L'exportation des états des lignes n'est pas activée pour ce fournisseur de services. L'opérateur de la plateforme peut l'activer."},
    {"login_busy", "The server is checking many passwords right now. Try again in {value} s.",
     "Le serveur vérifie beaucoup de mots de passe en ce moment. Réessayez dans {value} s."},
    {"login_throttled", "Too many failed logins for this user name or from this address. Try again in {value} s.",
     "Trop d'échecs de connexion pour ce nom d'utilisateur ou depuis cette adresse. Réessayez dans {value} s."},
    {"mac_duplicate_in_file", "MAC address {value} appears more than once in the file.",
     "L'adresse MAC {value} figure plusieurs fois dans le fichier."},
    {"mac_exists", "A device with MAC address {value} already exists.",
     "Un appareil avec l'adresse MAC {value} existe déjà."},
    {"mac_invalid", "\"{value}\" is not a valid MAC address (e.g. 00:AA:6E:33:D7:48).",
     "« {value} » n'est pas une adresse MAC valide (ex. 00:AA:6E:33:D7:48)."},
    {"mac_invalid.digits_lost",
     "\"{value}\" is not a valid MAC address: a spreadsheet turned it into a number in exponent form, and its last digits are lost. Format the {field} column as Text, then type these addresses again.",
     "« {value} » n'est pas une adresse MAC valide : un tableur l'a transformée en nombre à exposant, et ses derniers chiffres sont perdus. Mettez la colonne {field} au format Texte, puis saisissez à nouveau ces adresses."},
    {"mac_invalid.zeros_dropped",
     "\"{value}\" is not a valid MAC address: a spreadsheet read it as a number and dropped its leading zeros. Format the {field} column as Text, then type these addresses again.",
     "« {value} » n'est pas une adresse MAC valide : un tableur l'a lue comme un nombre et a supprimé ses zéros de tête. Mettez la colonne {field} au format Texte, puis saisissez à nouveau ces adresses."},
    {"mac_not_unicast", "MAC address {value} is multicast, broadcast or all zeros: a phone needs a unicast address.",
     "L'adresse MAC {value} est multicast, de diffusion ou nulle : un téléphone a besoin d'une adresse unicast."},
    {"mac_unavailable", "MAC address {value} cannot be added.",
     "L'adresse MAC {value} ne peut pas être ajoutée."},
    {"mac_vendor_mismatch", "MAC address {value} belongs to {registered} (IEEE registry), but {type} is a {vendor} model: check the address.",
     "L'adresse MAC {value} appartient à {registered} (registre IEEE), alors que {type} est un modèle {vendor} : vérifiez l'adresse."},
    {"media_type_unsupported", "Send the CSV file itself as the request body (Content-Type: text/csv), not as {value}.",
     "Envoyez le fichier CSV lui-même comme corps de la requête (Content-Type: text/csv), pas en {value}."},
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
    {"probe_in_progress", "A probe of every device of this customer is already running. Wait for its result, then try again.",
     "Une sonde de tous les appareils de ce client est déjà en cours. Attendez son résultat, puis réessayez."},
    {"provider_not_found", "No such service provider.",
     "Fournisseur de services introuvable."},
    {"reboot_no_answer", "The phone did not answer the reboot request.",
     "Le téléphone n'a pas répondu à la demande de redémarrage."},
    {"reboot_refused", "The phone refused the reboot request: {value}.",
     "Le téléphone a refusé la demande de redémarrage : {value}."},
    {"request_too_large", "The request is larger than the server accepts: {value} MB at most.",
     "La requête dépasse la taille acceptée par le serveur : {value} Mo au plus."},
    {"row_malformed", "This row cannot be read: check its quotes and delimiters.",
     "Cette ligne est illisible : vérifiez ses guillemets et ses séparateurs."},
    {"row_malformed.extra_cells", "This row has more cells than the header, from \"{value}\" on: check its delimiters (a comma or semicolon inside a value needs quotes).",
     "Cette ligne a plus de cellules que l'en-tête, à partir de « {value} » : vérifiez ses séparateurs (une virgule ou un point-virgule dans une valeur doit être entre guillemets)."},
    {"site_unknown", "\"{value}\" is not one of your sites.", "« {value} » ne fait pas partie de vos sites."},
    {"state_aged", "Aged", "Âgé"},
    {"state_registered", "Registered", "Enregistré"},
    {"state_unregistered", "Unregistered", "Non enregistré"},
    {"template.columns", "Columns: mac (any notation, e.g. 00:AA:6E:33:D7:48), device_type (a name below), site (a name below), multicell_station_id (DECT bases only, optional).",
     "Colonnes : mac (toute notation, ex. 00:AA:6E:33:D7:48), device_type (un nom ci-dessous), site (un nom ci-dessous), multicell_station_id (bases DECT seulement, facultatif)."},
    {"template.device_types", "Device types (name; vendor; lines; DECT):",
     "Types d'appareils (nom ; fabricant ; lignes ; DECT) :"},
    {"template.example", "Example:",
     "Exemple :"},
    {"template.excel", "In Excel, format the mac column as Text before typing or pasting addresses: otherwise Excel turns 001565123456 into 1565123456.",
     "Dans Excel, mettez la colonne mac au format Texte avant d'y saisir ou coller des adresses : sinon Excel transforme 001565123456 en 1565123456."},
    {"template.intro", "PhoneFleet device import for {value}. One device per line under the header; lines starting with # are ignored.",
     "Import d'appareils PhoneFleet pour {value}. Un appareil par ligne sous l'en-tête ; les lignes commençant par # sont ignorées."},
    {"template.rules", "The whole file is imported or nothing: fix every reported row, then upload again. Separator , or ; (Excel).",
     "Le fichier est importé en entier ou pas du tout : corrigez chaque ligne signalée puis recommencez. Séparateur , ou ; (Excel)."},
    {"template.site", "Site {value}, approved types:",
     "Site {value}, types approuvés :"},
    {"token_not_found", "No such API token.",
     "Jeton d'API introuvable."},
    {"ui.actions", "Actions", "Actions"},
    {"ui.actions.reboot", "Reboot device", "Redémarrer l'appareil"},
    {"ui.actions.remove", "Remove device", "Retirer l'appareil"},
    {"ui.actions.status", "Device status", "État de l'appareil"},
    {"ui.add.choose_site", "Choose a site first.", "Choisissez d'abord un site."},
    {"ui.add.choose_type", "Choose a device type", "Choisissez un type d'appareil"},
    {"ui.add.device_type", "Device type (approved at this site)", "Appareil (approuvé sur ce site)"},
    {"ui.add.no_types", "No device type is approved at this site.", "Aucun type d'appareil n'est approuvé sur ce site."},
    {"ui.add.saved", "Device {value} added.", "Appareil {value} ajouté."},
    {"ui.add.title", "Add device", "Ajouter un appareil"},
    {"ui.app.title", "PhoneFleet", "PhoneFleet"},
    {"ui.cancel", "Cancel", "Annuler"},
    {"ui.close", "Close", "Fermer"},
    {"ui.count_of", "{field}: {value}",
     "{field} : {value}"},
    {"ui.customer", "Customer", "Client"},
    {"ui.devices.available_lines", "Available lines", "Lignes disponibles"},
    {"ui.devices.count", "{value} devices", "{value} appareils"},
    {"ui.devices.count_one", "1 device", "1 appareil"},
    {"ui.devices.device_type", "Device type", "Type d'appareil"},
    {"ui.devices.empty", "No device.", "Aucun appareil."},
    {"ui.devices.list_tab", "Device list",
     "Liste des appareils"},
    {"ui.devices.loading", "Loading devices...", "Chargement des appareils..."},
    {"ui.devices.mac", "MAC address", "Adresse MAC"},
    {"ui.devices.next", "Next", "Suivante"},
    {"ui.devices.no_match", "No device matches these filters.", "Aucun appareil ne correspond à ces filtres."},
    {"ui.devices.page", "Page {value}", "Page {value}"},
    {"ui.devices.previous", "Previous", "Précédente"},
    {"ui.devices.site", "Site", "Site"},
    {"ui.devices.state", "State", "État"},
    {"ui.devices.tab", "Devices", "Appareils"},
    {"ui.downloaded", "{value} downloaded.", "{value} téléchargé."},
    {"ui.export", "Export", "Exporter"},
    {"ui.export.asked", "Export asked for…",
     "Exportation demandée…"},
    {"ui.export.done", "Done: {value} downloaded.",
     "Terminé : {value} téléchargé."},
    {"ui.export.done_cache", "Done: {value} downloaded (the result of an identical export made moments ago).",
     "Terminé : {value} téléchargé (résultat d'une exportation identique faite à l'instant)."},
    {"ui.export.queued", "Waiting in the server's export queue: position {value}.",
     "En attente dans la file d'exportation du serveur : position {value}."},
    {"ui.export.refused", "Export refused",
     "Exportation refusée"},
    {"ui.export.retry_in", "You can try again in {value} s.",
     "Vous pourrez réessayer dans {value} s."},
    {"ui.export.running", "The server is producing the file…",
     "Le serveur produit le fichier…"},
    {"ui.filter.all_sites", "All sites", "Tous les sites"},
    {"ui.filter.all_states", "All states", "Tous les états"},
    {"ui.filter.all_types", "All device types", "Tous les types d'appareil"},
    {"ui.filter.search", "Search", "Rechercher"},
    {"ui.filter.search_hint", "MAC, type, site", "MAC, type, site"},
    {"ui.import", "Import", "Importer"},
    {"ui.import.catalog", "Loading the sites and device types...", "Chargement des sites et des types d'appareils..."},
    {"ui.import.clean", "No problem found: the file can be uploaded.", "Aucun problème : le fichier peut être envoyé."},
    {"ui.import.column", "Column", "Colonne"},
    {"ui.import.done", "{value} devices imported.", "{value} appareils importés."},
    {"ui.import.done_one", "1 device imported.", "1 appareil importé."},
    {"ui.import.file", "File: {value}", "Fichier : {value}"},
    {"ui.import.filter", "Filter", "Filtrer"},
    {"ui.import.filter_hint", "row, column, value or text", "ligne, colonne, valeur ou texte"},
    {"ui.import.instructions", "Instructions", "Instructions"},
    {"ui.import.instructions.1", "The first line names the columns: mac, device_type, site (required) and multicell_station_id (DECT bases only). French names work too: adresse mac, type d'appareil, site.", "La première ligne nomme les colonnes : mac, device_type, site (obligatoires) et multicell_station_id (bases DECT seulement). Les noms français conviennent aussi : adresse mac, type d'appareil, site."},
    {"ui.import.instructions.2", "Separate the cells with , or ; (as Excel saves in French). UTF-8 with or without BOM, or Excel's Windows CSV (Windows-1252). Lines starting with # are comments.", "Séparez les cellules par , ou ; (comme Excel en français). UTF-8 avec ou sans BOM, ou le CSV Windows d'Excel (Windows-1252). Les lignes commençant par # sont des commentaires."},
    {"ui.import.instructions.3", "Device types and sites are matched by name. The template (this menu) lists the device types you may use and every site with the types approved there.", "Types d'appareils et sites sont reconnus par leur nom. Le modèle (ce menu) liste les types d'appareils utilisables et chaque site avec les types qui y sont approuvés."},
    {"ui.import.instructions.4", "All or nothing: the file is checked here, then again by the server; if one row has a problem, no device is imported. Every problem is listed by row.", "Tout ou rien : le fichier est vérifié ici, puis de nouveau par le serveur ; si une ligne pose problème, aucun appareil n'est importé. Chaque problème est listé avec sa ligne."},
    {"ui.import.instructions.5", "Choose the file with Upload a CSV file, or drop it onto the page.", "Choisissez le fichier avec Télécharger le fichier .CSV, ou déposez-le sur la page."},
    {"ui.import.instructions.6", "In Excel, format the MAC column as Text before typing or pasting addresses: otherwise Excel turns 001565123456 into 1565123456 and the import refuses it.", "Dans Excel, mettez la colonne des adresses MAC au format Texte avant d'y saisir ou coller des adresses : sinon Excel transforme 001565123456 en 1565123456 et l'import le refuse."},
    {"ui.import.message", "Problem", "Problème"},
    {"ui.import.no_match", "No problem matches the filter.", "Aucun problème ne correspond au filtre."},
    {"ui.import.not_clean", "Nothing can be imported while a problem remains: fix the file, then choose it again.", "Rien ne peut être importé tant qu'il reste un problème : corrigez le fichier, puis choisissez-le de nouveau."},
    {"ui.import.nothing", "The file holds no device: nothing was imported.", "Le fichier ne contient aucun appareil : rien n'a été importé."},
    {"ui.import.problems", "Problems: {value}", "Problèmes : {value}"},
    {"ui.import.progress", "Validation", "Validation"},
    {"ui.import.row", "Row", "Ligne"},
    {"ui.import.save_csv", "Save as CSV", "Enregistrer en CSV"},
    {"ui.import.server_found", "The server found these problems; nothing was imported.", "Le serveur a trouvé ces problèmes ; rien n'a été importé."},
    {"ui.import.template", "Download the template", "Télécharger le modèle .csv"},
    {"ui.import.title", "Import devices", "Importer des appareils"},
    {"ui.import.upload", "Upload", "Envoyer"},
    {"ui.import.upload_file", "Upload a CSV file", "Télécharger le fichier .CSV"},
    {"ui.import.valid_rows", "Valid rows: {value}", "Lignes valides : {value}"},
    {"ui.import.validating", "Checking {value}...", "Vérification de {value}..."},
    {"ui.import.value", "Value", "Valeur"},
    {"ui.import.warnings", "Warnings: {value}", "Avertissements : {value}"},
    {"ui.import.warnings_note", "Warnings do not block the import: these rows are imported as they are. Check their MAC addresses first.",
     "Les avertissements ne bloquent pas l'importation : ces lignes sont importées telles quelles. Vérifiez d'abord leurs adresses MAC."},
    {"ui.in_progress", "Please wait...", "Veuillez patienter..."},
    {"ui.kiosk.all_registered", "Every line is registered.",
     "Toutes les lignes sont enregistrées."},
    {"ui.kiosk.connecting", "Connecting to the server…",
     "Connexion au serveur…"},
    {"ui.kiosk.more", "… and {value} more",
     "… et {value} de plus"},
    {"ui.kiosk.no_token", "This wall display needs a kiosk token in its address (/kiosk#token=…). A customer administrator creates one on the Line States page.",
     "Cet affichage mural a besoin d'un jeton kiosque dans son adresse (/kiosk#token=…). Un administrateur client en crée un sur la page États des lignes."},
    {"ui.kiosk.offline", "{value} Showing the last data received; retrying by itself.",
     "{value} Dernières données reçues affichées ; nouvelle tentative automatique."},
    {"ui.kiosk.problems", "Lines not registered: {value}",
     "Lignes non enregistrées : {value}"},
    {"ui.kiosk.sites", "Sites",
     "Sites"},
    {"ui.kiosk.title", "Line States — {value}",
     "États des lignes — {value}"},
    {"ui.kiosk.updated", "Updated {value}",
     "Mis à jour {value}"},
    {"ui.kiosks.address", "Open this address on the wall screen. It is shown only now: it holds the display's key.",
     "Ouvrez cette adresse sur l'écran mural. Elle n'est affichée que maintenant : elle contient la clé de l'affichage."},
    {"ui.kiosks.create", "Create",
     "Créer"},
    {"ui.kiosks.created_at", "Created",
     "Créé le"},
    {"ui.kiosks.intro", "A wall display shows this customer's line states, read-only, on a screen anyone can see. Each display gets its own address; revoke it to turn that display off.",
     "Un affichage mural montre les états des lignes de ce client, en lecture seule, sur un écran visible de tous. Chaque affichage a sa propre adresse ; révoquez-la pour éteindre cet affichage."},
    {"ui.kiosks.name", "Name of the display",
     "Nom de l'affichage"},
    {"ui.kiosks.none", "No wall display yet.",
     "Aucun affichage mural pour l'instant."},
    {"ui.kiosks.revoke", "Revoke",
     "Révoquer"},
    {"ui.kiosks.title", "Wall displays",
     "Affichages muraux"},
    {"ui.language", "Language", "Langue"},
    {"ui.legend.aged", "Aged: the registration lapsed", "Âgé : l'enregistrement a expiré"},
    {"ui.legend.registered", "Registered: healthy, the phone talks to the network", "Enregistré : sain, le téléphone communique avec le réseau"},
    {"ui.legend.unregistered", "Unregistered: no contact", "Non enregistré : aucun contact"},
    {"ui.line_states.count", "{value} lines",
     "{value} lignes"},
    {"ui.line_states.count_one", "1 line",
     "1 ligne"},
    {"ui.line_states.empty", "No line is assigned to a device yet.",
     "Aucune ligne n'est encore attribuée à un appareil."},
    {"ui.line_states.export", "Export device state",
     "Exporter l'état de l'appareil"},
    {"ui.line_states.extension", "Extension",
     "Poste"},
    {"ui.line_states.kiosk", "Wall display…",
     "Affichage mural…"},
    {"ui.line_states.no_match", "No line matches these filters.",
     "Aucune ligne ne correspond à ces filtres."},
    {"ui.line_states.phone_number", "Number",
     "Numéro"},
    {"ui.line_states.port", "Port",
     "Port"},
    {"ui.line_states.refresh", "Refresh",
     "Actualiser"},
    {"ui.line_states.tab", "Line States",
     "États des lignes"},
    {"ui.loading", "Loading...", "Chargement..."},
    {"ui.login.button", "Log in", "Se connecter"},
    {"ui.login.in_progress", "Logging in…", "Connexion en cours…"},
    {"ui.login.password", "Password", "Mot de passe"},
    {"ui.login.title", "Log in to PhoneFleet", "Connexion à PhoneFleet"},
    {"ui.login.username", "User name", "Nom d'utilisateur"},
    {"ui.logout", "Log out", "Se déconnecter"},
    {"ui.multicell_station_id", "Multicell station ID", "ID de la station multicellulaire"},
    {"ui.na", "N/A", "N/A"},
    {"ui.network_error", "The server cannot be reached. Retrying...", "Le serveur est injoignable. Nouvelle tentative..."},
    {"ui.reboot.accepted", "Device {value} accepted the reboot.", "L'appareil {value} a accepté le redémarrage."},
    {"ui.reboot.button", "Reboot", "Redémarrer"},
    {"ui.reboot.confirm", "Reboot device {value}? Calls in progress on it will be cut.", "Redémarrer l'appareil {value} ? Les appels en cours sur cet appareil seront coupés."},
    {"ui.reboot.confirmed_toast", "Reboot of {value} confirmed: the phone registered again.",
     "Redémarrage de {value} confirmé : le téléphone s'est réenregistré."},
    {"ui.reboot.needs_sip", "Rebooting needs the SIP service, which this server does not offer yet. Nothing was sent to the phone.", "Le redémarrage nécessite le service SIP, que ce serveur ne propose pas encore. Rien n'a été envoyé au téléphone."},
    {"ui.reboot.step_accepted", "Accepted by the phone ({value})",
     "Accepté par le téléphone ({value})"},
    {"ui.reboot.step_confirmed", "Confirmed: the phone registered again ({value})",
     "Confirmé : le téléphone s'est réenregistré ({value})"},
    {"ui.reboot.step_not_confirmed", "Not confirmed: the phone did not register again in time",
     "Non confirmé : le téléphone ne s'est pas réenregistré à temps"},
    {"ui.reboot.step_sending", "Sending the reboot to the phone (SIP NOTIFY)…",
     "Envoi du redémarrage au téléphone (SIP NOTIFY)…"},
    {"ui.reboot.step_sent", "Sent to the phone (SIP NOTIFY)",
     "Envoyé au téléphone (SIP NOTIFY)"},
    {"ui.reboot.step_waiting", "Waiting for the phone to register again…",
     "En attente du réenregistrement du téléphone…"},
    {"ui.reboot.title", "Reboot device", "Redémarrer l'appareil"},
    {"ui.reboot_state.accepted", "accepted, waiting for the phone to register again",
     "accepté, en attente du réenregistrement"},
    {"ui.reboot_state.confirmed", "confirmed",
     "confirmé"},
    {"ui.reboot_state.no_answer", "no answer from the phone",
     "pas de réponse du téléphone"},
    {"ui.reboot_state.not_confirmed", "not confirmed",
     "non confirmé"},
    {"ui.reboot_state.refused", "refused by the phone",
     "refusé par le téléphone"},
    {"ui.reboot_state.sent", "sent",
     "envoyé"},
    {"ui.remove.button", "Remove", "Retirer"},
    {"ui.remove.confirm", "Remove device {value} from the inventory? Its lines will be unassigned.", "Retirer l'appareil {value} de l'inventaire ? Ses lignes seront désaffectées."},
    {"ui.remove.done", "Device {value} removed.", "Appareil {value} retiré."},
    {"ui.remove.title", "Remove device", "Retirer l'appareil"},
    {"ui.save", "Save", "Enregistrer"},
    {"ui.server_unreachable", "The server cannot be reached.", "Le serveur est injoignable."},
    {"ui.status.assign", "Assign", "Attribuer"},
    {"ui.status.assigned", "Line {value} assigned.", "Ligne {value} attribuée."},
    {"ui.status.credentials", "SIP credentials of port {value}", "Identifiants SIP du port {value}"},
    {"ui.status.credentials_done", "I have noted them", "Je les ai notés"},
    {"ui.status.credentials_warning", "Note the password now: it will never be shown again.", "Notez le mot de passe maintenant : il ne sera plus jamais affiché."},
    {"ui.status.display_name", "Display name", "Nom affiché"},
    {"ui.status.expires_at", "Expires at", "Expire le"},
    {"ui.status.extension", "Extension", "Poste"},
    {"ui.status.free", "Free", "Libre"},
    {"ui.status.host_ip", "Host IP", "IP de l'hôte"},
    {"ui.status.lines", "Ports and lines", "Ports et lignes"},
    {"ui.status.phone_number", "Phone number", "Numéro de téléphone"},
    {"ui.status.port", "Port", "Port"},
    {"ui.status.probe", "Probe (SIP OPTIONS)", "Sonde (SIP OPTIONS)"},
    {"ui.status.probe_needs_sip", "Probing now needs the SIP service, not on this server yet: stored status shown.", "Sonder maintenant nécessite le service SIP, pas encore sur ce serveur : état enregistré affiché."},
    {"ui.status.probe_none", "Not probed yet", "Pas encore sondé"},
    {"ui.status.probing", "Probing the phone now (SIP OPTIONS)…",
     "Sonde du téléphone en cours (SIP OPTIONS)…"},
    {"ui.status.reachable", "Reachable, {value} ms", "Joignable, {value} ms"},
    {"ui.status.reboot", "Last reboot",
     "Dernier redémarrage"},
    {"ui.status.refresh", "Refresh", "Actualiser"},
    {"ui.status.registered_at", "Registered at", "Enregistré le"},
    {"ui.status.registered_to", "Registered to", "Enregistré auprès de"},
    {"ui.status.remote_ip", "Remote IP", "IP distante"},
    {"ui.status.sip_domain", "SIP domain", "Domaine SIP"},
    {"ui.status.sip_password", "SIP password", "Mot de passe SIP"},
    {"ui.status.sip_username", "SIP user name", "Nom d'utilisateur SIP"},
    {"ui.status.title", "Device status", "État de l'appareil"},
    {"ui.status.unassign", "Unassign", "Désaffecter"},
    {"ui.status.unassigned", "Port {value} unassigned.", "Port {value} désaffecté."},
    {"ui.status.unreachable", "Unreachable", "Injoignable"},
    {"ui.status.user_agent", "User agent", "Agent utilisateur"},
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
    // RFC 9110 12.5.4: the supported language of highest quality (q, 1 when absent; 0: not
    // acceptable), the first listed among equals; English when neither is acceptable.
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    auto trim = [](std::string_view v) {
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
        return v;
    };
    std::optional<Language> best;
    double best_q = 0;
    while (!header.empty()) {
        const std::size_t comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        const std::size_t semi = item.find(';');
        const std::string_view tag = trim(item.substr(0, semi));
        double q = 1;
        if (semi != std::string_view::npos) {
            std::string_view param = trim(item.substr(semi + 1));
            if (param.size() >= 2 && lower(param[0]) == 'q' && param[1] == '=') {
                // qvalue = 0[.ddd] / 1[.000]: read as digits, no locale-dependent parsing
                param.remove_prefix(2);
                q = 0;
                double scale = 1;
                bool fraction = false, ok = !param.empty();
                for (char c : param) {
                    if (c == '.' && !fraction) fraction = true;
                    else if (c >= '0' && c <= '9' && fraction) q += (scale /= 10) * (c - '0');
                    else if (c >= '0' && c <= '9') q = q * 10 + (c - '0');
                    else ok = false;
                }
                if (!ok || q > 1) q = 0;  // unreadable: not a language to choose
            }
        }
        if (tag.size() < 2 || !(tag.size() == 2 || tag[2] == '-' || tag[2] == '_')) continue;
        const char a = lower(tag[0]), b = lower(tag[1]);
        std::optional<Language> lang;
        if (a == 'f' && b == 'r') lang = Language::Fr;
        if (a == 'e' && b == 'n') lang = Language::En;
        if (lang && q > best_q) {
            best = lang;
            best_q = q;
        }
    }
    return best.value_or(Language::En);
}

bool has_text(std::string_view key) { return find(key) != nullptr; }

std::string_view text(std::string_view key, Language lang) {
    const Entry* e = find(key);
    if (!e) return key;
    return lang == Language::Fr ? e->fr : e->en;
}

std::string message(const Error& error, Language lang) {
    // A limit of a file (its field "rows" or "bytes", its value the limit): said in the
    // reader's words and units, "100 000 lignes", "16 MB"; the error's value stays the number.
    if (error.code == "file_too_large" && (error.field == "rows" || error.field == "bytes")) {
        unsigned long long n = 0;
        std::from_chars(error.value.data(), error.value.data() + error.value.size(), n);
        constexpr unsigned long long kMegabyte = 1024 * 1024;
        std::string_view key = "file_too_large.rows";
        if (error.field == "bytes") key = n > 0 && n % kMegabyte == 0 ? "file_too_large.mb" : "file_too_large.bytes";
        if (key == "file_too_large.mb") n /= kMegabyte;
        std::string out(text(key, lang));
        replace_all(out, "{value}", format_count(n, lang));
        return out;
    }
    std::string out(text(error.code, lang));
    replace_all(out, "{field}", error.field);
    replace_all(out, "{value}", error.value);
    for (const auto& [name, value] : error.args) replace_all(out, "{" + name + "}", value);
    return out;
}

std::string fill(std::string_view key, std::string_view value, Language lang) {
    Error e;  // fields set by name: Error grows over time
    e.code = std::string(key);
    e.value = std::string(value);
    return message(e, lang);
}

std::string format_count(unsigned long long n, Language lang) {
    const std::string digits = std::to_string(n);
    const std::string_view separator = lang == Language::Fr ? "\u202F" : ",";
    std::string out;
    out.reserve(digits.size() + digits.size() / 3 * separator.size());
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

std::string fill_count(std::string_view key, unsigned long long n, Language lang) {
    if (n == 1) {
        const std::string one = std::string(key) + "_one";
        if (has_text(one)) return std::string(text(one, lang));
    }
    return fill(key, format_count(n, lang), lang);
}

}  // namespace phonefleet
