#include "cli/context.hpp"

#include "touch/core/interval.hpp"
#include "touch/engine/match.hpp"
#include "touch/engine/people.hpp"
#include "touch/platform/clock.hpp"
#include "touch/platform/files.hpp"
#include "touch/platform/system.hpp"
#include "touch/platform/terminal.hpp"
#include "touch/storage/log_file.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace touch::cli {

void print_stdout(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
}

void print_error(std::string_view message) {
    // A message of several lines (what a mail program said) is printed as
    // lines, each with the prefix, so no line of it passes for another's.
    std::string line;
    for (std::size_t pos = 0; pos <= message.size();) {
        auto end = std::min(message.find('\n', pos), message.size());
        line += "touch: " + escape_control(message.substr(pos, end - pos)) + "\n";
        pos = end + 1;
    }
    // Nothing to be done when stderr is closed or full: the status stands.
    (void)!std::fwrite(line.data(), 1, line.size(), stderr);
    (void)std::fflush(stderr);
}

void warn(std::string_view message) {
    print_error(fmt::format("warning: {}", message));
}

Environment Environment::of_process() {
    Environment env;
    env.clients = platform::env("TOUCH_CLIENTS");
    env.log = platform::env("TOUCH_LOG");
    env.today = platform::env("TOUCH_TODAY");
    env.home = platform::env("HOME");
    env.xdg_config_home = platform::env("XDG_CONFIG_HOME");
    env.xdg_data_home = platform::env("XDG_DATA_HOME");
    env.user = platform::env("TOUCH_USER");
    env.login = platform::env("LOGNAME");
    if (!env.login) env.login = platform::env("USER");
    env.login_lookup = !env.login;
    return env;
}

std::optional<std::string> runner_name(const Environment& env) {
    if (env.user) return env.user;
    if (env.login || !env.login_lookup) return env.login;
    return platform::login_name();
}

namespace {

Expected<std::string> home_based(const std::optional<std::string>& value,
                                 const std::optional<std::string>& home, std::string_view variable,
                                 std::string_view fallback) {
    if (value && (*value)[0] == '/') return *value;
    if (!home)
        return Error{
            exit_system,
            fmt::format("neither ${} nor $HOME is set; use --clients and --log", variable)};
    return *home + "/" + std::string(fallback);
}

} // namespace

Expected<std::string> Environment::config_home() const {
    return home_based(xdg_config_home, home, "XDG_CONFIG_HOME", ".config");
}

Expected<std::string> Environment::data_home() const {
    return home_based(xdg_data_home, home, "XDG_DATA_HOME", ".local/share");
}

Style Context::style(int fd) const {
    auto mode = globals.color == "always"  ? platform::ColorMode::always
                : globals.color == "never" ? platform::ColorMode::never
                                           : platform::ColorMode::automatic;
    return Style{platform::use_color(mode, fd), platform::terminal_width(fd)};
}

Expected<std::string> clients_path(const GlobalOptions& globals, const Environment& env) {
    if (!globals.clients.empty()) return globals.clients;
    if (env.clients) return *env.clients;
    auto folder = env.config_home();
    if (!folder) return folder.error();
    return *folder + "/touch/clients.toml";
}

std::string log_path(const GlobalOptions& globals, const Environment& env, const Config* config,
                     const std::string& clients) {
    if (!globals.log.empty()) return globals.log;
    if (env.log) return *env.log;
    if (config && config->settings.log && !config->settings.log->empty()) {
        const auto& configured = *config->settings.log;
        if (configured[0] == '/') return configured;
        if (env.home && (configured == "~" || configured.rfind("~/", 0) == 0))
            return *env.home + configured.substr(1);
        auto slash = clients.find_last_of('/');
        return slash == std::string::npos ? configured : clients.substr(0, slash + 1) + configured;
    }
    return env.data_home().or_fatal() + "/touch/log";
}

