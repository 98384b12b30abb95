// touch check: every problem in both files, at once, as FILE:LINE:COL.
#include "cli/check.hpp"
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/log_check.hpp"
#include "touch/storage/log_file.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

namespace touch::cli {

namespace {

// One file of the log, checked as it streams past: what the reader skips and
// every entry, to the engine's check. A large file in pieces at once, each
// to a checker of its own, the pieces' findings then added up in file order.
LogCheck check_log_file(const std::string& path, const Config* config, Date today) {
    auto policy = ReadPolicy::of_this_machine();
    std::vector<std::unique_ptr<LogChecker>> checkers(policy.threads);
    auto names = config ? std::make_shared<const LogChecker::Names>(*config) : nullptr;
    auto scans = scan_log_pieces(path, policy, [&](std::size_t i) {
        checkers[i] = std::make_unique<LogChecker>(path, config, today, names);
        auto* checker = checkers[i].get();
        return LogPieceSinks{
            [checker](const Entry& e, std::size_t line) { checker->entry(e, line); },
            [checker](std::string_view text, std::size_t line, const ParsedLine* parsed) {
                checker->malformed(text, line, parsed);
            }};
    });
    if (scans.empty()) return {};
    std::size_t lines = scans[0].lines;
    for (std::size_t i = 1; i < scans.size(); ++i) {
        checkers[0]->absorb(std::move(*checkers[i]), lines);
        lines += scans[i].lines;
    }
    return checkers[0]->finish(lines, scans.back().unterminated);
}

// The malformed lines past the first max_line_reports are counted after the
// errors shown, before the warnings.
void print_log_check(const LogCheck& check, const std::string& path, std::string& out) {
    bool counted = false;
    auto count_unreported = [&] {
        if (check.unreported > 0 && !counted)
            out += fmt::format("{}: ... and {} more malformed lines\n", path, check.unreported);
        counted = true;
    };
    for (std::size_t i = 0; i < check.diagnostics.size(); ++i) {
        const auto& d = check.diagnostics[i];
        if (d.severity == Severity::warning) count_unreported();
        out += format_diagnostic_long(d, check.sources[i]);
    }
    count_unreported();
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
        auto check = check_log_file(part.path, config_ok ? &file.parsed.config : nullptr, today);
        print_log_check(check, part.path, out);
        entries += check.entries;
        errors += check.errors;
        warnings += check.warnings;
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
