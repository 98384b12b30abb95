#include "touch/import/vcard.hpp"

#include "touch/report/report.hpp"
#include "touch/util/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>

namespace touch {

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// ---- Bytes to UTF-8 -------------------------------------------------------

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        if (len == 2 && c < 0xC2) return false; // overlong
        if (len == 3) {
            auto d = static_cast<unsigned char>(s[i + 1]);
            if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0)) return false;
        }
        if (len == 4) {
            auto d = static_cast<unsigned char>(s[i + 1]);
            if ((c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90) || c > 0xF4) return false;
        }
        i += len;
    }
    return true;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// windows-1252, the Outlook and The Bat! default: Latin-1 with letters and
// punctuation at 0x80..0x9F (the five unassigned bytes read as Latin-1's C1).
std::string from_windows_1252(std::string_view s) {
    static constexpr char16_t high[32] = {
        0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        append_utf8(out, c >= 0x80 && c < 0xA0 ? high[c - 0x80] : c);
    }
    return out;
}

// Through iconv; nothing when the charset is unknown or the bytes are not in it.
std::optional<std::string> convert(std::string_view bytes, const std::string& from) {
    iconv_t cd = iconv_open("UTF-8", from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(bytes.size() * 4 + 16, '\0');
    auto* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* dst = out.data();
    std::size_t out_left = out.size();
    std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
    bool ok = r != static_cast<std::size_t>(-1) &&
              iconv(cd, nullptr, nullptr, &dst, &out_left) != static_cast<std::size_t>(-1);
    iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

// The whole file as UTF-8 bytes or per-value charsets: UTF-16 (with a BOM,
// or told by its NUL bytes) is converted, a UTF-8 BOM dropped.
std::string whole_file_text(std::string_view bytes, bool& utf16_failed) {
    utf16_failed = false;
    auto b = [&](std::size_t i) {
        return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0x100u;
    };
    const char* utf16 = nullptr;
    std::size_t skip = 0;
    if (b(0) == 0xFF && b(1) == 0xFE) {
        utf16 = "UTF-16LE";
        skip = 2;
    } else if (b(0) == 0xFE && b(1) == 0xFF) {
        utf16 = "UTF-16BE";
        skip = 2;
    } else if (bytes.size() >= 4 && b(0) == 0 && b(1) != 0 && b(2) == 0) {
        utf16 = "UTF-16BE";
    } else if (bytes.size() >= 4 && b(0) != 0 && b(1) == 0 && b(3) == 0) {
        utf16 = "UTF-16LE";
    }
    if (utf16) {
        auto body = bytes.substr(skip, (bytes.size() - skip) & ~std::size_t{1});
        if (auto text = convert(body, utf16)) return *text;
        utf16_failed = true;
        return {};
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return std::string(bytes);
}

// ---- Lines -----------------------------------------------------------------

struct PhysicalLine {
    std::string_view text;
    int number;
};

// LF, CRLF, CR CR LF (iOS) and a lone CR all end a line.
std::vector<PhysicalLine> physical_lines(std::string_view text) {
    std::vector<PhysicalLine> lines;
    int number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back({text.substr(pos, end - pos), ++number});
        pos = end;
        while (pos < text.size() && text[pos] == '\r')
            ++pos;
        if (pos < text.size() && text[pos] == '\n') ++pos;
    }
    return lines;
}

// Where the value starts: the first ':' outside double quotes.
std::size_t value_colon(std::string_view line) {
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"')
            quoted = !quoted;
        else if (line[i] == ':' && !quoted)
            return i;
    }
    return std::string_view::npos;
}

bool is_base64_text(std::string_view s) {
    if (trim(s).empty()) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '+' || c == '/' || c == '=' || c == ' ' || c == '\t';
    });
}

struct LogicalLine {
    std::string text;
    int number;
};

