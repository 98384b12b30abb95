// touch check: every problem in both files, at once, as FILE:LINE:COL.
#include "cli/check.hpp"
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/storage/log_file.hpp"
#include "touch/util/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace touch::cli {

namespace {

// A huge broken log should not print a million errors.
constexpr std::size_t max_line_reports = 50;

struct UnknownName {
    std::size_t first_line = 0;
    std::size_t count = 0;
};
using UnknownNames = std::map<std::string, UnknownName, std::less<>>;

void note_unknown(UnknownNames& map, std::string_view name, std::size_t line) {
    auto it = map.find(name);
    if (it == map.end()) it = map.emplace(std::string(name), UnknownName{line, 0}).first;
    ++it->second.count;
}

struct LogCheck {
    std::size_t entries = 0, errors = 0, warnings = 0;
    UnknownNames unknown_clients, unknown_channels;
    std::size_t future = 0, first_future = 0;
};

// The names of the clients file, to find those in the log that it does not know.
struct KnownNames {
    NameIndex clients, channels;
    explicit KnownNames(const Config& config)
        : clients(client_index(config))
        , channels(channel_index(config)) {}

    void note(const Entry& e, std::size_t line, LogCheck& result) const {
        if (e.client != everyone)
            for_each_client(e.client, [&](std::string_view id) {
                if (clients.find(id) < 0) note_unknown(result.unknown_clients, id, line);
            });
        auto channel = e.channel;
        if (auto scope = snooze_scope(channel)) {
            if (scope->empty()) return;
            channel = *scope;
        } else if (auto promised = promise_scope(channel)) {
            channel = *promised;
        }
        if (channels.find(channel) < 0) note_unknown(result.unknown_channels, channel, line);
    }
};

void warn_names(const Config& config, const std::string& path, LogCheck& result, std::string& out) {
    auto warn_line = [&](std::size_t line, std::string message, std::string hint) {
        ++result.warnings;
        out += format_diagnostic_long({path, static_cast<int>(line), 0, Severity::warning,
                                       std::move(message), std::move(hint)},
                                      {});
    };
    auto count = [](std::size_t n) { return fmt::format("{} line{}", n, n == 1 ? "" : "s"); };
    std::vector<std::string> channels;
    for (auto& ch : config.channels)
        channels.push_back(ch.id);
    for (auto& [id, u] : result.unknown_clients)
        warn_line(u.first_line,
                  fmt::format("client '{}' is not in the clients file ({})", id, count(u.count)),
                  "kept as history; add the client back or leave the lines be");
    for (auto& [name, u] : result.unknown_channels) {
        auto guess = did_you_mean(name, channels);
        warn_line(u.first_line,
                  fmt::format("channel '{}' is not defined ({}){}", name, count(u.count),
                              guess.empty() ? "" : "; " + guess),
                  "define it under [channels], or those lines count for no cadence");
    }
}

LogCheck check_log(const std::string& path, const Config* config, Date today, std::string& out) {
    LogCheck result;
    std::size_t unreported = 0;
    std::optional<KnownNames> known;
    if (config) known.emplace(*config);
    auto scan = scan_log_file(
        path,
        [&](const Entry& e, std::size_t line) {
            ++result.entries;
            if (e.date > today && result.future++ == 0) result.first_future = line;
            if (known) known->note(e, line, result);
        },
        [&](std::string_view text, std::size_t line, const ParsedLine* parsed) {
            if (result.errors++ >= max_line_reports) {
                ++unreported;
                return;
            }
            Diagnostic d{path, static_cast<int>(line), 1, Severity::error, {}, {}};
            if (!parsed) {
                d.message = fmt::format("line is longer than {} bytes", max_line_length);
                out += format_diagnostic_long(d, {});
                return;
            }
            d.col = parsed->col;
            d.message = parsed->message;
            d.hint = "the form is DATE[THH:MM] CLIENT CHANNEL [NOTE...]; touch skips this line";
            out += format_diagnostic_long(d, text);
        });
    if (!scan.exists) return result;
    if (unreported > 0)
        out += fmt::format("{}: ... and {} more malformed lines\n", path, unreported);
    if (config) warn_names(*config, path, result, out);
    auto warn_line = [&](std::size_t line, std::string message, std::string hint) {
        ++result.warnings;
        out += format_diagnostic_long({path, static_cast<int>(line), 0, Severity::warning,
                                       std::move(message), std::move(hint)},
                                      {});
    };
    if (scan.unterminated)
        warn_line(scan.lines, "the last line has no newline at its end",
                  "a hand edit, or a write cut short; the next 'touch log' starts a new line");
    if (result.future > 0)
        warn_line(result.first_future,
                  fmt::format("{} line{} dated after today ({}); they count from their date on",
                              result.future, result.future == 1 ? " is" : "s are",
                              format_date(today)),
                  {});
    return result;
}

} // namespace

int check_files(const Context& ctx) {
    auto file = read_clients_file(ctx.clients_path, ClientsPolicy::lenient);
    if (!file.exists)
        throw Fatal(exit_system, fmt::format("{}: no clients file; run 'touch init' to create one",
                                             ctx.clients_path));
    std::string out;
    std::size_t errors = 0, warnings = 0;
    auto report = [&](const Diagnostic& d) {
        (d.severity == Severity::error ? errors : warnings) += 1;
        out += format_diagnostic_long(d, source_line(file.text, d.line));
    };
    for (auto& d : file.parsed.diagnostics)
        report(d);
    bool config_ok = file.usable();

    std::optional<Diagnostic> bad_zone;
    auto clock = clock_today(file.parsed.config, file.path, &bad_zone);
    if (bad_zone) {
        report(*bad_zone);
        config_ok = false;
    }
    auto today = resolve_today(ctx.globals, ctx.env, clock).date;

    // The log's place comes from what could be read, even of a broken file;
    // its names are checked only against a file without errors.
    auto log = log_location(ctx, &file.parsed.config);
    // A folder of logs: each file's problems under its own name and line.
    std::size_t entries = 0;
    for (const auto& part : log.readable_files()) {
        auto result = check_log(part.path, config_ok ? &file.parsed.config : nullptr, today, out);
        entries += result.entries;
        errors += result.errors;
        warnings += result.warnings;
    }

    auto plural = [](std::size_t n, const char* one, const char* many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    out += fmt::format("{}: {}; {}: {}; {}, {}\n", file.path,
                       plural(file.parsed.config.clients.size(), "client", "clients"), log.path,
                       plural(entries, "entry", "entries"), plural(errors, "error", "errors"),
                       plural(warnings, "warning", "warnings"));
    print_stdout(out);
    return errors > 0 ? exit_invalid_data : exit_ok;
}

Runner setup_check(CLI::App&, const Command&) {
    return [](Context& ctx) { return check_files(ctx); };
}

} // namespace touch::cli
