#include "touch/core/interval.hpp"
#include "touch/log/log.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

using namespace touch;

TEST_CASE("a full line parses") {
    auto p = parse_log_line("2026-11-22T09:30 acme visit Coffee with Dana, wants a new site");
    REQUIRE(p.kind == LineKind::entry);
    CHECK(format_date(p.entry.date) == "2026-11-22");
    CHECK(p.entry.minute == 570);
    CHECK(p.entry.client == "acme");
    CHECK(p.entry.channel == "visit");
    CHECK(p.entry.note == "Coffee with Dana, wants a new site");
}

TEST_CASE("tabs, CRLF and no note") {
    auto p = parse_log_line("2026-11-21\tbolt\t\tcall  \r");
    REQUIRE(p.kind == LineKind::entry);
    CHECK(p.entry.minute == -1);
    CHECK(p.entry.channel == "call");
    CHECK(p.entry.note.empty());
}

TEST_CASE("comments and blank lines") {
    CHECK(parse_log_line("").kind == LineKind::blank);
    CHECK(parse_log_line("   \t").kind == LineKind::blank);
    CHECK(parse_log_line("# a comment").kind == LineKind::blank);
    CHECK(parse_log_line("  # indented").kind == LineKind::blank);
}

TEST_CASE("malformed lines say where and why") {
    struct Case {
        const char* line;
        int col;
        const char* message;
    };
    for (auto c :
         {Case{"yesterday acme call", 1, "'yesterday' is not a date (YYYY-MM-DD)"},
          Case{"2026-02-30 acme call", 1, "'2026-02-30' is not a date (YYYY-MM-DD)"},
          Case{"9999-99-99 acme call", 1, "'9999-99-99' is not a date (YYYY-MM-DD)"},
          Case{"2026-01-04T25:99 acme call", 11, "'T25:99' is not a time (THH:MM after the date)"},
          Case{"2026-01-04", 11, "missing the client id after the date"},
          Case{"2026-01-04 acme", 16, "missing the channel after the client id"},
          Case{"2026-01-04 Acme call", 12, "'Acme' is not a client id"},
          Case{"2026-01-04 acme ca!l", 17, "'ca!l' is not a channel name"},
          Case{"2026-01-04 acme snooze soon", 24,
               "a snooze needs an interval or a date first, as in 'snooze 2w'"},
          Case{"2026-01-04 acme snooze", 23,
               "a snooze needs an interval or a date first, as in 'snooze 2w'"},
          // A comma at either end of a list is read alike.
          Case{"2026-01-04 ,acme call", 12, "',acme' has an empty client id in its list"},
          Case{"2026-01-04 acme, call", 17, "'acme,' has an empty client id in its list"}}) {
        CAPTURE(c.line);
        auto p = parse_log_line(c.line);
        CHECK(p.kind == LineKind::malformed);
        CHECK(p.col == c.col);
        CHECK(p.message == c.message);
    }
}

TEST_CASE("a channel is read without regard to case, as on the command line") {
    auto p = parse_log_line("2026-01-04 acme Call Left a voicemail");
    REQUIRE(p.kind == LineKind::entry);
    CHECK(p.entry.channel == "Call");
    CHECK(parse_log_line("2026-01-04 acme snooze:CALL 2w").kind == LineKind::entry);
}

TEST_CASE("snoozes") {
    auto p = parse_log_line("2026-11-21 bolt snooze 2w Travelling until December");
    REQUIRE(p.kind == LineKind::entry);
    CHECK(snooze_scope(p.entry.channel) == std::string_view{});
    CHECK(format_date(*snooze_until(p.entry)) == "2026-12-05");
    auto q = parse_log_line("2026-11-21 bolt snooze:call 2027-01-05");
    REQUIRE(q.kind == LineKind::entry);
    CHECK(snooze_scope(q.entry.channel) == std::string_view{"call"});
    CHECK(format_date(*snooze_until(q.entry)) == "2027-01-05");
    CHECK_FALSE(snooze_scope("snoozed"));
    CHECK_FALSE(snooze_scope("call"));
}

