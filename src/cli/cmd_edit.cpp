// touch edit [clients|log]: $VISUAL or $EDITOR, then check.
#include "cli/check.hpp"
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/platform/files.hpp"
#include "touch/platform/process.hpp"
#include "touch/platform/system.hpp"
#include "touch/platform/terminal.hpp"
#include "touch/storage/log_location.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct EditOptions {
    std::string which = "clients";
};

std::vector<std::string> editor_command() {
    auto text = platform::env("VISUAL");
    if (!text) text = platform::env("EDITOR");
    if (!text) {
        for (const char* fallback : {"editor", "vi"})
            if (platform::find_program(fallback)) return {fallback};
        throw Fatal(exit_system, "no editor: set VISUAL or EDITOR");
    }
    auto words = platform::split_command(*text);
    if (!words || words->empty())
        throw Fatal(exit_usage,
                    fmt::format("cannot read the editor command '{}'", escape_control(*text)));
    return *words;
}

int run_edit(const EditOptions& opt, Context& ctx) {
    std::string path = ctx.clients_path;
    if (opt.which == "log") {
        // The log's place may come from the clients file, as much of it as
        // can be read: a broken file is no reason not to edit the log.
        auto file = read_clients_file(ctx.clients_path, ClientsPolicy::lenient);
        // In a folder of logs, the runner's own file.
        path = log_location(ctx, file.exists ? &file.parsed.config : nullptr).own.or_fatal();
    }
    platform::make_parent_dirs(path);
    auto argv = editor_command();
    argv.push_back(path);
    for (;;) {
        auto status = platform::run_interactive(argv);
        if (status != 0)
            throw Fatal(exit_system,
                        fmt::format("the editor ({}) exited with status {}", argv[0], status));
        auto checked = check_files(ctx);
        if (checked == exit_ok) return exit_ok;
        if (!platform::is_terminal(STDIN_FILENO)) return checked;
        std::fputs("Edit again to fix this? [Y/n] ", stderr);
        std::string answer;
        if (!std::getline(std::cin, answer) || answer == "n" || answer == "N" || answer == "no")
            return checked;
    }
}

} // namespace

Runner setup_edit(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<EditOptions>();
    add_positional(sub, row, 0, opt->which);
    return bind_run(opt, run_edit);
}

} // namespace touch::cli
