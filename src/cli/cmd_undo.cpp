// touch undo [--yes]: remove the log's last line after showing it.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "touch/platform.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct UndoOptions {
    bool yes = false;
};

int run_undo(const UndoOptions& opt, Context& ctx) {
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
        std::fputs(
            fmt::format("Remove this line from {}?\n  {}\n[y/N] ", ctx.log_path, shown).c_str(),
            stderr);
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "y" && answer != "Y" && answer != "yes") {
            std::fputs("Left as it was.\n", stderr);
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

Runner setup_undo(CLI::App& sub, const Command&) {
    auto opt = std::make_shared<UndoOptions>();
    sub.add_flag("-y,--yes", opt->yes, "do not ask (for scripts)");
    return bind_run(opt, run_undo);
}

} // namespace touch::cli
