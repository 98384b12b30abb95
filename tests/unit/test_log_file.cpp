#include "support.hpp"
#include "touch/config/config.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/stats.hpp"
#include "touch/report/report.hpp"
#include "touch/storage/log_file.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

using namespace touch;

namespace {

Config team_config() {
    return config_of(R"toml(
[people.pat]
[people.lee]

[[clients]]
id = "acme"
team = ["pat"]
cadence = { call = "2w" }

[[clients]]
id = "bolt"
team = ["lee"]
cadence = { call = "2w" }

[[clients]]
id = "cedar"
cadence = { call = "2w" }
)toml");
}

} // namespace

TEST_CASE("a person's name must be a plain file name") {
    CHECK_FALSE(unsafe_person_reason("pat"));
    CHECK_FALSE(unsafe_person_reason("pat-laptop.home"));
    CHECK(*unsafe_person_reason("") == "it is empty");
    CHECK(*unsafe_person_reason("a/b") == "it holds a '/'");
    CHECK(*unsafe_person_reason("..") == "it begins with '.'");
    CHECK(*unsafe_person_reason(".pat") == "it begins with '.'");
    CHECK(*unsafe_person_reason("pat\tx") == "it holds a control character");
    CHECK(*unsafe_person_reason("pat\x7f") == "it holds a control character");
    CHECK(unsafe_person_reason(std::string(201, 'p')));
}

TEST_CASE("FOLDER/PERSON.log, with or without the folder's slash") {
    CHECK(person_log_path("log", "pat") == "log/pat.log");
    CHECK(person_log_path("log/", "pat") == "log/pat.log");
    CHECK(person_log_path("a/log//", "pat") == "a/log/pat.log");
    CHECK(person_log_path("/", "pat") == "/pat.log");
}

TEST_CASE("a folder of logs: a path ending in '/' or an existing folder; its *.log files by name") {
    TempDir dir;
    dir.write("pat.log", "");
    dir.write("lee.log", "");
    dir.write("notes.txt", "");
    dir.write(".syncthing.pat.log.tmp", "");
    dir.write(".hidden.log", "");
    ::mkdir((dir.path + "/sub.log").c_str(), 0700);
    CHECK(is_log_folder(dir.path));
    CHECK(is_log_folder(dir.path + "/missing/"));
    CHECK_FALSE(is_log_folder(dir.path + "/pat.log"));
    CHECK_FALSE(is_log_folder(dir.path + "/missing"));
    auto files = locate_log(dir.path).readable_files();
    REQUIRE(files.size() == 2);
    CHECK(files[0].person == "lee");
    CHECK(files[0].path == dir.path + "/lee.log");
    CHECK(files[1].person == "pat");
    CHECK(locate_log(dir.path + "/missing/").readable_files().empty());
    dir.write("lee.sync-conflict-20261122-101010-ABCDEFG.log", "");
    files = locate_log(dir.path).readable_files();
    REQUIRE(files.size() == 3);
    CHECK(files[1].person == "lee"); // a conflict copy is still lee's
    CHECK(files[1].path == dir.path + "/lee.sync-conflict-20261122-101010-ABCDEFG.log");
    auto single = locate_log(dir.path + "/pat.log").readable_files();
    REQUIRE(single.size() == 1);
    CHECK(single[0].person.empty());
}

TEST_CASE("a log's location is decided once: the folder, its files, the runner's own file") {
    TempDir dir;
    dir.write("lee.log", "");
    auto single = locate_log(dir.path + "/lee.log", std::string("pat"), "TOUCH_USER");
    CHECK_FALSE(single.folder);
    CHECK(single.own.or_fatal() == dir.path + "/lee.log");
    auto folder = locate_log(dir.path, std::string("pat"), "TOUCH_USER");
    CHECK(folder.folder);
    CHECK(folder.own.or_fatal() == dir.path + "/pat.log");
    REQUIRE(folder.readable_files().size() == 1);
    // The runner's first line creates the runner's file: it is read from then on.
    dir.write("pat.log", "2026-11-20 acme call\n");
    folder.appended();
    REQUIRE(folder.readable_files().size() == 2);
    CHECK(folder.readable_files()[1].person == "pat");
    auto nobody = locate_log(dir.path + "/", std::nullopt, "the login name");
    REQUIRE_FALSE(nobody.own.has_value());
    CHECK(nobody.own.error().status == exit_usage);
    auto unsafe = locate_log(dir.path, std::string("../x"), "TOUCH_USER");
    REQUIRE_FALSE(unsafe.own.has_value());
    CHECK(unsafe.own.error().message.find("'../x' (TOUCH_USER) cannot name a file") !=
          std::string::npos);
}

