// touch clients [--tag T]: every client with last touch, next due and status.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/platform.hpp"

#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct ClientsOptions {
    std::string tag;
    TableOptions table;
};

int run_clients(const ClientsOptions& opt, const GlobalOptions& globals) {
    auto ctx = load_context(globals);
    auto history = load_history(ctx);
    std::vector<ClientSummary> rows;
    for (std::size_t i = 0; i < ctx.config.clients.size(); ++i)
        if (opt.tag.empty() || ctx.config.clients[i].has_tag(opt.tag))
            rows.push_back(summarize(ctx.config, history, static_cast<int>(i)));
    print_stdout(render_clients(ctx.config, rows, ctx.today, parse_format(opt.table.format),
                                ctx.style(STDOUT_FILENO)));
    return exit_ok;
}

} // namespace

void setup_clients(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<ClientsOptions>();
    auto* sub = app.add_subcommand("clients", "every client with last touch, next due and status");
    sub->add_option("--tag", opt->tag, "only clients with this tag")->option_text("T");
    add_format_option(*sub, opt->table, false);
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_clients(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
