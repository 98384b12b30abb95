#include "cli/app.hpp"

#include "cli/context.hpp"
#include "cli/passthrough.hpp"
#include "cli/setup.hpp"
#include "touch/core/error.hpp"
#include "touch/core/lifetime.hpp"
#include "touch/platform/system.hpp"
#include "touch/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <optional>
#include <stdio_ext.h>
#include <string>

namespace touch::cli {

namespace {

std::string footer() {
    return "Any other first argument is handed to the system's touch(1), so\n"
           "`touch file.txt` still works; its own help: /usr/bin/touch --help.\n"
           "See touch(1) for the commands and touch(5) for the files.";
}

// CLI11 reports problems with its own exit codes (100+); ours are 2.
int usage_error(const std::string& message) {
    print_error(message);
    print_error("run 'touch --help' for usage");
    return exit_usage;
}

// What parsing selects: the command's row and its run function.
struct Chosen {
    const Command* row = nullptr;
    Runner run;
};

// The command the line names, read as CLI11 reads it: the first word from
// `from` on that is neither a global option nor an option's value. Null for
// `--version`, `--help` or no command at all. Only that command's options
// are declared: declaring every command's was a sixth of the instructions
// of `touch --version` and of every other command's start (README, Speed).
const Command* named_command(int argc, char** argv, int from = 1) {
    for (int i = from; i < argc; ++i) {
        std::string_view word = argv[i];
        if (word == "--") return i + 1 < argc ? find_command(argv[i + 1]) : nullptr;
        if (word.size() < 2 || word[0] != '-') return find_command(word);
        for (auto& g : global_options())
            if (word == g.name) ++i; // its value is the next word
    }
    return nullptr;
}

// For `completion`, the command of the line being completed, the words
// after its `--` (read as cmd_completion.cpp reads them): the options
// completion offers are that command's.
const Command* completed_command(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view word = argv[i];
        if (word == "--current")
            ++i;
        else if (word == "--")
            return named_command(argc, argv, i + 1);
    }
    return nullptr;
}

int parse_and_run(int argc, char** argv, bool every_command = false) {
    GlobalOptions globals;
    Chosen chosen;
    auto kept_app =
        std::make_shared<CLI::App>("touch: keep in personal touch with clients", "touch");
    keep_until_exit(kept_app);
    auto& app = *kept_app;
    app.fallthrough();
    app.require_subcommand(1);
    app.footer(footer());
    app.set_version_flag("--version", std::string(TOUCH_VERSION));
    for (auto& g : global_options()) {
        auto& into = g.name == "--clients" ? globals.clients
                     : g.name == "--log"   ? globals.log
                     : g.name == "--today" ? globals.today
                                           : globals.color;
        auto* opt = app.add_option(std::string(g.name), into, std::string(g.help))
                        ->option_text(std::string(g.value));
        if (g.name == "--color") opt->check(CLI::IsMember({"auto", "always", "never"}));
    }
    // With no command on the line, every command is named, for --help to
    // list; with one, CLI11 is told of it alone (and, for completion, of the
    // completed one): a second command word was refused as an unexpected
    // argument before, and is still.
    const Command* named = named_command(argc, argv);
    const Command* completed =
        named && named->name == "completion" ? completed_command(argc, argv) : nullptr;
    // `touch --version` names no command and needs none declared (a third of
    // its instructions went to declaring them for a --help it was not asked).
    bool version_only = !named && !every_command && [&] {
        bool version = false;
        for (int i = 1; i < argc; ++i) {
            std::string_view word = argv[i];
            if (word == "--version")
                version = true;
            else if (word == "--help" || word == "-h" || word == "--help-all")
                return false;
        }
        return version;
    }();
    for (auto& row : commands()) {
        if (version_only) break;
        bool lazy = !every_command && &row != named && &row != completed;
        if (lazy && named) continue;
        auto* sub = app.add_subcommand(std::string(row.name), std::string(row.summary));
        sub->footer(""); // the pass-through note belongs to `touch --help` alone
        if (lazy) {
            sub->callback([&chosen, &row] { chosen = {&row, nullptr}; });
            continue;
        }
        auto run = row.setup(*sub, row);
        sub->callback([&chosen, &row, run] { chosen = {&row, run}; });
    }

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
            std::fputs(app.help().c_str(), stderr);
            return exit_usage;
        }
        return usage_error(e.what());
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }
    if (!chosen.row) return exit_usage;
    // CLI11 chose a command the line was not read as naming: read it again
    // with every command declared (not known to happen; a safety net).
    if (!chosen.run) return parse_and_run(argc, argv, true);
    // The context (the clients file's text and Config, the log's History)
    // and the command line's parser live until the process ends: freeing
    // them piece by piece would only make the exit slower.
    auto ctx = std::make_shared<Context>(
        load_context(globals, Environment::of_process(), chosen.row->needs));
    keep_until_exit(ctx);
    int status = chosen.run(*ctx);
    // Output lost after the log changed: the change is said, not only the loss.
    if (!ctx->changed.empty() && (std::fflush(stdout) != 0 || std::ferror(stdout))) {
        print_error(fmt::format("cannot write output: {}; the log was changed all the same, {}",
                                platform::errno_message(errno), ctx->changed));
        __fpurge(stdout); // what could not be written is not tried again at exit
        std::clearerr(stdout);
        return exit_system;
    }
    return status;
}

