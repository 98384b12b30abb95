#include "support.hpp"

#include "touch/config/config.hpp"
#include "touch/core/diagnostic.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/history.hpp"
#include "touch/engine/name_index.hpp"
#include "touch/engine/obligations.hpp"
#include "touch/engine/people.hpp"
#include "touch/engine/suggest.hpp"
#include "touch/log/log.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

using namespace touch;

namespace {

// "client channel overdue" per row; merged rows list "+channel".
std::string rows_text(const Config& config, const std::vector<Suggestion>& rows) {
    std::string out;
    for (auto& s : rows) {
        if (!out.empty()) out += ", ";
        out += config.clients[static_cast<std::size_t>(s.client())].id + " " +
               config.channel_name(s.channel()) + " " + std::to_string(s.overdue);
        for (auto& ob : s.also)
            out += " +" + config.channel_name(ob.channel);
    }
    return out;
}

// suggest_capped, which `due` shows, is apply_capacity(suggest(...)) made
// without the uncapped rows: the same rows, in the same order, and the same
// hidden counts.
bool same_capped(const Config& config, const Capped& a, const Capped& b) {
    return rows_text(config, a.shown) == rows_text(config, b.shown) && a.hidden == b.hidden;
}

// "client channel overdue" per row, most urgent first; merged rows list "+channel".
std::string due(const Config& config, std::string_view log, const char* today,
                const SuggestFilter& filter = {}) {
    auto history = history_of(config, log, d(today));
    return rows_text(config, suggest(config, history, filter));
}

const char* one_client = R"(
[channels]
visit = { covers = ["call"] }
[[clients]]
id = "a"
cadence = { call = "2w" }
)";

} // namespace

TEST_CASE("a client never touched is owed a first contact today") {
    auto c = config_of(one_client);
    CHECK(due(c, "", "2026-11-22") == "a call 0");
    auto h = history_of(c, "", d("2026-11-22"));
    auto s = suggest(c, h);
    CHECK(s[0].urgency == doctest::Approx(1.0));
}

TEST_CASE("since: due one cadence after it") {
    auto c = config_of(R"(
[[clients]]
id = "a"
since = 2026-11-01
cadence = { call = "2w" }
)");
    CHECK(due(c, "", "2026-11-14") == "");
    CHECK(due(c, "", "2026-11-15") == "a call 0");
    CHECK(due(c, "", "2026-11-22") == "a call 7");
}

TEST_CASE("last + cadence, overdue and urgency") {
    auto c = config_of(one_client);
    const char* log = "2026-11-01 a call\n2026-10-01 a call\n";
    CHECK(due(c, log, "2026-11-14") == "");
    CHECK(due(c, log, "2026-11-15") == "a call 0");
    CHECK(due(c, log, "2026-11-22") == "a call 7");
    auto s = suggest(c, history_of(c, log, d("2026-11-22")));
    CHECK(s[0].urgency == doctest::Approx(21.0 / 14.0));
    CHECK(s[0].primary.last == d("2026-11-01"));
}

TEST_CASE("a covering channel satisfies the covered one") {
    auto c = config_of(one_client);
    CHECK(due(c, "2026-11-10 a visit\n", "2026-11-22") == "");
    CHECK(due(c, "2026-11-01 a visit\n", "2026-11-22") == "a call 7");
}

TEST_CASE("the covering suggestion is shown once, with what it also counts as") {
    auto c = config_of(R"(
[channels]
visit = { covers = ["call"] }
[[clients]]
id = "a"
cadence = { call = "2w", visit = "3mo" }
)");
    CHECK(due(c, "2026-11-01 a call\n2026-06-01 a visit\n", "2026-11-22") == "a visit 82 +call");
}

TEST_CASE("any: preferred channel, avoid, default_channel") {
    auto c = config_of(R"(
[settings]
default_channel = "note"
[cadence]
any = "3w"
[[clients]]
id = "a"
prefers = ["visit"]
[[clients]]
id = "b"
[[clients]]
id = "c"
prefers = ["email"]
[[clients]]
id = "d"
avoid = ["note"]
)");
    // a: email is not personal, so `any` is still owed, by visit; c prefers
    // email, so email keeps it; b and d had a personal call.
    CHECK(due(c, "2026-11-10 a email\n2026-11-10 b call\n2026-11-10 c email\n2026-11-10 d call\n",
              "2026-11-22") == "a visit 12");
    // b states no preference: default_channel; d avoids it: the first channel left.
    // Never touched, both are new contacts, due today (a's and c's lines
    // say nothing of when they began).
    CHECK(due(c, "2026-11-10 a visit\n2026-11-10 c email\n", "2026-11-22") ==
          "b note 0, d visit 0");
    CHECK(due(c, "2026-11-10 a visit\n2026-11-10 b email\n2026-11-10 c email\n", "2026-11-22") ==
          "b note 12, d visit 0");
}

TEST_CASE("any is kept by a personal touch on any channel") {
    auto c = config_of("[cadence]\nany = \"3w\"\n[[clients]]\nid = \"a\"\nprefers = [\"visit\"]\n");
    CHECK(due(c, "2026-11-20 a call\n", "2026-11-22") == "");
    // Owed since the log's first line, two days ago.
    CHECK(due(c, "2026-11-20 a text\n", "2026-11-22") == "a visit 2");
}