TEST_CASE("the read policy: pieces of half a MiB or more, never more than its threads") {
    ReadPolicy one{1}, four{4};
    CHECK(one.pieces_for(100 * ReadPolicy::min_piece) == 1);
    CHECK(four.pieces_for(ReadPolicy::min_piece - 1) == 1);
    CHECK(four.pieces_for(3 * ReadPolicy::min_piece) == 3);
    CHECK(four.pieces_for(100 * ReadPolicy::min_piece) == 4);
    CHECK_FALSE(one.read_alone(100, 100, 1)); // one thread: nothing is cut
    CHECK(four.read_alone(10, 100, 1));       // the only file
    CHECK(four.read_alone(60, 100, 2));       // more than one thread's share
    CHECK_FALSE(four.read_alone(40, 100, 2));
    auto machine = ReadPolicy::of_this_machine();
    CHECK(machine.threads >= 1);
    CHECK(machine.threads <= ReadPolicy::max_threads);
}

TEST_CASE("a folder reads as the one file its lines make, in parallel or not") {
    auto config = team_config();
    TempDir dir;
    // Large enough that the big file is read in pieces of its own.
    std::string pat, lee, all;
    for (int i = 0; i < 60000; ++i) {
        auto day = format_date(d("2020-01-01") + Days{i % 2000});
        pat += day + " acme call note " + std::to_string(i) + "\n";
        if (i % 7 == 0) lee += day + " bolt,cedar call lee " + std::to_string(i) + "\n";
    }
    lee += "2026-11-20 acme call the same line\nnot a line\n";
    pat += "2026-11-20 acme call the same line\n";
    dir.write("pat.log", pat);
    dir.write("lee.log", lee);
    dir.write("one", pat + lee);
    auto today = d("2026-11-22");
    LogProblems expected_problems;
    auto expected =
        read_history_file(dir.path + "/one", config, today, ReadPolicy{1}, expected_problems);
    for (std::size_t pieces : {1u, 2u, 4u}) {
        LogFolderProblems problems;
        auto history =
            read_history_log(locate_log(dir.path), config, today, ReadPolicy{pieces}, problems);
        for (int c = 0; c < 3; ++c)
            CHECK(history.latest(c, 1) == expected.latest(c, 1));
        CHECK(history.log_start() == expected.log_start());
        CHECK(problems.problems.skipped == 1);
        CHECK(problems.files == 1);
        CHECK(problems.first_path == dir.path + "/lee.log");
        // "not a line" is lee.log's last line.
        CHECK(problems.problems.first_line ==
              static_cast<std::size_t>(std::count(lee.begin(), lee.end(), '\n')));
    }
}

TEST_CASE("a folder of one large file reads it in pieces, as the file alone") {
    auto config = team_config();
    TempDir dir;
    std::string pat;
    for (int i = 0; i < 80000; ++i)
        pat += format_date(d("2020-01-01") + Days{i % 2000}) + " acme,bolt call note " +
               std::to_string(i) + "\n";
    pat += "broken\n";
    dir.write("pat.log", pat);
    auto today = d("2026-11-22");
    LogProblems alone;
    auto expected = read_history_file(dir.path + "/pat.log", config, today, ReadPolicy{4}, alone);
    LogFolderProblems problems;
    auto history = read_history_log(locate_log(dir.path), config, today, ReadPolicy{4}, problems);
    CHECK(history.latest(0, 1) == expected.latest(0, 1));
    CHECK(history.latest(1, 1) == expected.latest(1, 1));
    CHECK(problems.problems.skipped == 1);
    CHECK(problems.problems.first_line == 80001);
}

