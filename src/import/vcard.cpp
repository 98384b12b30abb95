#include "touch/import/vcard.hpp"

#include "vcard_syntax.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace touch {

using namespace vcard_detail;

namespace {

// ---- Values ----------------------------------------------------------------

// "1980-04-12", "19800412", "1980-04-12T10:00:00Z", "--0412", "--04-12";
// Apple writes a year-less date with a placeholder year (1604) and says so in
// X-APPLE-OMIT-YEAR. Empty when it is not a date.
std::string birthday_of(std::string value, std::string_view omit_year) {
    auto t = value.find('T');
    if (t != std::string::npos) value.resize(t);
    value = std::string(trim(value));
    bool no_year = value.rfind("--", 0) == 0;
    std::string digits;
    for (char c : value) {
        if (c >= '0' && c <= '9')
            digits += c;
        else if (c != '-')
            return {};
    }
    if (no_year && digits.size() == 4) {
        auto md = digits.substr(0, 2) + "-" + digits.substr(2, 2);
        return parse_iso_date("2000-" + md) ? md : std::string();
    }
    if (no_year || digits.size() != 8) return {};
    auto year = digits.substr(0, 4);
    auto md = digits.substr(4, 2) + "-" + digits.substr(6, 2);
    if (year == omit_year || year == "1604" || year == "0000")
        return parse_iso_date("2000-" + md) ? md : std::string();
    auto iso = year + "-" + md;
    return parse_iso_date(iso) ? iso : std::string();
}

std::string phone_value(std::string v) {
    v = std::string(trim(v));
    if (starts_with_ci(v, "tel:")) v = v.substr(4);
    auto ext = v.find(";ext=");
    if (ext != std::string::npos) v = v.substr(0, ext) + " ext. " + v.substr(ext + 5);
    auto semi = v.find(';');
    if (semi != std::string::npos) v.resize(semi);
    return std::string(trim(v));
}

// ---- Addresses -------------------------------------------------------------

// One ADR component on one line: "a,\n b" -> "a, b".
std::string one_line(std::string part) {
    std::replace(part.begin(), part.end(), '\n', ',');
    std::string joined;
    for (std::size_t i = 0; i < part.size(); ++i) {
        joined += part[i];
        if (part[i] == ',' && i + 1 < part.size() && part[i + 1] != ' ') joined += ' ';
    }
    return std::string(trim(joined));
}

enum class AddressOrder : std::uint8_t { card, code_city, us };

// How the country on the card writes an address, by its name or code.
AddressOrder order_of(std::string_view country) {
    auto c = to_lower(trim(country));
    for (std::string_view name : {"de",          "deu",         "germany",
                                  "deutschland", "at",          "aut",
                                  "austria",     "österreich",  "ch",
                                  "che",         "switzerland", "schweiz",
                                  "suisse",      "svizzera",    "fr",
                                  "fra",         "france",      "nl",
                                  "nld",         "netherlands", "the netherlands",
                                  "nederland"})
        if (c == name) return AddressOrder::code_city;
    for (std::string_view name :
         {"us", "usa", "u.s.a.", "u.s.", "united states", "united states of america"})
        if (c == name) return AddressOrder::us;
    return AddressOrder::card;
}

// ADR's components (post office box, extended, street, locality, region,
// postal code, country) as the country writes them: "Street, 20095 Hamburg,
// Germany", "1 Main St, Brooklyn NY 11201, USA"; where the card names no
// country we know, in the card's order, as before.
std::string address_text(const std::vector<std::string>& adr) {
    std::vector<std::string> p;
    for (auto& part : adr)
        p.push_back(one_line(part));
    auto spaced = [](std::initializer_list<const std::string*> words) {
        std::string out;
        for (auto* w : words)
            if (!w->empty()) out += (out.empty() ? "" : " ") + *w;
        return out;
    };
    std::vector<std::string> lines;
    switch (order_of(p[6])) {
    case AddressOrder::code_city:
        lines = {p[0], p[1], p[2], spaced({&p[5], &p[3]}), p[4], p[6]};
        break;
    case AddressOrder::us:
        lines = {p[0], p[1], p[2], spaced({&p[3], &p[4], &p[5]}), p[6]};
        break;
    case AddressOrder::card:
        lines = p;
        break;
    }
    std::string out;
    for (auto& line : lines)
        if (!line.empty()) out += (out.empty() ? "" : ", ") + line;
    return out;
}

// ---- Cards -----------------------------------------------------------------

struct Candidate {
    std::string value, label;
    int pref = 100;
    bool usable = true; // a fax or a pager is never the phone to call
};

// The most preferred usable candidate, the first of equals.
const Candidate* best(const std::vector<Candidate>& all) {
    const Candidate* chosen = nullptr;
    for (auto& c : all)
        if (c.usable && (!chosen || c.pref < chosen->pref)) chosen = &c;
    return chosen;
}

std::string type_label(const Property& p, std::initializer_list<std::string_view> known) {
    for (auto t : known)
        if (p.has_type(t)) return to_lower(t);
    return {};
}

struct CardBuilder {
    int line = 0;
    bool v21 = false;
    std::string fn, n_name, org, title, nickname_note, uid, birthday;
    std::vector<std::string> nicknames, categories, notes, dates;
    std::vector<Candidate> tels, emails;
    std::vector<std::pair<Candidate, std::vector<std::string>>> adrs;

