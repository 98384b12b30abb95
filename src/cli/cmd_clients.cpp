// touch clients [--tag T] [--for NAME]: every client (or one person's) with last touch, next due
// and status.
#include "cli/options.hpp"
#include "cli/setup.hpp"

#include <unistd.h>

namespace touch::cli {

namespace {

struct ClientsOptions {
    std::string tag;
    TableOptions table;
    TeamOptions team;
};

int run_clients(const ClientsOptions& opt, Context& ctx) {
    require_filter_match(ctx.config, "--tag", opt.tag);
    auto person = opt.team.person(ctx);
    std::vector<ClientSummary> rows;
    for (std::size_t i = 0; i < ctx.config.clients.size(); ++i) {
        const auto& client = ctx.config.clients[i];
        if ((opt.tag.empty() || client.has_tag(opt.tag)) && shown_to(client, person))
            rows.push_back(summarize(ctx.config, *ctx.history, static_cast<int>(i)));
    }
    print_stdout(
        render_clients(ctx.config, rows, ctx.today, opt.table.output(), ctx.style(STDOUT_FILENO)));
    return exit_ok;
}

} // namespace

Runner setup_clients(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<ClientsOptions>();
    sub.add_option("--tag", opt->tag, "only clients with this tag")->option_text("T");
    add_team_options(sub, row, opt->team);
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_clients);
}

} // namespace touch::cli
