#include "touch/vcard.hpp"

#include "touch/interval.hpp"
#include "touch/report.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

namespace {

struct Property {
    std::string name;                // upper case, group removed
    std::vector<std::string> params; // upper case "KEY=VALUE" or bare values
    std::string value;
    int line = 0;
};

bool has_param(const Property& p, std::string_view wanted) {
    for (auto& param : p.params)
        if (param == wanted) return true;
    return false;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string decode_quoted_printable(std::string_view s) {
    std::string out;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '=' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Text values: \n, \, \; and \\ are escapes (RFC 6350 3.4).
std::string unescape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char c = s[++i];
            out += (c == 'n' || c == 'N') ? '\n' : c;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Splits a structured value on unescaped ';'.
std::vector<std::string> components(std::string_view s) {
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            parts.back() += s[i];
            parts.back() += s[++i];
        } else if (s[i] == ';') {
            parts.emplace_back();
        } else {
            parts.back() += s[i];
        }
    }
    for (auto& p : parts)
        p = std::string(trim(unescape(p)));
    return parts;
}

std::string birthday_of(std::string value) {
    value.erase(std::remove(value.begin(), value.end(), '-'), value.end());
    auto t = value.find('T');
    if (t != std::string::npos) value.resize(t);
    if (value.size() == 8) {
        auto iso = value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2);
        if (parse_iso_date(iso)) return iso;
    } else if (value.size() == 4) { // --MMDD: no year
        auto md = value.substr(0, 2) + "-" + value.substr(2, 2);
        if (parse_iso_date("2000-" + md)) return md;
    }
    return {};
}

// Unfolded logical lines with the line number each starts on.
std::vector<std::pair<std::string, int>> logical_lines(std::string_view text) {
    std::vector<std::pair<std::string, int>> lines;
    int number = 0;
    bool qp_continues = false;
    std::size_t pos = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        auto raw = text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++number;
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        if (!lines.empty() && !raw.empty() && (raw[0] == ' ' || raw[0] == '\t')) {
            lines.back().first.append(raw.substr(1)); // folded (RFC 6350 3.2)
        } else if (qp_continues && !lines.empty()) {
            lines.back().first.append(raw); // vCard 2.1 quoted-printable soft break
        } else {
            lines.emplace_back(std::string(raw), number);
        }
        const auto& last = lines.empty() ? std::string() : lines.back().first;
        qp_continues =
            !last.empty() && last.back() == '=' &&
            upper(last.substr(0, last.find(':'))).find("QUOTED-PRINTABLE") != std::string::npos;
        if (qp_continues) lines.back().first.pop_back();
    }
    return lines;
}

} // namespace

