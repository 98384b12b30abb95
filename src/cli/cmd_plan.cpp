// touch plan [--days N]: the coming workdays, within capacity.
#include "cli/options.hpp"
#include "cli/setup.hpp"

#include <unistd.h>

namespace touch::cli {

namespace {

struct PlanOptions {
    int days = 14;
    TableOptions table;
    TeamOptions team;
};

int run_plan(const PlanOptions& opt, Context& ctx) {
    SuggestFilter filter;
    filter.person = opt.team.person(ctx);
    auto days = plan(ctx.config, *ctx.history, opt.days, filter);
    bool nothing = std::all_of(days.begin(), days.end(),
                               [](const PlannedDay& day) { return day.items.empty(); });
    if (!(nothing && opt.table.quiet))
        print_stdout(
            render_plan(ctx.config, days, ctx.today, opt.table.output(), ctx.style(STDOUT_FILENO)));
    return opt.table.status(nothing);
}

} // namespace

Runner setup_plan(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<PlanOptions>();
    sub.add_option("--days", opt->days, "how many days ahead, today included (default 14)")
        ->check(CLI::Range(1, 366))
        ->option_text("N");
    add_team_options(sub, row, opt->team);
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_plan);
}

} // namespace touch::cli
