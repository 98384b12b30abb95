// The command table: the one place a command's name, summary, positionals,
// formats and what it needs loaded are written. Help, dispatch, completion,
// the coreutils pass-through's idea of "ours" and the man-page check all read
// it (the way ninja's kTools table drives its tools). Adding a command is one
// row in command_table.cpp and one cmd_*.cpp. No CLI11 here: most units include
// this header, and CLI11 is heavy to compile.
#pragma once

#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace touch::cli {

struct Context;

// Options every command accepts, before or after its name.
struct GlobalOptions {
    std::string clients; // --clients
    std::string log;     // --log
    std::string today;   // --today
    std::string color = "auto";
};

// The global options as the parser and the pass-through know them.
struct GlobalOption {
    std::string_view name;  // "--clients"
    std::string_view value; // "PATH"
    std::string_view help;
};
std::span<const GlobalOption> global_options();

// What a command needs before it runs. `clients`: the clients file parsed
// (errors end the command with status 3), the log's path and today;
// `history`: that and the log read into a History.
enum class Needs { nothing, clients, history };

// What a positional argument is: completion offers candidates by kind.
enum class ArgKind { client, clients, channel, when, words, file, choice };

struct Positional {
    std::string_view id;   // as CLI11 names it in errors: "client"
    std::string_view name; // as shown in help: "CLIENT"
    ArgKind kind;
    std::string_view help;
    bool required = true;
    bool many = false;                              // takes the rest of the words
    std::span<const std::string_view> choices = {}; // ArgKind::choice
};

// Output formats a command offers with --format.
enum FormatBit : unsigned { format_text = 1, format_json = 2, format_csv = 4, format_ics = 8 };
inline constexpr unsigned table_formats = format_text | format_json | format_csv;
// The names of `formats`, in this order: text, json, csv, ics.
std::vector<std::string> format_list(unsigned formats);

// What the command's setup hands back: its run function, options bound in.
using Runner = std::function<int(Context&)>;

// Whose clients a command shows when the clients file has [people] (SPEC §7).
enum class Team {
    none,
    chosen, // --for NAME; every client without it (clients)
    runner, // --for NAME or --everyone; the runner's clients without either
};

struct Command;
using Setup = Runner (*)(CLI::App& sub, const Command& row);

struct Command {
    std::string_view name;
    std::string_view summary;
    Needs needs;
    std::span<const Positional> positionals = {};
    unsigned formats = 0; // 0: no --format
    bool quiet = false;   // -q/--quiet and -e/--exit-status
    Setup setup;
    Team team = Team::none;
};

// The table is constant data: nothing of it is built or allocated when the
// program starts (README, Speed).
std::span<const Command> commands();
const Command* find_command(std::string_view name);

} // namespace touch::cli
