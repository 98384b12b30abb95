// touch init: a commented starter clients file and an empty log, never
// overwriting either.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "touch/platform.hpp"

#include <fmt/format.h>

#include <memory>

namespace touch::cli {

namespace {

struct InitOptions {};

int run_init(const InitOptions&, Context& ctx) {
    const auto& clients = ctx.clients_path;
    std::string out;
    if (platform::create_file(clients, starter_clients_file()))
        out += fmt::format("created {}: add your clients there\n", clients);
    else
        out += fmt::format("kept {}: it exists already\n", clients);

    // An existing clients file may name its log; a broken one is check's business.
    auto file = read_clients_file(clients, ClientsPolicy::lenient);
    auto log = log_path(ctx.globals, ctx.env, file.exists ? &file.parsed.config : nullptr, clients);
    if (platform::create_file(log, ""))
        out += fmt::format("created {}: 'touch log' appends here\n", log);
    else
        out += fmt::format("kept {}: it exists already\n", log);
    print_stdout(out);
    return exit_ok;
}

} // namespace

Runner setup_init(CLI::App&, const Command&) {
    return bind_run(std::make_shared<InitOptions>(), run_init);
}

} // namespace touch::cli
