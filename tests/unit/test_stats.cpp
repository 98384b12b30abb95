// Stats over a small log: touches per channel and month, personal against
// digital (and neither, for a custom channel that does not say), per client
// and per person, an identical line counted once.
#include "support.hpp"

#include "touch/engine/stats.hpp"
#include "touch/report/report.hpp"

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace touch;

namespace {

constexpr const char* clients_toml = R"toml(
[channels]
lunch = { personal = true }
zoom = { per_day = 3 }

[[clients]]
id = "acme"
[[clients]]
id = "bolt"
[[clients]]
id = "cedar"
)toml";

constexpr const char* log_text = "2026-08-30 acme call before the period\n"
                                 "2026-09-05 acme call\n"
                                 "2026-09-20 acme email\n"
                                 "2026-10-02 bolt visit\n"
                                 "2026-10-02 bolt visit\n"
                                 "2026-10-15 bolt text\n"
                                 "2026-11-03 acme,bolt lunch\n"
                                 "2026-11-10 cedar zoom\n"
                                 "2026-11-20 cedar email\n";

// (text of a line, whose file holds it): the log above, then `extra`.
using Lines = std::vector<std::pair<std::string, std::string>>;

// The one warning is the point: zoom is neither personal nor digital.
Config with_unclassified_zoom() {
    auto r = parse_config(clients_toml, "t.toml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(format_diagnostic(r.diagnostics[0]) ==
          "t.toml:4:1: warning: channel 'zoom' does not say whether it is personal contact");
    return r.config;
}

struct Counted {
    Config config = with_unclassified_zoom();
    Stats stats;
    explicit Counted(const Lines& extra = {}) {
        auto today = d("2026-11-22");
        StatsBuilder builder(config, d("2026-09-01"), d("2026-11-30"), today);
        Lines lines;
        std::istringstream in{log_text};
        for (std::string line; std::getline(in, line);)
            lines.emplace_back(line, "");
        lines.insert(lines.end(), extra.begin(), extra.end());
        for (auto& [text, person] : lines) {
            auto p = parse_log_line(text);
            REQUIRE(p.kind == LineKind::entry);
            builder.add(p.entry, person);
        }
        stats = builder.finish(history_of(config, log_text, today));
    }
    std::size_t channel(const char* id) const { return *config.find_channel(id); }
};

} // namespace

TEST_CASE("stats: the months of the period, and touches per channel in each") {
    Counted c;
    auto& s = c.stats;
    REQUIRE(s.months == std::vector<Date>{d("2026-09-01"), d("2026-10-01"), d("2026-11-01")});
    REQUIRE(s.per_month.size() == 3);
    CHECK(s.per_month[0][c.channel("call")] == 1); // the call before the period is not counted
    CHECK(s.per_month[0][c.channel("email")] == 1);
    CHECK(s.per_month[1][c.channel("visit")] == 1); // the same line twice counts once
    CHECK(s.per_month[1][c.channel("text")] == 1);
    CHECK(s.per_month[2][c.channel("lunch")] == 1); // one lunch with two clients is one touch
    CHECK(s.per_month[2][c.channel("zoom")] == 1);
    CHECK(s.per_month[2][c.channel("email")] == 1);
    CHECK(s.per_channel[c.channel("email")] == 2);
    CHECK(s.per_channel[c.channel("note")] == 0);
}

TEST_CASE("stats: personal, digital, and neither for a channel that does not say") {
    Counted c;
    auto& s = c.stats;
    CHECK(s.personal == 3); // call, visit, lunch
    CHECK(s.digital == 3);  // email, text, email
    CHECK(s.unclassified == 1);
    auto& acme = s.clients[0];
    auto& bolt = s.clients[1];
    auto& cedar = s.clients[2];
    CHECK(acme.personal == 2); // the call and the lunch
    CHECK(acme.digital == 1);
    CHECK(bolt.personal == 2); // the visit and the lunch
    CHECK(bolt.digital == 1);
    CHECK(cedar.personal == 0);
    CHECK(cedar.digital == 1);
    CHECK(cedar.unclassified == 1);
    // In the 90 days up to today, only cedar was reached only digitally (the
    // zoom call says nothing either way).
    CHECK(acme.recent_personal == 3); // the call before the period counts here
    CHECK(s.digital_only == std::vector<int>{2});
}

TEST_CASE("stats: per person, a shared line once for each person whose file holds it") {
    Counted c(Lines{{"2026-11-21 acme call from pat", "pat"},
                    {"2026-11-21 bolt email from lee", "lee"},
                    {"2026-11-21 bolt email from lee", "pat"}});
    auto& people = c.stats.people;
    REQUIRE(people.size() == 2);
    CHECK(people[0].person == "lee");
    CHECK(people[0].digital == 1);
    CHECK(people[1].person == "pat");
    CHECK(people[1].personal == 1);
    CHECK(people[1].digital == 1);
    CHECK(c.stats.digital == 4); // lee's email counts once in the totals
    CHECK(c.stats.personal == 4);
}

