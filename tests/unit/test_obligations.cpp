// What is owed as real data changes: promises moved, contacts added,
// touches backfilled, follow-ups skipped, snoozes, birthdays on days off.
#include "support.hpp"

#include "touch/engine/obligations.hpp"
#include "touch/engine/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace touch {

namespace {

std::vector<const Promise*> open_promises(const Config& c, const char* log, const char* today) {
    static History h(c, d("2000-01-01")); // kept alive for the pointers
    h = history_of(c, log, d(today));
    return h.promises(0);
}

int count_kind(const Config& c, const History& h, ObligationKind kind) {
    int n = 0;
    for (auto& s : suggest(c, h)) {
        n += s.primary.kind == kind;
        for (auto& ob : s.also)
            n += ob.kind == kind;
    }
    return n;
}

} // namespace

TEST_CASE("a promise moved is kept, whatever order the lines stand in") {
    auto c = config_of("[[clients]]\nid = \"vet\"\n");
    const char* promise = "2027-01-10 vet promise:call 2027-02-10 Angebot\n";
    const char* cancel = "2027-01-10 vet promise:call cancel 2027-02-10\n";
    const char* again = "2027-01-10 vet promise:call 2027-02-12 new date\n";
    for (auto log : {std::string(promise) + cancel + again, std::string(again) + cancel + promise,
                     std::string(cancel) + again + promise}) {
        auto open = open_promises(c, log.c_str(), "2027-02-15");
        REQUIRE(open.size() == 1);
        CHECK(open[0]->due == d("2027-02-12"));
        CHECK(open[0]->what == "new date");
    }
    // An old cancel names no date: it ends all made on or before it, as before.
    auto old = std::string(promise) + "2027-01-10 vet promise:call cancel\n";
    CHECK(open_promises(c, old.c_str(), "2027-02-15").empty());
    // With times, the later line wins on the same day and same due date.
    auto timed = std::string("2027-01-10T09:00 vet promise:call 2027-02-10 Angebot\n") +
                 "2027-01-10T09:05 vet promise:call cancel 2027-02-10\n" +
                 "2027-01-10T09:10 vet promise:call 2027-02-10 Angebot again\n";
    auto open = open_promises(c, timed.c_str(), "2027-02-15");
    REQUIRE(open.size() == 1);
    CHECK(open[0]->what == "Angebot again");
}

TEST_CASE("a line for one client never changes another client's figures") {
    auto c = config_of(R"(
[cadence]
call = "2w"
visit = "6mo"
[[clients]]
id = "a"
[[clients]]
id = "b"
[[clients]]
id = "cafe"
)");
    auto today = d("2026-11-22");
    const char* log = "2026-11-01 a call\n2026-11-20 b call\n";
    auto before = history_of(c, log, today);
    auto after =
        history_of(c, std::string(log) + "2020-01-01 cafe visit from old invoices\n", today);
    for (int client : {0, 1})
        for (auto& [x, y] : {std::pair{client_obligations(c, before, client),
                                       client_obligations(c, after, client)}}) {
            REQUIRE(x.size() == y.size());
            for (std::size_t i = 0; i < x.size(); ++i)
                CHECK(x[i].natural_due == y[i].natural_due);
        }
    // a's visit, never made, is owed from a's own first line, and climbs.
    auto a = client_obligations(c, after, 0);
    auto visit = std::find_if(a.begin(), a.end(), [&](const Obligation& ob) {
        return ob.cadence_channel == *c.find_channel("visit");
    });
    REQUIRE(visit != a.end());
    CHECK(visit->owed_from_record_start);
    CHECK(visit->natural_due == d("2026-11-01"));
    CHECK(visit->urgency(today) > visit->urgency(today - Days{1}));
}

TEST_CASE("a contact with nothing logged and no since does not outrank one really overdue") {
    auto c = config_of(R"(
[cadence]
call = "2w"
[[clients]]
id = "new"
[[clients]]
id = "old"
)");
    auto h = history_of(c, "2026-08-01 old call\n", d("2026-11-22"));
    auto s = suggest(c, h);
    REQUIRE(s.size() == 2);
    CHECK(c.clients[static_cast<std::size_t>(s[0].client())].id == "old");
    CHECK(s[1].primary.new_contact);
    CHECK(s[1].overdue == 0);
    CHECK(s[1].urgency == doctest::Approx(1.0));
}

TEST_CASE("a touch backfilled after its follow-up window closed starts no follow-up") {
    auto c = config_of(R"(
[[rules]]
after = "visit"
then = "note"
within = "3d"
reason = "thank-you note"
[[clients]]
id = "a"
)");
    auto today = d("2026-11-22");
    auto late = history_of(c, "2026-11-05 a visit (logged 2026-11-22) lunch\n", today);
    CHECK(count_kind(c, late, ObligationKind::rule) == 0);
    CHECK(late.latest(0, *c.find_channel("visit")) == d("2026-11-05"));
    // Logged while the window was open, it does.
    auto in_time = history_of(c, "2026-11-05 a visit (logged 2026-11-07) lunch\n", today);
    CHECK(count_kind(c, in_time, ObligationKind::rule) == 1);
}

