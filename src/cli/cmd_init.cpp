// touch init: a commented starter clients file and an empty log, never
// overwriting either.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/platform.hpp"

#include <fmt/format.h>

#include <memory>

namespace touch::cli {

namespace {

struct InitOptions {};

int run_init(const InitOptions&, const GlobalOptions& globals) {
    auto clients = clients_path(globals);
    std::string out;
    if (platform::create_file(clients, starter_clients_file()))
        out += fmt::format("created {}: add your clients there\n", clients);
    else
        out += fmt::format("kept {}: it exists already\n", clients);

    // An existing clients file may name its log; a broken one is check's business.
    Config config;
    bool have_config = false;
    if (auto text = platform::read_file(clients)) {
        auto parsed = parse_config(*text, clients);
        if (!has_errors(parsed.diagnostics)) {
            config = std::move(parsed.config);
            have_config = true;
        }
    }
    auto log = log_path(globals, have_config ? &config : nullptr, clients);
    if (platform::create_file(log, ""))
        out += fmt::format("created {}: 'touch log' appends here\n", log);
    else
        out += fmt::format("kept {}: it exists already\n", log);
    print_stdout(out);
    return exit_ok;
}

} // namespace

void setup_init(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<InitOptions>();
    auto* sub = app.add_subcommand("init", "write a starter clients file and an empty log");
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_init(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
