// touch away WHEN [NOTE...]: nothing is suggested until WHEN.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/people.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

namespace touch::cli {

namespace {

struct AwayOptions {
    std::string when;
    std::vector<std::string> note;
};

int run_away(const AwayOptions& opt, Context& ctx) {
    auto note = opt.note;
    auto when = when_as_written(ctx, opt.when, note);
    auto line = line_after_today(ctx, away_line(ctx.today, when, note), when);
    append_to_log(ctx, line.text);
    // In a folder of logs with a team, time away is the runner's own: the
    // rest of the team covers their clients meanwhile.
    if (ctx.log.folder && !ctx.config.people.empty())
        print_stdout(fmt::format("Away until {}: your list is empty until then; what falls due "
                                 "for your clients meanwhile goes to the rest of their team, "
                                 "else to everyone, marked as cover.\n",
                                 format_date(line.date)));
    else
        print_stdout(fmt::format("Away until {}: nothing is suggested before then, and what "
                                 "falls due meanwhile comes back that day.\n",
                                 format_date(line.date)));
    return exit_ok;
}

} // namespace

Runner setup_away(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<AwayOptions>();
    add_positional(sub, row, 0, opt->when);
    add_positional(sub, row, 1, opt->note);
    return bind_run(opt, run_away);
}

} // namespace touch::cli
