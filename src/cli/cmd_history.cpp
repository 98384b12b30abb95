// touch history [CLIENT] [--since DATE] [--channel C] [--limit N]
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/platform.hpp"

#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct HistoryOptions {
    std::string client, since, channel;
    std::size_t limit = 0;
    TableOptions table;
};

int run_history(const HistoryOptions& opt, const GlobalOptions& globals) {
    auto ctx = load_context(globals);
    std::string client;
    if (!opt.client.empty())
        client =
            ctx.config.clients[static_cast<std::size_t>(resolve_client(ctx.config, opt.client))].id;
    std::optional<Date> since;
    if (!opt.since.empty()) since = date_option(ctx, "--since", opt.since);
    std::string channel;
    if (!opt.channel.empty())
        channel = ctx.config.channel_name(resolve_channel(ctx.config, opt.channel));
    auto lines = read_history(
        ctx,
        [&](const Entry& e) {
            return (client.empty() || e.client == client) && (!since || e.date >= *since) &&
                   (channel.empty() || e.channel == channel);
        },
        opt.limit);
    print_stdout(render_history(ctx.config, lines, parse_format(opt.table.format),
                                ctx.style(STDOUT_FILENO)));
    return exit_ok;
}

} // namespace

void setup_history(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<HistoryOptions>();
    auto* sub = app.add_subcommand("history", "log entries, newest first");
    sub->add_option("client", opt->client, "only this client")->option_text("CLIENT");
    sub->add_option("--since", opt->since, "only from this date on")->option_text("DATE");
    sub->add_option("--channel", opt->channel, "only this channel")->option_text("C");
    sub->add_option("--limit", opt->limit, "at most N entries")->option_text("N");
    add_format_option(*sub, opt->table, false);
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_history(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
