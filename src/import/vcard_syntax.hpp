// The syntax of a vCard file, below the meaning of its properties: the
// bytes made UTF-8 text (BOMs, UTF-16, CHARSET through iconv, windows-1252
// where nothing is said), the lines unfolded, each line made a property, and
// a value's escapes, components and lists. vcard.cpp reads cards from these.
#pragma once

#include "touch/util/text.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace touch::vcard_detail {

std::string upper(std::string_view s); // ASCII only: names and parameters

// The whole file as UTF-8 bytes or per-value charsets: UTF-16 (with a BOM,
// or told by its NUL bytes) is converted, a UTF-8 BOM dropped. Empty, with
// `utf16_failed` set, when it looks like UTF-16 and is not.
std::string whole_file_text(std::string_view bytes, bool& utf16_failed);

struct LogicalLine {
    std::string text;
    int number;
};

// Unfolds: a quoted-printable soft break ('=' at the end) takes the next line
// whole, even one that starts with a space or is empty; otherwise a line
// starting with a space or tab continues the last (RFC 6350 3.2). A 2.1 value
// may also go on after a '\' at the end of a line, and the unindented lines of
// a 2.1 base64 value are dropped. '#' lines are comments.
std::vector<LogicalLine> logical_lines(std::string_view text);

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

// NAME;PARAM=VALUE:value, or nothing when the line is not one.
std::optional<Property> parse_property(const std::string& line, int number);

// The value as UTF-8: quoted-printable decoded, then CHARSET through iconv;
// undeclared 8-bit bytes are read as windows-1252 (and `guessed` is set).
std::string decode_text(const Property& p, bool& guessed, bool& unknown_charset);

// 3.0 and 4.0 text: \n, \, \; \\ are escapes (RFC 6350 3.4); another
// backslash is kept. 2.1 text has no escapes but "\;".
std::string unescape(std::string_view s, bool v21);
// Splits a structured value (N, ADR, ORG) on unescaped ';'. In 2.1 only
// "\;" and "\\" are escapes.
std::vector<std::string> components(std::string_view s, bool v21);
// A list value (NICKNAME, CATEGORIES) split on unescaped ','.
std::vector<std::string> list_items(std::string_view s, bool v21);

} // namespace touch::vcard_detail
