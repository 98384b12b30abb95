// The setup function of every command, each defined in its own cmd_*.cpp and
// named in one row of the command table.
#pragma once

#include "cli/command_table.hpp"
#include "touch/core/model.hpp"
#include "touch/log/lines.hpp"

#include <optional>
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
Runner setup_skip(CLI::App& sub, const Command& row);

// WHEN as the line is to carry it: a word (tomorrow, a weekday name, next
// week, next month) becomes its date; a date or an interval stays as typed.
// "next" followed by the NOTE's first word "week" or "month" is those two
// words, so `promise acme call next week` needs no quotes: that word leaves
// `note`.
std::string when_as_written(const Context& ctx, std::string_view when,
                            std::vector<std::string>& note);

// The line `snooze`, `away`, `promise` and `log --next` write for WHEN
// (touch/log/lines.hpp), once WHEN is known to be one word, an interval or a
// date, that falls after today; a usage error otherwise.
DatedLine line_after_today(const Context& ctx, const std::optional<DatedLine>& line,
                           std::string_view when);

} // namespace touch::cli