// Output that never arrived is an error, never a silent success.
int finish_output(int status) {
    if (std::fflush(stdout) == 0 && !std::ferror(stdout)) return status;
    print_error(fmt::format("cannot write output: {}", platform::errno_message(errno)));
    return exit_system;
}

// `touch --city hamburg due`: a command's own option before the command.
// Handed on, coreutils would say "unrecognized option '--city'"; the user
// meant us, so the fix is said instead. Only a long option that one of our
// commands takes and coreutils' touch does not, with one of our commands
// later on the line: `touch --date=... FILE` and `touch -c due` stay
// coreutils' (a file may be called `due`).
std::optional<std::string> misplaced_option(int argc, char** argv) {
    if (argc < 3 || platform::env("MAKELEVEL")) return std::nullopt;
    std::string first = argv[1];
    if (first.size() < 3 || first.compare(0, 2, "--") != 0) return std::nullopt;
    auto name = first.substr(0, first.find('='));
    for (auto coreutils : {"--access", "--no-create", "--date", "--no-dereference", "--reference",
                           "--time", "--help", "--version"})
        if (name == coreutils) return std::nullopt;
    int at = 0;
    for (int i = 2; i < argc && at == 0; ++i)
        if (find_command(argv[i])) at = i;
    if (at == 0) return std::nullopt;
    CLI::App app;
    for (auto& row : commands()) {
        auto* sub = app.add_subcommand(std::string(row.name));
        row.setup(*sub, row);
        for (auto* opt : sub->get_options())
            if (opt->check_lname(name.substr(2))) {
                std::string meant = fmt::format("touch {}", argv[at]);
                for (int i = 1; i < argc; ++i)
                    if (i != at) meant += fmt::format(" {}", argv[i]);
                return fmt::format("put {} after the command: {}", name, escape_control(meant));
            }
    }
    return std::nullopt;
}

} // namespace

int main(int argc, char** argv) {
    // Before anything else: `touch file.txt` is coreutils' business.
    if (!is_ours(argc, argv)) {
        if (auto hint = misplaced_option(argc, argv)) return usage_error(*hint);
        return run_system_touch(argv);
    }
    // `touch --version` alone (under make it is coreutils', above) answers
    // before the command line's parser is built: CLI11's tree and the
    // exception it reports the version with were a fifth of its
    // instructions (README, Speed). With anything else on the line, CLI11
    // reads the line as always.
    if (argc == 2 && std::string_view(argv[1]) == "--version") {
        std::fputs(TOUCH_VERSION "\n", stdout);
        return finish_output(exit_ok);
    }
    int status;
    try {
        status = parse_and_run(argc, argv);
    } catch (const Fatal& e) {
        status = e.status;
        print_error(e.what());
    } catch (const std::exception& e) {
        // Out of memory and the like: a system error, never a crash.
        status = exit_system;
        print_error(e.what());
    }
    return finish_output(status);
}

} // namespace touch::cli
