#include "touch/import/contacts.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/string_literal.hpp"
#include "touch/util/text.hpp"
#include "touch/util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

namespace {

// A phone number as it is compared: its digits ("+1 (555) 0100" is
// "15550100"), or the text itself when it has none.
std::string phone_key(std::string_view phone) {
    std::string digits;
    for (char c : phone)
        if (c >= '0' && c <= '9') digits += c;
    return digits.empty() ? to_lower(trim(phone)) : digits;
}

// ---- Ids -------------------------------------------------------------------

// U+00C0..U+024F to ASCII, '|' between entries; empty when the letter has no
// obvious ASCII spelling.
constexpr std::string_view latin_table =
    "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|"
    "c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|"
    "d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|"
    "k|l|l|l|l|l|l|l|l|l|l|n|n|n|n|n|n|n|ng|ng|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|"
    "s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s||||||||||||||||"
    "|||f||||||||||||||o|o||||||||||||||u|u||||||||||||||||||||dz|dz|dz|lj|lj|lj|nj|nj|"
    "nj|a|a|i|i|o|o|u|u|u|u|u|u|u|u|u|u||a|a|a|a|||||g|g|k|k|o|o|o|o|||j|dz|dz|dz|g|g|"
    "||n|n|a|a|||||a|a|a|a|e|e|e|e|i|i|i|i|o|o|o|o|r|r|r|r|u|u|u|u|s|s|t|t|||h|h||||||"
    "|a|a|e|e|o|o|o|o|o|o|o|o|y|y|||||||||||||||||||||||||||||";

// U+0391..U+03C9, Greek (ELOT 743, simplified).
constexpr std::string_view greek_upper[] = {"a", "v", "g", "d", "e",  "z",  "i", "th", "i",
                                            "k", "l", "m", "n", "x",  "o",  "p", "r",  "",
                                            "s", "t", "y", "f", "ch", "ps", "o"};
// U+0410..U+044F, Russian Cyrillic.
constexpr std::string_view cyrillic[] = {
    "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};

std::string_view latin_of(char32_t cp) {
    static const auto entries = [] {
        std::vector<std::string_view> all;
        std::size_t start = 0;
        while (start < latin_table.size()) {
            auto bar = latin_table.find('|', start);
            all.push_back(latin_table.substr(start, bar - start));
            start = bar + 1;
        }
        return all;
    }();
    auto i = static_cast<std::size_t>(cp - 0xC0);
    return i < entries.size() ? entries[i] : std::string_view();
}

std::string_view ascii_of(char32_t cp) {
    if (cp >= 0xC0 && cp <= 0x24F) return latin_of(cp);
    if (cp >= 0x391 && cp <= 0x3A9) return greek_upper[cp - 0x391];
    if (cp >= 0x3B1 && cp <= 0x3C9) return cp == 0x3C2 ? "s" : greek_upper[cp - 0x3B1];
    switch (cp) {
    case 0x386:
    case 0x3AC:
        return "a";
    case 0x388:
    case 0x3AD:
        return "e";
    case 0x389:
    case 0x3AE:
    case 0x38A:
    case 0x3AF:
    case 0x3CA:
    case 0x390:
        return "i";
    case 0x38C:
    case 0x3CC:
    case 0x38F:
    case 0x3CE:
        return "o";
    case 0x38E:
    case 0x3CD:
    case 0x3CB:
    case 0x3B0:
        return "y";
    case 0x401:
    case 0x451:
        return "e";
    case 0x404:
    case 0x454:
        return "ye";
    case 0x406:
    case 0x456:
        return "i";
    case 0x407:
    case 0x457:
        return "yi";
    case 0x490:
    case 0x491:
        return "g";
    case 0x40E:
    case 0x45E:
        return "u";
    default:
        break;
    }
    if (cp >= 0x410 && cp <= 0x42F) return cyrillic[cp - 0x410];
    if (cp >= 0x430 && cp <= 0x44F) return cyrillic[cp - 0x430];
    return {};
}

// Greek letters as lower case without accent, for the pairs below.
char32_t greek_base(char32_t cp) {
    switch (cp) {
    case 0x386:
    case 0x3AC:
        return 0x3B1; // α
    case 0x388:
    case 0x3AD:
        return 0x3B5; // ε
    case 0x389:
    case 0x3AE:
        return 0x3B7; // η
    case 0x38C:
    case 0x3CC:
        return 0x3BF; // ο
    case 0x38E:
    case 0x3CD:
        return 0x3C5; // υ
    default:
        break;
    }
    if (cp >= 0x391 && cp <= 0x3A9) return cp + 0x20;
    return cp;
}

// ELOT 743 (ISO 843), as Greek passports write names, where a pair of letters
// is not the two letters apart: ου is "ou", αυ ευ ηυ are "av ev iv" ("af ef
// if" before a voiceless consonant or at the end), and γ before γ ξ χ is "n"
// (Ευάγγελος -> evangelos, Παπαδόπουλος -> papadopoulos). Empty when the
// pair at `cp`, `next` is none of these; else the Latin of `cp` and
// whether `next` is spelled with it.
std::pair<std::string_view, bool> greek_pair(char32_t cp, char32_t next, char32_t after) {
    auto a = greek_base(cp), b = greek_base(next);
    if (b == 0x3C5 && next != 0x3CB && next != 0x3B0) {
        if (a == 0x3BF) return {"ou", true};
        auto c = greek_base(after);
        bool voiceless = c == 0x3B8 || c == 0x3BA || c == 0x3BE || c == 0x3C0 || c == 0x3C3 ||
                         c == 0x3C2 || c == 0x3C4 || c == 0x3C6 || c == 0x3C7 || c == 0x3C8 ||
                         c < 0x370 || c > 0x3FF;
        if (a == 0x3B1) return {voiceless ? "af" : "av", true};
        if (a == 0x3B5) return {voiceless ? "ef" : "ev", true};
        if (a == 0x3B7) return {voiceless ? "if" : "iv", true};
    }
    if (a == 0x3B3 && (b == 0x3B3 || b == 0x3BE || b == 0x3C7)) return {"n", false};
    return {{}, false};
}

constexpr std::size_t max_id_length = 40;

// ---- [[clients]] blocks ----------------------------------------------------

// A TOML basic string, quotes included.
std::string toml_string(std::string_view text) {
    // Line breaks are kept; other control characters (a CR of a CRLF
    // among them) go, line by line.
    std::string clean;
    for (std::size_t pos = 0; pos <= text.size();) {
        auto nl = text.find('\n', pos);
        if (pos > 0) clean += '\n';
        clean += sanitize_note(
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return string_literal(clean);
}

std::string toml_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? ", " : "") + toml_string(items[i]);
    return out + "]";
}

// `key = "value"` for one value, `key = ["shown", "other", ...]` for several
// (touch(5): phone and email may be lists, the first is the one shown);
// nothing for none.
std::string first_and_others(std::string_view key, const std::string& first,
                             const std::vector<std::string>& others) {
    std::vector<std::string> items;
    if (!first.empty()) items.push_back(first);
    for (auto& v : others)
        if (!v.empty() && std::find(items.begin(), items.end(), v) == items.end())
            items.push_back(v);
    if (items.empty()) return {};
    if (items.size() == 1) return fmt::format("{} = {}\n", key, toml_string(items.front()));
    return fmt::format("{} = {}\n", key, toml_list(items));
}

} // namespace

std::string transliterate_id(std::string_view name) {
    std::string id;
    bool dash = false;
    std::size_t i = 0;
    while (i < name.size() && id.size() < max_id_length + 8) {
        char32_t cp = utf8::next(name, i);
        std::string_view out;
        char ascii[2] = {0, 0};
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            ascii[0] = static_cast<char>(cp);
            out = ascii;
        } else if (cp >= 'A' && cp <= 'Z') {
            ascii[0] = static_cast<char>(cp - 'A' + 'a');
            out = ascii;
        } else if (cp == '\'' || cp == 0x2019) {
            continue; // O'Brien -> obrien
        } else if (cp >= 0x386 && cp <= 0x3CE) {
            auto j = i;
            char32_t next = j < name.size() ? utf8::next(name, j) : 0;
            auto k = j;
            char32_t after = k < name.size() ? utf8::next(name, k) : 0;
            auto [pair, both] = greek_pair(cp, next, after);
            out = pair.empty() ? ascii_of(cp) : pair;
            if (both) i = j;
        } else {
            out = ascii_of(cp);
        }
        if (out.empty()) {
            dash = true;
            continue;
        }
        if (dash && !id.empty()) id += '-';
        id += out;
        dash = false;
    }
    if (id.size() > max_id_length) {
        auto cut = id.rfind('-', max_id_length);
        id.resize(cut != std::string::npos && cut > 0 ? cut : max_id_length);
    }
    while (!id.empty() && id.back() == '-')
        id.pop_back();
    return id;
}