TEST_CASE("formatting one entry gives exactly one line") {
    auto date = *parse_iso_date("2026-11-22");
    CHECK(format_log_line(date, 570, "acme", "visit", "Coffee") ==
          "2026-11-22T09:30 acme visit Coffee\n");
    CHECK(format_log_line(date, -1, "acme", "call", "") == "2026-11-22 acme call\n");
    CHECK(format_log_line(date, -1, "acme", "call", "a\nb\x1b[2Jc\r\n") ==
          "2026-11-22 acme call a b [2Jc\n");
    auto line = format_log_line(date, -1, "acme", "call", "two\nlines\u2028three");
    CHECK(std::count(line.begin(), line.end(), '\n') == 1);
    // What is written reads back as the same entry.
    // (The entry views the text it was read from, so the text must outlive it.)
    auto text = line.substr(0, line.size() - 1);
    auto back = parse_log_line(text);
    CHECK(back.entry.note == "two lines three");
}

namespace {
struct Collected {
    std::vector<std::string> lines;
    std::vector<std::size_t> numbers;
    std::vector<bool> too_long;
    bool unterminated = false;
};

Collected split(const std::vector<std::string>& chunks) {
    Collected c;
    LineSplitter splitter([&](std::string_view line, std::size_t n, bool too_long) {
        c.lines.emplace_back(line);
        c.numbers.push_back(n);
        c.too_long.push_back(too_long);
    });
    for (auto& chunk : chunks)
        splitter.feed(chunk);
    splitter.finish();
    c.unterminated = splitter.unterminated();
    return c;
}
} // namespace

TEST_CASE("lines split across chunks come out whole") {
    auto c = split({"\xEF\xBB\xBF"
                    "2026-01-01 a call\n2026-01-",
                    "02 b visit\n", "\nlast line no newline"});
    REQUIRE(c.lines.size() == 4);
    CHECK(c.lines[0] == "2026-01-01 a call"); // BOM dropped
    CHECK(c.lines[1] == "2026-01-02 b visit");
    CHECK(c.lines[2].empty());
    CHECK(c.lines[3] == "last line no newline");
    CHECK(c.numbers == std::vector<std::size_t>{1, 2, 3, 4});
    CHECK(c.unterminated);
    CHECK_FALSE(split({"a\n", "b\n"}).unterminated);
    CHECK_FALSE(split({}).unterminated);
}

TEST_CASE("an over-long line is reported, not held") {
    std::string huge(max_line_length + 10, 'x');
    auto c = split({"ok 1\n", huge.substr(0, 40000), huge.substr(40000) + "\nok 3\n"});
    REQUIRE(c.lines.size() == 3);
    CHECK(c.too_long == std::vector<bool>{false, true, false});
    CHECK(c.lines[1].size() == max_line_length);
    CHECK(c.lines[2] == "ok 3");
    CHECK(c.numbers[2] == 3);
    CHECK_FALSE(c.unterminated);
    CHECK(split({huge}).unterminated);
}

TEST_CASE("skipped summary") {
    LogProblems two;
    two.skipped = 2;
    two.first_line = 7;
    CHECK(skipped_summary(two) == "2 log lines skipped (first: line 7), run 'touch check'");
    LogProblems one;
    one.skipped = 1;
    one.first_line = 3;
    CHECK(skipped_summary(one) == "1 log line skipped (first: line 3), run 'touch check'");
}

TEST_CASE("lines on unknown channels are summed up once") {
    LogProblems none;
    CHECK(unknown_channel_summary(none).empty());
    LogProblems one;
    one.unknown_channel_lines = 1;
    one.unknown_channel = "cal";
    CHECK(unknown_channel_summary(one) ==
          "1 line on unknown channel 'cal' counts for nothing, run 'touch check'");
    one.unknown_channel_lines = 3;
    CHECK(unknown_channel_summary(one) ==
          "3 lines on unknown channels (first: 'cal') count for nothing, run 'touch check'");
}

namespace {
bool same(const ParsedLine& a, const ParsedLine& b) {
    return a.kind == b.kind && a.col == b.col && a.message == b.message &&
           (a.kind != LineKind::entry ||
            (a.entry.date == b.entry.date && a.entry.minute == b.entry.minute &&
             a.entry.client == b.entry.client && a.entry.channel == b.entry.channel &&
             a.entry.note == b.entry.note));
}
} // namespace

