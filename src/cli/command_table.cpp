// The command table (see command_table.hpp) and the global options.
#include "cli/setup.hpp"

#include <utility>

namespace touch::cli {

namespace {

constexpr Positional client_arg{.id = "client",
                                .name = "CLIENT",
                                .kind = ArgKind::client,
                                .help = "id, alias, name or a unique prefix"};
constexpr Positional clients_arg{.id = "client",
                                 .name = "CLIENT[,CLIENT...]",
                                 .kind = ArgKind::clients,
                                 .help =
                                     "a client, or several joined by commas (one lunch with two)"};
constexpr Positional channel_arg{.id = "channel",
                                 .name = "CHANNEL",
                                 .kind = ArgKind::channel,
                                 .help = "visit, call, note, email, text or your own"};
constexpr Positional when_arg{.id = "when",
                              .name = "WHEN",
                              .kind = ArgKind::when,
                              .help = "an interval (2w) or a date (YYYY-MM-DD)"};

// The rest of the line, optional: a note, a reason.
constexpr Positional rest_of_line(std::string_view help) {
    return {.id = "note",
            .name = "NOTE...",
            .kind = ArgKind::words,
            .help = help,
            .required = false,
            .many = true};
}

// The positionals and choices the rows point to.
constexpr Positional log_args[]{clients_arg, channel_arg,
                                rest_of_line("what happened (the rest of the line)")};
constexpr Positional next_args[]{{.id = "channel",
                                  .name = "CHANNEL",
                                  .kind = ArgKind::channel,
                                  .help = "only this channel",
                                  .required = false}};
constexpr Positional history_args[]{{.id = "client",
                                     .name = "CLIENT",
                                     .kind = ArgKind::client,
                                     .help = "only this client",
                                     .required = false}};
constexpr Positional show_args[]{client_arg};
constexpr Positional snooze_args[]{client_arg, when_arg,
                                   rest_of_line("why (the rest of the line)")};
constexpr Positional promise_args[]{client_arg,
                                    channel_arg,
                                    {.id = "when",
                                     .name = "WHEN",
                                     .kind = ArgKind::when,
                                     .help = "when it is due: a date or an interval (2w)",
                                     .required = false},
                                    rest_of_line("what was promised (the rest of the line)")};
constexpr Positional skip_args[]{client_arg, channel_arg,
                                 rest_of_line("why (the rest of the line)")};
constexpr Positional away_args[]{when_arg, rest_of_line("why (the rest of the line)")};
constexpr std::string_view edit_choices[]{"clients", "log"};
constexpr Positional edit_args[]{{.id = "file",
                                  .name = "clients|log",
                                  .kind = ArgKind::choice,
                                  .help = "clients (the default) or log",
                                  .required = false,
                                  .choices = edit_choices}};
constexpr std::string_view import_choices[]{"vcard", "ics", "calls", "mail"};
constexpr Positional import_args[]{
    {.id = "kind",
     .name = "vcard|ics|calls|mail",
     .kind = ArgKind::choice,
     .help = "what to import: vcard, ics, calls or mail",
     .choices = import_choices},
    {.id = "file",
     .name = "FILE|DIR...",
     .kind = ArgKind::file,
     .help = "a .vcf or .ics file or a folder of them, a call log, a Maildir or mbox",
     .many = true}};
constexpr std::string_view shells[]{"bash", "zsh", "fish"};
constexpr Positional completion_args[]{
    {.id = "shell",
     .name = "SHELL",
     .kind = ArgKind::choice,
     .help = "bash, zsh or fish (with --current: the words before it)",
     .required = false,
     .many = true,
     .choices = shells}};

// One row a command. The order is the order of `touch --help`. A field left
// out takes its default (command_table.hpp): no positionals, no --format, no
// --quiet, no --for.
constexpr Command table[]{
    {.name = "init",
     .summary = "write a starter clients file and an empty log",
     .needs = Needs::nothing,
     .setup = setup_init},
    {.name = "log",
     .summary = "record a touch: touch log CLIENT CHANNEL [NOTE...]",
     .needs = Needs::clients,
     .positionals = log_args,
     .setup = setup_log},
    {.name = "due",
     .summary = "today's suggestions: who to call, write to or visit",
     .needs = Needs::history,
     .formats = table_formats,
     .quiet = true,
     .setup = setup_due,
     .team = Team::runner},
    {.name = "next",
     .summary = "the single most urgent suggestion",
     .needs = Needs::history,
     .positionals = next_args,
     .formats = table_formats,
     .quiet = true,
     .setup = setup_next,
     .team = Team::runner},
    {.name = "check",
     .summary = "validate the clients file and the log",
     .needs = Needs::nothing,
     .setup = setup_check},
    {.name = "plan",
     .summary = "the coming workdays, filled up to each channel's capacity",
     .needs = Needs::history,
     .formats = table_formats | format_ics,
     .quiet = true,
     .setup = setup_plan,
     .team = Team::runner},
    {.name = "history",
     .summary = "log entries, newest first",
     .needs = Needs::clients,
     .positionals = history_args,
     .formats = table_formats,
     .setup = setup_history},
    {.name = "clients",
     .summary = "every client with last touch, next due and status",
     .needs = Needs::history,
     .formats = table_formats,
     .setup = setup_clients,
     .team = Team::chosen},
    {.name = "show",
     .summary = "one client: details, what is owed and why, recent history",
     .needs = Needs::clients,
     .positionals = show_args,
     .formats = table_formats,
     .setup = setup_show},
    {.name = "stats",
     .summary = "touches per channel and month; personal against digital",
     .needs = Needs::clients,
     .formats = table_formats,
     .setup = setup_stats},
    {.name = "snooze",
     .summary = "put a client (or one channel) off until later",
     .needs = Needs::clients,
     .positionals = snooze_args,
     .setup = setup_snooze},
    {.name = "promise",
     .summary = "promise a touch by a date: touch promise CLIENT CHANNEL WHEN [NOTE...]",
     .needs = Needs::clients,
     .positionals = promise_args,
     .setup = setup_promise},
    {.name = "skip",
     .summary = "settle a follow-up, birthday or promise without a touch",
     .needs = Needs::clients,
     .positionals = skip_args,
     .setup = setup_skip},
    {.name = "away",
     .summary = "nothing is suggested until WHEN: holidays, travel, illness",
     .needs = Needs::clients,
     .positionals = away_args,
     .setup = setup_away},
    {.name = "edit",
     .summary = "open the clients file or the log in your editor, then check",
     .needs = Needs::nothing,
     .positionals = edit_args,
     .setup = setup_edit},
    {.name = "undo",
     .summary = "remove the log's last entry after showing it",
     .needs = Needs::clients,
     .setup = setup_undo},
    {.name = "import",
     .summary = "print [[clients]] blocks for vCards, or log lines for events, calls and mail",
     .needs = Needs::nothing,
     .positionals = import_args,
     .setup = setup_import},
    {.name = "completion",
     .summary = "print a completion script for bash, zsh or fish",
     .needs = Needs::nothing,
     .positionals = completion_args,
     .setup = setup_completion},
    {.name = "remind",
     .summary = "email today's due list when something is due (for cron)",
     .needs = Needs::history,
     .setup = setup_remind,
     .team = Team::runner},
};

// The global options, as `touch --help` lists them.
constexpr GlobalOption global_option_table[]{
    {"--clients", "PATH", "the clients file (TOML)"},
    {"--log", "PATH", "the log file"},
    {"--today", "DATE", "pretend today is DATE"},
    {"--color", "WHEN", "colour: auto, always or never"},
};

} // namespace

std::span<const GlobalOption> global_options() {
    return global_option_table;
}

std::span<const Command> commands() {
    return table;
}

const Command* find_command(std::string_view name) {
    for (auto& c : commands())
        if (c.name == name) return &c;
    return nullptr;
}

std::vector<std::string> format_list(unsigned formats) {
    std::vector<std::string> names;
    for (auto [bit, name] : {std::pair{format_text, "text"}, std::pair{format_json, "json"},
                             std::pair{format_csv, "csv"}, std::pair{format_ics, "ics"}})
        if (formats & bit) names.emplace_back(name);
    return names;
}

} // namespace touch::cli