TEST_CASE("away in a person's file is that person's time away when there is a team") {
    auto config = team_config();
    auto pat = away_clients(config, "pat");
    REQUIRE(pat);
    CHECK(pat->person == 1); // [people] in name order: lee, pat
    CHECK(pat->clients == std::vector<int>{0});
    // No person of the team: no one's time away (SPEC §7).
    REQUIRE(away_clients(config, "kim"));
    CHECK(away_clients(config, "kim")->person == -1);
    REQUIRE(away_clients(config, ""));
    CHECK(away_clients(config, "")->person == -1);
    auto solo = parse_config("[[clients]]\nid = \"acme\"\n", "s.toml").config;
    CHECK_FALSE(away_clients(solo, "pat"));

    TempDir dir;
    dir.write("pat.log", "2026-11-20 * snooze 2026-12-10 holidays\n");
    LogFolderProblems problems;
    auto history =
        read_history_log(locate_log(dir.path), config, d("2026-11-22"), ReadPolicy{2}, problems);
    // The rest of the team covers pat's clients: none of them is snoozed.
    CHECK_FALSE(history.away());
    CHECK_FALSE(history.client_snooze(0));
    REQUIRE(history.person_away(1));
    CHECK(history.person_away(1)->until == d("2026-12-10"));
    CHECK_FALSE(history.person_away(0));

    // Someone not in [people] holds no one back.
    dir.write("kim.log", "2026-11-21 * snooze 2026-12-01\n");
    history =
        read_history_log(locate_log(dir.path), config, d("2026-11-22"), ReadPolicy{2}, problems);
    CHECK_FALSE(history.away());
    CHECK_FALSE(history.person_away(0));
}

TEST_CASE("history lines say whose file holds them; an identical line once, naming each") {
    TempDir dir;
    dir.write("pat.log", "2026-11-01 acme call a\n2026-11-10 acme,bolt lunch expo\n");
    dir.write("lee.log", "2026-11-10 acme,bolt lunch expo\n2026-11-12 bolt call b\n");
    LogFolderProblems problems;
    auto all = [](const Entry&) { return true; };
    auto lines = read_log_lines(locate_log(dir.path), all, 0, problems);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].person == "lee");
    CHECK(lines[1].person == "lee,pat");
    CHECK(lines[2].person == "pat");
    // With a limit the oldest kept line still gathers its other persons.
    lines = read_log_lines(locate_log(dir.path), all, 2, problems);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].person == "lee,pat");
    LogProblems single;
    lines = read_log_lines(locate_log(dir.path + "/pat.log"), all, 0, single);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].person.empty());
}

TEST_CASE("stats per person: a shared line once in the totals, once for each person") {
    auto config = team_config();
    auto today = d("2026-11-22");
    StatsBuilder stats(config, d("2026-11-01"), today, today);
    auto entry = [](const char* line) { return parse_log_line(line).entry; };
    auto shared = entry("2026-11-10 acme,bolt call expo");
    stats.add(shared, "lee");
    stats.add(shared, "pat");
    stats.add(shared, "pat");
    stats.add(entry("2026-11-11 acme email x"), "pat");
    auto result = stats.finish(History(config, today));
    CHECK(result.personal == 1);
    CHECK(result.digital == 1);
    REQUIRE(result.people.size() == 2);
    CHECK(result.people[0].person == "lee");
    CHECK(result.people[0].personal == 1);
    CHECK(result.people[1].person == "pat");
    CHECK(result.people[1].personal == 1);
    CHECK(result.people[1].digital == 1);
}