VcardResult parse_vcards(std::string_view text, std::string_view path) {
    VcardResult result;
    std::optional<VcardContact> card;
    std::string family_given;
    for (auto& [line, number] : logical_lines(text)) {
        if (trim(line).empty()) continue;
        auto colon = line.find(':');
        if (colon == std::string::npos) {
            result.diagnostics.push_back({std::string(path),
                                          number,
                                          1,
                                          Severity::error,
                                          "not a vCard line (NAME:VALUE)",
                                          {}});
            continue;
        }
        Property p;
        p.line = number;
        auto head = line.substr(0, colon);
        p.value = line.substr(colon + 1);
        std::size_t start = 0;
        bool first = true;
        while (start <= head.size()) {
            auto semi = head.find(';', start);
            auto piece =
                head.substr(start, semi == std::string::npos ? std::string::npos : semi - start);
            if (first) {
                auto dot = piece.rfind('.'); // "item1.TEL": a group
                p.name = upper(dot == std::string::npos ? piece : piece.substr(dot + 1));
                first = false;
            } else {
                p.params.push_back(upper(piece));
            }
            if (semi == std::string::npos) break;
            start = semi + 1;
        }
        if (has_param(p, "ENCODING=QUOTED-PRINTABLE") || has_param(p, "QUOTED-PRINTABLE"))
            p.value = decode_quoted_printable(p.value);

        if (p.name == "BEGIN" && upper(p.value) == "VCARD") {
            card = VcardContact{};
            card->line = number;
            family_given.clear();
            continue;
        }
        if (!card) continue; // outside a card: ignore
        if (p.name == "END" && upper(p.value) == "VCARD") {
            if (card->name.empty()) card->name = family_given;
            if (card->name.empty())
                result.diagnostics.push_back({std::string(path),
                                              card->line,
                                              1,
                                              Severity::warning,
                                              "a card with no name is left out",
                                              {}});
            else
                result.contacts.push_back(std::move(*card));
            card.reset();
            continue;
        }
        if (p.name == "FN") {
            card->name = std::string(trim(unescape(p.value)));
        } else if (p.name == "N") {
            auto parts = components(p.value);
            std::string given = parts.size() > 1 ? parts[1] : "";
            family_given = std::string(trim(given + " " + parts[0]));
        } else if (p.name == "ORG" && card->name.empty() && family_given.empty()) {
            family_given = components(p.value)[0];
        } else if (p.name == "TEL" && card->phone.empty()) {
            auto v = std::string(trim(p.value));
            if (v.rfind("tel:", 0) == 0) v = v.substr(4);
            card->phone = v;
        } else if (p.name == "EMAIL" && card->email.empty()) {
            card->email = std::string(trim(unescape(p.value)));
        } else if (p.name == "ADR" && card->address.empty()) {
            std::vector<std::string> parts;
            for (auto& c : components(p.value))
                if (!c.empty()) parts.push_back(c);
            card->address = join_words(parts, ", ");
        } else if (p.name == "BDAY") {
            card->birthday = birthday_of(std::string(trim(p.value)));
        } else if (p.name == "NOTE") {
            card->notes = std::string(trim(unescape(p.value)));
        }
    }
    if (card)
        result.diagnostics.push_back(
            {std::string(path), card->line, 1, Severity::error, "this card has no END:VCARD", {}});
    if (result.contacts.empty() && result.diagnostics.empty())
        result.diagnostics.push_back(
            {std::string(path), 0, 0, Severity::error, "no vCard found (BEGIN:VCARD)", {}});
    return result;
}

std::string make_client_id(std::string_view name, std::set<std::string>& taken) {
    // Latin letters with accents: U+00C0..U+00FF to their base letter.
    static constexpr std::string_view latin1 = "aaaaaaaceeeeiiiidnooooo-ouuuuyts"  // U+00C0..U+00DF
                                               "aaaaaaaceeeeiiiidnooooo-ouuuuyty"; // U+00E0..U+00FF
    std::string id;
    bool dash = false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        auto c = static_cast<unsigned char>(name[i]);
        char out = 0;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out = static_cast<char>(c);
        else if (c >= 'A' && c <= 'Z')
            out = static_cast<char>(c - 'A' + 'a');
        else if ((c == 0xC3) && i + 1 < name.size()) {
            auto d = static_cast<unsigned char>(name[++i]);
            if (d >= 0x80 && d <= 0xBF) out = latin1[d - 0x80];
            if (out == '-') out = 0;
        } else if (c >= 0x80) {
            while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80)
                ++i;
        }
        if (out) {
            if (dash && !id.empty()) id += '-';
            id += out;
            dash = false;
        } else {
            dash = true;
        }
    }
    if (id.size() > 40) id.resize(40);
    while (!id.empty() && id.back() == '-')
        id.pop_back();
    if (id.empty()) id = "client";
    auto unique = id;
    for (int n = 2; taken.count(unique); ++n)
        unique = fmt::format("{}-{}", id, n);
    taken.insert(unique);
    return unique;
}

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
    // A JSON string is a TOML basic string: the same quotes and escapes.
    return json_escape(clean);
}

std::string clients_toml(const std::vector<VcardContact>& contacts, std::set<std::string> taken) {
    std::string out;
    for (auto& c : contacts) {
        if (!out.empty()) out += '\n';
        out += "[[clients]]\n";
        out += "id = " + toml_string(make_client_id(c.name, taken)) + "\n";
        out += "name = " + toml_string(c.name) + "\n";
        if (!c.phone.empty()) out += "phone = " + toml_string(c.phone) + "\n";
        if (!c.email.empty()) out += "email = " + toml_string(c.email) + "\n";
        if (!c.address.empty()) out += "address = " + toml_string(c.address) + "\n";
        if (!c.birthday.empty()) out += "birthday = " + toml_string(c.birthday) + "\n";
        if (!c.notes.empty()) out += "notes = " + toml_string(c.notes) + "\n";
    }
    return out;
}

} // namespace touch
