// The command line's own logic, without running the binary: today's
// precedence, where the files are, the command table, and the log read in
// pieces against one pass.
#include "support.hpp"

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/error.hpp"
#include "touch/core/interval.hpp"
#include "touch/storage/log_file.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>

using namespace touch;
using namespace touch::cli;

TEST_CASE("--today wins over TOUCH_TODAY, and both over the clock") {
    GlobalOptions globals;
    Environment env;
    auto clock = d("2031-06-15");
    CHECK(resolve_today(globals, env, clock).date == clock);
    CHECK_FALSE(resolve_today(globals, env, clock).given);
    env.today = "2026-11-22";
    CHECK(resolve_today(globals, env, clock).date == d("2026-11-22"));
    CHECK(resolve_today(globals, env, clock).given);
    globals.today = "2026-01-02";
    CHECK(resolve_today(globals, env, clock).date == d("2026-01-02"));
    // Relative days count back from the clock's day.
    globals.today = "yesterday";
    CHECK(resolve_today(globals, env, clock).date == d("2031-06-14"));
}

TEST_CASE("a bad --today or TOUCH_TODAY is a usage error naming its source") {
    GlobalOptions globals;
    Environment env;
    env.today = "someday";
    try {
        resolve_today(globals, env, d("2026-11-22"));
        FAIL("no error");
    } catch (const Fatal& e) {
        CHECK(e.status == exit_usage);
        CHECK(std::string(e.what()).rfind("TOUCH_TODAY: ", 0) == 0);
    }
    globals.today = "2026-13-01";
    CHECK_THROWS_AS(resolve_today(globals, env, d("2026-11-22")), Fatal);
}

TEST_CASE("where the files are: options, then the environment, then XDG") {
    GlobalOptions globals;
    Environment env;
    env.home = "/home/pat";
    CHECK(*clients_path(globals, env) == "/home/pat/.config/touch/clients.toml");
    env.xdg_config_home = "relative/dir"; // not absolute: ignored
    CHECK(*clients_path(globals, env) == "/home/pat/.config/touch/clients.toml");
    env.xdg_config_home = "/cfg";
    CHECK(*clients_path(globals, env) == "/cfg/touch/clients.toml");
    env.clients = "/env/c.toml";
    CHECK(*clients_path(globals, env) == "/env/c.toml");
    globals.clients = "mine.toml";
    CHECK(*clients_path(globals, env) == "mine.toml");

    Config config;
    CHECK(log_path(globals, env, nullptr, "/a/c.toml") == "/home/pat/.local/share/touch/log");
    config.settings.log = "touch.log";
    CHECK(log_path(globals, env, &config, "/a/c.toml") == "/a/touch.log");
    config.settings.log = "~/logs/touch.log";
    CHECK(log_path(globals, env, &config, "/a/c.toml") == "/home/pat/logs/touch.log");
    config.settings.log = "~";
    CHECK(log_path(globals, env, &config, "/a/c.toml") == "/home/pat");
    env.log = "/env/log";
    CHECK(log_path(globals, env, &config, "/a/c.toml") == "/env/log");
    globals.log = "l";
    CHECK(log_path(globals, env, &config, "/a/c.toml") == "l");

    Environment nothing;
    auto unknown = clients_path(GlobalOptions{}, nothing);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message == "neither $XDG_CONFIG_HOME nor $HOME is set; use --clients "
                                     "and --log");
    CHECK_THROWS_AS(log_path(GlobalOptions{}, nothing, nullptr, "c.toml"), Fatal);
}

TEST_CASE("the runner is $TOUCH_USER, else the login name") {
    Environment env;
    CHECK_FALSE(runner_name(env).has_value());
    env.login = "pat";
    CHECK(runner_name(env) == "pat");
    env.user = "sam";
    CHECK(runner_name(env) == "sam");
}

TEST_CASE("in a folder of logs the runner writes to FOLDER/PERSON.log, a safe name or nothing") {
    Context ctx;
    auto own = [&](const std::string& path) {
        ctx.globals.log = path;
        return log_location(ctx, nullptr).own;
    };
    CHECK(own("/no/such/file.log").or_fatal() == "/no/such/file.log"); // one file: whoever runs
    CHECK(own("/no/such/team/").error().status == exit_usage);         // nobody known
    ctx.env.login = "pat";
    CHECK(own("/no/such/team/").or_fatal() == "/no/such/team/pat.log");
    ctx.env.user = "lee";
    CHECK(own("/no/such/team/").or_fatal() == "/no/such/team/lee.log");
    for (const char* bad : {"../etc", ".", "a/b", "x\ny"}) {
        CAPTURE(bad);
        ctx.env.user = bad;
        auto refused = own("/no/such/team/");
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().status == exit_usage);
    }
}

