#include "support.hpp"

#include "touch/config/config.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/suggest.hpp"
#include "touch/report/report.hpp"
#include "touch/util/text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace touch;

TEST_CASE("JSON strings are escaped and always valid") {
    CHECK(json_escape("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(json_escape("line\nnext\x1b") == "\"line\\nnext\\u001b\"");
    CHECK(json_escape("café") == "\"café\"");
    CHECK(json_escape("bad\xff") == "\"bad\xEF\xBF\xBD\"");
}

TEST_CASE("JSON strings are appended: plain ones whole, the rest escaped") {
    std::string out = "[";
    append_json_string(out, std::string(70, 'k')); // past the short-string path
    append_json_string(out, "say \"hi\"\t");
    append_json_string(out, "");
    CHECK(out == "[\"" + std::string(70, 'k') + "\"\"say \\\"hi\\\"\\t\"\"\"");
    CHECK(json_escape("right\xE2\x80\xAEleft") == "\"right\\u202eleft\"");
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
    CHECK(csv_record({"\r=1", "-3.5", "-", ""}) == "\"'\r=1\",-3.5,'-,\r\n");
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

TEST_CASE("cells written one by one make the same table as rows added whole") {
    std::vector<Column> columns{
        {"id"}, {"name", Fit::shorten}, {"contact", Fit::whole, Shown::both, "-"}};
    Table whole(columns), in_place(columns);
    whole.add({"acme", "Acme Corporation", ""});
    whole.add({"b", "日本語の名前", Cell::kept_whole("1 Main St")});
    in_place.cell("acme");
    in_place.next_cell() += "Acme ";
    in_place.next_cell() += "Corporation";
    in_place.end_cell();
    in_place.end_cell();
    in_place.cell("b");
    in_place.cell("日本語の名前");
    in_place.next_cell() += "1 Main St";
    in_place.end_cell(nullptr, true);
    CHECK(in_place.size() == 2);
    CHECK(in_place.csv() == whole.csv());
    for (std::size_t width : {0u, 20u, 30u, 80u})
        CHECK(in_place.lines(Style{false, width}) == whole.lines(Style{false, width}));
    auto lines = whole.lines(Style{}, "  ", true);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "  ID    NAME              CONTACT");
    CHECK(lines[1] == "  acme  Acme Corporation  -");
    CHECK(lines.lines(1, 3) ==
          "  acme  Acme Corporation  -\n  b     日本語の名前      1 Main St\n");
    CHECK(lines.lines(2, 2).empty());
    CHECK(lines.str() == whole.text(Style{}, "  ", true));
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

TEST_CASE("shortening marks what it leaves out and counts display columns") {
    CHECK(shorten_to_width("Cedar Dental", 20) == "Cedar Dental");
    CHECK(shorten_to_width("Cedar Dental", 7) == "Cedar…");
    CHECK(shorten_to_width("日本語の名前", 7) == "日本語…");
    CHECK(display_width(shorten_to_width("日本語の名前", 6)) <= 6);
}

TEST_CASE("width is shared: the narrow get what they want, the wide the rest") {
    CHECK(share_width({5, 40, 30}, 45) == std::vector<std::size_t>{5, 20, 20});
    CHECK(share_width({5, 10}, 45) == std::vector<std::size_t>{5, 10});
}

TEST_CASE("wrapping keeps every character") {
    CHECK(wrap_to_width("one two three", 0) == "one two three");
    CHECK(wrap_to_width("one two three", 9) == "one two\n  three");
    CHECK(wrap_to_width("  abcdefghijkl", 10) == "  abcdefgh\n    ijkl");
}

TEST_CASE("a table fits the terminal: names shorten, the contact moves, never cut") {
    Table table(
        {{"id"}, {"name", Fit::shorten}, {"contact", Fit::whole}, {"reason", Fit::shorten}});
    table.add({"acme", "Acme Corporation International", "14 Washington St, Hoboken NJ",
               "call every 10d, last call 2026-11-06"});
    auto wide = table.lines(Style{false, 200}, "  ");
    CHECK(wide[0] ==
          "  acme  Acme Corporation International  14 Washington St, Hoboken NJ  call every 10d, "
          "last call 2026-11-06");
    CHECK(table.lines(Style{false, 0}, "  ") == wide);

    // At 80 the row would fit on one line only by cutting the name and the
    // reason; under the row, the contact leaves them whole: that shows more.
    auto fitted = std::string(table.lines(Style{false, 80}, "  ")[0]);
    CHECK(fitted.find("14 Washington St, Hoboken NJ") != std::string::npos);
    CHECK(fitted.find("…") == std::string::npos);
    CHECK(fitted.find('\n') != std::string::npos);
    for (std::size_t pos = 0; pos < fitted.size();) {
        auto end = std::min(fitted.find('\n', pos), fitted.size());
        CHECK(display_width(std::string_view(fitted).substr(pos, end - pos)) <= 80);
        pos = end + 1;
    }

    // At 50 the contact cannot share the line: it moves under the row, whole,
    // with the reason after it.
    auto wrapped = std::string(table.lines(Style{false, 50}, "  ")[0]);
    auto nl = wrapped.find('\n');
    REQUIRE(nl != std::string::npos);
    CHECK(wrapped.substr(nl + 1).rfind("      14 Washington St, Hoboken NJ  call", 0) == 0);
    CHECK(display_width(wrapped.substr(nl + 1)) <= 50);
    CHECK(display_width(wrapped.substr(0, nl)) <= 50);

    // A contact wider than the terminal wraps rather than being cut.
    Table narrow({{"id"}, {"contact", Fit::whole}});
    narrow.add({"acme", "a very long address that is wider than the terminal"});
    auto lines = std::string(narrow.lines(Style{false, 30})[0]);
    CHECK(lines.find("…") == std::string::npos);
    std::string joined;
    for (char c : lines)
        if (c != '\n' && c != ' ') joined += c;
    CHECK(joined == "acmeaverylongaddressthatiswiderthantheterminal");
}

TEST_CASE("JSON keeps direction marks and line separators as escapes") {
    CHECK(json_escape("\u200f\u202e\u2066\u2028\u2029\u200e") ==
          "\"\\u200f\\u202e\\u2066\\u2028\\u2029\\u200e\"");
    CHECK(json_escape("a\xC2\x85z") == "\"a\\u0085z\""); // C1 NEL
    CHECK(json_escape("\xE2\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    CHECK(json_escape("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\""); // overlong '/'
    CHECK(json_escape("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); // a surrogate
    CHECK(json_escape("שלום 😀") == "\"שלום 😀\"");
}

TEST_CASE("an empty plan is still a calendar with a component") {
    auto config = default_config();
    std::vector<PlannedDay> days{{d("2026-11-23"), {}}, {d("2026-11-24"), {}}};
    auto ics = render_plan(config, days, d("2026-11-22"), Format::ics, Style{});
    CHECK(ics.find("BEGIN:VJOURNAL\r\n") != std::string::npos);
    CHECK(ics.find("UID:nothing-planned-20261122@touch\r\n") != std::string::npos);
    CHECK(ics.find("SUMMARY:Nothing planned from 2026-11-23 to 2026-11-24\r\n") !=
          std::string::npos);
    CHECK(ics.find("VEVENT") == std::string::npos);
    CHECK(render_plan(config, {}, d("2026-11-22"), Format::ics, Style{}).find("BEGIN:VJOURNAL") !=
          std::string::npos);
}

namespace {

// A small office whose next weeks have everything that changes from day to
// day: snoozes, a pause and time away that end mid-plan, birthdays, promises
// falling due, follow-ups whose window closes, a holiday, capacity 1, a
// covering channel, a team and new contacts. The log is made by a fixed
// recipe, the same on every run.
struct Office {
    Config config;
    History history;
};

Office busy_office() {
    std::string toml = R"(
[settings]
workdays = ["mon", "tue", "wed", "thu", "fri"]
holidays = ["2026-12-24", "12-25", "2026-12-28..2026-12-31"]
birthday = { channel = "note", lead = "5d" }
[people.pat]
[people.sam]
[channels]
visit = { covers = ["call"], per_day = 1 }
call  = { per_day = 2 }
note  = { per_day = 1 }
lunch = { covers = ["visit", "call"], personal = true, per_day = 1 }
[cadence]
any = "3w"
call = "2w"
visit = "2mo"
[[rules]]
after = "visit"
then = "note"
within = "3d"
[[rules]]
after = "lunch"
then = "email"
within = "2d"
)";
    for (int i = 0; i < 30; ++i) {
        toml += fmt::format("[[clients]]\nid = \"c{:02}\"\n", i);
        if (i % 3 == 0)
            toml += "team = [\"pat\"]\n";
        else if (i % 5 == 1)
            toml += "team = [\"sam\"]\n";
        if (i % 4 == 2) toml += fmt::format("birthday = \"{:02}-{:02}\"\n", 1 + i % 12, 1 + i % 28);
        if (i % 7 == 3) toml += "tags = [\"key\"]\n";
        if (i % 9 == 4) toml += "paused_until = 2026-12-02\n";
        if (i % 6 == 5) toml += "prefers = [\"email\"]\n";
    }
    auto config = config_of(toml);
    const char* channels[] = {"call", "visit", "note", "lunch", "email"};
    std::string log;
    unsigned seed = 7;
    auto next = [&](unsigned n) {
        seed = seed * 1103515245U + 12345U;
        return (seed >> 8) % n;
    };
    // Clients 25 and up have no line: new contacts.
    for (int line = 0; line < 240; ++line) {
        auto day = d("2026-08-01") + Days{static_cast<int>(next(110))};
        log += fmt::format("{} c{:02} {}\n", format_date(day), next(25), channels[next(5)]);
    }
    // Visits whose thank-you notes queue behind one note a day: some
    // follow-ups pass their last day unplanned, and a later visit's take
    // their place.
    for (int i = 0; i < 20; ++i)
        log += fmt::format("2026-10-{} c{:02} visit\n2026-11-{} c{:02} visit\n", 20 + i % 8, i,
                           10 + i % 9, i);
    log += "2026-11-18 c04 snooze 2026-12-03\n2026-11-19 c08 snooze:call 2026-11-30\n"
           "2026-11-20 c10 promise:call 2026-12-02 send the offer\n"
           "2026-11-20 c11 promise:email 2026-11-26 the invoice\n"
           "2026-11-21 c12 skip:note\n2026-11-20 c13 lunch\n2026-11-21 c14 visit\n";
    auto history = history_of(config, log, d("2026-11-22"));
    // Follow-ups Sam made, and Pat away until the plan's second week.
    history.set_maker(1);
    history.record(15, *config.find_channel("visit"), d("2026-11-20"));
    history.record(16, *config.find_channel("lunch"), d("2026-11-21"));
    history.record_person_away(0, {d("2026-11-15"), -1, d("2026-12-01")});
    return {std::move(config), std::move(history)};
}

} // namespace

TEST_CASE("plan keeps each client's obligations from day to day and plans as if it worked "
          "every day out again") {
    auto office = busy_office();
    const auto& config = office.config;
    std::vector<SuggestFilter> filters(5);
    filters[1].person = 0;
    filters[2].person = 1;
    filters[3].tag = "key";
    filters[4].channel = config.find_channel("note");
    for (auto& filter : filters) {
        auto days = filter.person ? 60 : 366;
        auto fast = plan(config, office.history, days, filter);
        auto slow = plan_day_by_day(config, office.history, days, filter);
        std::size_t planned = 0;
        for (auto& day : slow)
            planned += day.items.size();
        CHECK(planned > 0);
        for (auto format : {Format::json, Format::text})
            CHECK(render_plan(config, fast, d("2026-11-22"), format, Style{}) ==
                  render_plan(config, slow, d("2026-11-22"), format, Style{}));
    }
}

TEST_CASE("plan settles a crowd of equally urgent clients as if it ranked every row") {
    // Many clients touched on the same days rank alike but for their ids; a
    // lunch covers a visit and a call, so a client's later row takes the
    // place of its shown one and frees room under that channel's cap; email
    // has no cap of its own, and the day's cap ends some days first.
    for (const char* day_cap : {"", "per_day = 7\n"}) {
        std::string toml = fmt::format(R"(
[settings]
workdays = ["mon", "tue", "wed", "thu", "fri"]
{}[channels]
visit = {{ covers = ["call"], per_day = 2 }}
call  = {{ per_day = 3 }}
lunch = {{ covers = ["visit", "call"], personal = true, per_day = 1 }}
[cadence]
any = "2w"
call = "1w"
visit = "3w"
lunch = "4w"
email = "10d"
)",
                                       day_cap);
        for (int i = 0; i < 60; ++i)
            toml += fmt::format("[[clients]]\nid = \"k{:02}\"\n", (i * 37) % 60);
        auto config = config_of(toml);
        std::string log;
        for (int i = 0; i < 60; ++i)
            log += fmt::format("2026-10-0{} k{:02} {}\n", 1 + i % 3, i,
                               i % 4 == 0   ? "lunch"
                               : i % 4 == 1 ? "visit"
                                            : "call");
        auto history = history_of(config, log, d("2026-11-22"));
        auto fast = plan(config, history, 40);
        auto slow = plan_day_by_day(config, history, 40);
        std::size_t planned = 0;
        for (auto& day : slow)
            planned += day.items.size();
        CHECK(planned > 100);
        CHECK(render_plan(config, fast, d("2026-11-22"), Format::json, Style{}) ==
              render_plan(config, slow, d("2026-11-22"), Format::json, Style{}));
    }
}

namespace {

// Clients past plan_parallel_clients (and suggest_parallel_clients), a team
// away, covering channels, rules and birthdays among them: what is read in
// two halves at once must come out as one pass makes it.
std::string large_team_toml() {
    std::string toml = R"(
[settings]
workdays = ["mon", "tue", "wed", "thu", "fri"]
birthday = { channel = "note", lead = "5d" }
[people.pat]
[channels]
visit = { covers = ["call"], per_day = 3 }
call  = { per_day = 8 }
note  = { per_day = 2 }
lunch = { covers = ["visit", "call"], personal = true, per_day = 1 }
[cadence]
any = "3w"
call = "2w"
visit = "2mo"
email = "1mo"
[[rules]]
after = "visit"
then = "note"
within = "3d"
)";
    auto clients = static_cast<int>(plan_parallel_clients) + 200;
    for (int i = 0; i < clients; ++i) {
        toml += fmt::format("[[clients]]\nid = \"b{:04}\"\n", (i * 7919) % clients);
        if (i % 3 == 0) toml += "team = [\"pat\"]\n";
        if (i % 11 == 2) toml += fmt::format("birthday = \"12-{:02}\"\n", 1 + i % 28);
        if (i % 5 == 1) toml += "prefers = [\"email\"]\n";
    }
    return toml;
}

History large_team_history(const Config& config) {
    auto clients = static_cast<int>(config.clients.size());
    const char* channels[] = {"call", "visit", "lunch", "email"};
    std::string log;
    for (int i = 0; i < clients; ++i)
        log +=
            fmt::format("2026-{:02}-{:02} b{:04} {}\n", 9 + i % 3, 1 + i % 28, i, channels[i % 4]);
    auto history = history_of(config, log, d("2026-11-22"));
    history.record_person_away(0, {d("2026-11-15"), -1, d("2026-11-27")});
    return history;
}

// The history refers to the config: both are made in place.
struct LargeTeam {
    Config config = config_of(large_team_toml());
    History history = large_team_history(config);
};

std::vector<SuggestFilter> large_team_filters(const Config& config) {
    std::vector<SuggestFilter> filters(3);
    filters[1].person = 0;
    filters[2].channel = config.find_channel("call");
    return filters;
}

} // namespace

TEST_CASE("plan reads a large clients file in two halves and plans as on one thread") {
    // Past plan_parallel_clients a day's clients are read in two halves at
    // once: the rows of both, a team away and covering channels among them,
    // must settle as one pass settles them.
    LargeTeam team;
    const auto& config = team.config;
    const auto& history = team.history;
    for (auto& filter : large_team_filters(config)) {
        auto one = plan(config, history, 30, filter, 1);
        auto two = plan(config, history, 30, filter, 2);
        auto slow = plan_day_by_day(config, history, 30, filter);
        std::size_t planned = 0;
        for (auto& day : slow)
            planned += day.items.size();
        CHECK(planned > 100);
        auto expected = render_plan(config, slow, d("2026-11-22"), Format::json, Style{});
        CHECK(render_plan(config, one, d("2026-11-22"), Format::json, Style{}) == expected);
        CHECK(render_plan(config, two, d("2026-11-22"), Format::json, Style{}) == expected);
    }
}

TEST_CASE("plan leaves out the clients a day cannot reach, and reads a day again that reaches "
          "them") {
    // From plan_limited_clients on, a day makes rows only for clients that
    // could rank above where the day before stopped taking each channel's
    // rows. What rises past that
    // overnight must still be planned as one pass plans it: a client back
    // from a snooze or from their person's time away, a crowd falling due at
    // once, a follow-up a planned visit brings, a birthday's lead beginning
    // and its day passing, a client a planned touch changed.
    std::string toml = R"(
[settings]
workdays = ["mon", "tue", "wed", "thu", "fri"]
birthday = { channel = "note", lead = "4d" }
[people.pat]
[people.sam]
[channels]
visit = { covers = ["call"], per_day = 1 }
call  = { per_day = 4 }
note  = { per_day = 1 }
[cadence]
call = "2w"
visit = "2mo"
[[rules]]
after = "visit"
then = "note"
within = "2d"
)";
    auto clients = static_cast<int>(plan_limited_clients) + 200;
    for (int i = 0; i < clients; ++i) {
        toml += fmt::format("[[clients]]\nid = \"r{:04}\"\n", (i * 113) % clients);
        if (i % 4 == 0) toml += "team = [\"pat\"]\n";
        if (i % 4 == 1) toml += "team = [\"sam\"]\n";
        if (i % 9 == 2) toml += fmt::format("birthday = \"12-{:02}\"\n", 1 + i % 28);
    }
    auto config = config_of(toml);
    std::string log;
    for (int i = 0; i < clients; ++i) {
        // Most were called lately; a crowd on one day, which falls due at
        // once in the plan's third week; a few long ago.
        auto day = i % 5 == 0   ? d("2026-11-26")
                   : i % 7 == 0 ? d("2026-07-01") + Days{i % 30}
                                : d("2026-11-10") + Days{i % 12};
        log += fmt::format("{} r{:04} {}\n", format_date(day), i, i % 3 == 0 ? "visit" : "call");
        if (i % 23 == 4)
            log += fmt::format("2026-11-20 r{:04} snooze 2026-12-{:02}\n", i, 1 + i % 20);
    }
    auto history = history_of(config, log, d("2026-11-22"));
    history.record_person_away(0, {d("2026-11-15"), -1, d("2026-12-09")});
    std::vector<SuggestFilter> filters(5);
    filters[1].person = 0;
    filters[2].person = 1;
    filters[3].channel = config.find_channel("call");
    filters[4].channel = config.find_channel("note");
    for (auto& filter : filters) {
        auto slow = plan_day_by_day(config, history, 40, filter);
        std::size_t planned = 0;
        for (auto& day : slow)
            planned += day.items.size();
        CHECK(planned > 20);
        auto expected = render_plan(config, slow, d("2026-11-22"), Format::json, Style{});
        for (std::size_t threads : {1, 2})
            CHECK(render_plan(config, plan(config, history, 40, filter, threads), d("2026-11-22"),
                              Format::json, Style{}) == expected);
    }
}

TEST_CASE("due reads a large clients file in two halves and ranks as on one thread") {
    // Past suggest_parallel_clients each half of the clients is read and
    // ranked on a thread of its own, and the two ranked lists merged.
    REQUIRE(plan_parallel_clients + 200 >= 2 * suggest_parallel_clients);
    LargeTeam team;
    const auto& config = team.config;
    const auto& history = team.history;
    auto said = [&](const std::vector<Suggestion>& rows) {
        std::string out;
        for (auto& s : rows) {
            out += fmt::format(
                "{} {} {} {} {} {}:", config.clients[static_cast<std::size_t>(s.client())].id,
                s.channel(), s.time_bound, s.urgency, s.overdue, static_cast<int>(s.primary.kind));
            for (auto& ob : s.also)
                out += fmt::format(" {}/{}", ob.channel, static_cast<int>(ob.kind));
            out += "\n";
        }
        return out;
    };
    for (auto& filter : large_team_filters(config)) {
        auto one = suggest(config, history, filter, 1);
        auto two = suggest(config, history, filter, 2);
        if (filter.person)
            CHECK(one.empty()); // pat is away today
        else
            CHECK(one.size() > 100);
        CHECK(said(two) == said(one));
        CHECK(render_due(config, {d("2026-11-22"), apply_capacity(config, two)}, Format::json,
                         Style{}) == render_due(config,
                                                {d("2026-11-22"), apply_capacity(config, one)},
                                                Format::json, Style{}));
        // What due shows, capped straight from the halves' rows.
        CHECK(render_due(config, {d("2026-11-22"), suggest_capped(config, history, filter, 2)},
                         Format::json, Style{}) ==
              render_due(config, {d("2026-11-22"), apply_capacity(config, one)}, Format::json,
                         Style{}));
    }
}
