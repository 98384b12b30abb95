// touch stats [--since DATE] [--until DATE]: are relationships staying personal?
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/interval.hpp"
#include "touch/platform.hpp"

#include <fmt/format.h>

#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct StatsOptions {
    std::string since, until;
    TableOptions table;
};

int run_stats(const StatsOptions& opt, const GlobalOptions& globals) {
    auto ctx = load_context(globals);
    Date until = opt.until.empty() ? ctx.today : date_option(ctx, "--until", opt.until);
    // Default: this month and the eleven before it.
    date::year_month_day ymd{until};
    Date since = opt.since.empty()
                     ? subtract(date::sys_days{ymd.year() / ymd.month() / 1}, Interval::months(11))
                     : date_option(ctx, "--since", opt.since);
    if (since > until)
        throw Fatal(exit_usage, fmt::format("--since {} is after --until {}", format_date(since),
                                            format_date(until)));
    StatsBuilder stats(ctx.config, since, until, ctx.today);
    HistoryBuilder history(ctx.config, ctx.today);
    scan_log(ctx, [&](const Entry& e, std::size_t) {
        stats.add(e);
        history.add(e);
    });
    print_stdout(render_stats(ctx.config, stats.finish(history.history()),
                              parse_format(opt.table.format), ctx.style(STDOUT_FILENO)));
    return exit_ok;
}

} // namespace

void setup_stats(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<StatsOptions>();
    auto* sub =
        app.add_subcommand("stats", "touches per channel and month; personal against digital");
    sub->add_option("--since", opt->since, "from this date (default: 11 months before this month)")
        ->option_text("DATE");
    sub->add_option("--until", opt->until, "until this date (default today)")->option_text("DATE");
    add_format_option(*sub, opt->table, false);
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_stats(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
