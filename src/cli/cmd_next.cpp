// touch next [CHANNEL]: the single most urgent suggestion.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace touch::cli {

namespace {

struct NextOptions {
    std::string channel;
    TableOptions table;
    TeamOptions team;
};

int run_next(const NextOptions& opt, Context& ctx) {
    SuggestFilter filter;
    if (!opt.channel.empty()) filter.channel = resolve_channel(ctx.config, opt.channel);
    filter.person = opt.team.person(ctx);
    // The first row of what `due` shows: a touch whose channel is over its
    // per_day today is not the next one.
    auto ranked =
        suggest_capped(ctx.config, *ctx.history, filter, ReadPolicy::of_this_machine().threads)
            .shown;
    DueReport report{ctx.today, {}};
    if (!ranked.empty()) report.capped.shown.push_back(std::move(ranked.front()));
    bool nothing = report.capped.shown.empty();
    if (nothing && opt.table.quiet) return opt.table.status(nothing);
    auto format = opt.table.output();
    if (format != Format::text || nothing)
        print_stdout(render_due(ctx.config, report, format, ctx.style(STDOUT_FILENO)));
    else
        print_stdout(render_next(ctx.config, report.capped.shown.front(), ctx.today,
                                 ctx.style(STDOUT_FILENO),
                                 context_line(ctx.config, *ctx.history, load_last_notes(ctx),
                                              report.capped.shown.front().client())));
    return opt.table.status(nothing);
}

} // namespace

Runner setup_next(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<NextOptions>();
    add_positional(sub, row, 0, opt->channel);
    add_team_options(sub, row, opt->team);
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_next);
}

} // namespace touch::cli
