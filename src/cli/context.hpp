// What every command starts from: the environment as read once, the resolved
// paths, the parsed clients file, today's date, the log read where the command
// needs it, and how to print. The clock and the environment come in as
// values, so each resolution here has a unit test.
#pragma once

#include "cli/command_table.hpp"
#include "touch/config/config.hpp"
#include "touch/engine/context.hpp"
#include "touch/engine/history.hpp"
#include "touch/log/log.hpp"
#include "touch/report/report.hpp"
#include "touch/storage/log_file.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace touch::cli {

// The environment variables touch reads for its files and its day.
struct Environment {
    std::optional<std::string> clients; // TOUCH_CLIENTS
    std::optional<std::string> log;     // TOUCH_LOG
    std::optional<std::string> today;   // TOUCH_TODAY
    std::optional<std::string> home;    // HOME
    std::optional<std::string> xdg_config_home, xdg_data_home;
    std::optional<std::string> user;  // TOUCH_USER
    std::optional<std::string> login; // the login name: LOGNAME, else USER
    // Neither is set: the password file names the login, asked only when who
    // runs touch matters (a folder of logs, [people], import's `by`): some
    // 0.1 ms of every command otherwise.
    bool login_lookup = false;

    static Environment of_process();
    // The XDG base directories: an unset, empty or relative value means
    // ~/.config and ~/.local/share; without HOME either, an Error.
    Expected<std::string> config_home() const;
    Expected<std::string> data_home() const;
};

// Who runs touch (SPEC §1, §7): $TOUCH_USER, else the login name (from the
// password file when the environment does not say it); nothing when neither
// is known.
std::optional<std::string> runner_name(const Environment& env);

struct Context {
    GlobalOptions globals;
    Environment env;
    std::string clients_path;
    std::string clients_text;
    Config config;
    LogLocation log; // where the log is, for Needs::clients and ::history
    Date today{};
    bool today_given = false;       // --today or $TOUCH_TODAY: not the real date
    std::optional<History> history; // read before commands that need it
    // A command that reads the log twice (show) warns about skipped lines once.
    mutable bool warned_skipped = false;
    // What the command changed in the log, in words ("appended to FILE:
    // LINE"): said on stderr if the output then cannot be written, so that
    // neither a person nor a script does it twice.
    std::string changed;

    Style style(int fd) const;
};

// Where the clients file is: --clients, $TOUCH_CLIENTS, the XDG config folder;
// an Error when none is named and there is no HOME to find the folder by.
Expected<std::string> clients_path(const GlobalOptions& globals, const Environment& env);

// Where the log is: --log, $TOUCH_LOG, settings.log (relative to the clients
// file's folder; "~" or "~/..." from the home folder), the XDG data folder.
std::string log_path(const GlobalOptions& globals, const Environment& env, const Config* config,
                     const std::string& clients_path);

// Today: --today, else $TOUCH_TODAY, else `clock` (the real date in the
// configured zone). Whatever the zone, a given day wins; a relative one
// ("yesterday", "-3d") counts back from the clock's. A bad value is a usage
// error naming where it came from.
struct Today {
    Date date;
    bool given = false;
};
Today resolve_today(const GlobalOptions& globals, const Environment& env, Date clock);

// The real date in settings.timezone; an unknown zone is a diagnostic at its
// line (nothing when the zone is fine), and the system zone's date is used.
Date clock_today(const Config& config, const std::string& path,
                 std::optional<Diagnostic>* bad_zone);

// How a command takes a clients file it cannot use.
enum class ClientsPolicy {
    strict, // every problem printed; missing: status 4; errors: status 3
    lenient // missing or broken: what could be read, and the diagnostics
};
struct ClientsFile {
    std::string path;
    bool exists = false;
    std::string text;
    ConfigResult parsed;
    bool usable() const { return exists && !has_errors(parsed.diagnostics); }
};
// The one place the clients file is read.
ClientsFile read_clients_file(const std::string& path, ClientsPolicy policy);