TEST_CASE("avoided channels have no cadence") {
    auto c = config_of("[cadence]\ncall = \"1w\"\n[[clients]]\nid = \"a\"\navoid = [\"call\"]\n");
    CHECK(due(c, "", "2026-11-22") == "");
}

TEST_CASE("paused clients get no suggestions before paused_until") {
    auto c =
        config_of("[cadence]\ncall = \"1w\"\n[[clients]]\nid = \"a\"\npaused_until = 2026-12-01\n");
    CHECK(due(c, "2026-10-01 a call\n", "2026-11-30") == "");
    CHECK(due(c, "2026-10-01 a call\n", "2026-12-01") == "a call 0");
}

TEST_CASE("snoozes push the whole client or one channel") {
    auto c = config_of("[cadence]\ncall = \"1w\"\nnote = \"1w\"\n[[clients]]\nid = \"a\"\n");
    const char* base = "2026-10-01 a call\n2026-10-01 a note\n";
    CHECK(due(c, base, "2026-11-22") == "a call 45, a note 45");
    std::string whole = std::string(base) + "2026-11-20 a snooze 1w\n";
    CHECK(due(c, whole, "2026-11-26") == "");
    CHECK(due(c, whole, "2026-11-27") == "a call 0, a note 0");
    std::string one = std::string(base) + "2026-11-20 a snooze:call 2026-12-01 away\n";
    CHECK(due(c, one, "2026-11-22") == "a note 45");
    CHECK(due(c, one, "2026-12-01") == "a note 54, a call 0");
    // The newest snooze wins, so a later, shorter one ends a long one.
    std::string shortened = whole + "2026-11-21 a snooze 2026-11-22\n";
    CHECK(due(c, shortened, "2026-11-22") == "a call 0, a note 0");
}

TEST_CASE("rules: from the next day, by the deadline, satisfied on or after the trigger") {
    auto c = config_of(R"(
[cadence]
visit = "1y"
[[rules]]
after = "visit"
then = "note"
within = "3d"
reason = "thank-you note"
[[clients]]
id = "a"
)");
    const char* log = "2026-11-19 a visit\n";
    CHECK(due(c, log, "2026-11-19") == "");
    CHECK(due(c, log, "2026-11-20") == "a note 0");
    auto s = suggest(c, history_of(c, log, d("2026-11-22")));
    REQUIRE(s.size() == 1);
    CHECK(s[0].primary.kind == ObligationKind::rule);
    CHECK(s[0].primary.deadline == d("2026-11-22"));
    CHECK(due(c, "2026-11-19 a visit\n2026-11-19 a note\n", "2026-11-22") == "");
    CHECK(due(c, "2026-11-19 a visit\n2026-11-18 a note\n", "2026-11-22") == "a note 2");
    // dropped 30 days after the deadline
    CHECK(due(c, log, "2026-12-22") == "a note 32");
    CHECK(due(c, log, "2026-12-23") == "");
}

TEST_CASE("rule suggestions rank above cadence suggestions") {
    auto c = config_of(R"(
[cadence]
call = "1w"
[[rules]]
after = "visit"
then = "note"
within = "5d"
[[clients]]
id = "a"
[[clients]]
id = "b"
)");
    CHECK(due(c, "2026-11-21 b visit\n2026-11-21 b call\n2026-01-01 a call\n", "2026-11-22") ==
          "b note 0, a call 318");
}

TEST_CASE("a rule is triggered by its own channel only") {
    auto c = config_of(R"(
[channels]
lunch = { covers = ["visit"], personal = true }
[[rules]]
after = "visit"
then = "note"
[[clients]]
id = "a"
)");
    CHECK(due(c, "2026-11-20 a lunch\n", "2026-11-22") == "");
}

TEST_CASE("birthdays: from the lead until the day, satisfied inside the window") {
    auto c = config_of(R"(
[settings]
birthday = { channel = "note", lead = "7d" }
[[clients]]
id = "a"
birthday = "12-01"
)");
    CHECK(due(c, "", "2026-11-23") == "");
    CHECK(due(c, "", "2026-11-24") == "a note 0");
    CHECK(due(c, "", "2026-12-01") == "a note 7");
    CHECK(due(c, "", "2026-12-02") == "");
    CHECK(due(c, "2026-11-25 a note\n", "2026-11-28") == "");
    CHECK(due(c, "2026-11-20 a note\n", "2026-11-28") == "a note 4");
}

TEST_CASE("a 29 February birthday falls on the 28th in other years") {
    auto c = config_of("[settings]\nbirthday = { lead = \"1d\" }\n[[clients]]\nid = "
                       "\"a\"\nbirthday = \"1988-02-29\"\n");
    // 2027-02-28 is a Sunday: the note comes on Friday the 26th.
    CHECK(due(c, "", "2027-02-26") == "a note 0");
    CHECK(due(c, "", "2027-02-25") == "");
    CHECK(due(c, "", "2028-02-28") == "a note 0");
}

