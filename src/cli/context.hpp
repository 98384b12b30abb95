// What every command starts from: the resolved paths, the parsed clients file,
// today's date, and how to print. Loading reports problems and throws Fatal.
#pragma once

#include "cli/app.hpp"
#include "touch/config.hpp"
#include "touch/engine.hpp"
#include "touch/log.hpp"
#include "touch/report.hpp"

#include <functional>
#include <optional>
#include <string>

namespace touch::cli {

struct Context {
    GlobalOptions globals;
    std::string clients_path;
    std::string clients_text;
    Config config;
    std::string log_path;
    Date today;
    bool today_given = false; // --today or $TOUCH_TODAY: not the real date
    // A command that reads the log twice (show) warns about skipped lines once.
    mutable bool warned_skipped = false;

    Style style(int fd) const;
};

// Where the clients file is: --clients, $TOUCH_CLIENTS, the XDG config folder.
std::string clients_path(const GlobalOptions& globals);

// Where the log is: --log, $TOUCH_LOG, settings.log (relative to the clients
// file's folder), the XDG data folder.
std::string log_path(const GlobalOptions& globals, const Config* config,
                     const std::string& clients_path);

// Reads and validates the clients file and works out today. Errors in the file
// are printed one per line and end the command with status 3.
Context load_context(const GlobalOptions& globals);

// --today / $TOUCH_TODAY when given, else the real date in the configured zone.
Date resolve_today(const GlobalOptions& globals, const Config& config, const std::string& path,
                   bool* given);

// Streams the log through `on_entry`, skipping malformed lines with one
// summary warning at the end. A missing log is an empty one.
void scan_log(const Context& ctx,
              const std::function<void(const Entry&, std::size_t line)>& on_entry);

// The log folded into what the engine needs.
History load_history(const Context& ctx);

// Every log entry (identical lines once) matching `keep`, newest first, at
// most `limit` of them (0: all).
std::vector<HistoryLine>
read_history(const Context& ctx, const std::function<bool(const Entry&)>& keep, std::size_t limit);

// A DATE option's value, or a usage error naming the option.
Date date_option(const Context& ctx, std::string_view option, const std::string& text);

// CLIENT: an id, alias or name (case-insensitive), or a unique prefix of one.
// Unknown or ambiguous: a usage error listing the candidates.
int resolve_client(const Config& config, std::string_view query);

// CHANNEL: a channel of the clients file; unknown is a usage error.
ChannelId resolve_channel(const Config& config, std::string_view name);

Format parse_format(std::string_view name);

// Appends one formatted line to the log (platform::append_line), warning
// when the log's last line had no newline and one was added first.
void append_to_log(const Context& ctx, std::string_view line);

void print_stdout(std::string_view text);
void warn(std::string_view message); // "touch: warning: ..."

} // namespace touch::cli
