// touch edit [clients|log]: $VISUAL or $EDITOR, then check.
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

int run_edit(const EditOptions& opt, const GlobalOptions& globals) {
    auto clients = clients_path(globals);
    std::string path = clients;
    if (opt.which == "log") {
        // The log's place may come from the clients file; a broken one is
        // no reason not to edit the log.
        Config config;
        const Config* known = nullptr;
        if (auto text = platform::read_file(clients)) {
            auto parsed = parse_config(*text, clients);
            if (!has_errors(parsed.diagnostics)) {
                config = std::move(parsed.config);
                known = &config;
            }
        }
        path = log_path(globals, known, clients);
    }
    platform::make_parent_dirs(path);
    auto argv = editor_command();
    argv.push_back(path);
    for (;;) {
        auto status = platform::run_interactive(argv);
        if (status != 0)
            throw Fatal(exit_system,
                        fmt::format("the editor ({}) exited with status {}", argv[0], status));
        auto checked = check_files(globals);
        if (checked == exit_ok) return exit_ok;
        if (!platform::is_terminal(STDIN_FILENO)) return checked;
        fmt::print(stderr, "Edit again to fix this? [Y/n] ");
        std::string answer;
        if (!std::getline(std::cin, answer) || answer == "n" || answer == "N" || answer == "no")
            return checked;
    }
}

} // namespace

void setup_edit(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<EditOptions>();
    auto* sub =
        app.add_subcommand("edit", "open the clients file or the log in your editor, then check");
    sub->add_option("file", opt->which, "clients (the default) or log")
        ->check(CLI::IsMember({"clients", "log"}))
        ->option_text("clients|log");
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_edit(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
