// Diagnostics as the user reads them: FILE:LINE:COL, the offending line with
// a caret under the column, the hint, and the "did you mean" suggestion.
#include "touch/core/diagnostic.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

using namespace touch;

TEST_CASE("a diagnostic's one line: path, line and column only when known") {
    Diagnostic d{"c.toml", 3, 7, Severity::error, "unknown key 'cadense'", ""};
    CHECK(format_diagnostic(d) == "c.toml:3:7: error: unknown key 'cadense'");
    d.col = 0;
    CHECK(format_diagnostic(d) == "c.toml:3: error: unknown key 'cadense'");
    d.line = 0;
    d.col = 5; // a column without a line means nothing
    d.severity = Severity::warning;
    CHECK(format_diagnostic(d) == "c.toml: warning: unknown key 'cadense'");
}

TEST_CASE("a diagnostic never prints a raw control character") {
    Diagnostic d{"log", 1, 0, Severity::error, "bad name 'a\x1b[2Jb'", ""};
    auto line = format_diagnostic(d);
    CHECK(line.find('\x1b') == std::string::npos);
    CHECK(line.rfind("log:1: error: bad name 'a", 0) == 0);
}

TEST_CASE("the long form: the line, a caret under the column, then the hint") {
    Diagnostic d{
        "c.toml", 2, 11, Severity::error, "'3x' is not an interval", "write 3w, 2mo or 10d"};
    CHECK(format_diagnostic_long(d, "cadence = \"3x\"") ==
          "c.toml:2:11: error: '3x' is not an interval\n"
          "    cadence = \"3x\"\n"
          "              ^\n"
          "    hint: write 3w, 2mo or 10d\n");
    // Without a column: the line, no caret; without the line: neither.
    d.col = 0;
    CHECK(format_diagnostic_long(d, "cadence = \"3x\"\r") ==
          "c.toml:2: error: '3x' is not an interval\n    cadence = \"3x\"\n    hint: write 3w, 2mo "
          "or 10d\n");
    d.hint.clear();
    CHECK(format_diagnostic_long(d, "") == "c.toml:2: error: '3x' is not an interval\n");
}

TEST_CASE("the caret counts display columns, not bytes") {
    Diagnostic d{"log", 1, 8, Severity::error, "unknown channel", ""};
    // "Zoë" is four bytes and three columns wide: the caret sits under 'x'.
    auto text = format_diagnostic_long(d, "a Zoë x");
    CHECK(text == "log:1:8: error: unknown channel\n    a Zoë x\n          ^\n");
}

TEST_CASE("a very long line is cut and marked, the caret kept when it is shown") {
    std::string line(400, 'x');
    Diagnostic d{"log", 9, 3, Severity::error, "bad", ""};
    auto text = format_diagnostic_long(d, line);
    CHECK(text == "log:9:3: error: bad\n    " + std::string(160, 'x') + "...\n      ^\n");
    d.col = 300; // beyond what is shown: no caret
    CHECK(format_diagnostic_long(d, line) ==
          "log:9:300: error: bad\n    " + std::string(160, 'x') + "...\n");
}

TEST_CASE("source_line finds a line by number, without its line end") {
    std::string_view text = "first\r\nsecond\nthird";
    CHECK(source_line(text, 1) == "first");
    CHECK(source_line(text, 2) == "second");
    CHECK(source_line(text, 3) == "third");
    CHECK(source_line(text, 4).empty());
    CHECK(source_line(text, 0).empty());
}

TEST_CASE("errors are told from warnings") {
    Diagnostics diags{{"a", 1, 1, Severity::warning, "w", ""}};
    CHECK_FALSE(has_errors(diags));
    diags.push_back({"a", 2, 1, Severity::error, "e", ""});
    CHECK(has_errors(diags));
    CHECK_FALSE(has_errors({}));
}

TEST_CASE("did you mean: the closest name within a third of the word") {
    std::vector<std::string> channels{"visit", "call", "note", "email"};
    CHECK(edit_distance("visti", "visit") == 1); // a swap counts once
    CHECK(edit_distance("", "call") == 4);
    CHECK(did_you_mean("visti", channels) == "did you mean 'visit'?");
    CHECK(did_you_mean("cal", channels) == "did you mean 'call'?");
    CHECK(did_you_mean("lunch", channels).empty());
    CHECK(did_you_mean_or_list("lunch", channels, "channels") ==
          "channels: visit, call, note and email");
    CHECK(did_you_mean_or_list("emial", channels, "channels") == "did you mean 'email'?");
}

TEST_CASE("edit distance: rows on the stack or the heap give the same answer") {
    CHECK(edit_distance("call", "") == 4);
    CHECK(edit_distance("acme", "acme") == 0);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("ca", "abc") == 3); // the restricted swap: no edit after it
    std::string longer(100, 'a'), other(100, 'a');
    other[50] = 'b';
    other.push_back('c');
    CHECK(edit_distance(longer, other) == 2);
    CHECK(edit_distance(other, longer) == 2);
    // Against the table itself, on words of every length up to past a machine word.
    auto by_table = [](const std::string& a, const std::string& b) {
        std::vector<std::vector<std::size_t>> t(a.size() + 1,
                                                std::vector<std::size_t>(b.size() + 1));
        for (std::size_t i = 0; i <= a.size(); ++i)
            t[i][0] = i;
        for (std::size_t j = 0; j <= b.size(); ++j)
            t[0][j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i)
            for (std::size_t j = 1; j <= b.size(); ++j) {
                t[i][j] = std::min({t[i - 1][j] + 1, t[i][j - 1] + 1,
                                    t[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    t[i][j] = std::min(t[i][j], t[i - 2][j - 2] + 1);
            }
        return t[a.size()][b.size()];
    };
    std::uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    for (int round = 0; round < 3000; ++round) {
        std::string a, b;
        auto la = next() % 70, lb = next() % 70;
        for (std::uint32_t i = 0; i < la; ++i)
            a += static_cast<char>('a' + next() % 3);
        for (std::uint32_t i = 0; i < lb; ++i)
            b += static_cast<char>('a' + next() % 3);
        INFO(a, " / ", b);
        REQUIRE(edit_distance(a, b) == by_table(a, b));
    }
    // Of two names as close, the first listed is named.
    CHECK(closest_match("acne", {"acme", "acre"}) == "acme");
    CHECK(closest_match("c00011", {"gone11", "c0001", "c00012"}) == "c0001");
}
