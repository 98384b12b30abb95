// The setup function of every command, each defined in its own cmd_*.cpp.
#pragma once

#include "cli/app.hpp"

namespace touch::cli {

void setup_init(CLI::App& app, Invocation& invocation);
void setup_log(CLI::App& app, Invocation& invocation);
void setup_due(CLI::App& app, Invocation& invocation);
void setup_next(CLI::App& app, Invocation& invocation);
void setup_check(CLI::App& app, Invocation& invocation);
void setup_plan(CLI::App& app, Invocation& invocation);
void setup_history(CLI::App& app, Invocation& invocation);
void setup_clients(CLI::App& app, Invocation& invocation);
void setup_show(CLI::App& app, Invocation& invocation);
void setup_stats(CLI::App& app, Invocation& invocation);
void setup_snooze(CLI::App& app, Invocation& invocation);
void setup_remind(CLI::App& app, Invocation& invocation);
void setup_undo(CLI::App& app, Invocation& invocation);
void setup_edit(CLI::App& app, Invocation& invocation);
void setup_completion(CLI::App& app, Invocation& invocation);
void setup_import(CLI::App& app, Invocation& invocation);

// `touch check` itself: prints the report, returns 0 or exit_invalid_data.
int check_files(const GlobalOptions& globals);

} // namespace touch::cli
