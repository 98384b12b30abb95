#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/passthrough.hpp"
#include "touch/diagnostic.hpp"
#include "touch/platform.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace touch::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"init", "write a starter clients file and an empty log", setup_init},
        {"log", "record a touch: touch log CLIENT CHANNEL [NOTE...]", setup_log},
        {"due", "today's suggestions: who to call, write to or visit", setup_due},
        {"next", "the single most urgent suggestion", setup_next},
        {"check", "validate the clients file and the log", setup_check},
        {"plan", "the coming workdays, filled up to each channel's capacity", setup_plan},
        {"history", "log entries, newest first", setup_history},
        {"clients", "every client with last touch, next due and status", setup_clients},
        {"show", "one client: details, what is owed and why, recent history", setup_show},
        {"stats", "touches per channel and month; personal against digital", setup_stats},
        {"snooze", "put a client (or one channel) off until later", setup_snooze},
        {"edit", "open the clients file or the log in your editor, then check", setup_edit},
        {"undo", "remove the log's last entry after showing it", setup_undo},
        {"import", "print [[clients]] blocks for the contacts in a vCard file", setup_import},
        {"completion", "print a completion script for bash, zsh or fish", setup_completion},
        {"remind", "email today's due list when something is due (for cron)", setup_remind},
    };
    return table;
}

void add_format_option(CLI::App& sub, TableOptions& options, bool with_quiet, bool with_ics) {
    if (with_ics)
        sub.add_option("--format", options.format, "output format: text, json, csv or ics")
            ->check(CLI::IsMember({"text", "json", "csv", "ics"}))
            ->option_text("FORMAT");
    else
        sub.add_option("--format", options.format, "output format: text, json or csv")
            ->check(CLI::IsMember({"text", "json", "csv"}))
            ->option_text("FORMAT");
    if (!with_quiet) return;
    sub.add_flag("-q,--quiet", options.quiet, "print nothing when nothing is due");
    sub.add_flag("-e,--exit-status", options.exit_status, "exit 1 when nothing is due");
}

namespace {

std::string footer() {
    return "Any other first argument is handed to the system's touch(1), so\n"
           "`touch file.txt` still works; its own help: /usr/bin/touch --help.\n"
           "See touch(1) for the commands and touch(5) for the files.";
}

// CLI11 reports problems with its own exit codes (100+); ours are 2.
int usage_error(const std::string& message) {
    fmt::print(stderr, "touch: {}\n", message);
    fmt::print(stderr, "touch: run 'touch --help' for usage\n");
    return exit_usage;
}

} // namespace

int main(int argc, char** argv) {
    // Before anything else: `touch file.txt` is coreutils' business.
    if (!is_ours(argc, argv)) return run_system_touch(argv);

    Invocation invocation;
    CLI::App app{"touch: keep in personal touch with clients", "touch"};
    app.fallthrough();
    app.require_subcommand(1);
    app.footer(footer());
    app.set_version_flag("--version", std::string(TOUCH_VERSION));
    auto& g = invocation.globals;
    app.add_option("--clients", g.clients, "the clients file (TOML)")->option_text("PATH");
    app.add_option("--log", g.log, "the log file")->option_text("PATH");
    app.add_option("--today", g.today, "pretend today is DATE")->option_text("DATE");
    app.add_option("--color", g.color, "colour: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->option_text("WHEN");
    for (auto& c : commands())
        c.setup(app, invocation);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::RequiredError& e) {
        if (argc < 2) {
            fmt::print(stderr, "{}", app.help());
            return exit_usage;
        }
        return usage_error(e.what());
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }

    try {
        return invocation.run ? invocation.run() : exit_usage;
    } catch (const Fatal& e) {
        fmt::print(stderr, "touch: {}\n", e.what());
        return e.status;
    } catch (const std::exception& e) {
        // Out of memory and the like: a system error, never a crash.
        fmt::print(stderr, "touch: {}\n", e.what());
        return exit_system;
    }
}

} // namespace touch::cli