std::string IdPicker::unique(const std::string& base) {
    if (taken_.insert(base).second) return base;
    auto& n = next_.try_emplace(base, 2).first->second;
    for (;; ++n) {
        auto id = fmt::format("{}-{}", base, n);
        if (taken_.insert(id).second) {
            ++n;
            return id;
        }
    }
}

std::string IdPicker::pick(std::string_view name, std::string_view email) {
    auto base = transliterate_id(name);
    if (base.empty()) base = transliterate_id(email.substr(0, email.find('@')));
    if (!base.empty()) return unique(base);
    for (;;) {
        auto id = fmt::format("client-{}", ++counter_);
        if (taken_.insert(id).second) return id;
    }
}

void KnownClients::add(const Client& client) {
    names.insert(to_lower(client.id));
    for (auto& a : client.aliases)
        names.insert(to_lower(a));
    // The first client to have a key keeps it, as the clients file reads.
    if (!client.vcard_uid.empty()) uids.emplace(client.vcard_uid, client.id);
    if (!client.email.empty()) emails.emplace(to_lower(client.email), client.id);
    for (auto& e : client.other_emails)
        emails.emplace(to_lower(e), client.id);
    if (auto key = phone_key(client.phone); !key.empty()) phones.emplace(key, client.id);
    for (auto& p : client.other_phones)
        if (auto key = phone_key(p); !key.empty()) phones.emplace(key, client.id);
    display_names.emplace(to_lower(client.name), client.id);
}