    void add(const Property& p, const std::string& text) {
        if (p.name == "VERSION") {
            v21 = trim(text) == "2.1";
        } else if (p.name == "FN") {
            if (fn.empty()) fn = std::string(trim(unescape(text, v21)));
        } else if (p.name == "N") {
            auto parts = components(text, v21);
            parts.resize(5);
            std::vector<std::string> words;
            for (int i : {1, 2, 0})
                if (!parts[static_cast<std::size_t>(i)].empty())
                    words.push_back(parts[static_cast<std::size_t>(i)]);
            // "G M F": given, middle and family names, spaces between.
            std::string joined;
            for (auto& w : words)
                joined += (joined.empty() ? "" : " ") + w;
            if (n_name.empty()) n_name = joined;
        } else if (p.name == "ORG") {
            if (org.empty()) org = components(text, v21)[0];
        } else if (p.name == "TITLE") {
            if (title.empty()) title = std::string(trim(unescape(text, v21)));
        } else if (p.name == "NICKNAME") {
            for (auto& n : list_items(text, v21))
                nicknames.push_back(n);
        } else if (p.name == "CATEGORIES") {
            for (auto& c : list_items(text, v21))
                if (std::find(categories.begin(), categories.end(), c) == categories.end())
                    categories.push_back(c);
        } else if (p.name == "TEL") {
            Candidate c{phone_value(text), type_label(p, {"CELL", "WORK", "HOME", "FAX", "PAGER"}),
                        p.pref(), true};
            // TYPE=FAX, TYPE=WORK,FAX, type=WORK;type=FAX, Gmail's "workfax":
            // never a phone to call, and its note says what it is.
            for (auto& [k, v] : p.params)
                if (k == "TYPE")
                    for (auto t : {"FAX", "PAGER", "MODEM", "BBS"})
                        if (upper(v).find(t) != std::string::npos) {
                            c.usable = false;
                            c.label = to_lower(t);
                        }
            if (!c.value.empty()) tels.push_back(c);
        } else if (p.name == "EMAIL") {
            auto v = std::string(trim(unescape(text, v21)));
            if (starts_with_ci(v, "mailto:")) v = v.substr(7);
            auto open = v.find('<'), close = v.rfind('>'); // "Dana" <dana@example.com>
            if (open != std::string::npos && close != std::string::npos && open < close &&
                v.find('@', open) < close)
                v = std::string(trim(std::string_view(v).substr(open + 1, close - open - 1)));
            Candidate c{v, type_label(p, {"WORK", "HOME"}), p.pref(),
                        v.find('@') != std::string::npos};
            if (!c.value.empty()) emails.push_back(c);
        } else if (p.name == "ADR") {
            auto parts = components(text, v21);
            parts.resize(7);
            adrs.push_back({Candidate{{}, {}, p.pref(), true}, parts});
        } else if (p.name == "BDAY") {
            auto v = std::string(trim(unescape(text, v21)));
            birthday = birthday_of(v, p.param("X-APPLE-OMIT-YEAR"));
            if (birthday.empty() && !v.empty()) dates.push_back("Birthday: " + v);
        } else if (p.name == "ANNIVERSARY" || p.name == "X-ANNIVERSARY" ||
                   p.name == "X-EVOLUTION-ANNIVERSARY" || p.name == "X-MS-ANNIVERSARY") {
            auto v = std::string(trim(unescape(text, v21)));
            auto date = birthday_of(v, p.param("X-APPLE-OMIT-YEAR"));
            if (!v.empty()) dates.push_back("Anniversary: " + (date.empty() ? v : date));
        } else if (p.name == "NOTE") {
            auto v = std::string(trim(unescape(text, v21)));
            if (!v.empty()) notes.push_back(v);
        } else if (p.name == "UID") {
            if (uid.empty()) uid = std::string(trim(unescape(text, v21)));
        }
    }

