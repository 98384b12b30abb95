// The table every report draws: columns aligned by display width, the
// terminal's width respected by shortening with "…" (contacts never), and
// CSV as RFC 4180 and spreadsheets want it.
#include "touch/report/table.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace touch;

TEST_CASE("text: columns padded to the widest cell, two spaces apart, no trailing space") {
    Table table({Column("client"), Column("channel"), Column("when")});
    table.add({"acme", "call", "12d overdue"});
    table.add({"cedar-dental", "visit", ""});
    CHECK(table.size() == 2);
    CHECK(table.text(Style{}) == "acme          call   12d overdue\n"
                                 "cedar-dental  visit\n");
    CHECK(table.text(Style{}, "  ", true) == "  CLIENT        CHANNEL  WHEN\n"
                                             "  acme          call     12d overdue\n"
                                             "  cedar-dental  visit\n");
}

TEST_CASE("text: wide characters are aligned by the columns they take") {
    auto text = align_columns({{"山田", "call"}, {"ab", "visit"}, {"Zoë", "note"}});
    CHECK(text == "山田  call\n"
                  "ab    visit\n"
                  "Zoë   note\n");
}

TEST_CASE("text: an empty cell shows its column's blank; CSV leaves it empty") {
    Table table({Column("client"), Column("last", Fit::fixed, Shown::both, "-"), Column("note")});
    table.add({"acme", "", "x"});
    CHECK(table.text(Style{}) == "acme  -  x\n");
    CHECK(table.csv() == "client,last,note\r\nacme,,x\r\n");
}

TEST_CASE("columns shown only in text or only in CSV") {
    Table table({Column("client"), Column("phone", Fit::whole, Shown::csv),
                 Column("when", Fit::fixed, Shown::text)});
    table.add({"acme", "+1 555 0100", "today"});
    CHECK(table.text(Style{}) == "acme  today\n");
    CHECK(table.csv() == "client,phone\r\nacme,'+1 555 0100\r\n");
}

TEST_CASE("a terminal too narrow: names shortened with …, contacts kept whole") {
    Table table({Column("client"), Column("name", Fit::shorten), Column("phone", Fit::whole)});
    table.add({"acme", "The Extraordinarily Long Name of a Consultancy", "+1 555 0100"});
    Style narrow{false, 40};
    auto lines = table.lines(narrow);
    REQUIRE(lines.size() == 1);
    auto line = std::string(lines[0]);
    CHECK(line.find("+1 555 0100") != std::string::npos);
    CHECK(line.find("…") != std::string::npos);
    CHECK(line.rfind("acme  The Extraordinarily Long Name of…", 0) == 0);
    // Under the row the contact leaves the name more room than beside it.
    CHECK(line.find("\n    +1 555 0100") != std::string::npos);
    // Not a terminal: nothing is fitted.
    CHECK(table.text(Style{}).find("…") == std::string::npos);
}

TEST_CASE("shorten_to_width: … only when something was left out") {
    CHECK(shorten_to_width("Acme Corp", 20) == "Acme Corp");
    CHECK(shorten_to_width("Acme Corp", 9) == "Acme Corp");
    CHECK(shorten_to_width("Acme Corp", 8) == "Acme Co…");
    CHECK(shorten_to_width("Acme Corp", 6) == "Acme…"); // no space before the mark
    CHECK(shorten_to_width("山田太郎", 5) == "山田…");  // a wide character is not split
    CHECK(shorten_to_width("Acme", 0).empty());
}

TEST_CASE("CSV: quoted when a field holds a comma, a quote or a line break") {
    CHECK(csv_record({"plain", "a,b", "say \"hi\"", "two\nlines"}) ==
          "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    CHECK(csv_record({}) == "\r\n");
    CHECK(csv_record({"", ""}) == ",\r\n");
}

TEST_CASE("CSV: a field a spreadsheet would run as a formula starts with an apostrophe") {
    CHECK(csv_record({"=1+2", "+x", "@SUM(A1)", "-cmd"}) == "'=1+2,'+x,'@SUM(A1),'-cmd\r\n");
    CHECK(csv_record({"-3", "-2.5"}) == "-3,-2.5\r\n"); // numbers stay numbers
    CHECK(csv_record({"=a,b"}) == "\"'=a,b\"\r\n");
}

TEST_CASE("a wider terminal never shows less of a name or a reason") {
    Table table({Column("client"), Column("name", Fit::shorten), Column("when"),
                 Column("contact", Fit::whole), Column("reason", Fit::shorten)});
    table.add({"hanse", "Hanse Rechtsanwälte Partnerschaft mbB", "3d overdue",
               "Große Elbstraße 145, 22767 Hamburg", "call every 2w, last call 2026-11-01"});
    auto shown = [&](std::size_t width) {
        auto text = table.text(Style{false, width});
        std::size_t letters = 0;
        for (auto* word : {"Partnerschaft mbB", "last call 2026-11-01"})
            letters += text.find(word) != std::string::npos;
        return letters;
    };
    std::size_t before = 0;
    for (std::size_t width = 60; width <= 200; width += 5) {
        auto now = shown(width);
        CHECK_MESSAGE(now >= before, width);
        before = now;
    }
    CHECK(shown(120) == 2);
}

TEST_CASE("long ids: the name gets a line with the id rather than a few letters") {
    Table table({Column("client"), Column("name", Fit::shorten), Column("tier"),
                 Column("prefers", Fit::shorten), Column("last"), Column("next"),
                 Column("status")});
    table.add({"dr-francoise-dubois-muller", "Dr. Françoise Dubois-Müller", "gold", "visit, call",
               "2026-11-01 visit", "2026-11-15 call", "overdue"});
    auto text = table.text(Style{false, 80});
    CHECK(text.find("Dr. Françoise Dubois-Müller") != std::string::npos);
}

TEST_CASE("a table filled in two halves on two threads is the table filled in one") {
    // fill_rows writes the later half into a table of its own and appends
    // it: the cells' places in the one buffer, their colours and shorter
    // forms must come out as one pass writes them.
    auto columns = [] {
        return std::vector<Column>{Column("client"), Column("name", Fit::shorten),
                                   Column("reason", Fit::shorten)};
    };
    auto row = [](Table& table, std::size_t i) {
        table.cell("c" + std::to_string(i));
        table.next_cell() += std::string(i % 17, 'n') + "ame";
        table.end_cell(i % 3 == 0 ? "31" : nullptr);
        table.next_cell() += "reason " + std::to_string(i * 7919 % 1000) + " and more besides";
        table.end_cell_shorter({"reason " + std::to_string(i), "r"});
    };
    for (auto n : {parallel_table_rows - 1, parallel_table_rows, parallel_table_rows + 333}) {
        Table one(columns()), halves(columns());
        for (std::size_t i = 0; i < n; ++i)
            row(one, i);
        fill_rows(halves, n, row);
        CHECK(halves.size() == n);
        CHECK(halves.csv() == one.csv());
        for (auto width : {0, 30, 60})
            CHECK(halves.text(Style{true, static_cast<std::size_t>(width)}, "  ", true) ==
                  one.text(Style{true, static_cast<std::size_t>(width)}, "  ", true));
    }
}
