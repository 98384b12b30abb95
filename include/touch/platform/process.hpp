// Other programs: finding one on $PATH, splitting a command line as a shell
// would, running one on this terminal (the editor) or with input piped to it
// (sendmail), and a unique Message-ID for what is sent.
#pragma once

#include "touch/core/error.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touch::platform {

// A unique Message-ID (without brackets): time, process and host.
std::string new_message_id();

// A program named in argv[0], found as a shell finds it: a name with a '/'
// is that path (a relative one from the current folder), a name without one
// the first match in the absolute entries of $PATH (relative entries are
// never used). Nothing when it is not an executable file.
std::optional<std::string> find_program(const std::string& name);

// Splits a command line as a shell would split words: blanks separate,
// single quotes keep everything, double quotes keep all but \" and \\, a
// backslash escapes the next character. Nothing is expanded. Nothing when a
// quote is left open.
std::optional<std::vector<std::string>> split_command(std::string_view text);

// Runs argv (no shell) on this terminal and waits: its exit status. While it
// runs, SIGINT and SIGQUIT are ignored here (the program gets them as they
// were before), so Ctrl-C at the terminal reaches the program only.
int run_interactive(const std::vector<std::string>& argv);

struct ProcessResult {
    int status = 0;     // exit status, or 128 + signal
    std::string output; // what it wrote on standard output and error, in order (the first 64 KiB)
};

// Runs argv (no shell) with `input` on its standard input, reading what it
// writes on standard output and error while the input is written, so a
// program that talks before it reads cannot block both sides. An Error
// (exit_system) when it cannot be started, when it exited with status 0 but
// did not take the whole input (it closed its standard input or ended
// first), or when it has not ended within `time_limit`: then it is sent
// SIGTERM, and SIGKILL when that is not enough. A program that exits with
// another status is a result, whatever it read.
Expected<ProcessResult> run_with_input(const std::vector<std::string>& argv, std::string_view input,
                                       std::chrono::seconds time_limit);

} // namespace touch::platform
