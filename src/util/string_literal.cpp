#include "touch/util/string_literal.hpp"

#include "touch/util/utf8.hpp"

#include <fmt/format.h>

#include <cstring>

namespace touch {

namespace {

// Code points written as \u escapes although JSON and TOML allow them raw: C1
// controls, the marks and overrides that reorder a line, and the line and
// paragraph separators that JavaScript reads as line ends.
bool escaped_in_literal(char32_t cp) {
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

} // namespace

std::string string_literal(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    append_string_literal(out, s);
    return out;
}

void append_string_literal(std::string& out, std::string_view s) {
    // Printable ASCII but the quote and the backslash goes as it is, a run at a time.
    auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; };
    std::size_t i = 0;
    while (i < s.size() && plain(static_cast<unsigned char>(s[i])))
        ++i;
    // A short plain string, as keys and most values are: quoted in one append.
    constexpr std::size_t short_string = 64;
    if (i == s.size() && i <= short_string) {
        char quoted[short_string + 2];
        quoted[0] = '"';
        // An empty view may hold no pointer at all, which memcpy may not be given.
        if (i > 0) std::memcpy(quoted + 1, s.data(), i);
        quoted[i + 1] = '"';
        out.append(quoted, i + 2);
        return;
    }
    out += '"';
    out.append(s.data(), i);
    while (i < s.size()) {
        auto run = i;
        while (run < s.size() && plain(static_cast<unsigned char>(s[run])))
            ++run;
        out.append(s.data() + i, run - i);
        i = run;
        if (i == s.size()) break;
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x80) {
            switch (c) {
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
            }
            ++i;
        } else {
            auto start = i;
            auto cp = utf8::next(s, i);
            if (cp == utf8::invalid)
                out += utf8::replacement; // so the document stays valid
            else if (escaped_in_literal(cp))
                fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(cp));
            else
                out.append(s.substr(start, i - start));
        }
    }
    out += '"';
}

} // namespace touch
