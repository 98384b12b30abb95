// touch stats [--since DATE] [--until DATE]: are relationships staying personal?
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/stats.hpp"
#include "touch/storage/log_file.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <memory>
#include <optional>
#include <string>

namespace touch::cli {

namespace {

struct StatsOptions {
    std::string since, until;
    TableOptions table;
};

// A folder of per-person logs, a file after another: each line counts for the
// person of its file (its stem), whose `*` snoozes cover their own clients.
Stats read_folder(const Context& ctx, Date since, Date until) {
    StatsBuilder stats(ctx.config, since, until, ctx.today);
    HistoryBuilder history(ctx.config, ctx.today);
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
    return stats.finish(history.history());
}

// One piece of a log file: its History and its counts.
struct StatsPiece {
    std::unique_ptr<HistoryBuilder> history;
    std::unique_ptr<StatsBuilder> stats;
    void entry(const Entry& e, std::size_t) const {
        stats->add(e);
        history->add(e);
    }
    bool plain_entry(const Entry& e, std::size_t) const {
        if (!history->add_plain(e)) return false;
        stats->add(e);
        return true;
    }
};

// One log file, in pieces at once as `due` reads it, merged in file order.
Stats read_file(const Context& ctx, Date since, Date until) {
    auto readers =
        read_in_pieces<StatsPiece>(ctx.log.path, ReadPolicy::of_this_machine(), [&](std::size_t i) {
            StatsPiece piece{std::make_unique<HistoryBuilder>(ctx.config, ctx.today),
                             std::make_unique<StatsBuilder>(ctx.config, since, until, ctx.today)};
            if (i > 0) piece.stats->keep_counted();
            return piece;
        });
    LogFolderProblems found;
    found.add(pieces_problems(readers), ctx.log.path);
    warn_log_read(ctx, found);
    if (readers.empty())
        return StatsBuilder(ctx.config, since, until, ctx.today)
            .finish(History(ctx.config, ctx.today));
    auto& first = readers[0]->handler();
    auto& history = first.history->history();
    for (std::size_t j = 1; j < readers.size(); ++j) {
        const auto& piece = readers[j]->handler();
        history.merge(piece.history->history());
        first.stats->merge(*piece.stats, j + 1 == readers.size());
    }
    return first.stats->finish(history);
}

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
    prefer_large_pages_for_log(ctx);
    auto stats = ctx.log.folder ? read_folder(ctx, since, until) : read_file(ctx, since, until);
    print_stdout(render_stats(ctx.config, stats, opt.table.output(), ctx.style(STDOUT_FILENO)));
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
