// UTF-8, the one implementation: what a valid sequence is, decoding one code
// point, encoding one, validating a string and finding the boundaries between
// characters. Every escaper (terminal, JSON, TOML, iCalendar, mail headers)
// reads text through here, so they all agree on what is invalid.
//
// Decoding is inline: the terminal and JSON escapers call it for every
// character that is not plain ASCII.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace touch::utf8 {

// What `decode` returns for a byte that does not start a valid sequence.
inline constexpr char32_t invalid = 0xFFFFFFFF;

// U+FFFD REPLACEMENT CHARACTER as UTF-8: what invalid input becomes where
// the output must stay valid.
inline constexpr std::string_view replacement = "\xEF\xBF\xBD";

struct CodePoint {
    char32_t value;     // `invalid` when the bytes are not valid UTF-8
    std::size_t length; // bytes taken: 1 to 4, and 1 for an invalid byte

    bool valid() const { return value != invalid; }
};

inline bool is_continuation(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// The code point whose first byte is s[at] (at < s.size()). Invalid, taking
// one byte so the next call can resynchronise: a continuation byte or 0xF5..0xFF
// where a character should start, a sequence cut short by the end or by a byte
// that is not a continuation, an overlong form (C0 AF for '/'), a UTF-16
// surrogate (U+D800..U+DFFF) and anything past U+10FFFF.
inline CodePoint decode(std::string_view s, std::size_t at) {
    auto b0 = static_cast<unsigned char>(s[at]);
    if (b0 < 0x80) return {b0, 1};
    std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    if (len == 0 || b0 > 0xF4 || at + len > s.size()) return {invalid, 1};
    char32_t cp = b0 & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
        auto b = static_cast<unsigned char>(s[at + k]);
        if ((b & 0xC0) != 0x80) return {invalid, 1};
        cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {invalid, 1};
    return {cp, len};
}

// The code point at s[i], moving i past it: a walk over a string that looks
// at each character once.
inline char32_t next(std::string_view s, std::size_t& i) {
    auto c = decode(s, i);
    i += c.length;
    return c.value;
}

// `cp` appended as UTF-8; a surrogate or a value past U+10FFFF, which UTF-8
// cannot hold, is appended as U+FFFD.
void append(std::string& out, char32_t cp);

// True when every byte of `s` belongs to a valid sequence.
bool is_valid(std::string_view s);

// The characters in `s` (valid UTF-8) as toml++ counts columns: one for each
// byte that is not a continuation.
std::size_t count_code_points(std::string_view s);

// Where to cut `s` to keep at most `limit` bytes without splitting a
// character: `limit` itself, or the start of the character it falls in.
// All of `s` when it is no longer than `limit`. A cut is never 0 for a
// non-empty `s` and a non-zero `limit`, so a caller that cuts in a loop
// always moves on: where the first character is longer than `limit`, or no
// byte before it starts one, the cut is at `limit`.
std::size_t cut_before(std::string_view s, std::size_t limit);

} // namespace touch::utf8
