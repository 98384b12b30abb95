// touch clients [--tag T]: every client with last touch, next due and status.
#include "cli/commands.hpp"
#include "cli/options.hpp"

#include <unistd.h>

namespace touch::cli {

namespace {

struct ClientsOptions {
    std::string tag;
    TableOptions table;
};

int run_clients(const ClientsOptions& opt, Context& ctx) {
    std::vector<ClientSummary> rows;
    for (std::size_t i = 0; i < ctx.config.clients.size(); ++i)
        if (opt.tag.empty() || ctx.config.clients[i].has_tag(opt.tag))
            rows.push_back(summarize(ctx.config, *ctx.history, static_cast<int>(i)));
    print_stdout(
        render_clients(ctx.config, rows, ctx.today, opt.table.output(), ctx.style(STDOUT_FILENO)));
    return exit_ok;
}

} // namespace

Runner setup_clients(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<ClientsOptions>();
    sub.add_option("--tag", opt->tag, "only clients with this tag")->option_text("T");
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_clients);
}

} // namespace touch::cli