    // Nothing when the card names no one.
    std::optional<ImportedContact> finish() const {
        // One line each, as they will be written: no control characters.
        auto fn = sanitize_note(this->fn), n_name = sanitize_note(this->n_name),
             org = sanitize_note(this->org);
        ImportedContact c;
        c.line = line;
        c.person = !fn.empty() ? fn : n_name;
        if (!org.empty() && equals_ci(org, c.person)) c.person = n_name; // Apple's company cards
        if (!org.empty() && equals_ci(org, c.person)) c.person.clear();
        if (c.person.empty())
            c.name = org;
        else if (!org.empty())
            c.name = org + " (" + c.person + ")";
        else
            c.name = c.person;
        if (auto* e = best(emails)) c.email = sanitize_note(e->value);
        if (c.name.empty() && !nicknames.empty()) c.name = sanitize_note(nicknames[0]);
        if (c.name.empty()) c.name = c.email;
        if (c.name.empty()) return std::nullopt;
        if (auto* t = best(tels)) c.phone = sanitize_note(t->value);
        const std::vector<std::string>* address = nullptr;
        int pref = 101;
        for (auto& [cand, parts] : adrs)
            if (cand.pref < pref) {
                pref = cand.pref;
                address = &parts;
            }
        if (address) {
            c.address = sanitize_note(address_text(*address));
            c.city = sanitize_note((*address)[3]);
        }
        c.birthday = birthday;
        c.uid = sanitize_note(uid);
        c.aliases = nicknames;
        c.tags = categories;
        std::vector<std::string> lines;
        if (!title.empty()) lines.push_back("Title: " + title);
        for (auto& n : notes)
            lines.push_back(n);
        // The other usable numbers and addresses go into the client's lists
        // (SPEC §2), where calls and mail are matched; a fax or pager stays a note.
        std::vector<std::string> others;
        auto sort_out = [&](const std::vector<Candidate>& all, const std::string& shown,
                            std::vector<std::string>& every, std::vector<std::string>& more) {
            for (auto& x : all) {
                every.push_back(sanitize_note(x.value));
                if (every.back() == shown) continue;
                if (x.usable)
                    more.push_back(every.back());
                else
                    others.push_back(x.label.empty() ? x.value : x.label + " " + x.value);
            }
        };
        sort_out(tels, c.phone, c.phones, c.more_phones);
        sort_out(emails, c.email, c.emails, c.more_emails);
        if (!others.empty()) lines.push_back("Also: " + join_words(others, ", "));
        for (auto& d : dates)
            lines.push_back(d);
        for (std::size_t i = 0; i < lines.size(); ++i)
            c.notes += (i ? "\n" : "") + lines[i];
        return c;
    }
};

} // namespace

