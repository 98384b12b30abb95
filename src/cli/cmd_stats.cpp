// touch stats [--since DATE] [--until DATE]: are relationships staying personal?
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/stats.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace touch::cli {

namespace {

struct StatsOptions {
    std::string since, until;
    TableOptions table;
};

int run_stats(const StatsOptions& opt, Context& ctx) {
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
    // Per person too, in a folder of per-person logs: each file's stem.
    std::optional<AwayScope> away;
    std::string person;
    scan_log_files(ctx, [&](const Entry& e, std::size_t, const LogFile& file) {
        if (file.person != person) {
            person = file.person;
            away = person.empty() ? std::nullopt : away_clients(ctx.config, person);
            history.set_away_scope(away ? &*away : nullptr);
        }
        stats.add(e, file.person);
        history.add(e);
    });
    print_stdout(render_stats(ctx.config, stats.finish(history.history()), opt.table.output(),
                              ctx.style(STDOUT_FILENO)));
    return exit_ok;
}

} // namespace

Runner setup_stats(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<StatsOptions>();
    sub.add_option("--since", opt->since, "from this date (default: 11 months before this month)")
        ->option_text("DATE");
    sub.add_option("--until", opt->until, "until this date (default today)")->option_text("DATE");
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_stats);
}

} // namespace touch::cli
