// The command line: global options, the one command table that drives help,
// dispatch and "did you mean", and the entry point main() calls.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace touch::cli {

struct GlobalOptions {
    std::string clients; // --clients
    std::string log;     // --log
    std::string today;   // --today
    std::string color = "auto";
};

// What parsing the command line selects: the global options and the chosen
// command's run function (its options bound in).
struct Invocation {
    GlobalOptions globals;
    std::function<int()> run;
};

struct Command {
    std::string_view name;
    std::string_view summary;
    void (*setup)(CLI::App& app, Invocation& invocation);
};

const std::vector<Command>& commands();

// Parses argv and runs the command; returns the exit status. Fatal errors are
// printed here as "touch: message".
int main(int argc, char** argv);

// Options shared by the commands that print a table.
struct TableOptions {
    std::string format = "text";
    bool quiet = false;
    bool exit_status = false;
};
void add_format_option(CLI::App& sub, TableOptions& options, bool with_quiet,
                       bool with_ics = false);

} // namespace touch::cli