Today resolve_today(const GlobalOptions& globals, const Environment& env, Date clock) {
    std::string_view source = "--today";
    std::string text = globals.today;
    if (text.empty() && env.today) {
        text = *env.today;
        source = "TOUCH_TODAY";
    }
    if (text.empty()) return {clock, false};
    std::string error;
    auto day = parse_date_arg(text, clock, &error);
    if (!day) throw Fatal(exit_usage, fmt::format("{}: {}", source, error));
    return {*day, true};
}

Date clock_today(const Config& config, const std::string& path,
                 std::optional<Diagnostic>* bad_zone) {
    std::string error;
    if (auto day = platform::today(config.settings.timezone, &error)) return *day;
    Diagnostic d{path,
                 config.settings.timezone_line,
                 config.settings.timezone_col,
                 Severity::error,
                 error,
                 "use an IANA name such as America/New_York (see /usr/share/zoneinfo)"};
    if (!bad_zone) throw Fatal(exit_invalid_data, format_diagnostic(d));
    *bad_zone = std::move(d);
    return *platform::today(std::nullopt, nullptr);
}

ClientsFile read_clients_file(const std::string& path, ClientsPolicy policy) {
    ClientsFile file;
    file.path = path;
    if (path.empty() && policy == ClientsPolicy::lenient) return file; // none can be found
    // Its text, tree and clients are most of what a command builds: for a
    // large file, in large pages from the text on.
    if (platform::regular_file_size(path).value_or(0) >= platform::large_pages_clients_bytes)
        platform::prefer_large_pages();
    auto read = platform::try_read_file(path);
    if (!read && policy == ClientsPolicy::strict) throw Fatal(read.error());
    // Lenient: an unreadable file is as good as a missing one.
    auto text = read ? std::move(read).value() : std::nullopt;
    if (!text) {
        if (policy == ClientsPolicy::strict)
            throw Fatal(exit_system, fmt::format("{}: no clients file; run 'touch init' to create "
                                                 "one, or name one with --clients",
                                                 path));
        return file;
    }
    file.exists = true;
    file.text = std::move(*text);
    file.parsed = parse_config(file.text, path);
    if (policy == ClientsPolicy::strict && has_errors(file.parsed.diagnostics)) {
        std::size_t errors = 0;
        for (auto& d : file.parsed.diagnostics) {
            if (d.severity == Severity::error) ++errors;
            print_error(format_diagnostic(d) + (d.hint.empty() ? "" : " (" + d.hint + ")"));
        }
        throw Fatal(exit_invalid_data,
                    fmt::format("{}: {} error{}; nothing was done (see 'touch check')", path,
                                errors, errors == 1 ? "" : "s"));
    }
    return file;
}

Context load_context(const GlobalOptions& globals, const Environment& env, Needs needs) {
    Context ctx;
    ctx.globals = globals;
    ctx.env = env;
    // A command that needs no files runs where no file can be found (no
    // HOME): it learns the clients file's path only when there is one.
    auto where = clients_path(globals, env);
    if (needs == Needs::nothing) {
        if (where) ctx.clients_path = std::move(where).value();
        return ctx;
    }
    ctx.clients_path = std::move(where).or_fatal();
    auto file = read_clients_file(ctx.clients_path, ClientsPolicy::strict);
    ctx.clients_text = std::move(file.text);
    ctx.config = std::move(file.parsed.config);
    ctx.log = log_location(ctx, &ctx.config);
    if (platform::same_file(ctx.log.path, ctx.clients_path))
        throw Fatal(exit_usage, fmt::format("{}: the log is the clients file; name another log "
                                            "(--log, TOUCH_LOG or settings.log)",
                                            ctx.log.path));
    // A folder of logs holding the clients file (as NAME.log) would read it as a log.
    // A folder that cannot be listed is the command's to report, as a read or a write.
    if (ctx.log.folder && ctx.log.files)
        for (const auto& file : *ctx.log.files)
            if (platform::same_file(file.path, ctx.clients_path))
                throw Fatal(exit_usage,
                            fmt::format("{}: the clients file is one of the logs in {}; keep it "
                                        "out of the log folder, or name it otherwise than *.log",
                                        file.path, ctx.log.path));
    auto today = resolve_today(globals, env, clock_today(ctx.config, ctx.clients_path, nullptr));
    ctx.today = today.date;
    ctx.today_given = today.given;
    if (needs == Needs::history) ctx.history = load_history(ctx);
    return ctx;
}

