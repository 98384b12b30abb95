#include "touch/report/json.hpp"
#include "touch/util/string_literal.hpp"
#include "touch/util/text.hpp"
#include "touch/util/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using namespace touch;

namespace {

// The code point at the start of `s`, or utf8::invalid; `length` gets its bytes.
char32_t first(std::string_view s, std::size_t& length) {
    auto c = utf8::decode(s, 0);
    length = c.length;
    return c.value;
}

char32_t first(std::string_view s) {
    std::size_t length = 0;
    return first(s, length);
}

// \xc0: how the terminal escaper shows a byte that starts no character.
std::string byte_escape(char c) {
    static constexpr char hex[] = "0123456789abcdef";
    auto b = static_cast<unsigned char>(c);
    return {'\\', 'x', hex[b >> 4], hex[b & 0xF]};
}

std::string encoded(char32_t cp) {
    std::string out;
    utf8::append(out, cp);
    return out;
}

} // namespace

TEST_CASE("utf8: valid sequences of one to four bytes decode with their length") {
    std::size_t length = 0;
    CHECK(first("A", length) == U'A');
    CHECK(length == 1);
    CHECK(first(std::string_view("\0", 1), length) == 0);
    CHECK(length == 1);
    CHECK(first("\x7F", length) == 0x7F);
    CHECK(first("\xC2\x80", length) == 0x80); // the least two-byte value
    CHECK(length == 2);
    CHECK(first("é", length) == 0xE9);
    CHECK(length == 2);
    CHECK(first("\xDF\xBF", length) == 0x7FF);
    CHECK(first("\xE0\xA0\x80", length) == 0x800); // the least three-byte value
    CHECK(length == 3);
    CHECK(first("€", length) == 0x20AC);
    CHECK(first("\xEF\xBF\xBF", length) == 0xFFFF);
    CHECK(length == 3);
    CHECK(first("\xF0\x90\x80\x80", length) == 0x10000); // the least four-byte value
    CHECK(length == 4);
    CHECK(first("😀", length) == 0x1F600);
    CHECK(first("\xF4\x8F\xBF\xBF", length) == 0x10FFFF); // the greatest
    CHECK(length == 4);
    // Only the bytes of the first character count; what follows is the next one's.
    CHECK(first("éa", length) == 0xE9);
    CHECK(length == 2);
}

TEST_CASE("utf8: overlong forms are invalid and take one byte") {
    std::size_t length = 0;
    CHECK(first("\xC0\xAF", length) == utf8::invalid); // '/' in two bytes
    CHECK(length == 1);
    CHECK(first("\xC1\xBF") == utf8::invalid);
    CHECK(first("\xE0\x80\xAF") == utf8::invalid);     // '/' in three
    CHECK(first("\xE0\x9F\xBF") == utf8::invalid);     // U+07FF in three
    CHECK(first("\xF0\x80\x80\xAF") == utf8::invalid); // '/' in four
    CHECK(first("\xF0\x8F\xBF\xBF") == utf8::invalid); // U+FFFF in four
}

TEST_CASE("utf8: surrogates and values past U+10FFFF are invalid") {
    CHECK(first("\xED\x9F\xBF") == 0xD7FF); // just below the surrogates
    CHECK(first("\xED\xA0\x80") == utf8::invalid);
    CHECK(first("\xED\xB0\x80") == utf8::invalid);
    CHECK(first("\xED\xBF\xBF") == utf8::invalid);
    CHECK(first("\xEE\x80\x80") == 0xE000);            // just above them
    CHECK(first("\xF4\x90\x80\x80") == utf8::invalid); // U+110000
    // Lead bytes that only ever start values past U+10FFFF, or longer forms.
    for (int lead = 0xF5; lead <= 0xFF; ++lead) {
        std::string s{static_cast<char>(lead), '\x80', '\x80', '\x80'};
        CAPTURE(lead);
        std::size_t length = 0;
        CHECK(first(s, length) == utf8::invalid);
        CHECK(length == 1);
    }
}

TEST_CASE("utf8: a sequence cut short is invalid and takes one byte") {
    std::size_t length = 0;
    CHECK(first("\xC3", length) == utf8::invalid); // at the end
    CHECK(length == 1);
    CHECK(first("\xE2\x82", length) == utf8::invalid);
    CHECK(length == 1);
    CHECK(first("\xF0\x9F\x98", length) == utf8::invalid);
    CHECK(length == 1);
    CHECK(first("\xE2\x82z", length) == utf8::invalid); // by a byte that is no continuation
    CHECK(length == 1);
    CHECK(first("\xF0\x9F\x98\xC3\xA9") == utf8::invalid);
    CHECK(first("\x80", length) == utf8::invalid); // a continuation byte where a character starts
    CHECK(length == 1);
    CHECK(first("\xBF") == utf8::invalid);
}