// Unfolds: a quoted-printable soft break ('=' at the end) takes the next line
// whole, even one that starts with a space or is empty; otherwise a line
// starting with a space or tab continues the last (RFC 6350 3.2). A 2.1 value
// may also go on after a '\' at the end of a line, and the unindented lines of
// a 2.1 base64 value are dropped. '#' lines are comments.
std::vector<LogicalLine> logical_lines(std::string_view text) {
    std::vector<LogicalLine> lines;
    bool qp = false, in_base64 = false, head_known = false;
    // What the head of the last line says, read once its ':' has been seen
    // (a fold may split a head), so that a long value is never scanned again.
    auto read_head = [&] {
        auto& line = lines.back().text;
        auto colon = value_colon(line);
        if (colon == std::string::npos) {
            head_known = line.size() > 4096; // no head that long: stop looking
            return;
        }
        head_known = true;
        auto head = upper(std::string_view(line).substr(0, colon));
        qp = head.find("QUOTED-PRINTABLE") != std::string::npos;
        in_base64 = head.find("BASE64") != std::string::npos ||
                    head.find("ENCODING=B") != std::string::npos;
        if (in_base64) line.resize(colon + 1);
    };
    bool qp_continues = false;
    for (auto [raw, number] : physical_lines(text)) {
        if (qp_continues && !equals_ci(trim(raw), "END:VCARD")) {
            lines.back().text.append(raw);
        } else if (!lines.empty() && !raw.empty() && (raw[0] == ' ' || raw[0] == '\t')) {
            if (!in_base64) lines.back().text.append(raw.substr(1));
            if (!head_known) read_head();
        } else if (in_base64 && value_colon(raw) == std::string_view::npos && is_base64_text(raw)) {
            continue; // an unfolded 2.1 base64 line
        } else if (!lines.empty() && !lines.back().text.empty() &&
                   lines.back().text.back() == '\\' && !raw.empty() &&
                   value_colon(raw) == std::string_view::npos) {
            lines.back().text.back() = ','; // "\" + line break: the value goes on
            lines.back().text += ' ';
            lines.back().text.append(raw);
        } else {
            if (!raw.empty() && raw[0] == '#') continue;
            lines.push_back({std::string(raw), number});
            qp = in_base64 = false;
            read_head();
        }
        qp_continues =
            qp && !lines.empty() && !lines.back().text.empty() && lines.back().text.back() == '=';
        if (qp_continues) lines.back().text.pop_back();
    }
    return lines;
}

// ---- Properties ------------------------------------------------------------

struct Property {
    std::string name;                                        // upper case, group removed
    std::vector<std::pair<std::string, std::string>> params; // KEY (upper) and one value
    std::string value;                                       // raw, after the ':'
    int line = 0;

    std::string param(std::string_view key) const {
        for (auto& [k, v] : params)
            if (k == key) return v;
        return {};
    }
    // A TYPE value, or a 2.1 bare parameter ("TEL;WORK;PREF:").
    bool has_type(std::string_view type) const {
        for (auto& [k, v] : params)
            if (k == "TYPE" && equals_ci(v, type)) return true;
        return false;
    }
    // 1 is most preferred; 100 when the card says nothing.
    int pref() const {
        if (has_type("PREF")) return 1;
        auto p = param("PREF");
        if (p.empty()) return 100;
        int n = 0;
        for (char c : p)
            if (c >= '0' && c <= '9' && n < 100) n = n * 10 + (c - '0');
        return n >= 1 && n <= 100 ? n : 100;
    }
};

std::string unquote(std::string_view s) {
    s = trim(s);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return std::string(s);
}

std::optional<Property> parse_property(const std::string& line, int number) {
    auto colon = value_colon(line);
    if (colon == std::string::npos) return std::nullopt;
    Property p;
    p.line = number;
    p.value = line.substr(colon + 1);
    std::string_view head(line.data(), colon);
    std::vector<std::string_view> pieces;
    bool quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= head.size(); ++i) {
        if (i < head.size() && head[i] == '"') quoted = !quoted;
        if (i == head.size() || (head[i] == ';' && !quoted)) {
            pieces.push_back(head.substr(start, i - start));
            start = i + 1;
        }
    }
    auto name = trim(pieces[0]);
    auto dot = name.rfind('.'); // "item1.TEL": a group
    if (dot != std::string_view::npos) name.remove_prefix(dot + 1);
    if (name.empty()) return std::nullopt;
    for (char c : name)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return std::nullopt;
    p.name = upper(name);
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        auto piece = trim(pieces[i]);
        if (piece.empty()) continue;
        auto eq = piece.find('=');
        if (eq == std::string_view::npos) {
            p.params.emplace_back("TYPE", unquote(piece));
            continue;
        }
        auto key = upper(trim(piece.substr(0, eq)));
        auto values = piece.substr(eq + 1);
        // TYPE=WORK,VOICE and TYPE="work,voice" are lists; other values are kept whole.
        if (key == "TYPE") {
            auto all = unquote(values);
            std::size_t from = 0;
            while (from <= all.size()) {
                auto comma = all.find(',', from);
                auto one = trim(std::string_view(all).substr(
                    from, comma == std::string::npos ? std::string::npos : comma - from));
                if (!one.empty()) p.params.emplace_back(key, std::string(one));
                if (comma == std::string::npos) break;
                from = comma + 1;
            }
        } else {
            p.params.emplace_back(key, unquote(values));
        }
    }
    return p;
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

