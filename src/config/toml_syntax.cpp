// The TOML syntax pass: toml++'s parse, with its exceptions turned into a
// diagnostic and the nesting that would overflow its stack refused first.

#include "sections.hpp"

#include "touch/util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace touch::config_detail {

namespace {

// toml++ recurses once per part of a dotted key ([a.b.c] or a.b.c = 1), with
// no limit of its own, and some tens of thousands of parts overflow the
// stack. No clients file needs more than a few, so a line whose keys hold
// more dots than toml++ allows nested values is refused before it gets there.
// Dots are counted outside strings and comments, from the start of a line
// to its end or, for an array or inline table, to where it closes: every dot
// of the keys that can nest inside each other (and of numbers and dates).
// The bytes too_deep stops at: in code (1), in a basic string (2), in a
// literal string (4). Everything else is passed over in a tight loop: nearly
// all of a clients file is such bytes.
constexpr std::array<std::uint8_t, 256> deep_stops = [] {
    std::array<std::uint8_t, 256> table{};
    auto mark = [&](std::string_view bytes, std::uint8_t bit) {
        for (char c : bytes)
            table[static_cast<unsigned char>(c)] |= bit;
    };
    mark("\n#[{]}\"'.", 1);
    mark("\n\\\"", 2);
    mark("\n'", 4);
    return table;
}();

// More than `most` dots in all: only then can a line hold too many.
bool more_dots(std::string_view text, int most) {
    const char* p = text.data();
    const char* end = p + text.size();
    for (int dots = 0; dots <= most; ++dots) {
        p = static_cast<const char*>(std::memchr(p, '.', static_cast<std::size_t>(end - p)));
        if (!p) return false;
        ++p;
    }
    return true;
}

std::optional<Diagnostic> too_deep(std::string_view text, std::string_view path) {
    constexpr int most = 256; // toml++'s TOML_MAX_NESTED_VALUES
    if (!more_dots(text, most)) return std::nullopt;
    int line = 1, dots = 0, brackets = 0;
    std::size_t line_start = 0, i = 0, n = text.size();
    auto newline = [&] {
        ++line;
        if (brackets == 0) dots = 0;
        line_start = i + 1;
    };
    auto opens = [&](char quote) {
        return i + 2 < n && text[i + 1] == quote && text[i + 2] == quote;
    };
    auto skip = [&](std::uint8_t bit) {
        while (i < n && !(deep_stops[static_cast<unsigned char>(text[i])] & bit))
            ++i;
    };
    // Each round reads code from i up to the end of what it starts (a
    // comment, a string), or one byte of code.
    while (true) {
        skip(1);
        if (i >= n) return std::nullopt;
        char c = text[i];
        if (c == '\n') {
            newline();
            ++i;
        } else if (c == '#') {
            auto nl = text.find('\n', i);
            i = nl == std::string_view::npos ? n : nl; // the newline is code's
        } else if (c == '[' || c == '{') {
            ++brackets;
            ++i;
        } else if (c == ']' || c == '}') {
            brackets = std::max(0, brackets - 1);
            ++i;
        } else if (c == '.') {
            if (++dots > most)
                return Diagnostic{std::string(path),
                                  line,
                                  static_cast<int>(i - line_start) + 1,
                                  Severity::error,
                                  fmt::format("keys nested more than {} deep", most),
                                  "a clients file needs only a few dotted parts: [tiers.gold]"};
            ++i;
        } else { // a quote: a string to its end, or to the end of its line
            bool lines = opens(c);
            bool basic = c == '"';
            i += lines ? 3 : 1;
            while (true) {
                skip(basic ? 2 : 4);
                if (i >= n) return std::nullopt;
                char s = text[i];
                if (s == '\n') {
                    newline();
                    ++i;
                    if (!lines) break;
                } else if (s == '\\') {
                    // The escaped character (a newline is counted when it is one).
                    ++i;
                    if (i < n && text[i] != '\n') ++i;
                } else if (!lines) {
                    ++i;
                    break;
                } else if (opens(s)) {
                    i += 3;
                    break;
                } else {
                    ++i;
                }
            }
        }
    }
}

// toml++ meets the newline (or the end of the file) inside a string that was
// never closed, and says "unescaped control characters" or "end-of-file":
// true when its error stands at the end of a line with a quote open on it.
bool unclosed_string(std::string_view text, const toml::parse_error& e) {
    auto what = e.description();
    if (what.find("string") == std::string_view::npos) return false;
    if (what.find("control characters") == std::string_view::npos &&
        what.find("end-of-file") == std::string_view::npos)
        return false;
    auto line = source_line(text, static_cast<int>(e.source().begin.line));
    auto chars = utf8::count_code_points(line); // toml++'s columns
    if (!line.empty() && line.back() == '\r') --chars;
    return e.source().begin.column > chars && line.find_first_of("\"'") != std::string_view::npos;
}

} // namespace

ParsedToml parse_toml(std::string_view text, std::string_view path) {
    ParsedToml parsed;
    if ((parsed.error = too_deep(text, path))) return parsed;
    try {
        parsed.root = toml::parse(text);
    } catch (const toml::parse_error& e) {
        parsed.error = Diagnostic{std::string(path),
                                  static_cast<int>(e.source().begin.line),
                                  static_cast<int>(e.source().begin.column),
                                  Severity::error,
                                  std::string(e.description()),
                                  {}};
        if (unclosed_string(text, e)) parsed.error->hint = "a string is missing its closing quote";
    }
    return parsed;
}

} // namespace touch::config_detail
