// touch history [CLIENT] [--since DATE] [--channel C] [--limit N]
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/storage/log_location.hpp"
#include "touch/util/text.hpp"

#include <algorithm>

#include <unistd.h>

namespace touch::cli {

namespace {

struct HistoryOptions {
    std::string client, since, channel;
    int limit = 0;
    TableOptions table;
};

int run_history(const HistoryOptions& opt, Context& ctx) {
    // A client's lines are those of its id and of its aliases (SPEC §3).
    std::vector<std::string> names;
    if (!opt.client.empty()) {
        const auto& c =
            ctx.config.clients[static_cast<std::size_t>(resolve_client(ctx.config, opt.client))];
        names.push_back(c.id);
        for (auto& alias : c.aliases)
            names.push_back(to_lower(alias));
    }
    auto of_client = [&](std::string_view field) {
        return names.empty() || std::any_of(names.begin(), names.end(), [&](const auto& name) {
                   return names_client(field, name);
               });
    };
    std::optional<Date> since;
    if (!opt.since.empty()) since = date_option(ctx, "--since", opt.since);
    std::string channel;
    if (!opt.channel.empty())
        channel = ctx.config.channel_name(resolve_channel(ctx.config, opt.channel));
    prefer_large_pages_for_log(ctx);
    // Like every report, history shows the log as it stood on `today`.
    auto lines = read_log_line_list(
        ctx,
        [&](const Entry& e) {
            return e.date <= ctx.today && of_client(e.client) && (!since || e.date >= *since) &&
                   (channel.empty() || e.channel == channel);
        },
        static_cast<std::size_t>(opt.limit));
    write_history(ctx.config, *lines, opt.table.output(), ctx.style(STDOUT_FILENO), ctx.log.folder,
                  print_stdout, ReadPolicy::of_this_machine().threads);
    return exit_ok;
}

} // namespace

Runner setup_history(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<HistoryOptions>();
    add_positional(sub, row, 0, opt->client);
    sub.add_option("--since", opt->since, "only from this date on")->option_text("DATE");
    sub.add_option("--channel", opt->channel, "only this channel")->option_text("C");
    sub.add_option("--limit", opt->limit, "at most N entries (0: all)")
        ->check(CLI::NonNegativeNumber)
        ->option_text("N");
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_history);
}

} // namespace touch::cli