void KnownClients::ignore(std::string_view uid_email_or_id) {
    ignored.insert(std::string(uid_email_or_id));
    ignored.insert(to_lower(uid_email_or_id));
}

std::optional<KnownMatch> KnownClients::match(const ImportedContact& c) const {
    if (!c.uid.empty())
        if (auto it = uids.find(c.uid); it != uids.end())
            return KnownMatch{it->second, MatchedBy::uid};
    for (auto& e : c.emails)
        if (auto it = emails.find(to_lower(e)); it != emails.end())
            return KnownMatch{it->second, MatchedBy::email};
    for (auto& p : c.phones)
        if (auto key = phone_key(p); !key.empty())
            if (auto it = phones.find(key); it != phones.end())
                return KnownMatch{it->second, MatchedBy::phone};
    for (auto* name : {&c.name, &c.person})
        if (!name->empty())
            if (auto it = display_names.find(to_lower(*name)); it != display_names.end())
                return KnownMatch{it->second, MatchedBy::name};
    return std::nullopt;
}

namespace {

// Whether [import.vcard] ignore names the contact: its UID, one of its
// emails, or the id its name would get.
bool is_ignored(const KnownClients& known, const ImportedContact& c) {
    if (known.ignored.empty()) return false;
    if (!c.uid.empty() && known.ignored.count(c.uid)) return true;
    for (auto& e : c.emails)
        if (known.ignored.count(to_lower(e))) return true;
    auto id = transliterate_id(c.person.empty() ? c.name : c.person);
    return !id.empty() && known.ignored.count(id);
}

} // namespace

ImportOutput clients_toml(const std::vector<ImportedContact>& contacts, KnownClients& known,
                          std::optional<Date> since) {
    ImportOutput result;
    IdPicker ids(known.names);
    std::unordered_set<std::string> uids_here;
    for (auto& c : contacts) {
        if (is_ignored(known, c)) {
            ++result.ignored;
            continue;
        }
        // Found only by phone or name while the card carries a UID or an
        // email (or, by name, a phone) the client lacks: the same person with
        // new details, or someone else. Either way, not a twin.
        auto matched = known.match(c);
        bool differs =
            matched &&
            ((matched->by == MatchedBy::phone && (!c.uid.empty() || !c.emails.empty())) ||
             (matched->by == MatchedBy::name &&
              (!c.uid.empty() || !c.emails.empty() || !c.phones.empty())));
        if (differs) {
            result.resembling.push_back({&c, *matched});
            continue;
        }
        if (matched || (!c.uid.empty() && !uids_here.insert(c.uid).second)) {
            ++result.skipped;
            continue;
        }
        auto& out = result.toml;
        if (!out.empty()) out += '\n';
        out += "[[clients]]\n";
        auto id = ids.pick(c.person.empty() ? c.name : c.person, c.email);
        out += "id = " + toml_string(id) + "\n";
        out += "name = " + toml_string(c.name) + "\n";
        if (since) out += "since = " + format_date(*since) + "\n";
        std::vector<std::string> aliases;
        for (auto& a : c.aliases) {
            auto clean = sanitize_note(a);
            auto lowered = to_lower(clean);
            if (clean.empty() || lowered == id) continue;
            if (ids.claim(lowered)) aliases.push_back(clean);
        }
        if (!aliases.empty()) out += "aliases = " + toml_list(aliases) + "\n";
        std::vector<std::string> tags;
        for (auto& t : c.tags)
            if (auto clean = sanitize_note(t); !clean.empty()) tags.push_back(clean);
        if (!tags.empty()) out += "tags = " + toml_list(tags) + "\n";
        auto line = [&](std::string_view key, const std::string& value) {
            if (!value.empty()) out += fmt::format("{} = {}\n", key, toml_string(value));
        };
        line("city", c.city);
        // The other usable numbers and addresses go into the client's lists
        // (SPEC §2), where calls and mail are matched.
        out += first_and_others("phone", c.phone, c.more_phones);
        out += first_and_others("email", c.email, c.more_emails);
        line("address", c.address);
        line("birthday", c.birthday);
        line("notes", c.notes);
        line("vcard_uid", c.uid);
    }
    return result;
}

} // namespace touch
