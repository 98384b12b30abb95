// Small text helpers shared by every layer: UTF-8 aware escaping of what came
// from the user's files, the sanitising of notes before they are written, and
// the identifier syntax.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

// Control characters (C0, DEL, C1), bidirectional overrides and invalid UTF-8
// bytes become visible escapes (\n, \t, \x1b, \u202e), so nothing read from a
// file can move the cursor, change colours or reorder a terminal line.
std::string escape_control(std::string_view s);

// Whether the eight bytes at `at` are all printable ASCII (0x20 to 0x7E). A
// byte below 0x20 borrows, one of 0x7F or above carries or has its high bit
// set; what a borrow or carry does to the bytes after an offending one does
// not matter, the word is refused either way.
inline bool printable_ascii_word(const char* at) {
    constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
    std::uint64_t word;
    std::memcpy(&word, at, 8);
    return (((word - 0x20 * ones) | (word + ones) | word) & highs) == 0;
}

// Whether every byte is printable ASCII: text that needs no escaping,
// decoding or measuring. Inline, as reports ask it of every cell.
inline bool is_printable_ascii(std::string_view s) {
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8)
        if (!printable_ascii_word(s.data() + i)) return false;
    for (; i < s.size(); ++i)
        if (s[i] < 0x20 || s[i] > 0x7e) return false;
    return true;
}
// The same, appended to `out`.
void append_escaped(std::string& out, std::string_view s);
// The same for what `text` holds from `from` on, in place: a cell or reason
// written piece by piece is escaped once, without a copy when it is plain.
void escape_from(std::string& text, std::size_t from);

// `value` with `decimals` digits after the point, appended: 1.600.
void append_fixed(std::string& out, double value, int decimals);

// For text going *into* the log: every control character or line separator
// becomes a space and invalid UTF-8 becomes U+FFFD, so no input can produce a
// second line; surrounding spaces are trimmed.
std::string sanitize_note(std::string_view s);

// Columns a UTF-8 string takes on a terminal (wide East Asian characters count
// two, combining marks none).
std::size_t display_width(std::string_view s);

// The longest prefix of `s` that fits in `width` columns.
std::string_view clip_to_width(std::string_view s, std::size_t width);

std::string to_lower(std::string_view s); // ASCII only: ids and keywords
std::string to_upper(std::string_view s); // ASCII only
std::string_view trim(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix); // ASCII case-insensitive
bool equals_ci(std::string_view a, std::string_view b);

// Client ids: [a-z0-9][a-z0-9_.-]*. Channel names use the same syntax.
bool is_valid_id(std::string_view s);

// "a, b and c"
std::string join_words(const std::vector<std::string>& words, std::string_view last_sep = " or ");

} // namespace touch