TEST_CASE("the fast way into a History counts as the long way does, line for line") {
    auto config = team_config();
    TempDir dir;
    // Known and unknown clients and channels, invalid ids (some of which hash
    // like known ones would not help: they are looked up, then checked),
    // snoozes, promises, lists and mistakes.
    std::string log;
    const char* lines[] = {
        "2026-11-01 acme call",
        "2026-11-02T09:30 bolt visit a note long enough for sixteen bytes",
        "2026-11-03 gone call a client since removed",
        "2026-11-04 acme cal a typo of a channel",
        "2026-11-05 Acme call upper case is no id",
        "2026-11-06 acme Call nor here",
        "2026-11-07 acme,bolt note two clients",
        "2026-11-08 acme snooze 2w",
        "2026-11-09 cedar promise:call 2026-12-01 the proposal",
        "2026-11-10 -acme call",
        "2026-11-11 acme\xC3\xA9 call",
        "2027-01-01 acme call after today",
        "2027-01-02 gone fax after today, unknown",
        "# a comment",
        "",
    };
    for (int round = 0; round < 3; ++round)
        for (auto* line : lines)
            log += std::string(line) + "\n";
    dir.write("one.log", log);
    auto today = d("2026-11-22");
    LogProblems problems;
    auto history = read_history_file(dir.path + "/one.log", config, today, ReadPolicy{1}, problems);

    HistoryBuilder expected(config, today);
    std::size_t skipped = 0;
    for (auto* line : lines) {
        auto parsed = parse_log_line_reference(line);
        if (parsed.kind == LineKind::entry)
            for (int round = 0; round < 3; ++round)
                expected.add(parsed.entry);
        skipped += parsed.kind == LineKind::malformed ? 3 : 0;
    }
    auto& want = expected.history();
    for (int c = 0; c < 3; ++c)
        for (ChannelId ch = 0; ch < static_cast<ChannelId>(config.channels.size()); ++ch)
            CHECK(history.latest(c, ch) == want.latest(c, ch));
    CHECK(history.log_start() == want.log_start());
    REQUIRE(history.client_snooze(0).has_value());
    REQUIRE(want.client_snooze(0).has_value());
    CHECK(history.client_snooze(0)->until == want.client_snooze(0)->until);
    CHECK(history.promises(2).size() == want.promises(2).size());
    CHECK(problems.skipped == skipped);
    CHECK(problems.unknown_channel_lines == expected.unknown_channel_lines());
    CHECK(problems.unknown_channel == "cal");
}

TEST_CASE("read_log_lines: newest first over an unordered log, identical lines once, any limit") {
    TempDir dir;
    // 10,000 lines out of date order (more than are held at once under a
    // limit), each day's lines twice, and a line that differs from another
    // only by a control character in its note (the log writes both alike).
    std::string text;
    for (int i = 0; i < 5000; ++i) {
        auto day = fmt::format("2026-{:02}-{:02}", 1 + (i * 7) % 12, 1 + (i * 13) % 28);
        text += fmt::format("{} acme call n{}\n{} acme call n{}\n", day, i, day, i);
    }
    text += "2026-12-31 acme call a\tb\n2026-12-31 acme call a b\n2026-12-31T09:00 acme call t\n";
    dir.write("pat.log", text);
    dir.write("lee.log", "2026-12-31 acme call a b\n");
    auto all = [](const Entry&) { return true; };
    LogFolderProblems problems;
    auto lines = read_log_lines(locate_log(dir.path), all, 0, problems);
    REQUIRE(lines.size() == 5002);
    CHECK(lines[0].minute == 9 * 60); // a time on the newest day comes first
    CHECK(lines[1].note == "a b");    // lee.log is read before pat.log
    CHECK(lines[1].person == "lee,pat");
    for (std::size_t i = 1; i < lines.size(); ++i)
        CHECK_FALSE(std::tie(lines[i - 1].date, lines[i - 1].minute) <
                    std::tie(lines[i].date, lines[i].minute));
    for (std::size_t limit : {1u, 3u, 2500u, 5002u, 6000u}) {
        auto some = read_log_lines(locate_log(dir.path), all, limit, problems);
        REQUIRE(some.size() == std::min<std::size_t>(limit, 5002));
        for (std::size_t i = 0; i < some.size(); ++i) {
            CHECK(some[i].date == lines[i].date);
            CHECK(some[i].note == lines[i].note);
            CHECK(some[i].person == lines[i].person);
        }
    }
}