// The context a command row needs: for Needs::clients and ::history the
// clients file (strictly), the log's path and today; for ::history the log
// read into ctx.history too.
Context load_context(const GlobalOptions& globals, const Environment& env, Needs needs);

// Where the log is for this context's options and environment, with
// `config`'s settings.log (nothing: a clients file that could not be read).
// load_context decides it for the commands that need the clients file; init,
// check and edit, which read that file leniently, ask here themselves.
LogLocation log_location(const Context& ctx, const Config* config);

// The single log a setup used before `log = "…/"` in the clients file named
// a folder (SPEC §1): where the log is without that setting, when it is a
// file that holds something; else nothing.
std::optional<std::string> former_single_log(const Context& ctx, const Config* config,
                                             const LogLocation& log);

// Streams every file of the log (one, or a folder's) through `on_entry`,
// with the file each entry comes from; one summary warning at the end.
using FileEntrySink = std::function<void(const Entry&, std::size_t line, const LogFile& file)>;
void scan_log_files(const Context& ctx, const FileEntrySink& on_entry);

// Streams the log through `on_entry`, skipping malformed lines with one
// summary warning at the end. A missing log is an empty one.
void scan_log(const Context& ctx, const std::function<void(const Entry&, std::size_t)>& on_entry);

// Before a command keeps something of every line of the log (history,
// stats): with a log of platform::large_pages_log_bytes or more, the heap
// in large pages (platform::prefer_large_pages). A History keeps a few
// touches a client, however long the log: the commands that read the log
// so are not asked to.
void prefer_large_pages_for_log(const Context& ctx);

// The log folded into what the engine needs.
History load_history(const Context& ctx);
// What load_history says after reading, for a command that reads the log
// its own way: `found`'s summary warning (once per run) and the lines of a
// former single log that no file of the folder holds.
void warn_log_read(const Context& ctx, const LogFolderProblems& found);

// The context of each client (touch/engine/context.hpp): the log read once
// more, only by the commands that say what was said last time.
LastNotes load_last_notes(const Context& ctx);
// context_line for each row, in order: what `due --context` and `remind` show.
std::vector<std::string> row_contexts(const Context& ctx, const std::vector<Suggestion>& rows);

// Every log entry (identical lines once) matching `keep`, newest first, at
// most `limit` of them (0: all).
std::vector<LogLine> read_log_lines(const Context& ctx,
                                    const std::function<bool(const Entry&)>& keep,
                                    std::size_t limit);
// The same held where they were read (`keep` called from each thread that
// reads): what history shows of the whole log.
std::unique_ptr<LogLineList> read_log_line_list(const Context& ctx,
                                                const std::function<bool(const Entry&)>& keep,
                                                std::size_t limit);

// A DATE option's value, or a usage error naming the option.
Date date_option(const Context& ctx, std::string_view option, const std::string& text);

// CLIENT (see match_client); unknown or ambiguous: a usage error naming the
// candidates.
int resolve_client(const Config& config, std::string_view query);

// --tag T or --city X (`option`) that no client of the clients file
// matches: a usage error with a close guess, rather than a quiet day that
// hides a typo (SPEC §5). An empty value is no filter.
void require_filter_match(const Config& config, std::string_view option, std::string_view value);

// CHANNEL: a channel of the clients file; unknown is a usage error.
ChannelId resolve_channel(const Config& config, std::string_view name);

// Appends formatted lines to the log (in a folder, to the runner's own file: LogLocation::own) in
// one write (platform::append_line), each first read back by the log's own reader: a line it would
// skip is a usage error and nothing is written. Warns when the log's last line had no newline and
// one was added first.
void append_to_log(Context& ctx, std::string_view lines);

// The minute of the day a line is written at when the real clock is in use,
// else -1 (under --today, no time is written): it orders lines of one day,
// such as a promise and its cancel, whatever order they stand in.
int minute_written(const Context& ctx);

void print_stdout(std::string_view text);
// One line on stderr, "touch: " first, control characters escaped. A closed
// or full stderr is ignored: it never changes what the command did or returns.
void print_error(std::string_view message);
void warn(std::string_view message); // "touch: warning: ..."

} // namespace touch::cli
