#include "cli/context.hpp"

#include "touch/interval.hpp"
#include "touch/platform.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <unordered_set>

namespace touch::cli {

void print_stdout(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
}

void warn(std::string_view message) {
    fmt::print(stderr, "touch: warning: {}\n", message);
}

Style Context::style(int fd) const {
    auto mode = globals.color == "always"  ? platform::ColorMode::always
                : globals.color == "never" ? platform::ColorMode::never
                                           : platform::ColorMode::automatic;
    return Style{platform::use_color(mode, fd), platform::terminal_width(fd)};
}

std::string clients_path(const GlobalOptions& globals) {
    if (!globals.clients.empty()) return globals.clients;
    if (auto env = platform::env("TOUCH_CLIENTS")) return *env;
    return platform::config_home() + "/touch/clients.toml";
}

std::string log_path(const GlobalOptions& globals, const Config* config,
                     const std::string& clients) {
    if (!globals.log.empty()) return globals.log;
    if (auto env = platform::env("TOUCH_LOG")) return *env;
    if (config && config->settings.log) {
        const auto& configured = *config->settings.log;
        if (configured[0] == '/') return configured;
        if (configured.rfind("~/", 0) == 0)
            if (auto home = platform::env("HOME")) return *home + configured.substr(1);
        auto slash = clients.find_last_of('/');
        return slash == std::string::npos ? configured : clients.substr(0, slash + 1) + configured;
    }
    return platform::data_home() + "/touch/log";
}

Date resolve_today(const GlobalOptions& globals, const Config& config, const std::string& path,
                   bool* given) {
    std::string error;
    auto real = platform::today(config.settings.timezone, &error);
    if (!real) {
        Diagnostic d{path,
                     config.settings.timezone_line,
                     config.settings.timezone_col,
                     Severity::error,
                     error,
                     {}};
        throw Fatal(exit_invalid_data, format_diagnostic(d));
    }
    std::string text = globals.today;
    std::string source = "--today";
    if (text.empty())
        if (auto env = platform::env("TOUCH_TODAY")) {
            text = *env;
            source = "TOUCH_TODAY";
        }
    if (given) *given = !text.empty();
    if (text.empty()) return *real;
    auto day = parse_date_arg(text, *real, &error);
    if (!day) throw Fatal(exit_usage, fmt::format("{}: {}", source, error));
    return *day;
}

Context load_context(const GlobalOptions& globals) {
    Context ctx;
    ctx.globals = globals;
    ctx.clients_path = clients_path(globals);
    auto text = platform::read_file(ctx.clients_path);
    if (!text)
        throw Fatal(exit_system, fmt::format("{}: no clients file; run 'touch init' to create one, "
                                             "or name one with --clients",
                                             ctx.clients_path));
    ctx.clients_text = std::move(*text);
    auto parsed = parse_config(ctx.clients_text, ctx.clients_path);
    if (has_errors(parsed.diagnostics)) {
        std::size_t errors = 0;
        for (auto& d : parsed.diagnostics) {
            if (d.severity == Severity::error) ++errors;
            auto line = format_diagnostic(d);
            if (!d.hint.empty()) line += " (" + d.hint + ")";
            fmt::print(stderr, "touch: {}\n", line);
        }
        throw Fatal(exit_invalid_data,
                    fmt::format("{}: {} error{}; nothing was done (see 'touch check')",
                                ctx.clients_path, errors, errors == 1 ? "" : "s"));
    }
    ctx.config = std::move(parsed.config);
    ctx.log_path = log_path(globals, &ctx.config, ctx.clients_path);
    ctx.today = resolve_today(globals, ctx.config, ctx.clients_path, &ctx.today_given);
    return ctx;
}

namespace {

using EntrySink = std::function<void(const Entry&, std::size_t line)>;

// Reads one stretch of the log: each line into an entry for `on_entry`, or
// counted as skipped.
class LogReader {
public:
    LogReader(EntrySink on_entry, bool at_file_start)
        : on_entry_(std::move(on_entry))
        , splitter_([this](std::string_view line, std::size_t number,
                           bool too_long) { read(line, number, too_long); },
                    at_file_start) {}
    LineSplitter& splitter() { return splitter_; }
    const LogProblems& problems() const { return problems_; }

private:
    EntrySink on_entry_;
    LineParser parser_;
    LogProblems problems_;
    LineSplitter splitter_;
    Entry entry_;