TEST_CASE("filters by channel, tag and city") {
    auto c = config_of(R"(
[channels]
visit = { covers = ["call"] }
[cadence]
call = "1w"
visit = "1w"
[[clients]]
id = "a"
tags = ["web"]
city = "Brooklyn"
[[clients]]
id = "b"
)");
    CHECK(due(c, "", "2026-11-22") == "a visit 0 +call, b visit 0 +call");
    CHECK(due(c, "", "2026-11-22", {*c.find_channel("call"), "", "", {}}) == "a call 0, b call 0");
    CHECK(due(c, "", "2026-11-22", {std::nullopt, "WEB", "", {}}) == "a visit 0 +call");
    CHECK(due(c, "", "2026-11-22", {std::nullopt, "", "brooklyn", {}}) == "a visit 0 +call");
}

TEST_CASE("rows sort by urgency, then overdue, then client id") {
    auto c = config_of(R"(
[[clients]]
id = "b"
cadence = { call = "10d" }
[[clients]]
id = "a"
cadence = { call = "10d" }
[[clients]]
id = "c"
cadence = { call = "20d" }
)");
    // b and a: 15 of 10 days (1.5); c: 25 of 20 days (1.25) but more overdue.
    CHECK(due(c, "2026-11-07 a call\n2026-11-07 b call\n2026-10-28 c call\n", "2026-11-22") ==
          "a call 5, b call 5, c call 5");
    CHECK(due(c, "2026-11-07 a call\n2026-11-07 b call\n2026-10-20 c call\n", "2026-11-22") ==
          "c call 13, a call 5, b call 5");
}

TEST_CASE("ranks_before: time-bound, then urgency and overdue days, then client and channel") {
    auto c = config_of(R"(
[[clients]]
id = "a"
[[clients]]
id = "b"
)");
    auto row = [](int client, bool time_bound, double urgency, int overdue, ChannelId ch = 1) {
        Suggestion s;
        s.primary.client = client;
        s.primary.channel = ch;
        s.time_bound = time_bound;
        s.urgency = urgency;
        s.overdue = overdue;
        return s;
    };
    auto before = [&](const Suggestion& x, const Suggestion& y) {
        return ranks_before(c, x, y) && !ranks_before(c, y, x);
    };
    CHECK(before(row(1, true, 0.1, 0), row(0, false, 9.0, 90)));
    // Urgencies a last bit apart, of either sign, and around zero.
    CHECK(before(row(1, false, std::nextafter(1.0, 2.0), 0), row(0, false, 1.0, 0)));
    CHECK(before(row(1, false, -0.5, 0), row(0, false, std::nextafter(-0.5, -1.0), 0)));
    CHECK(before(row(1, false, 0.0, 0), row(0, false, -0.25, 0)));
    CHECK(!ranks_before(c, row(0, false, -0.0, 0), row(0, false, 0.0, 0)));
    CHECK(!ranks_before(c, row(0, false, 0.0, 0), row(0, false, -0.0, 0)));
    // Overdue days, negative ones too, then the client's id, then the channel.
    CHECK(before(row(1, false, 1.0, 2), row(0, false, 1.0, -3)));
    CHECK(before(row(1, false, 1.0, -3), row(0, false, 1.0, -4)));
    CHECK(before(row(0, false, 1.0, 2, 3), row(1, false, 1.0, 2, 0)));
    CHECK(before(row(0, false, 1.0, 2, 0), row(0, false, 1.0, 2, 3)));
    CHECK(!ranks_before(c, row(0, false, 1.0, 2), row(0, false, 1.0, 2)));
}

TEST_CASE("capacity caps each channel and counts the rest") {
    auto c = config_of(R"(
[channels]
call = { per_day = 2 }
[cadence]
call = "1w"
note = "1w"
[[clients]]
id = "a"
[[clients]]
id = "b"
[[clients]]
id = "c"
)");
    auto history = history_of(c, "", d("2026-11-22"));
    auto capped = apply_capacity(c, suggest(c, history));
    CHECK(same_capped(c, capped, suggest_capped(c, history)));
    int calls = 0, notes = 0;
    for (auto& s : capped.shown)
        (c.channel_name(s.channel()) == "call" ? calls : notes)++;
    CHECK(calls == 2);
    CHECK(notes == 3);
    REQUIRE(capped.hidden.size() == 1);
    CHECK(c.channel_name(capped.hidden[0].first) == "call");
    CHECK(capped.hidden[0].second == 1);
}

TEST_CASE("lines after today and unknown clients do not count") {
    auto c = config_of(one_client);
    CHECK(due(c, "2026-12-01 a call\n", "2026-11-22") == "a call 0");
    HistoryBuilder builder(c, d("2026-11-22"));
    auto p = parse_log_line("2026-11-01 gone call");
    builder.add(p.entry);
    CHECK(builder.unknown_clients() == 1);
}