TEST_CASE("utf8: next walks a string and resynchronises after an invalid byte") {
    std::string_view s = "a\xE2\x82"
                         "é\xFF😀";
    std::size_t i = 0;
    CHECK(utf8::next(s, i) == U'a');
    CHECK(utf8::next(s, i) == utf8::invalid); // E2, cut short by 82 then C3
    CHECK(i == 2);
    CHECK(utf8::next(s, i) == utf8::invalid); // the lone 82
    CHECK(utf8::next(s, i) == 0xE9);
    CHECK(utf8::next(s, i) == utf8::invalid);
    CHECK(utf8::next(s, i) == 0x1F600);
    CHECK(i == s.size());
}

TEST_CASE("utf8: append encodes in the fewest bytes") {
    CHECK(encoded(U'A') == "A");
    CHECK(encoded(0x7F) == "\x7F");
    CHECK(encoded(0x80) == "\xC2\x80");
    CHECK(encoded(0x7FF) == "\xDF\xBF");
    CHECK(encoded(0x800) == "\xE0\xA0\x80");
    CHECK(encoded(0x20AC) == "€");
    CHECK(encoded(0xFFFF) == "\xEF\xBF\xBF");
    CHECK(encoded(0x10000) == "\xF0\x90\x80\x80");
    CHECK(encoded(0x10FFFF) == "\xF4\x8F\xBF\xBF");
    // What UTF-8 cannot hold becomes U+FFFD.
    CHECK(encoded(0xD800) == utf8::replacement);
    CHECK(encoded(0xDFFF) == utf8::replacement);
    CHECK(encoded(0x110000) == utf8::replacement);
    CHECK(encoded(utf8::invalid) == utf8::replacement);
    // Every scalar value round-trips.
    for (char32_t cp = 0; cp <= 0x10FFFF; cp += cp < 0x1000 ? 1 : 97) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        auto bytes = encoded(cp);
        CAPTURE(static_cast<unsigned>(cp));
        auto c = utf8::decode(bytes, 0);
        CHECK(c.value == cp);
        CHECK(c.length == bytes.size());
    }
}

TEST_CASE("utf8: validating a string") {
    CHECK(utf8::is_valid(""));
    CHECK(utf8::is_valid("plain ASCII"));
    CHECK(utf8::is_valid("Zoë Ünal, 日本, שלום 😀"));
    CHECK(utf8::is_valid(std::string_view("nul\0inside", 10)));
    CHECK_FALSE(utf8::is_valid("bad\xFF"));
    CHECK_FALSE(utf8::is_valid("caf\xE9")); // Latin-1
    CHECK_FALSE(utf8::is_valid("\xC0\xAF"));
    CHECK_FALSE(utf8::is_valid("\xED\xA0\x80"));
    CHECK_FALSE(utf8::is_valid("\xF4\x90\x80\x80"));
    CHECK_FALSE(utf8::is_valid("ends cut \xE2\x82"));
    CHECK_FALSE(utf8::is_valid("\x80 starts with a continuation"));
}

TEST_CASE("utf8: boundaries") {
    CHECK(utf8::is_continuation('\x80'));
    CHECK(utf8::is_continuation('\xBF'));
    CHECK_FALSE(utf8::is_continuation('a'));
    CHECK_FALSE(utf8::is_continuation('\xC3'));
    CHECK_FALSE(utf8::is_continuation('\xF0'));

    CHECK(utf8::count_code_points("") == 0);
    CHECK(utf8::count_code_points("abc") == 3);
    CHECK(utf8::count_code_points("née 日本 😀") == 8);

    // A cut never splits a character: it moves back to the character's start.
    std::string_view s = "ab日本"; // a b, then two three-byte characters
    CHECK(utf8::cut_before(s, 0) == 0);
    CHECK(utf8::cut_before(s, 2) == 2);
    CHECK(utf8::cut_before(s, 3) == 2);
    CHECK(utf8::cut_before(s, 4) == 2);
    CHECK(utf8::cut_before(s, 5) == 5);
    CHECK(utf8::cut_before(s, 7) == 5);
    CHECK(utf8::cut_before(s, 8) == 8); // the whole string
    CHECK(utf8::cut_before(s, 100) == 8);
    CHECK(utf8::cut_before("😀😀", 7) == 4);
    // Where no character ends in time, the cut is where asked, so a loop moves on.
    CHECK(utf8::cut_before("\x80\x80\x80\x80", 2) == 2);
    CHECK(utf8::cut_before("日本", 2) == 2);
}

TEST_CASE("utf8: the escapers agree on what is invalid") {
    // Each byte that does not start a valid sequence is one escape or one U+FFFD
    // (F5 80 80 went into JSON raw, as if it were U+5000, before the JSON
    // escaper read through the one decoder).
    for (std::string_view bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80"}) {
        CAPTURE(bad);
        std::string replaced, escaped;
        for (char c : bad) {
            replaced += utf8::replacement;
            escaped += byte_escape(c);
        }
        CHECK(string_literal(bad) == "\"" + replaced + "\"");
        CHECK(sanitize_note(bad) == replaced);
        CHECK(escape_control(bad) == escaped);
    }
}