TEST_CASE("the command table names each command once, with what it needs") {
    std::set<std::string_view> names;
    for (auto& c : commands()) {
        CHECK(names.insert(c.name).second);
        CHECK_FALSE(c.summary.empty());
        CHECK((c.setup != nullptr));
        bool optional_seen = false;
        for (auto& p : c.positionals) {
            // A required positional never follows an optional one.
            CHECK_FALSE((p.required && optional_seen));
            optional_seen = optional_seen || !p.required;
        }
    }
    REQUIRE(find_command("due") != nullptr);
    CHECK(find_command("due")->needs == Needs::history);
    CHECK(find_command("init")->needs == Needs::nothing);
    CHECK((find_command("plan")->formats & format_ics) != 0);
    CHECK(find_command("dew") == nullptr);
    CHECK(format_list(table_formats) == std::vector<std::string>{"text", "json", "csv"});
}

TEST_CASE("whose clients: the rows that take --for, and how the options resolve") {
    for (auto name : {"due", "next", "plan", "remind"})
        CHECK((find_command(name)->team == Team::runner));
    CHECK((find_command("clients")->team == Team::chosen));
    CHECK((find_command("history")->team == Team::none));

    Context ctx;
    ctx.clients_path = "clients.toml";
    ctx.config = parse_config("[people.pat]\n[people.sam]\n", "clients.toml").config;
    ctx.env.user = "pat";
    auto person = [&](Team team, std::string for_person, bool everyone) {
        TeamOptions opt;
        opt.team = team;
        opt.for_person = std::move(for_person);
        opt.everyone = everyone;
        return opt.person(ctx);
    };
    CHECK(person(Team::runner, "", false) == 0);
    CHECK(person(Team::runner, "sam", false) == 1);
    CHECK_FALSE(person(Team::runner, "", true));
    CHECK_FALSE(person(Team::chosen, "", false)); // clients: every client by default
    CHECK(person(Team::chosen, "sam", false) == 1);
    CHECK_FALSE(person(Team::none, "sam", false));
    auto usage_error = [&](std::string for_person, bool everyone) -> std::string {
        try {
            person(Team::runner, std::move(for_person), everyone);
        } catch (const Fatal& e) {
            CHECK(e.status == exit_usage);
            return e.what();
        }
        return "";
    };
    CHECK(usage_error("sma", false) == "--for: no person 'sma' in [people]; did you mean 'sam'?");
    CHECK(usage_error("zed", false) == "--for: no person 'zed' in [people]; people: pat and sam");
    CHECK(usage_error("sam", true) == "--for and --everyone: give one or the other");
    ctx.env.user = "lee"; // not in [people]: warned, and sees every client
    CHECK_FALSE(person(Team::runner, "", false));
}

TEST_CASE("a log read in pieces gives the History and problems of one pass") {
    auto parsed = parse_config(R"(
[channels]
visit = { covers = ["call"] }
[[rules]]
after = "visit"
then = "note"
within = "3d"
[[clients]]
id = "a"
[[clients]]
id = "b"
)",
                               "c.toml");
    REQUIRE(parsed.diagnostics.empty());
    const auto& config = parsed.config;
    TempDir dir;
    auto path = dir.file("log");
    {
        std::ofstream out(path);
        // About 3.5 MB, so the reader cuts it into several pieces.
        for (int i = 0; i < 120000; ++i) {
            auto day = format_date(d("2020-01-01") + Days{i % 2000});
            out << day << (i % 2 ? " a call" : " b visit") << " a note to make the line longer\n";
            if (i == 100000) out << "this line is broken\n";
        }
        out << "2026-11-20 a snooze 2026-12-01\n";
    }
    auto today = d("2026-11-22");
    LogProblems one, many;
    auto single = read_history_file(path, config, today, ReadPolicy{1}, one);
    auto pieces = read_history_file(path, config, today, ReadPolicy{4}, many);
    CHECK(one.skipped == 1);
    CHECK(many.skipped == 1);
    CHECK(one.first_line == 100002);
    CHECK(many.first_line == one.first_line);
    for (int client = 0; client < 2; ++client)
        for (ChannelId ch = 0; ch < static_cast<ChannelId>(config.channels.size()); ++ch) {
            CHECK(single.latest(client, ch) == pieces.latest(client, ch));
            CHECK(single.recent(client, ch) == pieces.recent(client, ch));
        }
    REQUIRE(pieces.client_snooze(0));
    CHECK(pieces.client_snooze(0)->until == d("2026-12-01"));
}

TEST_CASE("read_log_lines keeps only what the limit needs, newest first, duplicates once") {
    TempDir dir;
    auto path = dir.file("log");
    {
        std::ofstream out(path);
        out << "2026-01-03 a call three\n2026-01-01 a call one\n2026-01-03 a call three\n"
               "2026-01-02T09:00 a call two\n2026-01-05 b call other\n2026-01-04 a call four\n";
    }
    LogProblems problems;
    auto keep_a = [](const Entry& e) { return e.client == "a"; };
    auto all = read_log_lines(locate_log(path), keep_a, 0, problems);
    REQUIRE(all.size() == 4);
    CHECK(all[0].note == "four");
    CHECK(all[1].note == "three");
    CHECK(all[3].note == "one");
    auto two = read_log_lines(locate_log(path), keep_a, 2, problems);
    REQUIRE(two.size() == 2);
    CHECK(two[0].note == "four");
    CHECK(two[1].note == "three");
}
