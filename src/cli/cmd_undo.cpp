// touch undo [--yes]: remove the log's last line after showing it.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/platform/files.hpp"
#include "touch/platform/terminal.hpp"
#include "touch/storage/log_location.hpp"
#include "touch/util/text.hpp"

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
    // In a folder of logs only the runner's own file: never another person's line.
    auto path = ctx.log.own.or_fatal();
    auto last = platform::read_last_line(path).or_fatal();
    if (!last || last->text.empty()) {
        if (ctx.log.folder) {
            std::size_t others = 0;
            for (const auto& file : ctx.log.readable_files()) {
                if (file.path == path) continue;
                auto theirs = platform::read_last_line(file.path).or_fatal();
                if (theirs && !theirs->text.empty()) ++others;
            }
            if (others > 0)
                throw Fatal(exit_invalid_data,
                            fmt::format("{}: your log has no entry to undo; the other {} in "
                                        "the folder {} not yours to undo",
                                        path, others == 1 ? "file" : "files",
                                        others == 1 ? "is" : "are"));
        }
        throw Fatal(exit_invalid_data, fmt::format("{}: the log has no entry to undo", path));
    }
    auto parsed = last->text.size() > max_line_length
                      ? ParsedLine{LineKind::malformed, {}, 1, "too long"}
                      : parse_log_line(last->text);
    if (parsed.kind != LineKind::entry)
        throw Fatal(exit_invalid_data,
                    fmt::format("{}: the last line is not a log entry, so it is left alone: {}",
                                path, escape_control(last->text.substr(0, 120))));
    auto shown = escape_control(last->text);
    if (!opt.yes) {
        if (!platform::is_terminal(STDIN_FILENO))
            throw Fatal(exit_usage,
                        fmt::format("would remove: {}; not on a terminal, so add --yes", shown));
        std::fputs(fmt::format("Remove this line from {}?\n  {}\n[y/N] ", path, shown).c_str(),
                   stderr);
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "y" && answer != "Y" && answer != "yes") {
            std::fputs("Left as it was.\n", stderr);
            return exit_ok;
        }
    }
    if (!platform::remove_last_line(path, *last))
        throw Fatal(exit_system,
                    fmt::format("{}: the log changed meanwhile; nothing was removed", path));
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
