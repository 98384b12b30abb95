// `touch check` itself, for `touch edit` to run after the editor.
#pragma once

#include "cli/context.hpp"

namespace touch::cli {

// Prints the report of both files; returns 0 or exit_invalid_data.
int check_files(const Context& ctx);

} // namespace touch::cli
