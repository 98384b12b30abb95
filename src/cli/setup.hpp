// The setup function of every command, each defined in its own cmd_*.cpp and
// named in one row of the command table.
#pragma once

#include "cli/command_table.hpp"
#include "touch/core/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace touch::cli {

Runner setup_init(CLI::App& sub, const Command& row);
Runner setup_log(CLI::App& sub, const Command& row);
Runner setup_due(CLI::App& sub, const Command& row);
Runner setup_next(CLI::App& sub, const Command& row);
Runner setup_check(CLI::App& sub, const Command& row);
Runner setup_plan(CLI::App& sub, const Command& row);
Runner setup_history(CLI::App& sub, const Command& row);
Runner setup_clients(CLI::App& sub, const Command& row);
Runner setup_show(CLI::App& sub, const Command& row);
Runner setup_stats(CLI::App& sub, const Command& row);
Runner setup_snooze(CLI::App& sub, const Command& row);
Runner setup_remind(CLI::App& sub, const Command& row);
Runner setup_undo(CLI::App& sub, const Command& row);
Runner setup_edit(CLI::App& sub, const Command& row);
Runner setup_completion(CLI::App& sub, const Command& row);
Runner setup_import(CLI::App& sub, const Command& row);
Runner setup_promise(CLI::App& sub, const Command& row);
Runner setup_away(CLI::App& sub, const Command& row);

// A snooze or promise line dated today for `snooze`, `away`, `promise` and
// `log --next`: WHEN, an interval (kept as typed: the line's own date makes
// it absolute, and "2w" reads better in the log than a date) or a date,
// must fall after today; a usage error otherwise.
struct DatedLine {
    std::string text; // the line, newline included
    Date date;        // until (snooze), due (promise)
};
DatedLine dated_line(const Context& ctx, std::string_view client, std::string_view channel,
                     const std::string& when, const std::vector<std::string>& note);

} // namespace touch::cli
