// The command table (see command.hpp) and the global options.
#include "cli/setup.hpp"

#include <utility>

namespace touch::cli {

namespace {

const Positional client_arg{"client", "CLIENT", ArgKind::client,
                            "id, alias, name or a unique prefix"};
const Positional clients_arg{"client", "CLIENT[,CLIENT...]", ArgKind::clients,
                             "a client, or several joined by commas (one lunch with two)"};
const Positional channel_arg{"channel", "CHANNEL", ArgKind::channel,
                             "visit, call, note, email, text or your own"};
const Positional when_arg{"when", "WHEN", ArgKind::when, "an interval (2w) or a date (YYYY-MM-DD)"};

// One row a command. The order is the order of `touch --help`.
const std::vector<Command> table{
    {"init",
     "write a starter clients file and an empty log",
     Needs::nothing,
     {},
     0,
     false,
     setup_init},
    {"log",
     "record a touch: touch log CLIENT CHANNEL [NOTE...]",
     Needs::clients,
     {clients_arg,
      channel_arg,
      {"note", "NOTE...", ArgKind::words, "what happened (the rest of the line)", false, true}},
     0,
     false,
     setup_log},
    {"due",
     "today's suggestions: who to call, write to or visit",
     Needs::history,
     {},
     table_formats,
     true,
     setup_due,
     Team::runner},
    {"next",
     "the single most urgent suggestion",
     Needs::history,
     {{"channel", "CHANNEL", ArgKind::channel, "only this channel", false}},
     table_formats,
     true,
     setup_next,
     Team::runner},
    {"check", "validate the clients file and the log", Needs::nothing, {}, 0, false, setup_check},
    {"plan",
     "the coming workdays, filled up to each channel's capacity",
     Needs::history,
     {},
     table_formats | format_ics,
     true,
     setup_plan,
     Team::runner},
    {"history",
     "log entries, newest first",
     Needs::clients,
     {{"client", "CLIENT", ArgKind::client, "only this client", false}},
     table_formats,
     false,
     setup_history},
    {"clients",
     "every client with last touch, next due and status",
     Needs::history,
     {},
     table_formats,
     false,
     setup_clients,
     Team::chosen},
    {"show",
     "one client: details, what is owed and why, recent history",
     Needs::history,
     {client_arg},
     table_formats,
     false,
     setup_show},
    {"stats",
     "touches per channel and month; personal against digital",
     Needs::clients,
     {},
     table_formats,
     false,
     setup_stats},
    {"snooze",
     "put a client (or one channel) off until later",
     Needs::clients,
     {client_arg,
      when_arg,
      {"note", "NOTE...", ArgKind::words, "why (the rest of the line)", false, true}},
     0,
     false,
     setup_snooze},
    {"promise",
     "promise a touch by a date: touch promise CLIENT CHANNEL WHEN [NOTE...]",
     Needs::clients,
     {client_arg,
      channel_arg,
      {"when", "WHEN", ArgKind::when, "when it is due: a date or an interval (2w)", false},
      {"note", "NOTE...", ArgKind::words, "what was promised (the rest of the line)", false, true}},
     0,
     false,
     setup_promise},
    {"away",
     "nothing is suggested until WHEN: holidays, travel, illness",
     Needs::clients,
     {when_arg, {"note", "NOTE...", ArgKind::words, "why (the rest of the line)", false, true}},
     0,
     false,
     setup_away},
    {"edit",
     "open the clients file or the log in your editor, then check",
     Needs::nothing,
     {{"file",
       "clients|log",
       ArgKind::choice,
       "clients (the default) or log",
       false,
       false,
       {"clients", "log"}}},
     0,
     false,
     setup_edit},
    {"undo",
     "remove the log's last entry after showing it",
     Needs::clients,
     {},
     0,
     false,
     setup_undo},
    {"import",
     "print [[clients]] blocks for vCards, or log lines for calendar events",
     Needs::nothing,
     {{"kind",
       "vcard|ics",
       ArgKind::choice,
       "what to import: vcard or ics",
       true,
       false,
       {"vcard", "ics"}},
      {"file", "FILE|DIR...", ArgKind::file, "a .vcf or .ics file, or a folder of them", true,
       true}},
     0,
     false,
     setup_import},
    {"completion",
     "print a completion script for bash, zsh or fish",
     Needs::nothing,
     {{"shell",
       "SHELL",
       ArgKind::choice,
       "bash, zsh or fish (with --current: the words before it)",
       false,
       true,
       {"bash", "zsh", "fish"}}},
     0,
     false,
     setup_completion},
    {"remind",
     "email today's due list when something is due (for cron)",
     Needs::history,
     {},
     0,
     false,
     setup_remind,
     Team::runner},
};

} // namespace

const std::vector<GlobalOption>& global_options() {
    static const std::vector<GlobalOption> options{
        {"--clients", "PATH", "the clients file (TOML)"},
        {"--log", "PATH", "the log file"},
        {"--today", "DATE", "pretend today is DATE"},
        {"--color", "WHEN", "colour: auto, always or never"},
    };
    return options;
}

const std::vector<Command>& commands() {
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
