// What every importer of people shares: a contact as another program's file
// describes it, whether the clients file already has it, the id it gets, and
// the [[clients]] blocks written for the new ones. A format's reader (vcard.hpp)
// turns bytes into contacts; this turns contacts into clients.
#pragma once

#include "touch/core/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace touch {

struct ImportedContact {
    std::string name;   // "Company (Person)" when the card names both
    std::string person; // the person alone (FN, else N), for the id
    std::string phone, email, address, city, notes, uid;
    std::string birthday; // "YYYY-MM-DD" or "MM-DD", empty when none
    std::vector<std::string> aliases, tags;
    std::vector<std::string> emails, phones;           // every one on the card, for duplicates
    std::vector<std::string> more_emails, more_phones; // usable ones after the first
    int line = 0;                                      // where it starts in its file
};

// How a contact was found among the clients: the same card (its UID), the
// same address, else only the same phone or the same name. A card found only
// so that carries a UID or an email the client lacks (by name: or a phone)
// may be the same person with new details or someone else: that is said, and
// it is not imported as a twin.
enum class MatchedBy : std::uint8_t { uid, email, phone, name };

struct KnownMatch {
    std::string id; // the client it matches
    MatchedBy by;
};

// What the clients file already has: an imported contact that matches one of
// these is skipped, and a new id or alias never repeats one.
struct KnownClients {
    std::unordered_set<std::string> names; // ids and aliases, lower case
    // Each key to the id of the client that has it: emails lower case,
    // phones their digits, names lower case.
    std::unordered_map<std::string, std::string> uids, emails, phones, display_names;
    // [import.vcard] ignore: UIDs, lower-case emails and ids never imported.
    std::unordered_set<std::string> ignored;

    void add(const Client& client);
    void ignore(std::string_view uid_email_or_id);
    // The client the contact is, by its UID, else one of its emails, else
    // one of its phones, else its name; nothing for a new contact.
    std::optional<KnownMatch> match(const ImportedContact& contact) const;
    bool has(const ImportedContact& contact) const { return match(contact).has_value(); }
};

// Picks ids in linear time: the name transliterated to ASCII ("Zoë Ünal" ->
// "zoe-unal", "Straße" -> "strasse", Greek and Cyrillic letters too), else
// the email's local part, else "client-N"; then "-2", "-3" ... on a clash
// with any name in use, which it joins.
class IdPicker {
public:
    explicit IdPicker(std::unordered_set<std::string>& taken)
        : taken_(taken) {}
    std::string pick(std::string_view name, std::string_view email);
    bool claim(const std::string& lowered) { return taken_.insert(lowered).second; }

private:
    std::string unique(const std::string& base);
    std::unordered_set<std::string>& taken_;
    std::unordered_map<std::string, int> next_; // base -> next number to try
    int counter_ = 0;
};

// The ASCII letters and digits of a name, lower case, joined by '-'.
std::string transliterate_id(std::string_view name);

// A contact left out because it only resembles a client (same phone or name).
struct Resembling {
    const ImportedContact* contact;
    KnownMatch match;
};

struct ImportOutput {
    std::string toml;
    int skipped = 0; // contacts the clients file (or this import) already had
    int ignored = 0; // contacts [import.vcard] ignore names
    std::vector<Resembling> resembling;
};

// The [[clients]] blocks for the contacts that `known` does not have yet; a
// UID seen twice in `contacts` is imported once. `known` learns each one.
// Each block says `since = <since>` when given (the day of the import): a
// contact just imported owes nothing from before it, so it never outranks a
// client really overdue.
ImportOutput clients_toml(const std::vector<ImportedContact>& contacts, KnownClients& known,
                          std::optional<Date> since = std::nullopt);

} // namespace touch