TEST_CASE("near misses of an id are counted by line and named by the first met") {
    auto c = config_of(R"(
[cadence]
call = "2w"
[[clients]]
id = "elbdruck"
[[clients]]
id = "hafen"
)");
    HistoryBuilder builder(c, d("2026-11-22"));
    for (const char* line :
         {"2026-11-01 gone call", "2026-11-02 hafn call", "2026-11-03 elbdruk call",
          "2026-11-04 hafn call", "2026-11-05 gone call"})
        builder.add(parse_log_line(line).entry);
    CHECK(builder.unknown_clients() == 5);
    CHECK(builder.near_miss_lines() == 3);
    CHECK(builder.first_near_miss() == "hafn");
    CHECK(builder.near_miss_guess() == "did you mean 'hafen'?");
    // Read in two pieces, then put together: as one builder counts.
    HistoryBuilder first(c, d("2026-11-22")), second(c, d("2026-11-22"));
    for (const char* line : {"2026-11-01 gone call", "2026-11-02 cal call"})
        first.add(parse_log_line(line).entry);
    for (const char* line :
         {"2026-11-03 elbdruk call", "2026-11-04 hafn call", "2026-11-05 elbdruk call"})
        second.add(parse_log_line(line).entry);
    first.absorb_unknown_names(second);
    CHECK(first.near_miss_lines() == 3);
    CHECK(first.first_near_miss() == "elbdruk");
    HistoryBuilder clean(c, d("2026-11-22"));
    clean.add(parse_log_line("2026-11-01 gone call").entry);
    CHECK(clean.near_miss_lines() == 0);
    CHECK(clean.first_near_miss().empty());
}

TEST_CASE("near misses among many unknown ids: guessed in two halves, named by the first met") {
    // From eight unknown ids the guesses are made on two threads: which id
    // is named must still be the near miss met first, whichever half.
    auto c = config_of(R"(
[cadence]
call = "2w"
[[clients]]
id = "elbdruck"
[[clients]]
id = "hafen"
[[clients]]
id = "werft"
)");
    HistoryBuilder builder(c, d("2026-11-22"));
    std::vector<std::string> lines;
    for (int i = 0; i < 30; ++i)
        lines.push_back(fmt::format("2026-10-{:02} gone{} call", 1 + i % 28, i));
    lines.push_back("2026-11-03 werfft call");
    lines.push_back("2026-11-04 hafn call");
    lines.push_back("2026-11-05 elbdruk call");
    lines.push_back("2026-11-06 hafn call");
    for (auto& line : lines)
        builder.add(parse_log_line(line).entry);
    CHECK(builder.unknown_clients() == 34);
    CHECK(builder.near_miss_lines() == 4);
    CHECK(builder.first_near_miss() == "werfft");
    CHECK(builder.near_miss_guess() == "did you mean 'werft'?");
}

TEST_CASE("a guesser among many names answers as closest_match does") {
    std::vector<std::string> names{"c00011", "c00012", "acme", "elbdruck", "hafen"};
    NameGuesser guesser(names);
    for (const char* word : {"c0001", "c00013", "gone11", "acne", "elbdruk", "hafn", "zzz", ""})
        CHECK(guesser.did_you_mean(word) == did_you_mean(word, names));
    CHECK(guesser.did_you_mean("elbdruk") == "did you mean 'elbdruck'?");
}

TEST_CASE("merging histories equals one pass") {
    auto c = config_of(R"(
[cadence]
call = "2w"
[[rules]]
after = "visit"
then = "note"
[[clients]]
id = "a"
[[clients]]
id = "b"
)");
    const char* first = "2026-11-01 a call\n2026-11-20 a visit\n2026-11-10 b snooze 3w\n";
    const char* second = "2026-10-01 a call\n2026-11-21 a visit\n2026-11-02 b call\n";
    auto today = d("2026-11-22");
    auto merged = history_of(c, first, today);
    merged.merge(history_of(c, second, today));
    auto whole = history_of(c, std::string(first) + second, today);
    auto render = [&](const History& h) {
        std::string out;
        for (auto& s : suggest(c, h))
            out += c.clients[static_cast<std::size_t>(s.client())].id +
                   c.channel_name(s.channel()) + std::to_string(s.overdue) + ";";
        return out;
    };
    CHECK(render(merged) == render(whole));
    CHECK(render(whole) == "anote1;acall7;");
}

namespace {

// "client channel" per shown row after capacity; merged rows list "+channel".
std::string shown_rows(const Config& config, const Capped& capped) {
    return rows_text(config, capped.shown);
}

const char* visit_and_call = R"(
[channels]
visit = { covers = ["call"], per_day = 1 }
call = { per_day = 4 }
[cadence]
call = "2w"
visit = "6mo"
[[clients]]
id = "a"
[[clients]]
id = "b"
)";

} // namespace

TEST_CASE("a covered suggestion stays when its covering channel is over its per_day") {
    auto c = config_of(visit_and_call);
    // a: visit long overdue; b: call 4 days overdue and a visit due today.
    const char* log = "2026-03-01 a visit\n2026-11-04 a call\n2026-11-04 b call\n"
                      "2026-05-22 b visit\n";
    auto history = history_of(c, log, d("2026-11-22"));
    // Without the cap b's visit settles b's call too.
    CHECK(due(c, log, "2026-11-22") == "a visit 82 +call, b visit 4 +call");
    auto capped = apply_capacity(c, suggest(c, history));
    CHECK(same_capped(c, capped, suggest_capped(c, history)));
    // The one visit goes to a; b's call is still shown, on its own row.
    CHECK(shown_rows(c, capped) == "a visit 82 +call, b call 4");
    REQUIRE(capped.hidden.size() == 1);
    CHECK(c.channel_name(capped.hidden[0].first) == "visit");
    CHECK(capped.hidden[0].second == 1);
}

