#include "touch/config/config.hpp"
#include "touch/core/interval.hpp"
#include "touch/import/ics.hpp"
#include "touch/import/touches.hpp"
#include "touch/log/log.hpp"

#include "support.hpp"
#include <date/tz.h>

#include <doctest/doctest.h>

using namespace touch;

namespace {

IcsWindow window(const char* zone = "Europe/Berlin") {
    IcsWindow w;
    w.since = d("2026-11-01");
    w.until = d("2026-11-22");
    w.zone = date::locate_zone(zone);
    w.owner_emails = {"pat@example.com"};
    return w;
}

std::string calendar(const std::string& body, const std::string& head = {}) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + head + body + "END:VCALENDAR\r\n";
}

std::string starts(const IcsResult& r) {
    std::string out;
    for (auto& e : r.events)
        out += format_log_line(e.date, e.minute, "x", "visit", e.summary);
    return out;
}

Config two_clients() {
    auto result = parse_config(R"toml([[clients]]
id = "acme"
name = "Acme Corp (Dana Lee)"
aliases = ["dana"]
email = ["dana@acme.example", "Info@Acme.example"]
[[clients]]
id = "bolt"
name = "Bolt"
email = "kim@bolt.example"
)toml",
                               "c.toml");
    REQUIRE(result.ok());
    return result.config;
}

} // namespace

TEST_CASE("a weekly series: EXDATE taken out, a moved occurrence inherits its summary") {
    auto r = read_ics(calendar("BEGIN:VEVENT\r\nUID:w\r\nDTSTART:20261102T090000Z\r\n"
                               "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE:20261109T090000Z\r\n"
                               "SUMMARY:Sync\r\nEND:VEVENT\r\n"
                               "BEGIN:VEVENT\r\nUID:w\r\nRECURRENCE-ID:20261116T090000Z\r\n"
                               "DTSTART:20261117T150000Z\r\nEND:VEVENT\r\n"),
                      "c.ics", window());
    CHECK(r.diagnostics.empty());
    // 23 Nov is after `until`: not begun.
    CHECK(starts(r) == "2026-11-02T10:00 x visit Sync\n2026-11-17T16:00 x visit Sync\n");
    // The moved occurrence keeps the marker of the start it replaces.
    CHECK(r.events[1].marker == ics_marker("w", "20261116T090000Z"));
}

TEST_CASE("zones: a Windows name, an IANA name not in the file, X-WR-TIMEZONE, all-day") {
    auto r = read_ics(
        calendar(
            "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Pacific Standard Time:20261105T090000\r\n"
            "SUMMARY:a\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=/mozilla.org/20050126_1/Asia/Tokyo:"
            "20261106T090000\r\nSUMMARY:b\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20261107T090000\r\nSUMMARY:c\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20261108\r\nSUMMARY:d\r\nEND:VEVENT\r\n",
            "X-WR-TIMEZONE:America/New_York\r\n"),
        "c.ics", window());
    CHECK(r.diagnostics.empty());
    CHECK(starts(r) == "2026-11-05T18:00 x visit a\n2026-11-06T01:00 x visit b\n"
                       "2026-11-07T15:00 x visit c\n2026-11-08 x visit d\n");
    CHECK(r.events[3].all_day);
}

TEST_CASE("an unknown zone is a warning at the event's line; the time is read as local") {
    auto r = read_ics(calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Mars/Olympus:20261105T090000"
                               "\r\nSUMMARY:a\r\nEND:VEVENT\r\n"),
                      "c.ics", window());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].line == 3);
    CHECK(starts(r) == "2026-11-05T09:00 x visit a\n");
}

TEST_CASE("cancelled, METHOD:CANCEL and the owner's DECLINED leave an event out") {
    auto body = "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261105T090000Z\r\nSTATUS:CANCELLED\r\n"
                "SUMMARY:a\r\nEND:VEVENT\r\n"
                "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261105T090000Z\r\nSUMMARY:b\r\n"
                "ATTENDEE;PARTSTAT=DELEGATED:mailto:PAT@example.com\r\nEND:VEVENT\r\n"
                "BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20261105T090000Z\r\nSUMMARY:c\r\n"
                "ATTENDEE;PARTSTAT=DECLINED:mailto:kim@bolt.example\r\nEND:VEVENT\r\n";
    auto r = read_ics(calendar(body), "c.ics", window());
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].summary == "c");
    CHECK(r.events[0].attendees.at(0).declined);
    CHECK(r.skipped.size() == 2);
    auto cancel = read_ics(calendar(body, "METHOD:CANCEL\r\n"), "c.ics", window());
    CHECK(cancel.events.empty());
}

TEST_CASE("an event has begun by `until_minute` on the last day") {
    auto w = window();
    w.until_minute = 10 * 60;
    auto r = read_ics(calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261122T080000Z\r\nSUMMARY:a\r\n"
                               "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261122T100000Z\r\n"
                               "SUMMARY:b\r\nEND:VEVENT\r\n"),
                      "c.ics", w);
    CHECK(starts(r) == "2026-11-22T09:00 x visit a\n");
}