// 3.0 and 4.0 text: \n, \, \; \\ are escapes (RFC 6350 3.4); another
// backslash is kept. 2.1 text has no escapes but "\;".
std::string unescape(std::string_view s, bool v21) {
    if (v21) { // only "\;", which some 2.1 writers escape all the same
        std::string out(s);
        for (auto at = out.find("\\;"); at != std::string::npos; at = out.find("\\;", at))
            out.erase(at, 1);
        return out;
    }
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char c = s[++i];
            if (c == 'n' || c == 'N')
                out += '\n';
            else if (c == '\\' || c == ',' || c == ';' || c == ':')
                out += c;
            else {
                out += '\\';
                out += c;
            }
        } else {
            out += s[i];
        }
    }
    return out;
}

// Splits a structured value (N, ADR, ORG) on unescaped ';'. In 2.1 only
// "\;" and "\\" are escapes.
std::vector<std::string> components(std::string_view s, bool v21) {
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char c = s[i + 1];
            if (v21 && c != ';' && c != '\\') {
                parts.back() += s[i];
                continue;
            }
            parts.back() += s[i];
            parts.back() += s[++i];
        } else if (s[i] == ';') {
            parts.emplace_back();
        } else {
            parts.back() += s[i];
        }
    }
    for (auto& p : parts)
        p = std::string(trim(unescape(p, false)));
    return parts;
}

// A list value (NICKNAME, CATEGORIES) split on unescaped ','.
std::vector<std::string> list_items(std::string_view s, bool v21) {
    std::vector<std::string> items;
    std::string cur;
    auto flush = [&] {
        auto t = std::string(trim(unescape(cur, v21)));
        if (!t.empty() && std::find(items.begin(), items.end(), t) == items.end())
            items.push_back(t);
        cur.clear();
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            cur += s[i];
            cur += s[++i];
        } else if (s[i] == ',') {
            flush();
        } else {
            cur += s[i];
        }
    }
    flush();
    return items;
}

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

