// touch check: every problem in both files, at once, as FILE:LINE:COL.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/interval.hpp"
#include "touch/platform.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <set>

namespace touch::cli {

namespace {

struct CheckOptions {};

// A huge broken log should not print a million errors.
constexpr std::size_t max_line_reports = 50;

struct UnknownName {
    std::size_t first_line = 0;
    std::size_t count = 0;
};

struct LogCheck {
    std::size_t entries = 0, errors = 0, warnings = 0, unreported = 0;
    std::map<std::string, UnknownName, std::less<>> unknown_clients, unknown_channels;
    std::size_t future = 0, first_future = 0;
};

void note_unknown(std::map<std::string, UnknownName, std::less<>>& map, std::string_view name,
                  std::size_t line) {
    auto it = map.find(name);
    if (it == map.end()) it = map.emplace(std::string(name), UnknownName{line, 0}).first;
    ++it->second.count;
}

LogCheck check_log(const std::string& path, const Config* config, Date today, std::string& out) {
    LogCheck result;
    std::set<std::string, std::less<>> clients, channels;
    if (config) {
        for (auto& c : config->clients)
            clients.insert(c.id);
        for (auto& ch : config->channels)
            channels.insert(ch.id);
    }
    LineSplitter splitter([&](std::string_view line, std::size_t number, bool too_long) {
        Diagnostic d{path, static_cast<int>(number), 1, Severity::error, {}, {}};
        if (too_long) {
            d.message = fmt::format("line is longer than {} bytes", max_line_length);
        } else {
            auto parsed = parse_log_line(line);
            if (parsed.kind == LineKind::blank) return;
            if (parsed.kind == LineKind::entry) {
                ++result.entries;
                const auto& e = parsed.entry;
                if (e.date > today && result.future++ == 0) result.first_future = number;
                if (!config) return;
                if (!clients.count(e.client))
                    note_unknown(result.unknown_clients, e.client, number);
                auto channel = e.channel;
                if (auto scope = snooze_scope(channel)) {
                    if (scope->empty()) return;
                    channel = *scope;
                }
                if (!channels.count(channel))
                    note_unknown(result.unknown_channels, channel, number);
                return;
            }
            d.col = parsed.col;
            d.message = parsed.message;
            d.hint = "the form is DATE[THH:MM] CLIENT CHANNEL [NOTE...]; touch skips this line";
        }
        if (result.errors++ < max_line_reports)
            out += format_diagnostic_long(d, too_long ? std::string_view{} : line);
        else
            ++result.unreported;
    });
    if (!platform::read_lines(path, splitter)) return result;

    auto warn_line = [&](std::size_t line, std::string message, std::string hint) {
        ++result.warnings;
        out += format_diagnostic_long({path, static_cast<int>(line), 0, Severity::warning,
                                       std::move(message), std::move(hint)},
                                      {});
    };
    if (result.unreported > 0)
        out += fmt::format("{}: ... and {} more malformed lines\n", path, result.unreported);
    for (auto& [id, u] : result.unknown_clients)
        warn_line(u.first_line,
                  fmt::format("client '{}' is not in the clients file ({} line{})", id, u.count,
                              u.count == 1 ? "" : "s"),
                  "kept as history; add the client back or leave the lines be");
    for (auto& [name, u] : result.unknown_channels)
        warn_line(u.first_line,
                  fmt::format("channel '{}' is not defined ({} line{})", name, u.count,
                              u.count == 1 ? "" : "s"),
                  "define it under [channels], or those lines count for no cadence");
    if (splitter.unterminated())
        warn_line(splitter.lines(), "the last line has no newline at its end",
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

int check_files(const GlobalOptions& globals) {
    auto path = clients_path(globals);
    auto text = platform::read_file(path);
    if (!text)
        throw Fatal(exit_system,
                    fmt::format("{}: no clients file; run 'touch init' to create one", path));
    auto parsed = parse_config(*text, path);
    std::string out;
    std::size_t errors = 0, warnings = 0;
    for (auto& d : parsed.diagnostics) {
        (d.severity == Severity::error ? errors : warnings) += 1;
        out += format_diagnostic_long(d, source_line(*text, d.line));
    }
    bool config_ok = !has_errors(parsed.diagnostics);

    Date today{};
    try {
        today = resolve_today(globals, parsed.config, path, nullptr);
    } catch (const Fatal& e) {
        if (e.status != exit_invalid_data) throw;
        ++errors;
        config_ok = false;
        auto d = Diagnostic{
            path,
            parsed.config.settings.timezone_line,
            parsed.config.settings.timezone_col,
            Severity::error,
            fmt::format("unknown time zone '{}'", parsed.config.settings.timezone.value_or("")),
            "use an IANA name such as America/New_York (see /usr/share/zoneinfo)"};
        out += format_diagnostic_long(d, source_line(*text, d.line));
        today = *platform::today(std::nullopt, nullptr);
    }

    auto log = log_path(globals, config_ok ? &parsed.config : nullptr, path);
    auto result = check_log(log, config_ok ? &parsed.config : nullptr, today, out);
    errors += result.errors;
    warnings += result.warnings;

    out += fmt::format("{}: {} client{}; {}: {} entr{}; {} error{}, {} warning{}\n", path,
                       parsed.config.clients.size(), parsed.config.clients.size() == 1 ? "" : "s",
                       log, result.entries, result.entries == 1 ? "y" : "ies", errors,
                       errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    print_stdout(out);
    return errors > 0 ? exit_invalid_data : exit_ok;
}

namespace {
int run_check(const CheckOptions&, const GlobalOptions& globals) {
    return check_files(globals);
}
} // namespace

void setup_check(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<CheckOptions>();
    auto* sub = app.add_subcommand("check", "validate the clients file and the log");
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_check(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
