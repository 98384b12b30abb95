// What a command's setup uses to declare its options: CLI11, and the helpers
// that turn a table row's positionals and formats into CLI11 options, so no
// command writes its own name, summary, positionals or --format again.
#pragma once

#include "cli/command_table.hpp"
#include "cli/context.hpp"
#include "touch/core/error.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace touch::cli {

// The row's positional `index`, bound to `into`.
CLI::Option* add_positional(CLI::App& sub, const Command& row, std::size_t index,
                            std::string& into);
CLI::Option* add_positional(CLI::App& sub, const Command& row, std::size_t index,
                            std::vector<std::string>& into);

// --format from the row's formats; -q and -e when the row has them.
struct TableOptions {
    std::string format = "text";
    bool quiet = false;
    bool exit_status = false;

    Format output() const;
    // The status for "nothing due" under -e, else success.
    int status(bool nothing) const;
};
void add_table_options(CLI::App& sub, const Command& row, TableOptions& into);

// --for NAME (and --everyone) when the row's `team` says so.
struct TeamOptions {
    Team team = Team::none;
    std::string for_person;
    bool everyone = false;

    // Whose clients to show (nothing: every client). An unknown --for NAME is
    // a usage error; a runner not in [people] is warned, once, and sees
    // every client.
    std::optional<int> person(const Context& ctx) const;
};
void add_team_options(CLI::App& sub, const Command& row, TeamOptions& into);

// The run function of a command whose options live in `options`.
template <typename Options, typename Run>
Runner bind_run(std::shared_ptr<Options> options, Run run) {
    return [options, run](Context& ctx) { return run(*options, ctx); };
}

} // namespace touch::cli