TEST_CASE("read_log_line_list: the same lines in the same order however many pieces read them") {
    TempDir dir;
    // Some 2.5 MB (five pieces of the least size): days out of order, times,
    // the same line again on both sides of where pieces are cut, a
    // malformed line in each piece, and a folder's two files.
    std::string text;
    for (int i = 0; i < 50000; ++i) {
        // Line i + 1000 repeats line i.
        auto j = i % 1000;
        auto day = fmt::format("2026-{:02}-{:02}", 1 + (j * 7) % 12, 1 + (j * 13) % 28);
        auto time = j % 3 == 0 ? fmt::format("T{:02}:{:02}", j % 24, j % 60) : std::string();
        text += fmt::format("{}{} acme call note {} of a long enough line\n", day, time, j % 997);
        if (i % 9000 == 0) text += "not a line\n";
    }
    dir.write("pat.log", text);
    dir.write("lee.log", text.substr(0, text.size() / 3));
    auto all = [](const Entry&) { return true; };
    for (const auto& path : {dir.path + "/pat.log", dir.path}) {
        std::vector<std::vector<std::string>> seen;
        std::vector<std::size_t> first_lines;
        for (std::size_t threads : {1u, 2u, 3u, 5u}) {
            for (std::size_t limit : {0u, 7u}) {
                LogFolderProblems problems;
                auto lines =
                    read_log_line_list(locate_log(path), all, limit, ReadPolicy{threads}, problems);
                std::vector<std::string> rows;
                for (std::size_t i = 0; i < lines->size(); ++i) {
                    auto l = (*lines)[i];
                    rows.push_back(fmt::format("{} {} {} {} {} {}", format_date(l.date), l.minute,
                                               l.client, l.channel, l.note, l.person));
                }
                if (limit == 0) CHECK(problems.problems.skipped > 0);
                if (threads == 1) {
                    seen.push_back(rows);
                    first_lines.push_back(problems.problems.first_line);
                    continue;
                }
                CHECK(rows == seen[limit == 0 ? 0 : 1]);
                CHECK(problems.problems.first_line == first_lines[limit == 0 ? 0 : 1]);
            }
        }
        CHECK(seen[0].size() == 1000); // repeats were dropped
        CHECK(std::equal(seen[1].begin(), seen[1].end(), seen[0].begin()));
    }
}