TEST_CASE("a combined row shows the most overdue of what it settles") {
    auto c = config_of(visit_and_call);
    // b's call is 11 days overdue; its visit (every 6mo) falls due today.
    auto history = history_of(c, "2026-05-22 b visit\n2026-10-28 b call\n2026-11-20 a visit\n",
                              d("2026-11-22"));
    auto rows = suggest(c, history);
    REQUIRE(rows.size() == 1);
    CHECK(c.channel_name(rows[0].channel()) == "visit");
    CHECK(rows[0].overdue == 11);
    CHECK(c.channel_name(rows[0].most_overdue().channel) == "call");
    CHECK(rows[0].most_overdue().due == d("2026-11-11"));
    // Under capacity the same row is shown, and it still reads 11 days overdue.
    auto capped = apply_capacity(c, rows);
    CHECK(shown_rows(c, capped) == "b visit 11 +call");
    CHECK(capped.shown[0].most_overdue().due == d("2026-11-11"));
}

TEST_CASE("a covered row folds into its coverer's shown row, not past the cap") {
    auto c = config_of(R"(
[channels]
visit = { covers = ["call"], per_day = 2 }
call = { per_day = 1 }
[cadence]
call = "1w"
visit = "1mo"
[[clients]]
id = "a"
cadence = { visit = "off" }
[[clients]]
id = "b"
cadence = { visit = "off" }
[[clients]]
id = "c"
)");
    // Calls: a is most overdue, then b, then c; only c also owes a visit.
    const char* log = "2026-10-01 a call\n2026-10-10 b call\n2026-10-20 c call\n"
                      "2026-10-15 c visit\n";
    auto h = history_of(c, log, d("2026-11-22"));
    // c's call rides on c's visit, so it does not take the one call a day.
    auto capped = apply_capacity(c, suggest(c, h));
    CHECK(same_capped(c, capped, suggest_capped(c, h)));
    CHECK(shown_rows(c, capped) == "a call 45, c visit 26 +call");
    REQUIRE(capped.hidden.size() == 1);
    CHECK(c.channel_name(capped.hidden[0].first) == "call");
    CHECK(capped.hidden[0].second == 1);
}

TEST_CASE("a touch never made is owed from the day the client's own record begins") {
    auto c = config_of(R"(
[cadence]
call = "2w"
visit = "3mo"
[[clients]]
id = "a"
[[clients]]
id = "b"
)");
    // b's record begins 2026-10-01: its first visit was owed then. a has no
    // line at all: b's lines say nothing of when a began.
    const char* log = "2026-11-20 b call\n2026-10-01 b call\n";
    auto h = history_of(c, log, d("2026-11-22"));
    CHECK(h.log_start() == d("2026-10-01"));
    CHECK(h.record_start(1) == d("2026-10-01"));
    CHECK_FALSE(h.record_start(0));
    auto b = client_obligations(c, h, 1);
    auto visit = std::find_if(b.begin(), b.end(), [&](const Obligation& ob) {
        return ob.kind == ObligationKind::cadence && ob.cadence_channel == *c.find_channel("visit");
    });
    REQUIRE(visit != b.end());
    CHECK(visit->owed_from_record_start);
    CHECK_FALSE(visit->last_is_since);
    CHECK_FALSE(visit->last);
    CHECK(visit->natural_due == d("2026-10-01"));
    // It climbs: one interval at the start, more every day after.
    CHECK(visit->urgency(d("2026-11-22")) > visit->urgency(d("2026-11-21")));
    // a, a new contact, is due today and no more.
    CHECK(due(c, log, "2026-11-22") == "b visit 52, a visit 0, a call 0");
    // A line of a client the file no longer knows changes nobody's figures.
    CHECK(due(c, std::string("2026-09-01 gone call\n") + log, "2026-11-22") ==
          "b visit 52, a visit 0, a call 0");
}

TEST_CASE("an empty log: since says when a relationship began, else a new contact is due") {
    auto c = config_of(R"(
[cadence]
call = "2w"
[[clients]]
id = "a"
[[clients]]
id = "b"
since = 2026-11-01
)");
    auto h = history_of(c, "", d("2026-11-22"));
    CHECK(h.log_start() == d("2026-11-22"));
    auto s = suggest(c, h);
    REQUIRE(s.size() == 2);
    CHECK(c.clients[static_cast<std::size_t>(s[0].client())].id == "b");
    CHECK(s[0].overdue == 7);
    CHECK(s[0].primary.last_is_since);
    CHECK_FALSE(s[0].primary.owed_from_record_start);
    CHECK(s[1].overdue == 0);
    CHECK(s[1].primary.new_contact);
}