TEST_CASE("the fast line reader agrees with the reference reading") {
    std::vector<std::string> seeds{
        "2026-11-22 acme call",
        "2026-11-22T09:30 acme visit Coffee",
        "2024-02-29 a b",
        "2023-02-29 a b",
        "1900-02-29 a b",
        "2000-02-29 a b",
        "0000-01-01 a b",
        "2026-13-01 a b",
        "2026-00-10 a b",
        "2026-04-31 a b",
        "2026-01-04T25:99 a b",
        "2026-01-04T23:59\tb.c-d_e\t\tcall  trailing \t",
        "2026-01-04T2359 a b",
        "2026-01-04X a b",
        "2026-01-04 Acme call",
        "2026-01-04 acme Call",
        "2026-01-04 -acme call",
        "2026-01-04 acme snooze 2w",
        "2026-01-04 acme snooze:call 2027-01-01",
        "2026-01-04 acme snoozer note",
        "2026-01-04 acme",
        "2026-01-04 ",
        "  2026-01-04 acme call",
        "# 2026-01-04 acme call",
        "9999-99-99 a b",
        "2026-01-04 acme call\r",
        "2026-01-04\xC3\xA9 a b",
        "2026-01-04 acm\xC3\xA9 call",
        std::string(10, '\0') + " gunch i nearhe", // found by the fuzzer
        // Long enough for the fast path to look at sixteen bytes at once: a
        // token ending inside them, one longer than them, one at the end.
        "2026-01-04 acme call with a note long enough",
        "2026-01-04T09:30\tacme\tcall\twith\ttabs\tall\tthe\tway",
        "2026-01-04 a-client-id-longer-than-sixteen call note",
        "2026-01-04 acme a-channel-longer-than-sixteen",
        "2026-01-04 steuerkanzlei-brandt visit",
        "2026-01-04 acme,bolt lunch with two clients at once",
        "2026-01-04 acme promise:call 2026-02-01 send the proposal",
    };
    // Every seed, and every seed with one byte changed or removed.
    const std::string alphabet = " \t-:T0129az_.#\r\xC3";
    // A new parser has no date to compare with: not even ten NUL bytes.
    CHECK(LineParser().parse(std::string(10, '\0') + " a b").kind == LineKind::malformed);
    LineParser parser;
    std::size_t compared = 0;
    auto compare = [&](const std::string& line) {
        // A parser with a date remembered from an earlier line must agree too.
        parser.parse("2026-01-04 warm up");
        CHECK_MESSAGE(same(parser.parse(line), parse_log_line_reference(line)), line);
        CHECK_MESSAGE(same(parse_log_line(line), parse_log_line_reference(line)), line);
        ++compared;
    };
    for (auto& seed : seeds) {
        compare(seed);
        for (std::size_t i = 0; i < seed.size(); ++i) {
            compare(seed.substr(0, i) + seed.substr(i + 1));
            for (char c : alphabet) {
                auto changed = seed;
                changed[i] = c;
                compare(changed);
            }
        }
    }
    CHECK(compared > 5000);
}

TEST_CASE("the newline masks: 64 bytes at once, portable or not, as byte by byte") {
    std::uint32_t state = 12345;
    auto next = [&] { return state = state * 1103515245u + 12345u; };
    const std::string bytes = "\n\n\na b\t\r\x8A\x0A\xFF\x0B";
    for (int round = 0; round < 2000; ++round) {
        char block[64];
        for (auto& c : block)
            c = bytes[(next() >> 16) % bytes.size()];
        std::uint64_t expected = 0;
        for (int i = 0; i < 64; ++i)
            if (block[i] == '\n') expected |= std::uint64_t{1} << i;
        CHECK(detail::newline_mask(block) == expected);
        CHECK(detail::newline_mask_portable(block) == expected);
    }
}

TEST_CASE("lines come out the same however the text is cut into chunks") {
    std::string text = "\xEF\xBB\xBF"
                       "first\r\n\n";
    for (int i = 0; i < 300; ++i)
        text += std::string(static_cast<std::size_t>(i * 7 % 90), 'a' + i % 26) + "\n";
    text += std::string(max_line_length, 'x') + "\n";     // the longest line that is one
    text += std::string(max_line_length + 1, 'y') + "\n"; // one byte too long
    text += "last, no newline";
    auto whole = split({text});
    REQUIRE(whole.lines.size() == 305);
    CHECK(whole.lines[0] == "first\r");
    CHECK_FALSE(whole.too_long[302]);
    CHECK(whole.too_long[303]);
    CHECK(whole.lines[303] == std::string(max_line_length, 'y'));
    CHECK(whole.unterminated);
    for (std::size_t size : {1u, 2u, 3u, 63u, 64u, 65u, 1000u, 40000u}) {
        CAPTURE(size);
        std::vector<std::string> chunks;
        for (std::size_t at = 0; at < text.size(); at += size)
            chunks.push_back(text.substr(at, size));
        auto cut = split(chunks);
        CHECK(cut.lines == whole.lines);
        CHECK(cut.numbers == whole.numbers);
        CHECK(cut.too_long == whole.too_long);
        CHECK(cut.unterminated);
    }
}