TEST_CASE("write_history: the same text however many threads format it") {
    TempDir dir;
    // Enough lines for two threads. The oldest lines, which the later half
    // formats, hold the widest channel, a person's name and a note of
    // control characters and wide letters; the newest, snoozes and promises.
    std::string text;
    for (int i = 0; i < 20000; ++i) {
        auto day = fmt::format("2025-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28);
        auto time = i % 4 == 0 ? fmt::format("T{:02}:{:02}", i % 24, i % 60) : std::string();
        std::string line = fmt::format("{}{} acme call note {}", day, time, i);
        if (i < 50)
            line =
                fmt::format("{} acme whatsapp-business-line caf\xc3\xa9 \xe4\xb8\xad\t{}", day, i);
        if (i > 19900) line = fmt::format("{} acme snooze 2026-01-{:02} away", day, 1 + i % 28);
        if (i > 19950)
            line = fmt::format("{} acme promise 2026-02-{:02} the quote", day, 1 + i % 28);
        text += line + "\n";
    }
    dir.write("pat.log", text);
    dir.write("lee.log", text.substr(0, text.size() / 2));
    auto all = [](const Entry&) { return true; };
    Config config;
    for (const auto& path : {dir.path + "/pat.log", dir.path}) {
        LogFolderProblems problems;
        auto lines = read_log_line_list(locate_log(path), all, 0, ReadPolicy{1}, problems);
        REQUIRE(lines->size() > 16384);
        std::vector<std::string> written;
        for (std::size_t threads : {1u, 2u, 3u}) {
            std::string out;
            write_history(
                config, *lines, Format::text, Style{}, path == dir.path,
                [&](std::string_view s) { out += s; }, threads);
            written.push_back(out);
        }
        CHECK(std::count(written[0].begin(), written[0].end(), '\n') == lines->size());
        CHECK(written[0].find("whatsapp-business-line") != std::string::npos);
        CHECK(written[1] == written[0]);
        CHECK(written[2] == written[0]);
    }
}

TEST_CASE("write_history: the widths and plain rows a reader measures change no byte") {
    TempDir dir;
    // What a table shows other than as written: a note of control characters
    // and wide letters, a snooze, a promise and its cancelling, a person of
    // wide letters whose name joins another's on a repeated line; the widest
    // of each in the older half, which the second thread formats.
    std::string text;
    for (int i = 0; i < 12000; ++i) {
        auto day = fmt::format("2025-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28);
        auto time = i % 4 == 0 ? fmt::format("T{:02}:{:02}", i % 24, i % 60) : std::string();
        std::string line = fmt::format("{}{} acme call note {}", day, time, i);
        if (i % 97 == 0)
            line = fmt::format("{} acme-and-sons text caf\xc3\xa9 \xe4\xb8\xad\t{}", day, i);
        if (i % 89 == 0) line = fmt::format("{} acme snooze 2026-01-{:02} away", day, 1 + i % 28);
        if (i % 83 == 0) line = fmt::format("{} acme promise:call 2026-02-03 the quote", day);
        if (i % 79 == 0) line = fmt::format("{} acme promise:call cancel", day);
        if (i % 71 == 0) line = fmt::format("{} acme whatsapp-business-line", day);
        text += line + "\n";
    }
    dir.write("pat.log", text);
    dir.write("\xc3\xa9lodie-\xe4\xb8\xad.log", text.substr(0, text.size() / 2));
    auto all = [](const Entry&) { return true; };
    // The same lines, measured by the report as it writes them.
    class Unmeasured final : public LogLineList {
    public:
        explicit Unmeasured(const LogLineList& lines)
            : lines_(lines) {}
        std::size_t size() const override { return lines_.size(); }
        LogLineView operator[](std::size_t i) const override {
            auto l = lines_[i];
            l.plain = false;
            return l;
        }

    private:
        const LogLineList& lines_;
    };
    Config config;
    for (const auto& path : {dir.path + "/pat.log", dir.path}) {
        LogFolderProblems problems;
        auto lines = read_log_line_list(locate_log(path), all, 0, ReadPolicy{2}, problems);
        REQUIRE(lines->size() > 8192);
        REQUIRE(lines->widths());
        for (std::size_t threads : {1u, 2u}) {
            std::string measured, unmeasured;
            write_history(
                config, *lines, Format::text, Style{}, path == dir.path,
                [&](std::string_view s) { measured += s; }, threads);
            write_history(
                config, Unmeasured(*lines), Format::text, Style{}, path == dir.path,
                [&](std::string_view s) { unmeasured += s; }, threads);
            CHECK(measured.find("whatsapp-business-line") != std::string::npos);
            CHECK(measured.find("by 2026-02-03: the quote") != std::string::npos);
            CHECK(measured.find("cancelled") != std::string::npos);
            if (path == dir.path) CHECK(measured.find("pat,\xc3\xa9lodie") != std::string::npos);
            CHECK(measured == unmeasured);
        }
    }
}

TEST_CASE("read_log_line_list: a large merge cut in two gives the same lines as one") {
    TempDir dir;
    // Two pieces of some 70,000 distinct lines each, days out of order so
    // that both pieces hold every minute, and every tenth line of the
    // second piece a repeat of one of the first.
    std::string text;
    constexpr int half = 70000;
    for (int i = 0; i < 2 * half; ++i) {
        auto j = i >= half && i % 10 == 0 ? i - half : i;
        auto day = fmt::format("2026-{:02}-{:02}", 1 + (j * 7) % 12, 1 + (j * 13) % 28);
        auto time = j % 3 == 0 ? fmt::format("T{:02}:{:02}", j % 24, j % 60) : std::string();
        text += fmt::format("{}{} acme call {}\n", day, time, j);
    }
    dir.write("pat.log", text);
    auto all = [](const Entry&) { return true; };
    std::vector<std::vector<std::string>> seen;
    for (std::size_t threads : {1u, 2u}) {
        LogFolderProblems problems;
        auto lines = read_log_line_list(locate_log(dir.path + "/pat.log"), all, 0,
                                        ReadPolicy{threads}, problems);
        std::vector<std::string> rows;
        for (std::size_t i = 0; i < lines->size(); ++i) {
            auto l = (*lines)[i];
            rows.push_back(fmt::format("{} {} {}", format_date(l.date), l.minute, l.note));
        }
        seen.push_back(rows);
    }
    CHECK(seen[0].size() == 2 * half - half / 10);
    CHECK(seen[1] == seen[0]);
}
