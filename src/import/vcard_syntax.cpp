#include "vcard_syntax.hpp"

#include "touch/util/text.hpp"
#include "touch/util/utf8.hpp"

#include <iconv.h>

#include <algorithm>

namespace touch::vcard_detail {

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// ---- Bytes to UTF-8 -------------------------------------------------------

namespace {

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
        utf8::append(out, c >= 0x80 && c < 0xA0 ? high[c - 0x80] : c);
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

} // namespace

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

namespace {

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

} // namespace

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

namespace {

std::string unquote(std::string_view s) {
    s = trim(s);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return std::string(s);
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

} // namespace

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

std::string unescape(std::string_view s, bool v21) {
    if (v21) {
        // 2.1 has no escapes outside structured values, but its writers put
        // "\;" all the same; "\\" is read the same way, as components() reads
        // both, so one backslash in a value is never two.
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == ';' || s[i + 1] == '\\')) ++i;
            out += s[i];
        }
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

std::string decode_text(const Property& p, bool& guessed, bool& unknown_charset) {
    auto encoding = upper(p.param("ENCODING"));
    std::string bytes = (encoding == "QUOTED-PRINTABLE" || p.has_type("QUOTED-PRINTABLE"))
                            ? decode_quoted_printable(p.value)
                            : p.value;
    auto charset = upper(p.param("CHARSET"));
    if (!charset.empty() && charset != "UTF-8" && charset != "UTF8" &&
        (charset != "US-ASCII" || !utf8::is_valid(bytes))) {
        if (auto text = convert(bytes, charset)) return *text;
        if (charset == "SHIFT_JIS" || charset == "SJIS")
            if (auto text = convert(bytes, "CP932")) return *text; // Shift_JIS as phones write it
        unknown_charset = true;
    }
    if (utf8::is_valid(bytes)) return bytes;
    guessed = true;
    return from_windows_1252(bytes);
}

} // namespace touch::vcard_detail