TEST_CASE("merging histories keeps the earliest day of the log") {
    auto c = config_of(one_client);
    auto today = d("2026-11-22");
    auto merged = history_of(c, "2026-11-01 a visit\n", today);
    merged.merge(history_of(c, "2026-10-15 gone call\n2026-12-01 a call\n", today));
    CHECK(merged.log_start() == d("2026-10-15"));
    // A line after today does not move it.
    CHECK(history_of(c, "2026-12-01 a call\n", today).log_start() == today);
}

TEST_CASE("plan: a first contact that waits keeps growing overdue from the day it is asked for") {
    auto c = config_of(R"(
[channels]
call = { per_day = 1 }
[cadence]
call = "1mo"
[[clients]]
id = "a"
[[clients]]
id = "b"
)");
    auto days = plan(c, history_of(c, "", d("2026-11-23")), 2);
    REQUIRE(days.size() == 2);
    REQUIRE(days[1].items.size() == 1);
    CHECK(days[1].items[0].overdue == 1);
}

TEST_CASE("a client who avoids the birthday channel is greeted on the day itself") {
    auto c = config_of(R"(
[settings]
birthday = { channel = "note", lead = "7d" }
[[clients]]
id = "a"
prefers = ["call"]
avoid = ["note"]
birthday = "12-01"
)");
    // No call a note's lead early: only on the day.
    CHECK(due(c, "", "2026-11-24") == "");
    CHECK(due(c, "", "2026-11-30") == "");
    CHECK(due(c, "", "2026-12-01") == "a call 0");
    CHECK(due(c, "", "2026-12-02") == "");
    auto s = suggest(c, history_of(c, "", d("2026-12-01")));
    REQUIRE(s.size() == 1);
    CHECK(s[0].primary.kind == ObligationKind::birthday);
    CHECK(s[0].primary.deadline == d("2026-12-01"));
    CHECK(s[0].urgency == doctest::Approx(1.0));
    // A call that day greets them; one the day before does not.
    CHECK(due(c, "2026-12-01 a call\n", "2026-12-01") == "");
    CHECK(due(c, "2026-11-30 a call\n", "2026-12-01") == "a call 0");
}

TEST_CASE("with a year of birth a birthday says the age it turns") {
    auto c = config_of(R"(
[[clients]]
id = "a"
birthday = "1976-12-01"
[[clients]]
id = "b"
birthday = "12-01"
)");
    auto s = suggest(c, history_of(c, "", d("2026-11-28")));
    REQUIRE(s.size() == 2);
    CHECK(s[0].primary.turns == 50);
    CHECK_FALSE(s[1].primary.turns);
    // Greeted this year: the obligation is next year's, a year older.
    auto next = client_obligations(c, history_of(c, "2026-11-28 a note\n", d("2026-11-29")), 0);
    REQUIRE(next.size() == 1);
    CHECK(next[0].deadline == d("2027-12-01"));
    CHECK(next[0].turns == 51);
}

TEST_CASE("settings.per_day caps all channels together") {
    auto c = config_of(R"(
[cadence]
call = "1w"
note = "1w"
[[clients]]
id = "a"
[[clients]]
id = "b"
)");
    c.settings.per_day = 3;
    const char* log =
        "2026-10-01 a call\n2026-10-01 a note\n2026-11-01 b call\n2026-11-01 b note\n";
    auto capped = apply_capacity(c, suggest(c, history_of(c, log, d("2026-11-22"))));
    CHECK(same_capped(c, capped, suggest_capped(c, history_of(c, log, d("2026-11-22")))));
    CHECK(shown_rows(c, capped) == "a call 45, a note 45, b call 14");
    REQUIRE(capped.hidden.size() == 1);
    CHECK(c.channel_name(capped.hidden[0].first) == "note");
    CHECK(capped.hidden[0].second == 1);
}

TEST_CASE("a covered row folded into a shown one takes no place under settings.per_day") {
    auto c = config_of(R"(
[channels]
visit = { covers = ["call"] }
[cadence]
call = "1w"
visit = "1mo"
[[clients]]
id = "a"
[[clients]]
id = "b"
cadence = { visit = "off" }
)");
    c.settings.per_day = 2;
    // Ranked apart: a's call, a's visit, b's call. a's visit settles a's call,
    // which leaves room for b's.
    const char* log = "2026-10-01 a call\n2026-06-01 a visit\n2026-10-20 b call\n";
    auto capped = apply_capacity(c, suggest(c, history_of(c, log, d("2026-11-22"))));
    CHECK(same_capped(c, capped, suggest_capped(c, history_of(c, log, d("2026-11-22")))));
    CHECK(shown_rows(c, capped) == "a visit 144 +call, b call 26");
    CHECK(capped.hidden.empty());
}

namespace {

// "date: client channel(+covered), …" per planned day.
std::string planned(const Config& config, const std::vector<PlannedDay>& days) {
    std::string out;
    for (auto& day : days) {
        date::year_month_day ymd{day.date};
        out += std::to_string(static_cast<unsigned>(ymd.day())) + ":";
        for (auto& s : day.items) {
            out += " " + config.clients[static_cast<std::size_t>(s.client())].id + " " +
                   config.channel_name(s.channel());
            for (auto& ob : s.also)
                if (ob.channel != s.channel()) out += "+" + config.channel_name(ob.channel);
        }
        out += ";";
    }
    return out;
}

} // namespace