namespace {

void warn_skipped(const Context& ctx, const LogFolderProblems& found) {
    const auto& problems = found.problems;
    if (ctx.warned_skipped) return;
    if (problems.skipped > 0) {
        if (found.files > 1) // several files of a folder: the folder, and where to start
            warn(fmt::format("{}: {} log lines skipped in {} files (first: {} line {}), run "
                             "'touch check'",
                             ctx.log.path, problems.skipped, found.files, found.first_path,
                             problems.first_line));
        else
            warn(fmt::format("{}: {}", found.first_path.empty() ? ctx.log.path : found.first_path,
                             skipped_summary(problems)));
    }
    if (auto unknown = unknown_channel_summary(problems); !unknown.empty())
        warn(fmt::format("{}: {}", ctx.log.path, unknown));
    ctx.warned_skipped =
        problems.skipped > 0 || problems.unknown_channel_lines > 0 || problems.near_miss_lines > 0;
}

} // namespace

LogLocation log_location(const Context& ctx, const Config* config) {
    auto path = log_path(ctx.globals, ctx.env, config, ctx.clients_path);
    // Who runs touch names their file in a folder, and must be one of [people].
    bool people = config && !config->people.empty();
    auto runner = people || is_log_folder(path) ? runner_name(ctx.env) : std::nullopt;
    auto source = ctx.env.user ? "TOUCH_USER" : "the login name";
    auto location = locate_log(std::move(path), runner, source);
    // With [people] a runner who is not one of them may read but not write
    // (SPEC §7): their lines would be nobody's, and a `*` snooze in them no
    // one's time away.
    if (config && !config->people.empty() && location.own &&
        !(runner && find_person(*config, *runner)))
        location.own =
            Error{exit_usage,
                  runner ? fmt::format("'{}' ({}) is not in [people] of {}: you may read the log "
                                       "but not write to it; set TOUCH_USER to your name in "
                                       "[people], or add [people.{}]; nothing was written",
                                       escape_control(*runner), source, ctx.clients_path,
                                       escape_control(*runner))
                         : fmt::format("who runs touch is not known: you may read the log but not "
                                       "write to it; set TOUCH_USER to your name in [people] of "
                                       "{}; nothing was written",
                                       ctx.clients_path)};
    return location;
}

std::optional<std::string> former_single_log(const Context& ctx, const Config* config,
                                             const LogLocation& log) {
    if (!log.folder || !config || !config->settings.log || !ctx.globals.log.empty() || ctx.env.log)
        return std::nullopt;
    auto home = ctx.env.data_home();
    if (!home) return std::nullopt;
    auto path = *home + "/touch/log";
    auto size = platform::regular_file_size(path);
    if (!size || *size == 0) return std::nullopt;
    return path;
}

namespace {

// The log lines of `text`, blank lines and comments left out.
std::vector<std::string_view> entry_lines(std::string_view text) {
    std::vector<std::string_view> out;
    for (std::size_t at = 0; at < text.size();) {
        auto end = std::min(text.find('\n', at), text.size());
        auto line = text.substr(at, end - at);
        if (parse_log_line(line).kind == LineKind::entry) out.push_back(line);
        at = end + 1;
    }
    return out;
}

// History never silently empties (SPEC §1): lines of the former single log
// that no file of the folder holds are said once, with what to do.
void warn_former_log(const Context& ctx) {
    auto former = former_single_log(ctx, &ctx.config, ctx.log);
    if (!former) return;
    auto text = platform::read_file(*former);
    if (!text) return;
    auto lines = entry_lines(*text);
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    for (const auto& file : ctx.log.readable_files()) {
        auto held = platform::read_file(file.path);
        if (!held) continue;
        for (auto line : entry_lines(*held))
            if (auto it = std::lower_bound(lines.begin(), lines.end(), line);
                it != lines.end() && *it == line)
                lines.erase(it);
    }
    if (lines.empty()) return;
    bool one = lines.size() == 1;
    warn(fmt::format("{}: {} line{} of the single log used before the folder {} {} in no file of "
                     "it and count{} for nothing; run 'touch init --team' to move it to your own "
                     "file there",
                     *former, lines.size(), one ? "" : "s", ctx.log.path, one ? "is" : "are",
                     one ? "s" : ""));
}

} // namespace

