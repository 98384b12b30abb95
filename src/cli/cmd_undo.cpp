// touch undo [--yes]: remove the log's last line after showing it.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/platform.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct UndoOptions {
    bool yes = false;
};

int run_undo(const UndoOptions& opt, const GlobalOptions& globals) {
    auto ctx = load_context(globals);
    auto last = platform::read_last_line(ctx.log_path);
    if (!last || last->text.empty())
        throw Fatal(exit_invalid_data,
                    fmt::format("{}: the log has no entry to undo", ctx.log_path));
    auto parsed = last->text.size() > max_line_length
                      ? ParsedLine{LineKind::malformed, {}, 1, "too long"}
                      : parse_log_line(last->text);
    if (parsed.kind != LineKind::entry)
        throw Fatal(exit_invalid_data,
                    fmt::format("{}: the last line is not a log entry, so it is left alone: {}",
                                ctx.log_path, escape_control(last->text.substr(0, 120))));
    auto shown = escape_control(last->text);
    if (!opt.yes) {
        if (!platform::is_terminal(STDIN_FILENO))
            throw Fatal(exit_usage,
                        fmt::format("would remove: {}; not on a terminal, so add --yes", shown));
        fmt::print(stderr, "Remove this line from {}?\n  {}\n[y/N] ", ctx.log_path, shown);
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "y" && answer != "Y" && answer != "yes") {
            fmt::print(stderr, "Left as it was.\n");
            return exit_ok;
        }
    }
    if (!platform::remove_last_line(ctx.log_path, *last))
        throw Fatal(exit_system, fmt::format("{}: the log changed meanwhile; nothing was removed",
                                             ctx.log_path));
    print_stdout(fmt::format("Removed: {}\n", shown));
    return exit_ok;
}

} // namespace

void setup_undo(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<UndoOptions>();
    auto* sub = app.add_subcommand("undo", "remove the log's last entry after showing it");
    sub->add_flag("-y,--yes", opt->yes, "do not ask (for scripts)");
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_undo(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
