#include "touch/diagnostic.hpp"
#include "touch/text.hpp"

#include <doctest/doctest.h>

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

TEST_CASE("ids") {
    CHECK(is_valid_id("acme"));
    CHECK(is_valid_id("a.b-c_d9"));
    CHECK(is_valid_id("9lives"));
    CHECK_FALSE(is_valid_id("Acme"));
    CHECK_FALSE(is_valid_id("-acme"));
    CHECK_FALSE(is_valid_id("ac me"));
    CHECK_FALSE(is_valid_id(""));
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