TEST_CASE("no DTSTART, a cut-off file, no calendar: warnings and an error with lines") {
    auto r = read_ics("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:a\nEND:VEVENT\n"
                      "BEGIN:VEVENT\nUID:b\nDTSTART:20261105T090000Z\nSUMMARY:b\n",
                      "c.ics", window());
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].line == 1); // BEGIN:VCALENDAR has no END
    CHECK(r.diagnostics[1].line == 2); // no DTSTART
    CHECK(r.events.size() == 1);
    auto none = read_ics("hello\n", "n.ics", window());
    REQUIRE(none.diagnostics.size() == 1);
    CHECK(none.diagnostics[0].severity == Severity::error);
}

TEST_CASE("matching: every email of a client, ignoring case; else whole words of the summary") {
    auto config = two_clients();
    ClientMatcher m(config);
    std::vector<std::string> addresses{"info@acme.example", "kim@bolt.example"};
    CHECK(m.by_address(addresses) == std::vector<int>{0, 1});
    CHECK(m.by_words("Lunch with ACME corp") == std::vector<int>{0});
    CHECK(m.by_words("Dana, then bolt") == std::vector<int>{0, 1});
    CHECK(m.by_words("Dana Lee") == std::vector<int>{0}); // by the alias, not the person
    CHECK(m.by_words("Thunderbolt release").empty());
    CHECK(m.by_words("Corp").empty()); // the name is "Acme Corp", whole
}

TEST_CASE("events as touches: channels by words, links and all-day rules") {
    auto config = two_clients();
    ClientMatcher m(config);
    std::vector<IcsEvent> events(4);
    events[0] = {"u0", "Phone Bolt", d("2026-11-02"), 600, false, false, {}, "", "ics:0", 1};
    events[1] = {"u1", "Bolt", d("2026-11-03"), 600, false, true, {}, "", "ics:1", 2};
    events[2] = {"u2", "Bolt offsite", d("2026-11-04"), -1, true, false, {}, "", "ics:2", 3};
    events[3] = {
        "u3",    "Offsite", d("2026-11-05"), -1, true, false, {{"dana@acme.example", false}}, "",
        "ics:3", 4};
    std::vector<LeftOut> left;
    auto found = ics_touches(events, config, m, "c.ics", left);
    REQUIRE(found.size() == 3);
    CHECK(config.channel_name(found[0].channel) == "call");
    CHECK(config.channel_name(found[1].channel) == "call"); // a video link
    CHECK(found[2].clients == std::vector<int>{0});
    CHECK(config.channel_name(found[2].channel) == "visit");
    REQUIRE(left.size() == 1);
    CHECK(left[0].source == "c.ics:3");
}

TEST_CASE("the log: a marker or a covering touch that day is not logged again") {
    auto config = two_clients();
    LoggedTouches logged(config);
    logged.add({d("2026-11-02"), -1, "dana", "Call", "typed"});
    logged.add({d("2026-11-03"), -1, "bolt", "note", "x [ics:00000000000a]"});
    std::vector<FoundTouch> found{
        {d("2026-11-02"), 600, {0, 1}, 1, "Call both", "ics:00000000000b", "c.ics:1"},
        {d("2026-11-04"), 600, {1}, 0, "Visit", "ics:00000000000a", "c.ics:2"},
        {d("2026-11-05"), -1, {1}, 0, "Twice", "ics:00000000000c", "c.ics:3"},
        {d("2026-11-05"), -1, {1}, 0, "Twice", "ics:00000000000c", "d.ics:3"},
    };
    std::vector<LeftOut> left;
    auto lines = new_log_lines(found, config, logged, left);
    // acme (by its alias) had a call that day; bolt had nothing.
    CHECK(lines ==
          std::vector<std::string>{"2026-11-02T10:00 bolt call Call both [ics:00000000000b]\n",
                                   "2026-11-05 bolt visit Twice [ics:00000000000c]\n"});
    CHECK(left.size() == 3);
}

TEST_CASE("[import.ics] and email lists in the clients file") {
    auto ok = parse_config(R"toml([import.ics]
channel = "call"
online_channel = "email"
words = { note = ["Card"] }
all_day = "none"
[[clients]]
id = "a"
email = ["x@a.example", "y@a.example"]
phone = "+1 555"
)toml",
                           "c.toml");
    REQUIRE(ok.ok());
    auto& cal = ok.config.calendar;
    CHECK(ok.config.channel_name(cal.channel) == "call");
    CHECK(ok.config.channel_name(cal.online_channel) == "email");
    REQUIRE(cal.words.size() == 1);
    CHECK(cal.words[0].words == std::vector<std::string>{"card"});
    CHECK(cal.all_day == CalendarImport::AllDay::none);
    CHECK(ok.config.clients[0].email == "x@a.example");
    CHECK(ok.config.clients[0].other_emails == std::vector<std::string>{"y@a.example"});

    auto bad = parse_config("[import.ics]\nchanel = \"call\"\nall_day = \"some\"\n"
                            "[[clients]]\nid = \"a\"\nemail = []\n",
                            "c.toml");
    REQUIRE(bad.diagnostics.size() == 3);
    CHECK(bad.diagnostics[0].line == 2);
    CHECK(bad.diagnostics[0].col == 1);
    CHECK(bad.diagnostics[0].message == "unknown key 'chanel' in [import.ics]");
    CHECK(bad.diagnostics[1].line == 3);
    CHECK(bad.diagnostics[2].line == 6);
}