TEST_CASE("plan books one touch per client a day; the less urgent rolls over") {
    auto c = config_of(R"(
[channels]
lunch = { personal = true }
[cadence]
visit = "1mo"
lunch = "1mo"
[[clients]]
id = "a"
)");
    // 2026-11-23 is a Monday.
    auto days =
        plan(c, history_of(c, "2026-09-01 a visit\n2026-10-01 a lunch\n", d("2026-11-23")), 2);
    CHECK(planned(c, days) == "23: a visit;24: a lunch;");
}

TEST_CASE("plan: when one touch covers the other, one row settles both") {
    auto c = config_of(R"(
[channels]
visit = { covers = ["call"] }
[cadence]
call = "1w"
visit = "1mo"
[[clients]]
id = "a"
[[clients]]
id = "b"
)");
    // a's call is the most urgent, and a's visit, also due, settles it too.
    const char* log =
        "2026-10-01 a call\n2026-10-20 a visit\n2026-10-10 b visit\n2026-11-20 b call\n";
    auto days = plan(c, history_of(c, log, d("2026-11-23")), 2);
    CHECK(planned(c, days) == "23: a visit+call b visit;24:;");
}

TEST_CASE("plan keeps settings.per_day and skips days that are not workdays") {
    auto c = config_of(R"(
[settings]
workdays = ["mon", "wed"]
[cadence]
call = "1mo"
[[clients]]
id = "a"
[[clients]]
id = "b"
[[clients]]
id = "c"
)");
    c.settings.per_day = 2;
    const char* log = "2026-10-01 a call\n2026-10-02 b call\n2026-10-03 c call\n";
    auto days = plan(c, history_of(c, log, d("2026-11-23")), 3);
    CHECK(planned(c, days) == "23: a call b call;25: c call;");
}

namespace {

const char* team_of_two = R"(
[people.pat]
[people.sam]
[cadence]
call = "2w"
[[clients]]
id = "acme"
team = ["pat"]
[[clients]]
id = "bolt"
team = ["sam"]
[[clients]]
id = "cedar"
[[clients]]
id = "dune"
team = ["sam", "pat"]
)";

} // namespace

TEST_CASE("a person's view: their clients and the unassigned ones") {
    auto c = config_of(team_of_two);
    auto pat = find_person(c, "pat");
    auto sam = find_person(c, "sam");
    REQUIRE(pat == 0);
    REQUIRE(sam == 1);
    CHECK_FALSE(find_person(c, "lee"));
    CHECK(shown_to(c.clients[0], pat));
    CHECK_FALSE(shown_to(c.clients[1], pat));
    CHECK(shown_to(c.clients[2], pat)); // no team: everyone's
    CHECK(shown_to(c.clients[3], pat)); // one of two
    CHECK(shown_to(c.clients[3], sam));
    for (auto& client : c.clients)
        CHECK(shown_to(client, std::nullopt));
}

TEST_CASE("a follow-up is its maker's, and cover while they are away") {
    Client no_team, ole_only, both;
    ole_only.team = {2};
    both.team = {0, 2};
    std::vector<char> here(3, 0), lena_away{1, 0, 0}, all_away{1, 1, 1};
    auto lena = person_bit(0);
    // Lena's, whatever the client's team; everyone's view sees it.
    for (const auto* client : {&no_team, &ole_only, &both}) {
        CHECK(follow_up_in_view(*client, lena, 0, here).shown);
        CHECK_FALSE(follow_up_in_view(*client, lena, 1, here).shown);
        CHECK_FALSE(follow_up_in_view(*client, lena, 2, here).shown);
        CHECK(follow_up_in_view(*client, lena, std::nullopt, here).cover_for == -1);
    }
    CHECK(follow_up_in_view(both, lena | person_bit(2), 2, here).shown); // made by two
    // Lena away: the rest of the client's team, else everyone, as cover.
    CHECK_FALSE(follow_up_in_view(ole_only, lena, 0, lena_away).shown);
    CHECK_FALSE(follow_up_in_view(ole_only, lena, 1, lena_away).shown);
    auto ole = follow_up_in_view(ole_only, lena, 2, lena_away);
    CHECK(ole.shown);
    CHECK(ole.cover_for == 0);
    CHECK(follow_up_in_view(no_team, lena, 1, lena_away).shown);
    CHECK(follow_up_in_view(no_team, lena, std::nullopt, lena_away).cover_for == 0);
    CHECK_FALSE(follow_up_in_view(no_team, lena, 1, all_away).shown);
}

