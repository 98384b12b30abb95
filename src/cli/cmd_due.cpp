// touch due: today's suggestions, capped per channel unless --all.
#include "cli/options.hpp"
#include "cli/setup.hpp"

#include "touch/core/interval.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace touch::cli {

namespace {

struct DueOptions {
    std::string channel, tag, city;
    bool all = false;
    bool context = false;
    TableOptions table;
    TeamOptions team;
};

int run_due(const DueOptions& opt, Context& ctx) {
    SuggestFilter filter;
    if (!opt.channel.empty()) filter.channel = resolve_channel(ctx.config, opt.channel);
    require_filter_match(ctx.config, "--tag", opt.tag);
    require_filter_match(ctx.config, "--city", opt.city);
    filter.tag = opt.tag;
    filter.city = opt.city;
    filter.person = opt.team.person(ctx);
    auto threads = ReadPolicy::of_this_machine().threads;
    DueReport report{ctx.today, {}};
    if (!opt.team.for_person.empty())
        report.show_all = fmt::format("touch due --for {} --all", opt.team.for_person);
    if (opt.all)
        report.capped.shown = suggest(ctx.config, *ctx.history, filter, threads);
    else
        report.capped = suggest_capped(ctx.config, *ctx.history, filter, threads);
    if (opt.context) report.context = row_contexts(ctx, report.capped.shown);
    bool nothing = report.capped.shown.empty();
    // Time away: said once, where a person reads it, instead of an empty day.
    auto away = time_away(*ctx.history, filter.person);
    if (away && away->until > ctx.today && opt.table.output() == Format::text && !opt.table.quiet)
        print_stdout(fmt::format("Away until {}: nothing is suggested before then.\n",
                                 format_date(away->until)));
    if (!(nothing && opt.table.quiet))
        print_stdout(render_due(ctx.config, report, opt.table.output(), ctx.style(STDOUT_FILENO)));
    return opt.table.status(nothing);
}

} // namespace

Runner setup_due(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<DueOptions>();
    sub.add_option("--channel", opt->channel, "only suggestions on this channel")->option_text("C");
    sub.add_option("--tag", opt->tag, "only clients with this tag")->option_text("T");
    sub.add_option("--city", opt->city, "only clients in this city")->option_text("X");
    sub.add_flag("--all", opt->all, "show everything, past each channel's per_day");
    sub.add_flag("-c,--context", opt->context,
                 "under each row, the last touch's note and any open promise");
    add_team_options(sub, row, opt->team);
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_due);
}

} // namespace touch::cli