int minute_written(const Context& ctx) {
    return ctx.today_given ? -1 : platform::minute_now(ctx.config.settings.timezone);
}

void append_to_log(Context& ctx, std::string_view lines) {
    // Nothing is written that the reader would then skip: it is asked itself.
    for (std::size_t start = 0; start < lines.size();) {
        auto end = lines.find('\n', start);
        auto text = lines.substr(start, end == std::string_view::npos ? end : end - start);
        start = end == std::string_view::npos ? lines.size() : end + 1;
        if (text.size() > max_line_length)
            throw Fatal(exit_usage, fmt::format("the line would be {} bytes, and a log line holds "
                                                "at most {}; nothing was written",
                                                text.size(), max_line_length));
        if (parse_log_line(text).kind != LineKind::entry)
            throw Fatal(exit_usage, fmt::format("'{}' would not read back as a log entry; "
                                                "nothing was written",
                                                escape_control(text.substr(0, 200))));
    }
    auto path = ctx.log.own.or_fatal();
    if (path != ctx.log.path && platform::same_file(path, ctx.clients_path))
        throw Fatal(exit_usage, fmt::format("{}: the log is the clients file; name another log "
                                            "(--log, TOUCH_LOG or settings.log)",
                                            path));
    if (platform::append_line(path, lines, ctx.log.links()))
        warn(fmt::format("{}: its last line had no newline at its end (a hand edit, or a write "
                         "cut short); one was added before this line",
                         path));
    auto written = lines.substr(0, lines.size() - (lines.ends_with('\n') ? 1 : 0));
    ctx.changed = fmt::format("appended to {}: {}", path, written);
    ctx.log.appended();
}

void scan_log_files(const Context& ctx, const FileEntrySink& on_entry) {
    LogFolderProblems found;
    for (const auto& file : ctx.log.readable_files()) {
        auto scan = scan_log_file(
            file.path, [&](const Entry& e, std::size_t line) { on_entry(e, line, file); });
        found.add(scan.problems, file.path);
    }
    warn_skipped(ctx, found);
}

void scan_log(const Context& ctx, const std::function<void(const Entry&, std::size_t)>& on_entry) {
    scan_log_files(ctx,
                   [&](const Entry& e, std::size_t line, const LogFile&) { on_entry(e, line); });
}

LastNotes load_last_notes(const Context& ctx) {
    LastNotes notes(ctx.config, ctx.today);
    scan_log(ctx, [&](const Entry& e, std::size_t) { notes.add(e); });
    return notes;
}

std::vector<std::string> row_contexts(const Context& ctx, const std::vector<Suggestion>& rows) {
    auto notes = load_last_notes(ctx);
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto& s : rows)
        out.push_back(context_line(ctx.config, *ctx.history, notes, s.client()));
    return out;
}

void prefer_large_pages_for_log(const Context& ctx) {
    std::uint64_t bytes = 0;
    for (const auto& file : ctx.log.readable_files())
        bytes += ctx.log.folder ? file.size : platform::regular_file_size(file.path).value_or(0);
    if (bytes >= platform::large_pages_log_bytes) platform::prefer_large_pages();
}

History load_history(const Context& ctx) {
    LogFolderProblems problems;
    auto history =
        read_history_log(ctx.log, ctx.config, ctx.today, ReadPolicy::of_this_machine(), problems);
    warn_log_read(ctx, problems);
    return history;
}

void warn_log_read(const Context& ctx, const LogFolderProblems& found) {
    warn_skipped(ctx, found);
    warn_former_log(ctx);
}

