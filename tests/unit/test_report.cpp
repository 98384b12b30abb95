#include "touch/config.hpp"
#include "touch/interval.hpp"
#include "touch/report.hpp"

#include <doctest/doctest.h>

using namespace touch;

namespace {

Date d(const char* iso) {
    return *parse_iso_date(iso);
}

} // namespace

TEST_CASE("JSON strings are escaped and always valid") {
    CHECK(json_escape("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(json_escape("line\nnext\x1b") == "\"line\\nnext\\u001b\"");
    CHECK(json_escape("café") == "\"café\"");
    CHECK(json_escape("bad\xff") == "\"bad\xEF\xBF\xBD\"");
}

TEST_CASE("JSON writer nests and separates") {
    JsonWriter json;
    json.begin_object()
        .field("a", 1)
        .key("b")
        .begin_array()
        .value("x")
        .value(true)
        .null()
        .end_array();
    json.key("c").begin_object().end_object().end_object();
    CHECK(json.str() ==
          "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    true,\n    null\n  ],\n  \"c\": {}\n}\n");
}

TEST_CASE("JSON optional values are the value or null") {
    JsonWriter json;
    std::optional<Date> none;
    std::optional<int> tier = 2;
    json.begin_object()
        .field("last", none)
        .field("since", std::optional(d("2026-11-22")))
        .field("tier", map_optional(tier, [](int t) { return "gold" + std::to_string(t); }))
        .field("tags", std::vector<std::string>{"a", "b"})
        .end_object();
    CHECK(json.str() == "{\n  \"last\": null,\n  \"since\": \"2026-11-22\",\n  \"tier\": "
                        "\"gold2\",\n  \"tags\": [\n    \"a\",\n    \"b\"\n  ]\n}\n");
}

TEST_CASE("CSV quotes per RFC 4180 and defuses formulas") {
    CHECK(csv_record({"a", "b,c", "say \"hi\""}) == "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
    CHECK(csv_record({"=HYPERLINK(\"x\")", "+1", "@SUM", "-3", "-x"}) ==
          "\"'=HYPERLINK(\"\"x\"\")\",'+1,'@SUM,-3,'-x\r\n");
    CHECK(csv_record({"two\nlines"}) == "\"two\nlines\"\r\n");
}

TEST_CASE("columns align by display width") {
    CHECK(align_columns({{"a", "x"}, {"日本", "y"}}, "  ") == "  a     x\n  日本  y\n");
}

TEST_CASE("a table renders its rows once as text and as CSV") {
    Table table({{"client"},
                 {"name", Fit::shorten},
                 {"internal", Fit::fixed, Shown::csv},
                 {"tier", Fit::fixed, Shown::text, "-"}});
    table.add({"acme", "Acme, Inc", "x", "gold"});
    table.add({"b", "Bo", "", ""});
    CHECK(table.csv() == "client,name,internal\r\nacme,\"Acme, Inc\",x\r\nb,Bo,\r\n");
    CHECK(table.text(Style{}, "", true) ==
          "CLIENT  NAME       TIER\nacme    Acme, Inc  gold\nb       Bo         -\n");
}

TEST_CASE("colour comes from the cell's state, after alignment") {
    Table table({{"when"}, {"who"}});
    table.add({Cell("3d overdue", "31"), "a"});
    table.add({Cell("due today", "33"), "b"});
    auto lines = table.lines(Style{true, 0});
    CHECK(lines[0] == "\x1b[31m3d overdue\x1b[0m  a");
    CHECK(lines[1] == "\x1b[33mdue today\x1b[0m   b");
    CHECK(table.lines(Style{false, 0})[1] == "due today   b");
}

TEST_CASE("paint only with colour") {
    CHECK(paint(Style{false, 0}, "31", "x") == "x");
    CHECK(paint(Style{true, 0}, "31", "x") == "\x1b[31mx\x1b[0m");
}

TEST_CASE("the urgency of an obligation is explained by the engine's numbers") {
    Obligation ob;
    ob.kind = ObligationKind::cadence;
    ob.every = *parse_interval("10d");
    ob.last = d("2026-11-06");
    ob.natural_due = ob.due = d("2026-11-16");
    auto why = explain_urgency(ob, d("2026-11-22"));
    CHECK(why.from == d("2026-11-06"));
    CHECK(why.days_elapsed == 16);
    CHECK(why.length_days == 10);
    CHECK(why.urgency == doctest::Approx(1.6));
    CHECK(when_color(ob, d("2026-11-22")) == std::string_view("31"));
    CHECK(when_color(ob, d("2026-11-16")) == std::string_view("33"));

    Obligation birthday;
    birthday.kind = ObligationKind::birthday;
    birthday.every = *parse_interval("7d");
    birthday.deadline = d("2026-11-27");
    auto b = explain_urgency(birthday, d("2026-11-22"));
    CHECK(b.from == d("2026-11-20"));
    CHECK(b.days_elapsed == 2);
    CHECK(b.length_days == 7);
}
