#include "touch/util/text.hpp"

#include "touch/util/utf8.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace touch {

namespace {

bool is_control(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

// Characters that reorder or hide the text around them.
bool is_bidi_or_separator(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

bool is_wide(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool is_zero_width(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B ||
           cp == 0x200D || cp == 0xFE0F;
}

// Printable ASCII needs no decoding and is one column wide: the fast path
// for the names, ids and notes that are nearly all of any report, eight
// bytes at a time.
std::size_t printable_ascii_run(std::string_view s, std::size_t i) {
    auto printable = [&](std::size_t at) { return printable_ascii_word(s.data() + at); };
    std::size_t end = i;
    while (end + 8 <= s.size() && printable(end))
        end += 8;
    // The last few bytes as the word that ends the string, read again in part.
    if (end < s.size() && end + 8 > s.size() && s.size() - i >= 8 && printable(s.size() - 8))
        return s.size() - i;
    while (end < s.size() && s[end] >= 0x20 && s[end] < 0x7F)
        ++end;
    return end - i;
}

} // namespace

std::string escape_control(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    append_escaped(out, s);
    return out;
}

void append_escaped(std::string& out, std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (auto run = printable_ascii_run(s, i)) {
            out.append(s.substr(i, run));
            i += run;
            continue;
        }
        std::size_t start = i;
        char32_t cp = utf8::next(s, i);
        if (cp == utf8::invalid) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[start]));
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp < 0x80 && is_control(cp)) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
        } else if (is_control(cp) || is_bidi_or_separator(cp)) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        } else {
            out.append(s.substr(start, i - start));
        }
    }
}

void escape_from(std::string& text, std::size_t from) {
    auto plain = from + printable_ascii_run(text, from);
    if (plain == text.size()) return;
    // Up to `plain` the text escapes to itself, and a code point cannot
    // start before it: only the rest is rewritten.
    std::string rest = text.substr(plain);
    text.resize(plain);
    append_escaped(text, rest);
}

void append_fixed(std::string& out, double value, int decimals) {
    // Correctly rounded (ties to even), as "{:.Nf}" is, the format compiled
    // in. Not std::to_chars: the binary links its own libstdc++, whose
    // to_chars of a double is the one thing that made every command load
    // libm (README, Speed).
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{:.{}f}"), value, decimals);
}

std::string sanitize_note(std::string_view s) {
    // Most notes are printable ASCII, which is its own sanitised form.
    auto plain = printable_ascii_run(s, 0);
    if (plain == s.size()) return std::string(trim(s));
    std::string out;
    out.reserve(s.size());
    out.append(s.substr(0, plain));
    std::size_t i = plain;
    while (i < s.size()) {
        std::size_t start = i;
        char32_t cp = utf8::next(s, i);
        if (cp == utf8::invalid)
            out += utf8::replacement;
        else if (is_control(cp) || is_bidi_or_separator(cp))
            out += ' ';
        else
            out.append(s.substr(start, i - start));
    }
    return std::string(trim(out));
}

std::size_t display_width(std::string_view s) {
    std::size_t width = 0, i = 0;
    while (i < s.size()) {
        if (auto run = printable_ascii_run(s, i)) {
            width += run;
            i += run;
            continue;
        }
        char32_t cp = utf8::next(s, i);
        if (cp == utf8::invalid)
            width += 1;
        else if (is_zero_width(cp))
            continue;
        else
            width += is_wide(cp) ? 2 : 1;
    }
    return width;
}

std::string_view clip_to_width(std::string_view s, std::size_t width) {
    std::size_t used = 0, i = 0;
    while (i < s.size()) {
        if (auto run = printable_ascii_run(s, i)) {
            if (used + run > width) return s.substr(0, i + (width - used));
            used += run;
            i += run;
            continue;
        }
        std::size_t start = i;
        char32_t cp = utf8::next(s, i);
        std::size_t w = cp == utf8::invalid ? 1 : is_zero_width(cp) ? 0 : is_wide(cp) ? 2 : 1;
        if (used + w > width) return s.substr(0, start);
        used += w;
    }
    return s;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string to_upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string_view trim(std::string_view s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

bool equals_ci(std::string_view a, std::string_view b) {
    return a.size() == b.size() && starts_with_ci(a, b);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (prefix.size() > s.size()) return false;
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(s[i]) != lower(prefix[i])) return false;
    return true;
}

namespace {
// The bytes of an id: 1, anywhere; 2 as well, first. A table, as every log
// line's client and channel are checked: one load a byte, not four tests.
constexpr auto id_bytes = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 'a'; c <= 'z'; ++c)
        table[static_cast<std::size_t>(c)] = 3;
    for (int c = '0'; c <= '9'; ++c)
        table[static_cast<std::size_t>(c)] = 3;
    for (char c : {'_', '.', '-'})
        table[static_cast<unsigned char>(c)] = 1;
    return table;
}();
} // namespace

bool is_valid_id(std::string_view s) {
    if (s.empty() || !(id_bytes[static_cast<unsigned char>(s[0])] & 2)) return false;
    unsigned all = 1;
    for (char c : s)
        all &= id_bytes[static_cast<unsigned char>(c)];
    return all != 0;
}

std::string join_words(const std::vector<std::string>& words, std::string_view last_sep) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += (i + 1 == words.size()) ? last_sep : std::string_view(", ");
        out += words[i];
    }
    return out;
}

} // namespace touch