// A phone number as it is compared: its digits ("+1 (555) 0100" is
// "15550100"), or the text itself when it has none.
std::string phone_key(std::string_view phone) {
    std::string digits;
    for (char c : phone)
        if (c >= '0' && c <= '9') digits += c;
    return digits.empty() ? to_lower(trim(phone)) : digits;
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
            if (n_name.empty()) n_name = join_words(words, " ");
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
            for (auto& [k, v] : p.params) // also Gmail's "workfax", "homefax"
                if (k == "TYPE")
                    for (auto t : {"FAX", "PAGER", "MODEM", "BBS"})
                        if (upper(v).find(t) != std::string::npos) c.usable = false;
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
    std::optional<VcardContact> finish() const {
        // One line each, as they will be written: no control characters.
        auto fn = sanitize_note(this->fn), n_name = sanitize_note(this->n_name),
             org = sanitize_note(this->org);
        VcardContact c;
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
            std::vector<std::string> words;
            for (auto& part : *address) {
                auto one = part;
                std::replace(one.begin(), one.end(), '\n', ',');
                std::string joined; // "a,\n b" -> "a, b"
                for (std::size_t i = 0; i < one.size(); ++i) {
                    joined += one[i];
                    if (one[i] == ',' && i + 1 < one.size() && one[i + 1] != ' ') joined += ' ';
                }
                if (!trim(joined).empty()) words.push_back(std::string(trim(joined)));
            }
            c.address = sanitize_note(join_words(words, ", "));
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

// The value as UTF-8: quoted-printable decoded, then CHARSET through iconv;
// undeclared 8-bit bytes are read as windows-1252.
std::string decode_text(const Property& p, bool& guessed, bool& unknown_charset) {
    auto encoding = upper(p.param("ENCODING"));
    std::string bytes = (encoding == "QUOTED-PRINTABLE" || p.has_type("QUOTED-PRINTABLE"))
                            ? decode_quoted_printable(p.value)
                            : p.value;
    auto charset = upper(p.param("CHARSET"));
    if (!charset.empty() && charset != "UTF-8" && charset != "UTF8" &&
        (charset != "US-ASCII" || !valid_utf8(bytes))) {
        if (auto text = convert(bytes, charset)) return *text;
        if (charset == "SHIFT_JIS" || charset == "SJIS")
            if (auto text = convert(bytes, "CP932")) return *text; // Shift_JIS as phones write it
        unknown_charset = true;
    }
    if (valid_utf8(bytes)) return bytes;
    guessed = true;
    return from_windows_1252(bytes);
}

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
    std::stable_sort(result.contacts.begin(), result.contacts.end(),
                     [](const VcardContact& a, const VcardContact& b) { return a.line < b.line; });
    if (guessed_line)
        diag(guessed_line, Severity::warning,
             "text that is not UTF-8 and names no CHARSET: read as windows-1252");
    if (!saw_card) diag(0, Severity::error, "no vCard found (BEGIN:VCARD)");
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    return result;
}

// ---- Ids -------------------------------------------------------------------

namespace {

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

char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto c = static_cast<unsigned char>(s[i++]);
    if (c < 0x80) return c;
    int extra = (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 0;
    char32_t cp = extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return extra ? cp : 0xFFFD;
}

constexpr std::size_t max_id_length = 40;

} // namespace

std::string transliterate_id(std::string_view name) {
    std::string id;
    bool dash = false;
    std::size_t i = 0;
    while (i < name.size() && id.size() < max_id_length + 8) {
        char32_t cp = next_code_point(name, i);
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
    if (!client.vcard_uid.empty()) uids.insert(client.vcard_uid);
    if (!client.email.empty()) emails.insert(to_lower(client.email));
    for (auto& e : client.other_emails)
        emails.insert(to_lower(e));
    if (auto key = phone_key(client.phone); !key.empty()) phones.insert(key);
    for (auto& p : client.other_phones)
        if (auto key = phone_key(p); !key.empty()) phones.insert(key);
    display_names.insert(to_lower(client.name));
}

bool KnownClients::has(const VcardContact& c) const {
    if (!c.uid.empty() && uids.count(c.uid)) return true;
    for (auto& e : c.emails)
        if (emails.count(to_lower(e))) return true;
    if (!c.email.empty()) return false;
    for (auto& p : c.phones)
        if (auto key = phone_key(p); !key.empty() && phones.count(key)) return true;
    if (!c.phone.empty() || !c.uid.empty()) return false;
    return display_names.count(to_lower(c.name)) > 0;
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

namespace {

std::string toml_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? ", " : "") + toml_string(items[i]);
    return out + "]";
}

} // namespace

ImportOutput clients_toml(const std::vector<VcardContact>& contacts, KnownClients& known) {
    ImportOutput result;
    IdPicker ids(known.names);
    std::unordered_set<std::string> uids_here;
    for (auto& c : contacts) {
        if (known.has(c) || (!c.uid.empty() && !uids_here.insert(c.uid).second)) {
            ++result.skipped;
            continue;
        }
        auto& out = result.toml;
        if (!out.empty()) out += '\n';
        out += "[[clients]]\n";
        auto id = ids.pick(c.person.empty() ? c.name : c.person, c.email);
        out += "id = " + toml_string(id) + "\n";
        out += "name = " + toml_string(c.name) + "\n";
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
        // One value as a string, several as a list with the shown one first.
        auto first_and_others = [&](std::string_view key, const std::string& first,
                                    const std::vector<std::string>& all) {
            std::vector<std::string> items;
            if (!first.empty()) items.push_back(first);
            for (auto& v : all)
                if (!v.empty() && std::find(items.begin(), items.end(), v) == items.end())
                    items.push_back(v);
            if (items.size() > 1)
                out += fmt::format("{} = {}\n", key, toml_list(items));
            else if (!items.empty())
                line(key, items.front());
        };
        first_and_others("phone", c.phone, c.more_phones);
        first_and_others("email", c.email, c.more_emails);
        line("address", c.address);
        line("birthday", c.birthday);
        line("notes", c.notes);
        line("vcard_uid", c.uid);
    }
    return result;
}

} // namespace touch