    void read(std::string_view line, std::size_t number, bool too_long) {
        if (!too_long) {
            if (parser_.read_entry(line, entry_)) {
                on_entry_(entry_, number);
                return;
            }
            auto parsed = parser_.parse(line);
            if (parsed.kind == LineKind::entry) {
                on_entry_(parsed.entry, number);
                return;
            }
            if (parsed.kind == LineKind::blank) return;
        }
        if (problems_.skipped++ == 0) problems_.first_line = number;
    }
};

void warn_skipped(const Context& ctx, const LogProblems& problems) {
    if (problems.skipped == 0 || ctx.warned_skipped) return;
    ctx.warned_skipped = true;
    warn(fmt::format("{}: {}", ctx.log_path, skipped_summary(problems)));
}

} // namespace

void append_to_log(const Context& ctx, std::string_view line) {
    if (platform::append_line(ctx.log_path, line))
        warn(fmt::format("{}: its last line had no newline at its end (a hand edit, or a write "
                         "cut short); one was added before this line",
                         ctx.log_path));
}

void scan_log(const Context& ctx, const EntrySink& on_entry) {
    LogReader reader(on_entry, true);
    platform::read_lines(ctx.log_path, reader.splitter());
    warn_skipped(ctx, reader.problems());
}

History load_history(const Context& ctx) {
    // A large log is read in pieces, one per core, each into a History of its
    // own; the pieces' Histories then merge into the one a single pass gives.
    struct Piece {
        HistoryBuilder builder;
        LogReader reader;
        Piece(const Context& ctx, bool first)
            : builder(ctx.config, ctx.today)
            , reader([this](const Entry& e, std::size_t) { builder.add(e); }, first) {}
    };
    std::size_t max_pieces = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    std::vector<std::unique_ptr<Piece>> pieces(max_pieces);
    auto used = platform::read_lines_in_parts(ctx.log_path, max_pieces,
                                              [&](std::size_t i) -> LineSplitter& {
                                                  pieces[i] = std::make_unique<Piece>(ctx, i == 0);
                                                  return pieces[i]->reader.splitter();
                                              });
    if (used == 0) return History(ctx.config, ctx.today);
    LogProblems problems;
    std::size_t lines_before = 0;
    for (std::size_t i = 0; i < used; ++i) {
        const auto& piece = pieces[i]->reader.problems();
        if (piece.skipped > 0 && problems.skipped == 0)
            problems.first_line = lines_before + piece.first_line;
        problems.skipped += piece.skipped;
        lines_before += pieces[i]->reader.splitter().lines();
    }
    warn_skipped(ctx, problems);
    History history = std::move(pieces[0]->builder.history());
    for (std::size_t i = 1; i < used; ++i)
        history.merge(pieces[i]->builder.history());
    return history;
}

std::vector<HistoryLine>
read_history(const Context& ctx, const std::function<bool(const Entry&)>& keep, std::size_t limit) {
    std::vector<HistoryLine> lines;
    std::unordered_set<std::string> seen;
    scan_log(ctx, [&](const Entry& e, std::size_t) {
        if (!keep(e)) return;
        auto line = format_log_line(e.date, e.minute, e.client, e.channel, e.note);
        if (!seen.insert(line).second) return; // identical lines count once
        lines.push_back(
            {e.date, e.minute, std::string(e.client), std::string(e.channel), std::string(e.note)});
    });
    std::stable_sort(lines.begin(), lines.end(), [](const HistoryLine& a, const HistoryLine& b) {
        return std::tie(a.date, a.minute) > std::tie(b.date, b.minute);
    });
    if (limit > 0 && lines.size() > limit) lines.resize(limit);
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
    // Exact matches first (id, alias, name), then unique prefixes of any of them.
    std::vector<int> exact, prefix;
    for (std::size_t i = 0; i < config.clients.size(); ++i) {
        const auto& c = config.clients[i];
        std::vector<std::string_view> names{c.id, c.name};
        names.insert(names.end(), c.aliases.begin(), c.aliases.end());
        bool is_exact = std::any_of(names.begin(), names.end(),
                                    [&](std::string_view n) { return equals_ci(n, query); });
        bool is_prefix = std::any_of(names.begin(), names.end(),
                                     [&](std::string_view n) { return starts_with_ci(n, query); });
        if (is_exact)
            exact.push_back(static_cast<int>(i));
        else if (is_prefix)
            prefix.push_back(static_cast<int>(i));
    }
    if (exact.size() == 1) return exact[0];
    auto& candidates = exact.empty() ? prefix : exact;
    if (candidates.size() == 1) return candidates[0];
    auto list = [&](const std::vector<int>& which) {
        std::vector<std::string> out;
        for (auto i : which) {
            const auto& c = config.clients[static_cast<std::size_t>(i)];
            out.push_back(c.name == c.id ? c.id
                                         : fmt::format("{} ({})", c.id, escape_control(c.name)));
        }
        return join_words(out, " or ");
    };
    if (!candidates.empty())
        throw Fatal(exit_usage, fmt::format("'{}' matches several clients: {}",
                                            escape_control(query), list(candidates)));
    std::vector<std::string> ids;
    for (auto& c : config.clients)
        ids.push_back(c.id);
    auto guess = closest_match(to_lower(query), ids);
    if (!guess.empty())
        throw Fatal(exit_usage, fmt::format("no client '{}'; did you mean '{}'?",
                                            escape_control(query), guess));
    if (ids.empty())
        throw Fatal(exit_usage, fmt::format("no client '{}': the clients file lists none",
                                            escape_control(query)));
    if (ids.size() > 12) {
        ids.resize(12);
        ids.push_back("...");
    }
    throw Fatal(exit_usage, fmt::format("no client '{}'; clients: {}", escape_control(query),
                                        join_words(ids, ", ")));
}

ChannelId resolve_channel(const Config& config, std::string_view name) {
    if (auto ch = config.find_channel(to_lower(name))) return *ch;
    std::vector<std::string> names;
    for (auto& ch : config.channels)
        names.push_back(ch.id);
    auto guess = closest_match(to_lower(name), names);
    throw Fatal(exit_usage,
                fmt::format("no channel '{}'{}; channels: {}", escape_control(name),
                            guess.empty() ? "" : fmt::format(" (did you mean '{}'?)", guess),
                            join_words(names, " and ")));
}

Format parse_format(std::string_view name) {
    if (name == "text") return Format::text;
    if (name == "json") return Format::json;
    if (name == "csv") return Format::csv;
    if (name == "ics") return Format::ics;
    throw Fatal(exit_usage,
                fmt::format("--format: '{}' is not text, json or csv", escape_control(name)));
}

} // namespace touch::cli
