// touch away WHEN [NOTE...]: nothing is suggested until WHEN.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "touch/interval.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

namespace touch::cli {

namespace {

struct AwayOptions {
    std::string when;
    std::vector<std::string> note;
};

int run_away(const AwayOptions& opt, Context& ctx) {
    std::string note = opt.when;
    for (auto& word : opt.note)
        note += " " + word;
    Entry entry{ctx.today, -1, everyone, snooze_channel, note};
    auto until = snooze_until(entry);
    if (!until || opt.when.find_first_of(" \t") != std::string::npos)
        throw Fatal(exit_usage, fmt::format("'{}' is not an interval (1w, 10d) or a date "
                                            "(YYYY-MM-DD)",
                                            escape_control(opt.when)));
    if (*until <= ctx.today)
        throw Fatal(exit_usage, fmt::format("{} is not after today", format_date(*until)));
    append_to_log(ctx, format_log_line(ctx.today, -1, everyone, snooze_channel, note));
    print_stdout(fmt::format("Away until {}: nothing is suggested before then, and what falls "
                             "due meanwhile comes back that day.\n",
                             format_date(*until)));
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