std::vector<LogLine> read_log_lines(const Context& ctx,
                                    const std::function<bool(const Entry&)>& keep,
                                    std::size_t limit) {
    LogFolderProblems problems;
    auto lines =
        touch::read_log_lines(ctx.log, keep, limit, problems, ReadPolicy::of_this_machine());
    warn_skipped(ctx, problems);
    warn_former_log(ctx);
    return lines;
}

std::unique_ptr<LogLineList> read_log_line_list(const Context& ctx,
                                                const std::function<bool(const Entry&)>& keep,
                                                std::size_t limit) {
    LogFolderProblems problems;
    auto lines =
        touch::read_log_line_list(ctx.log, keep, limit, ReadPolicy::of_this_machine(), problems);
    warn_skipped(ctx, problems);
    warn_former_log(ctx);
    return lines;
}

Date date_option(const Context& ctx, std::string_view option, const std::string& text) {
    std::string error;
    auto day = parse_date_arg(text, ctx.today, &error);
    if (!day) throw Fatal(exit_usage, fmt::format("{}: {}", option, error));
    return *day;
}

int resolve_client(const Config& config, std::string_view query) {
    if (query.empty()) throw Fatal(exit_usage, "CLIENT is empty");
    auto match = match_client(config, query);
    if (match.client >= 0) return match.client;
    auto list = [&](const std::vector<int>& which) {
        std::vector<std::string> out;
        for (auto i : which) {
            const auto& c = config.clients[static_cast<std::size_t>(i)];
            out.push_back(c.name == c.id ? fmt::format("'{}'", c.id)
                                         : fmt::format("'{}' ({})", c.id, escape_control(c.name)));
        }
        return join_words(out, " or ");
    };
    auto shown = escape_control(query);
    if (!match.ambiguous.empty())
        throw Fatal(exit_usage,
                    fmt::format("'{}' matches several clients: {}", shown, list(match.ambiguous)));
    if (!match.close.empty())
        throw Fatal(exit_usage,
                    fmt::format("no client '{}'; did you mean {}?", shown, list(match.close)));
    if (config.clients.empty())
        throw Fatal(exit_usage, fmt::format("no client '{}': the clients file lists none", shown));
    throw Fatal(exit_usage, fmt::format("no client '{}' (by id, alias, name or a word of a name); "
                                        "'touch clients' lists them",
                                        shown));
}

ChannelId resolve_channel(const Config& config, std::string_view name) {
    if (auto ch = config.find_channel(to_lower(name))) return *ch;
    std::vector<std::string> names;
    for (auto& ch : config.channels)
        names.push_back(ch.id);
    auto guess = did_you_mean(to_lower(name), names);
    throw Fatal(exit_usage,
                fmt::format("no channel '{}'{}; channels: {}", escape_control(name),
                            guess.empty() ? "" : " (" + guess + ")", join_words(names, " and ")));
}

void require_filter_match(const Config& config, std::string_view option, std::string_view value) {
    if (value.empty()) return;
    bool tag = option == "--tag";
    std::vector<std::string> known;
    auto add = [&](const std::string& word) {
        if (word.empty()) return;
        if (std::none_of(known.begin(), known.end(),
                         [&](const std::string& k) { return equals_ci(k, word); }))
            known.push_back(word);
    };
    for (const auto& c : config.clients) {
        if (tag ? c.has_tag(value) : equals_ci(c.city, value)) return;
        if (tag)
            std::for_each(c.tags.begin(), c.tags.end(), add);
        else
            add(c.city);
    }
    auto shown = escape_control(value);
    auto what = tag ? "has the tag" : "is in";
    if (known.empty())
        throw Fatal(exit_usage, fmt::format("{} {}: no client {} '{}' (no client has {})", option,
                                            shown, what, shown, tag ? "tags" : "a city"));
    throw Fatal(exit_usage,
                fmt::format("{} {}: no client {} '{}'; {}", option, shown, what, shown,
                            did_you_mean_or_list(value, known, tag ? "tags" : "cities")));
}

} // namespace touch::cli