TEST_CASE("a skip settles a follow-up, a birthday or a promise, never a cadence") {
    auto c = config_of(R"(
[settings]
birthday = { channel = "note", lead = "7d" }
[cadence]
note = "1mo"
[[rules]]
after = "visit"
then = "note"
within = "3d"
reason = "thank-you note"
[[clients]]
id = "a"
birthday = "11-25"
)");
    auto today = d("2026-11-22");
    const char* log = "2026-11-19 a visit\n2026-11-20 a promise:note 2026-11-21 card\n";
    auto h = history_of(c, log, today);
    CHECK(count_kind(c, h, ObligationKind::rule) == 1);
    CHECK(count_kind(c, h, ObligationKind::birthday) == 1);
    CHECK(count_kind(c, h, ObligationKind::promise) == 1);
    CHECK(count_kind(c, h, ObligationKind::cadence) == 1);
    auto skipped =
        history_of(c, std::string(log) + "2026-11-22 a skip:note sent by the office\n", today);
    CHECK(count_kind(c, skipped, ObligationKind::rule) == 0);
    CHECK(count_kind(c, skipped, ObligationKind::birthday) == 0);
    CHECK(count_kind(c, skipped, ObligationKind::promise) == 0);
    CHECK(count_kind(c, skipped, ObligationKind::cadence) == 1);
    CHECK_FALSE(skipped.latest(0, *c.find_channel("note")));
}

TEST_CASE("after a snooze a row says how late it truly is, and ranks as before") {
    auto c = config_of("[cadence]\nvisit = \"3mo\"\n[[clients]]\nid = \"a\"\n");
    auto today = d("2026-11-22");
    auto h = history_of(c, "2026-05-01 a visit\n2026-11-01 * snooze 2026-11-21 away\n", today);
    auto s = suggest(c, h);
    REQUIRE(s.size() == 1);
    CHECK(s[0].primary.snoozed);
    CHECK(s[0].overdue == 1); // ranking as before
    CHECK(s[0].primary.days_late(today) == 113);
}

TEST_CASE("a birthday on a day off comes on the last workday before it") {
    auto c = config_of(R"(
[settings]
birthday = { channel = "note", lead = "7d" }
[[clients]]
id = "a"
prefers = ["call"]
avoid = ["note"]
birthday = "11-22"
)");
    // 2026-11-22 is a Sunday: the call is suggested on Friday the 20th.
    auto friday = client_obligations(c, history_of(c, "", d("2026-11-20")), 0);
    REQUIRE(friday.size() == 1);
    CHECK(friday[0].kind == ObligationKind::birthday);
    CHECK(friday[0].due == d("2026-11-20"));
    CHECK(friday[0].deadline == d("2026-11-22"));
    // A call on the Friday greets this year's birthday.
    auto called = client_obligations(c, history_of(c, "2026-11-20 a call\n", d("2026-11-21")), 0);
    CHECK(called[0].deadline == d("2027-11-22"));
}

TEST_CASE("a year of acting on due each workday meets every birthday") {
    // Birthdays on every day of the year in turn, half of the clients
    // avoiding notes (a call on the day, or the workday before), with
    // holidays; a year of doing each workday what due suggests for birthdays.
    std::string toml = R"(
[settings]
birthday = { channel = "note", lead = "7d" }
holidays = ["12-25", "12-26", "01-01", "2027-04-02..2027-04-05"]
)";
    for (int i = 0; i < 365; ++i) {
        auto day = date::year_month_day{d("2027-01-01") + Days{i}};
        toml += fmt::format("[[clients]]\nid = \"c{}\"\nbirthday = \"{:02}-{:02}\"\n{}", i,
                            static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()),
                            i % 2 ? "prefers = [\"call\"]\navoid = [\"note\"]\n" : "");
    }
    auto c = config_of(toml);
    History h(c, d("2026-12-20"));
    std::map<int, std::vector<Date>> greeted; // client -> days of a birthday touch
    for (auto day = d("2026-12-20"); day <= d("2028-01-10"); day += Days{1}) {
        h.advance_to(day);
        if (!c.is_workday(day)) continue;
        for (auto& s : suggest(c, h)) {
            bool birthday = s.primary.kind == ObligationKind::birthday;
            for (auto& ob : s.also)
                birthday = birthday || ob.kind == ObligationKind::birthday;
            if (!birthday) continue;
            h.record(s.client(), s.channel(), day);
            greeted[s.client()].push_back(day);
        }
    }
    int met = 0;
    for (int i = 0; i < 365; ++i) {
        auto birthday = d("2027-01-01") + Days{i};
        auto& days = greeted[i];
        bool avoids = i % 2 == 1;
        met += std::any_of(days.begin(), days.end(), [&](Date day) {
            return day <= birthday && day >= birthday - Days{avoids ? 4 : 7};
        });
    }
    CHECK(met == 365);
}

} // namespace touch