VcardResult parse_vcards(std::string_view bytes, std::string_view path) {
    VcardResult result;
    auto diag = [&](int line, Severity severity, std::string message) {
        result.diagnostics.push_back(
            {std::string(path), line, line > 0 ? 1 : 0, severity, std::move(message), {}});
    };
    bool utf16_failed = false;
    auto text = whole_file_text(bytes, utf16_failed);
    if (utf16_failed) {
        diag(0, Severity::error, "not valid UTF-16, though it looks like it");
        return result;
    }
    std::vector<CardBuilder> open; // nested 2.1 cards: the innermost last
    bool saw_card = false;
    int guessed_line = 0;
    std::unordered_set<std::string> unknown_charsets; // each named once
    auto close = [&] {
        auto card = std::move(open.back());
        open.pop_back();
        if (auto contact = card.finish())
            result.contacts.push_back(std::move(*contact));
        else
            diag(card.line, Severity::warning, "a card with no name is left out");
    };
    for (auto& [line, number] : logical_lines(text)) {
        if (trim(line).empty()) continue;
        auto p = parse_property(line, number);
        if (!p) {
            if (!open.empty())
                diag(number, Severity::warning, "not a vCard line (NAME:VALUE), left out");
            continue;
        }
        if (p->name == "BEGIN" && equals_ci(trim(p->value), "VCARD")) {
            CardBuilder card;
            card.line = number;
            if (!open.empty()) card.v21 = open.back().v21;
            open.push_back(std::move(card));
            saw_card = true;
            continue;
        }
        if (p->name == "END" && equals_ci(trim(p->value), "VCARD")) {
            if (!open.empty()) close();
            continue;
        }
        if (open.empty()) {
            // Properties with no BEGIN:VCARD before them: a card all the same.
            if (p->name != "VERSION" && p->name != "FN" && p->name != "N") continue;
            diag(number, Severity::warning, "no BEGIN:VCARD before this card");
            CardBuilder card;
            card.line = number;
            open.push_back(std::move(card));
            saw_card = true;
        }
        bool guessed = false, unknown_charset = false;
        auto value = decode_text(*p, guessed, unknown_charset);
        if (unknown_charset && unknown_charsets.insert(upper(p->param("CHARSET"))).second)
            diag(number, Severity::warning,
                 fmt::format("unknown CHARSET '{}'; read as UTF-8 or windows-1252",
                             escape_control(p->param("CHARSET"))));
        if (guessed && !guessed_line) guessed_line = number;
        open.back().add(*p, value);
    }
    while (!open.empty()) {
        diag(open.back().line, Severity::warning,
             "this card has no END:VCARD; read to the end of the file");
        close();
    }
    // Nested cards end before their parent; the parent comes first all the same.
    std::stable_sort(
        result.contacts.begin(), result.contacts.end(),
        [](const ImportedContact& a, const ImportedContact& b) { return a.line < b.line; });
    if (guessed_line)
        diag(guessed_line, Severity::warning,
             "text that is not UTF-8 and names no CHARSET: read as windows-1252");
    if (!saw_card) diag(0, Severity::error, "no vCard found (BEGIN:VCARD)");
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    return result;
}

namespace {

// Whether a content line names a property whose value no client needs:
// "PHOTO;ENCODING=b:...", "item1.LOGO:...", in any case.
bool is_binary_property(std::string_view line) {
    auto end = line.find_first_of(";:");
    auto name = line.substr(0, end == std::string_view::npos ? line.size() : end);
    if (auto dot = name.rfind('.'); dot != std::string_view::npos) name.remove_prefix(dot + 1);
    for (std::string_view binary : {"PHOTO", "LOGO", "SOUND", "KEY"})
        if (equals_ci(name, binary)) return true;
    return false;
}

} // namespace

void VcardWithoutBinaries::line(std::string_view line) {
    if (too_large_) return;
    bool continued = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    if (!continued) dropping_ = is_binary_property(line);
    if (dropping_) {
        if (line.ends_with('\n')) text_ += '\n';
        return;
    }
    if (text_.size() + line.size() > limit) {
        too_large_ = true;
        return;
    }
    text_ += line;
}

void VcardWithoutBinaries::feed(std::string_view chunk) {
    std::size_t start = 0;
    for (;;) {
        auto nl = chunk.find('\n', start);
        if (nl == std::string_view::npos) break;
        if (partial_.empty()) {
            line(chunk.substr(start, nl + 1 - start));
        } else {
            partial_.append(chunk.substr(start, nl + 1 - start));
            line(partial_);
            partial_.clear();
        }
        start = nl + 1;
    }
    // A line longer than the limit (a photo on one line, as vCard 4 writes
    // data: URIs) is not held whole: only whether it is one to drop matters.
    if (partial_.size() > limit) {
        if (!is_binary_property(partial_)) too_large_ = true;
        partial_.resize(64); // enough to name its property
    }
    partial_.append(chunk.substr(start));
}

void VcardWithoutBinaries::finish() {
    if (!partial_.empty()) line(partial_);
    partial_.clear();
}

} // namespace touch