TEST_CASE("stats: personal and digital per month, and what was imported from where") {
    Counted c({{"2026-11-21T09:30 acme call incoming call, 2 min [call:e80187642227]", ""},
               {"2026-11-21T10:00 acme,bolt email Invoices [mail:000440796747]", ""},
               {"2026-08-01 acme email before the period [mail:0bf8ebf13867]", ""}});
    auto& s = c.stats;
    CHECK(s.personal_per_month == std::vector<int>{1, 1, 2}); // September, October, November
    CHECK(s.digital_per_month == std::vector<int>{1, 1, 2});
    CHECK(s.imported == std::map<std::string, int, std::less<>>{{"call", 1}, {"mail", 1}});
}

TEST_CASE("stats: on a terminal the months are a chart of personal and digital touches") {
    Counted c;
    auto chart = render_stats(c.config, c.stats, Format::text, Style{true, 120});
    CHECK(chart.find("\x1b[32m█\x1b[0m personal \x1b[33m░\x1b[0m digital") != std::string::npos);
    CHECK(chart.find("\x1b[32m███████████████\x1b[0m\x1b[33m███") == std::string::npos);
    CHECK(chart.find("\x1b[33m░") != std::string::npos);
    auto plain = render_stats(c.config, c.stats, Format::text, Style{false, 120});
    CHECK(plain.find("\x1b[") == std::string::npos); // no colour where colour is off
    CHECK(plain.find("█ personal ░ digital") != std::string::npos);
    CHECK(plain.find("▒") != std::string::npos); // zoom says neither
    auto piped = render_stats(c.config, c.stats, Format::text, Style{});
    CHECK(piped.find("░") == std::string::npos);
    CHECK(piped.find("###") != std::string::npos);
}

TEST_CASE("stats: a log counted in two pieces and merged counts as one pass does") {
    auto config = with_unclassified_zoom();
    auto today = d("2026-11-22");
    std::string text = std::string(log_text) +
                       "2026-11-21T09:30 acme call incoming call [call:e80187642227]\n"
                       "2026-11-21T10:00 acme,bolt email Invoices [mail:000440796747]\n"
                       "2026-09-05 acme call\n"
                       "2026-11-21T10:00 acme,bolt email Invoices [mail:000440796747]\n"
                       "2026-11-03 acme,bolt lunch\n"
                       "2026-11-21T09:30 acme call incoming call [call:e80187642227]\n";
    std::vector<Entry> entries;
    std::istringstream in{text};
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    for (const auto& line : lines) {
        auto p = parse_log_line(line);
        REQUIRE(p.kind == LineKind::entry);
        entries.push_back(p.entry);
    }
    auto history = history_of(config, text, today);
    auto json = [&](const StatsBuilder& b) {
        return render_stats(config, b.finish(history), Format::json, Style{});
    };
    StatsBuilder one(config, d("2026-09-01"), d("2026-11-30"), today);
    for (const auto& e : entries)
        one.add(e);
    // Every cut, and three pieces: lines repeated across the cut count once.
    for (std::size_t cut = 0; cut <= entries.size(); ++cut) {
        CAPTURE(cut);
        StatsBuilder first(config, d("2026-09-01"), d("2026-11-30"), today);
        StatsBuilder second(config, d("2026-09-01"), d("2026-11-30"), today);
        StatsBuilder third(config, d("2026-09-01"), d("2026-11-30"), today);
        second.keep_counted();
        third.keep_counted();
        for (std::size_t i = 0; i < entries.size(); ++i)
            (i < cut / 2 ? first : i < cut ? second : third).add(entries[i]);
        first.merge(second, false);
        first.merge(third, true);
        CHECK(json(first) == json(one));
    }
}

TEST_CASE("stats: a line outside every day stats reads counts for nothing, its copies neither") {
    auto json = [&](const Counted& c) {
        return render_stats(c.config, c.stats, Format::json, Style{});
    };
    Counted base;
    // Before the period but in the 90 days up to today: a recent touch, once.
    CHECK(base.stats.clients[0].recent_personal + base.stats.clients[0].recent_digital == 4);
    Counted more({{"2026-08-30 acme call before the period", ""},
                  {"2026-08-30 acme call before the period", "dana"},
                  {"2025-01-10 acme visit long ago", ""},
                  {"2025-01-10 acme visit long ago", "dana"},
                  {"2027-02-01 bolt visit after the period and today", "dana"}});
    CHECK(json(more) == json(base));
    CHECK(more.stats.people.empty());
}
