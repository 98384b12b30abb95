// The TOML syntax pass: toml++'s parse, with its exceptions turned into a
// diagnostic and the nesting that would overflow its stack refused first.

#include "sections.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch::config_detail {

namespace {

// toml++ recurses once per part of a dotted key ([a.b.c] or a.b.c = 1), with
// no limit of its own, and some tens of thousands of parts overflow the
// stack. No clients file needs more than a few, so a line whose keys hold
// more dots than toml++ allows nested values is refused before it gets there.
// Dots are counted outside strings and comments, from the start of a line
// to its end or, for an array or inline table, to where it closes: every dot
// of the keys that can nest inside each other (and of numbers and dates).
std::optional<Diagnostic> too_deep(std::string_view text, std::string_view path) {
    constexpr int most = 256; // toml++'s TOML_MAX_NESTED_VALUES
    if (std::count(text.begin(), text.end(), '.') <= most) return std::nullopt;
    enum class In { code, comment, basic, literal, basic_lines, literal_lines } in = In::code;
    int line = 1, dots = 0, brackets = 0;
    std::size_t line_start = 0;
    auto opens = [&](std::size_t i, char quote) {
        return i + 2 < text.size() && text[i + 1] == quote && text[i + 2] == quote;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            ++line;
            if (brackets == 0) dots = 0;
            line_start = i + 1;
            if (in != In::basic_lines && in != In::literal_lines) in = In::code;
            continue;
        }
        switch (in) {
        case In::code:
            if (c == '#') {
                in = In::comment;
            } else if (c == '[' || c == '{') {
                ++brackets;
            } else if (c == ']' || c == '}') {
                brackets = std::max(0, brackets - 1);
            } else if (c == '"' || c == '\'') {
                bool lines = opens(i, c);
                in = c == '"' ? (lines ? In::basic_lines : In::basic)
                              : (lines ? In::literal_lines : In::literal);
                if (lines) i += 2;
            } else if (c == '.' && ++dots > most) {
                return Diagnostic{std::string(path),
                                  line,
                                  static_cast<int>(i - line_start) + 1,
                                  Severity::error,
                                  fmt::format("keys nested more than {} deep", most),
                                  "a clients file needs only a few dotted parts: [tiers.gold]"};
            }
            break;
        case In::comment:
            break;
        case In::basic:
        case In::basic_lines:
            if (c == '\\') {
                ++i; // the escaped character (a newline is counted when it is one)
                if (i < text.size() && text[i] == '\n') --i;
            } else if (c == '"' && (in == In::basic || opens(i, '"'))) {
                if (in == In::basic_lines) i += 2;
                in = In::code;
            }
            break;
        case In::literal:
        case In::literal_lines:
            if (c == '\'' && (in == In::literal || opens(i, '\''))) {
                if (in == In::literal_lines) i += 2;
                in = In::code;
            }
            break;
        }
    }
    return std::nullopt;
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
    std::size_t chars = 0; // toml++ counts columns in code points
    for (char c : line)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
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