TEST_CASE("choose_view: --for, --everyone, the runner, and no [people]") {
    auto c = config_of(team_of_two);
    CHECK(choose_view(c, {"sam", false, "pat"}).person == 1);
    CHECK(choose_view(c, {"", false, "pat"}).person == 0);
    auto all = choose_view(c, {"", true, "pat"});
    CHECK_FALSE(all.person);
    CHECK(all.problem == View::Problem::none);
    auto unknown = choose_view(c, {"paat", false, "pat"});
    CHECK(unknown.problem == View::Problem::unknown_person);
    auto stranger = choose_view(c, {"", false, "lee"});
    CHECK_FALSE(stranger.person);
    CHECK(stranger.problem == View::Problem::runner_not_listed);
    CHECK(choose_view(c, {"", false, std::nullopt}).problem == View::Problem::runner_not_listed);
    // Without [people] everything is one person's, whoever runs it.
    auto alone = config_of("[[clients]]\nid = \"acme\"\n");
    auto view = choose_view(alone, {"", false, "lee"});
    CHECK_FALSE(view.person);
    CHECK(view.problem == View::Problem::none);
    CHECK(choose_view(alone, {"pat", false, "lee"}).problem == View::Problem::unknown_person);
}

TEST_CASE("suggest, capacity and plan see only the person's clients") {
    auto c = config_of(team_of_two);
    const char* log = "2026-11-01 acme call\n2026-11-01 bolt call\n2026-11-01 cedar call\n"
                      "2026-11-01 dune call\n";
    SuggestFilter pat;
    pat.person = 0;
    SuggestFilter sam;
    sam.person = 1;
    CHECK(due(c, log, "2026-11-20", pat) == "acme call 5, cedar call 5, dune call 5");
    CHECK(due(c, log, "2026-11-20", sam) == "bolt call 5, cedar call 5, dune call 5");
    CHECK(due(c, log, "2026-11-20").size() > due(c, log, "2026-11-20", pat).size());
    // per_day is one person's day: each view is capped on its own.
    c.settings.per_day = 1;
    auto history = history_of(c, log, d("2026-11-20"));
    auto capped = apply_capacity(c, suggest(c, history, sam));
    CHECK(same_capped(c, capped, suggest_capped(c, history, sam)));
    CHECK(rows_text(c, capped.shown) == "bolt call 5");
    auto days = plan(c, history, 4, sam);
    CHECK(planned(c, days) == "20: bolt call;23: cedar call;");
}

TEST_CASE("the id index finds every name it holds, of any length, and nothing else") {
    NameIndex index;
    std::vector<std::string> names;
    // Lengths 1 to 20 (the word-at-a-time comparison's every case), names
    // that share all but their last byte, and enough of them to grow the
    // table several times over.
    for (int i = 0; i < 3000; ++i) {
        auto n = static_cast<std::size_t>(1 + i % 20);
        std::string name(n, 'a');
        name.back() = static_cast<char>('a' + i / 20 % 26);
        name.front() = static_cast<char>('a' + i / 520 % 26);
        name += std::to_string(i / 20);
        names.push_back(name);
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        index.add(names[i], static_cast<int>(i));
    for (std::size_t i = 0; i < names.size(); ++i)
        CHECK(index.find(names[i]) == static_cast<int>(i));
    CHECK(index.find("") == -1);
    CHECK(index.find("zzzzzzzzzzzzzzzzzzzzzzz") == -1);
    CHECK(index.find(names[5] + "x") == -1);
    CHECK(index.find(names[5].substr(0, names[5].size() - 1)) == -1);
    // A name added again takes its new value; the index does not grow.
    index.add(names[7], 42);
    CHECK(index.find(names[7]) == 42);
    // The names are copied: the caller's strings may go.
    NameIndex copied;
    {
        std::string gone = "temporary-client";
        copied.add(gone, 1);
    }
    CHECK(copied.find("temporary-client") == 1);
}

TEST_CASE("the id index tells apart short names that differ in any one byte") {
    // Up to eight bytes a name is its slot's key: every byte must count.
    NameIndex index;
    std::vector<std::string> names;
    const std::string letters = "ab.";
    for (std::size_t n = 1; n <= 9; ++n)
        for (std::size_t at = 0; at < n; ++at)
            for (char c : letters) {
                std::string name(n, 'a');
                name[at] = c;
                if (std::find(names.begin(), names.end(), name) == names.end())
                    names.push_back(name);
            }
    for (std::size_t i = 0; i < names.size(); ++i)
        index.add(names[i], static_cast<int>(i));
    for (std::size_t i = 0; i < names.size(); ++i)
        CHECK(index.find(names[i]) == static_cast<int>(i));
    CHECK(index.find("aaaaaaaaaa") == -1);
    CHECK(index.find("b") ==
          static_cast<int>(std::find(names.begin(), names.end(), "b") - names.begin()));
}

TEST_CASE("the builder counts lines of known clients on channels nobody defined") {
    auto c = config_of("[[clients]]\nid = \"acme\"\n");
    HistoryBuilder builder(c, d("2026-11-22"));
    for (const char* line : {"2026-11-01 acme cal oops", "2026-11-02 acme call",
                             "2026-11-03 gone fax old client, old channel",
                             "2026-11-04 acme,gone cal one line, two clients",
                             "2026-11-05 acme promise:cal 2026-12-01 x"}) {
        auto p = parse_log_line(line);
        REQUIRE(p.kind == LineKind::entry);
        builder.add(p.entry);
    }
    // The removed client's line is history; each line counts once.
    CHECK(builder.unknown_channel_lines() == 3);
    CHECK(builder.first_unknown_channel() == "cal");
}
