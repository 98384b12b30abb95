#include "touch/core/diagnostic.hpp"
#include "touch/util/string_literal.hpp"
#include "touch/util/text.hpp"

#include <doctest/doctest.h>

#include <cstdio>

using namespace touch;

TEST_CASE("control characters are escaped for display") {
    CHECK(escape_control("plain café") == "plain café");
    CHECK(escape_control("a\nb\tc\rd") == "a\\nb\\tc\\rd");
    CHECK(escape_control("\x1b[31mred") == "\\x1b[31mred");
    CHECK(escape_control("\x7f") == "\\x7f");
    CHECK(escape_control("\xC2\x85") == "\\u0085");     // C1 next-line
    CHECK(escape_control("\xE2\x80\xAE") == "\\u202e"); // right-to-left override
    CHECK(escape_control("bad\xff") == "bad\\xff");
    CHECK(escape_control("\xC0\xAF") == "\\xc0\\xaf"); // overlong
}

TEST_CASE("notes lose control characters before they are written") {
    CHECK(sanitize_note("two\nlines") == "two lines");
    CHECK(sanitize_note("  tab\there \r\n") == "tab here");
    CHECK(sanitize_note("line\xE2\x80\xA8sep") == "line sep");
    CHECK(sanitize_note("bad\xff") == "bad\xEF\xBF\xBD");
    CHECK(sanitize_note("Zoë 日本") == "Zoë 日本");
}

TEST_CASE("display width") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("café") == 4);
    CHECK(display_width("日本") == 4);
    CHECK(display_width("e\xCC\x81") == 1); // e + combining acute
    CHECK(clip_to_width("日本語", 5) == "日本");
}

TEST_CASE("printable ASCII is read eight bytes at a time, whatever follows") {
    // Every byte that is not printable ASCII, alone at each place of a long run.
    const std::string plain(40, 'a');
    CHECK(display_width(plain) == 40);
    for (int b = 0; b < 256; ++b) {
        if (b >= 0x20 && b < 0x7F) continue;
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02x", b);
        std::string shown = b == '\n' ? "\\n" : b == '\t' ? "\\t" : b == '\r' ? "\\r" : hex;
        for (std::size_t at : {0u, 3u, 7u, 8u, 15u, 16u, 39u}) {
            auto s = plain;
            s[at] = static_cast<char>(b);
            CHECK(escape_control(s) == plain.substr(0, at) + shown + plain.substr(at + 1));
            CHECK(display_width(s) == 40);
        }
    }
    CHECK(display_width(std::string(17, 'x') + "日本" + std::string(9, 'y')) == 30);
    CHECK(clip_to_width(std::string(20, 'x') + "日本", 21) == std::string(20, 'x'));
}

TEST_CASE("escaping appends, or rewrites in place only what needs it") {
    std::string out = "kept \n";
    append_escaped(out, "a\tb");
    CHECK(out == "kept \na\\tb");
    std::string text = "ready: ";
    auto from = text.size();
    text += "bell\x07 caf\xC3\xA9 \xE2\x80\xAE";
    escape_from(text, from);
    CHECK(text == "ready: bell\\x07 café \\u202e");
    std::string plain = "nothing to do";
    escape_from(plain, 0);
    CHECK(plain == "nothing to do");
    // Like escape_control on the whole, where the prefix is escaped already.
    std::string split = "a\x1b";
    escape_from(split, 1);
    CHECK(split == escape_control("a\x1b"));
}

TEST_CASE("fixed decimals round as the format library does, ties to even") {
    auto fixed = [](double v) {
        std::string out;
        append_fixed(out, v, 3);
        return out;
    };
    CHECK(fixed(1.6) == "1.600");
    CHECK(fixed(0.0625) == "0.062");
    CHECK(fixed(0.1875) == "0.188");
    CHECK(fixed(-0.0) == "-0.000");
    CHECK(fixed(2.0 / 3.0) == "0.667");
    CHECK(fixed(1e300).size() == 305);
}

TEST_CASE("ids") {
    CHECK(is_valid_id("acme"));
    CHECK(is_valid_id("a.b-c_d9"));
    CHECK(is_valid_id("9lives"));
    CHECK_FALSE(is_valid_id("Acme"));
    CHECK_FALSE(is_valid_id("-acme"));
    CHECK_FALSE(is_valid_id("ac me"));
    CHECK_FALSE(is_valid_id(""));
    // Every byte, first and after the first.
    for (int c = 0; c < 256; ++c) {
        auto ch = static_cast<char>(c);
        bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        bool inner = alnum || ch == '_' || ch == '.' || ch == '-';
        CHECK(is_valid_id(std::string(1, ch)) == alnum);
        CHECK(is_valid_id(std::string("a") + ch + "b") == inner);
    }
}

TEST_CASE("diagnostics print as FILE:LINE:COL with a caret") {
    Diagnostic d{
        "c.toml", 3, 5, Severity::error, "unknown key 'cadense'", "did you mean 'cadence'?"};
    CHECK(format_diagnostic(d) == "c.toml:3:5: error: unknown key 'cadense'");
    CHECK(format_diagnostic_long(d, "abc cadense = 1") ==
          "c.toml:3:5: error: unknown key 'cadense'\n"
          "    abc cadense = 1\n"
          "        ^\n"
          "    hint: did you mean 'cadence'?\n");
    Diagnostic w{"log", 0, 0, Severity::warning, "x", ""};
    CHECK(format_diagnostic(w) == "log: warning: x");
    CHECK(source_line("a\nbb\r\nc", 2) == "bb");
    CHECK(source_line("a\nbb", 3).empty());
}

TEST_CASE("closest match finds typos only") {
    CHECK(closest_match("cadense", {"cadence", "clients"}) == "cadence");
    CHECK(closest_match("dew", {"due", "log"}) == "due");
    CHECK(closest_match("zzzzzz", {"due", "log"}).empty());
}

TEST_CASE("an unknown name's hint: the likely typo, else every candidate") {
    CHECK(did_you_mean_or_list("cal", {"visit", "call"}, "channels") == "did you mean 'call'?");
    CHECK(did_you_mean_or_list("zzzzzz", {"visit", "call", "note"}, "channels") ==
          "channels: visit, call and note");
}

TEST_CASE("a string literal of nothing, even of a view that points nowhere") {
    std::string out = "x=";
    append_string_literal(out, std::string_view{});
    CHECK(out == "x=\"\"");
    append_string_literal(out, "a\"b");
    CHECK(out == "x=\"\"\"a\\\"b\"");
}

TEST_CASE("printable ASCII, whole words and the bytes after them") {
    CHECK(is_printable_ascii(""));
    CHECK(is_printable_ascii("call"));
    CHECK(is_printable_ascii("a note of seventeen"));
    CHECK(is_printable_ascii(" ~"));
    for (std::size_t at : {0u, 6u, 7u, 8u, 15u, 16u}) {
        std::string s(17, 'x');
        s[at] = '\t';
        CHECK_FALSE(is_printable_ascii(s));
        s[at] = '\x7f';
        CHECK_FALSE(is_printable_ascii(s));
        s[at] = '\xc3';
        CHECK_FALSE(is_printable_ascii(s));
    }
}
