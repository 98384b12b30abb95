// What every importer of people shares: a contact as another program's file
// describes it, whether the clients file already has it, the id it gets, and
// the [[clients]] blocks written for the new ones. A format's reader (vcard.hpp)
// turns bytes into contacts; this turns contacts into clients.
#pragma once

#include "touch/core/model.hpp"

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

// What the clients file already has: an imported contact that matches one of
// these is skipped, and a new id or alias never repeats one.
struct KnownClients {
    std::unordered_set<std::string> names;                // ids and aliases, lower case
    std::unordered_set<std::string> uids, emails, phones; // emails lower case, phones digits
    std::unordered_set<std::string> display_names;        // lower case

    void add(const Client& client);
    // The contact's vcard_uid is known, else one of its emails; with no email
    // to write, one of its phones; with neither a UID nor a phone, its name.
    bool has(const ImportedContact& contact) const;
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

struct ImportOutput {
    std::string toml;
    int skipped = 0; // contacts the clients file (or this import) already had
};

// The [[clients]] blocks for the contacts that `known` does not have yet; a
// UID seen twice in `contacts` is imported once. `known` learns each one.
// Each block says `since = <since>` when given (the day of the import): a
// contact just imported owes nothing from before it, so it never outranks a
// client really overdue.
ImportOutput clients_toml(const std::vector<ImportedContact>& contacts, KnownClients& known,
                          std::optional<Date> since = std::nullopt);

} // namespace touch
