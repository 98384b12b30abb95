#include "support.hpp"

#include "touch/core/interval.hpp"

#include <doctest/doctest.h>

using namespace touch;

namespace {
Interval iv(const char* text) {
    return parse_interval(text).value();
}
} // namespace

TEST_CASE("every interval form parses") {
    CHECK(iv("10d") == Interval::days(10));
    CHECK(iv("3w") == Interval::days(21));
    CHECK(iv("2mo") == Interval::months(2));
    CHECK(iv("2m") == Interval::months(2));
    CHECK(iv("1y") == Interval::months(12));
    CHECK(iv("daily") == Interval::days(1));
    CHECK(iv("weekly") == Interval::days(7));
    CHECK(iv("biweekly") == Interval::days(14));
    CHECK(iv("monthly") == Interval::months(1));
    CHECK(iv("quarterly") == Interval::months(3));
    CHECK(iv("yearly") == Interval::months(12));
    CHECK(iv("off").is_off());
}

TEST_CASE("N per period is the longest interval that fits N in") {
    CHECK(iv("4/y") == Interval::months(3));
    CHECK(iv("2/y") == Interval::months(6));
    CHECK(iv("5/y") == Interval::days(73));
    CHECK(iv("1/mo") == Interval::months(1));
    CHECK(iv("2/mo") == Interval::days(15));
    CHECK(iv("2/w") == Interval::days(3));
    CHECK(iv("7/w") == Interval::days(1));
}

TEST_CASE("bad intervals say why") {
    std::string why;
    for (const char* bad : {"", "3", "w", "3x", "0d", "-3d", "3 w", "8/w", "0/y", "2/q", "101y",
                            "99999999d", "Monthly", "3W"}) {
        CAPTURE(bad);
        why.clear();
        CHECK_FALSE(parse_interval(bad, &why));
        CHECK_FALSE(why.empty());
    }
    parse_interval("3x", &why);
    CHECK(why.find("unknown unit 'x'") != std::string::npos);
}

TEST_CASE("canonical spelling") {
    CHECK(format_interval(Interval::days(21)) == "3w");
    CHECK(format_interval(Interval::days(10)) == "10d");
    CHECK(format_interval(Interval::months(3)) == "3mo");
    CHECK(format_interval(Interval::months(24)) == "2y");
    CHECK(format_interval(Interval{}) == "off");
    std::string out = "every ";
    append_interval(out, Interval::days(14));
    CHECK(out == "every 2w");
}

TEST_CASE("dates are written with four-digit years, appended or not") {
    CHECK(format_date(d("2026-11-22")) == "2026-11-22");
    CHECK(format_date(d("0100-01-01")) == "0100-01-01");
    CHECK(format_date(d("9999-12-31")) == "9999-12-31");
    CHECK(format_date(Date{date::year{12345} / 1 / 2}) == "12345-01-02");
    std::string out = "on ";
    append_date(out, d("2027-02-03"));
    CHECK(out == "on 2027-02-03");
}

TEST_CASE("month steps clamp to the month's end") {
    CHECK(add(d("2026-01-31"), Interval::months(1)) == d("2026-02-28"));
    CHECK(add(d("2028-01-31"), Interval::months(1)) == d("2028-02-29"));
    CHECK(add(d("2026-03-31"), Interval::months(1)) == d("2026-04-30"));
    CHECK(add(d("2026-08-31"), Interval::months(6)) == d("2027-02-28"));
    CHECK(add(d("2024-02-29"), Interval::months(12)) == d("2025-02-28"));
    CHECK(add(d("2026-11-15"), Interval::months(3)) == d("2027-02-15"));
    CHECK(subtract(d("2026-03-31"), Interval::months(1)) == d("2026-02-28"));
    CHECK(add(d("2026-12-30"), Interval::days(3)) == d("2027-01-02"));
    CHECK(length_in_days(d("2026-01-31"), Interval::months(1)) == 28);
}

TEST_CASE("ISO dates are strict") {
    CHECK(parse_iso_date("2026-11-22"));
    CHECK(parse_iso_date("2024-02-29"));
    for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "9999-99-99", "2026-1-01",
                            "26-11-22", "2026/11/22", "0000-01-01", "2026-11-22x", ""}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_iso_date(bad));
    }
}

TEST_CASE("DATE arguments") {
    auto today = d("2026-11-22"); // a Sunday
    CHECK(parse_date_arg("today", today) == today);
    CHECK(parse_date_arg("Today", today) == today);
    CHECK(parse_date_arg("yesterday", today) == d("2026-11-21"));
    CHECK(parse_date_arg("-3d", today) == d("2026-11-19"));
    CHECK(parse_date_arg("-0d", today) == today);
    CHECK(parse_date_arg("friday", today) == d("2026-11-20"));
    CHECK(parse_date_arg("fri", today) == d("2026-11-20"));
    CHECK(parse_date_arg("sunday", today) == d("2026-11-15")); // strictly before today
    CHECK(parse_date_arg("monday", today) == d("2026-11-16"));
    CHECK(parse_date_arg("2026-01-05", today) == d("2026-01-05"));
    std::string why;
    CHECK_FALSE(parse_date_arg("fr", today, &why));
    CHECK_FALSE(parse_date_arg("-d", today, &why));
    CHECK_FALSE(parse_date_arg("tomorrow", today, &why));
    CHECK(why.find("'tomorrow' is not a date") != std::string::npos);
}

