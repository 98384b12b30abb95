// touch show CLIENT: details, what is owed and why, recent history.
#include "cli/options.hpp"
#include "cli/setup.hpp"

#include <unistd.h>

namespace touch::cli {

namespace {

struct ShowOptions {
    std::string client;
    int recent = 10;
    TableOptions table;
};

int run_show(const ShowOptions& opt, Context& ctx) {
    ClientView view;
    view.client = resolve_client(ctx.config, opt.client);
    const auto& id = ctx.config.clients[static_cast<std::size_t>(view.client)].id;
    view.summary = summarize(ctx.config, *ctx.history, view.client);
    view.obligations = open_obligations(ctx.config, *ctx.history, view.client);
    view.context = context_line(ctx.config, *ctx.history, load_last_notes(ctx), view.client);
    view.recent = read_log_lines(
        ctx, [&](const Entry& e) { return names_client(e.client, id) && e.date <= ctx.today; },
        static_cast<std::size_t>(opt.recent));
    // Who last saw the client: the newest touch on a personal channel, in a
    // folder of per-person logs.
    if (ctx.log.folder) {
        auto seen = read_log_lines(
            ctx,
            [&](const Entry& e) {
                if (!names_client(e.client, id) || e.date > ctx.today) return false;
                auto ch = ctx.config.find_channel(e.channel);
                return ch && ctx.config.channels[*ch].personal;
            },
            1);
        if (!seen.empty()) view.last_seen = seen.front();
    }
    print_stdout(
        render_show(ctx.config, view, ctx.today, opt.table.output(), ctx.style(STDOUT_FILENO)));
    return exit_ok;
}

} // namespace

Runner setup_show(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<ShowOptions>();
    add_positional(sub, row, 0, opt->client);
    sub.add_option("--recent", opt->recent, "how many recent log entries (default 10)")
        ->check(CLI::NonNegativeNumber)
        ->option_text("N");
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_show);
}

} // namespace touch::cli