TEST_CASE("DATE arguments found by fuzzing") {
    std::string why;
    // from_chars takes a sign: this once meant three days ahead.
    CHECK_FALSE(parse_date_arg("--3d", d("2026-11-22"), &why));
    CHECK_FALSE(parse_date_arg("-+3d", d("2026-11-22"), &why));
    CHECK_FALSE(parse_interval("+3d"));
    // Counting back must not leave the range of DATE arguments.
    why.clear();
    CHECK_FALSE(parse_date_arg("-3d", d("0100-01-02"), &why));
    CHECK(why == "'-3d' is before 0100-01-01: a DATE is from 0100-01-01 to 9899-12-31");
    CHECK_FALSE(parse_date_arg("yesterday", d("0100-01-01")));
    CHECK_FALSE(parse_date_arg("mon", d("0100-01-01")));
    CHECK(parse_date_arg("-1d", d("0100-01-02")) == d("0100-01-01"));
}

TEST_CASE("what was typed is quoted escaped in a message") {
    std::string why;
    CHECK_FALSE(parse_date_arg("line\nbreak\x1b]0;x\x07", d("2026-11-22"), &why));
    CHECK(why.rfind("'line\\nbreak\\x1b]0;x\\x07' is not a date", 0) == 0);
    CHECK_FALSE(parse_interval("3\x1b[2Jd", &why));
    CHECK(why.find('\x1b') == std::string::npos);
}

TEST_CASE("DATE arguments stay where every report keeps four-digit years") {
    // --today 9999-12-31 once planned a DTEND in the year 10000, and
    // --today 0001-01-01 counted stats months in the year 0.
    auto today = d("2026-11-22");
    std::string why;
    CHECK_FALSE(parse_date_arg("9999-12-31", today, &why));
    CHECK(why == "'9999-12-31' is after 9899-12-31: a DATE is from 0100-01-01 to 9899-12-31");
    CHECK_FALSE(parse_date_arg("0001-01-01", today, &why));
    CHECK(why == "'0001-01-01' is before 0100-01-01: a DATE is from 0100-01-01 to 9899-12-31");
    CHECK_FALSE(parse_date_arg("9900-01-01", today));
    CHECK_FALSE(parse_date_arg("0099-12-31", today));
    CHECK(parse_date_arg("0100-01-01", today) == d("0100-01-01"));
    CHECK(parse_date_arg("9899-12-31", today) == d("9899-12-31"));
    CHECK_FALSE(parse_date_arg("today", d("9999-12-31")));
    CHECK(parse_date_arg("-1d", d("9900-01-01")) == d("9899-12-31"));
}

TEST_CASE("times") {
    CHECK(parse_time("09:30") == 570);
    CHECK(parse_time("00:00") == 0);
    CHECK(parse_time("23:59") == 1439);
    CHECK_FALSE(parse_time("24:00"));
    CHECK_FALSE(parse_time("25:99"));
    CHECK_FALSE(parse_time("9:30"));
    CHECK(format_time(570) == "09:30");
    CHECK(weekday_index(d("2026-11-22")) == 0);
}

TEST_CASE("WHEN words look ahead: tomorrow, the next weekday, next week, next month") {
    auto workday = [](Date day) { return weekday_index(day) >= 1 && weekday_index(day) <= 5; };
    auto monday = d("2026-12-07");
    CHECK(parse_when_word("tomorrow", monday, workday) == d("2026-12-08"));
    CHECK(parse_when_word("Friday", monday, workday) == d("2026-12-11"));
    CHECK(parse_when_word("fri", d("2026-12-11"), workday) == d("2026-12-18")); // a week ahead
    CHECK(parse_when_word("mon", monday, workday) == d("2026-12-14"));
    CHECK(parse_when_word("next week", monday, workday) == d("2026-12-14"));
    CHECK(parse_when_word("next  week", d("2026-12-13"), workday) == d("2026-12-14")); // a Sunday
    CHECK(parse_when_word("next month", monday, workday) == d("2027-01-01"));
    CHECK(parse_when_word("next month", d("2027-01-31"), workday) == d("2027-02-01"));
    // Its first workday: a holiday on the 1st and the weekend after it are passed over.
    auto no_new_year = [&](Date day) { return workday(day) && day != d("2027-01-01"); };
    CHECK(parse_when_word("next month", monday, no_new_year) == d("2027-01-04"));
    auto tuesday_off = [&](Date day) { return workday(day) && weekday_index(day) != 1; };
    CHECK(parse_when_word("next week", monday, tuesday_off) == d("2026-12-15"));
    for (auto* not_ahead : {"yesterday", "today", "next", "next year", "2w", "fr", "-3d"})
        CHECK_MESSAGE(!parse_when_word(not_ahead, monday, workday), not_ahead);
}
