#include "touch/engine/log_check.hpp"

#include "touch/core/interval.hpp"

#include <fmt/format.h>

#include <utility>

namespace touch {

namespace {

std::string count_lines(std::size_t n) {
    return fmt::format("{} line{}", n, n == 1 ? "" : "s");
}

} // namespace

LogChecker::Names::Names(const Config& config)
    : clients(client_index(config))
    , channels(channel_index(config)) {}

LogChecker::LogChecker(std::string path, const Config* config, Date today,
                       std::shared_ptr<const Names> names)
    : path_(std::move(path))
    , config_(config)
    , today_(today)
    , names_(std::move(names)) {
    if (config && !names_) names_ = std::make_shared<const Names>(*config);
}

void LogChecker::entry(const Entry& entry, std::size_t line) {
    ++check_.entries;
    if (entry.date > today_ && future_++ == 0) first_future_ = line;
    if (config_) note_names(entry, line);
}

void LogChecker::note_names(const Entry& entry, std::size_t line) {
    if (entry.client != everyone)
        for_each_client(entry.client, [&](std::string_view id) {
            if (names_->clients.find(id) < 0) note_unknown(unknown_clients_, id, line);
        });
    auto channel = entry.channel;
    if (auto scope = snooze_scope(channel)) {
        if (scope->empty()) return;
        channel = *scope;
    } else if (auto promised = promise_scope(channel)) {
        channel = *promised;
    } else if (auto skipped = skip_scope(channel)) {
        channel = *skipped;
    }
    if (names_->channels.find_any_case(channel) < 0) note_unknown(unknown_channels_, channel, line);
}

void LogChecker::note_unknown(UnknownNames& names, std::string_view name, std::size_t line) {
    auto it = names.find(name);
    if (it == names.end()) it = names.emplace(std::string(name), UnknownName{line, 0}).first;
    ++it->second.count;
}

void LogChecker::malformed(std::string_view text, std::size_t line, const ParsedLine* parsed) {
    if (check_.errors++ >= max_line_reports) {
        ++check_.unreported;
        return;
    }
    Diagnostic d{path_, static_cast<int>(line), 1, Severity::error, {}, {}};
    if (!parsed) {
        d.message = fmt::format("line is longer than {} bytes", max_line_length);
        text = {};
    } else {
        d.col = parsed->col;
        d.message = parsed->message;
        d.hint = "the form is DATE[THH:MM] CLIENT CHANNEL [NOTE...]; touch skips this line";
    }
    check_.diagnostics.push_back(std::move(d));
    check_.sources.emplace_back(text);
}

void LogChecker::warn(std::size_t line, std::string message, std::string hint) {
    ++check_.warnings;
    check_.diagnostics.push_back(
        {path_, static_cast<int>(line), 0, Severity::warning, std::move(message), std::move(hint)});
    check_.sources.emplace_back();
}

void LogChecker::warn_names() {
    std::vector<std::string> channels;
    for (auto& ch : config_->channels)
        channels.push_back(ch.id);
    std::vector<std::string> ids;
    for (auto& c : config_->clients)
        ids.push_back(c.id);
    for (auto& [id, u] : unknown_clients_) {
        // A typo of a known id counts for no one: said with its guess.
        auto guess = did_you_mean(id, ids);
        if (guess.empty())
            warn(u.first_line,
                 fmt::format("client '{}' is not in the clients file ({})", id,
                             count_lines(u.count)),
                 "kept as history; add the client back or leave the lines be");
        else
            warn(u.first_line,
                 fmt::format("client '{}' is not in the clients file ({}), kept as history — {}",
                             id, count_lines(u.count), guess),
                 fmt::format("correct those lines, or add '{}' to that client's aliases", id));
    }
    for (auto& [name, u] : unknown_channels_) {
        auto guess = did_you_mean(name, channels);
        warn(u.first_line,
             fmt::format("channel '{}' is not defined ({}){}", name, count_lines(u.count),
                         guess.empty() ? "" : "; " + guess),
             "define it under [channels], or those lines count for no cadence");
    }
}

void LogChecker::absorb(LogChecker&& later, std::size_t lines_before) {
    auto& more = later.check_;
    check_.entries += more.entries;
    if (later.future_ > 0 && future_ == 0) first_future_ = lines_before + later.first_future_;
    future_ += later.future_;
    for (auto [names, theirs] : {std::pair{&unknown_clients_, &later.unknown_clients_},
                                 std::pair{&unknown_channels_, &later.unknown_channels_}})
        for (auto& [name, u] : *theirs) {
            auto [it, fresh] =
                names->try_emplace(name, UnknownName{lines_before + u.first_line, 0});
            it->second.count += u.count;
        }
    // The malformed lines reported are the first max_line_reports of both.
    for (std::size_t i = 0; i < more.diagnostics.size(); ++i) {
        if (check_.diagnostics.size() >= max_line_reports) break;
        auto d = std::move(more.diagnostics[i]);
        d.line += static_cast<int>(lines_before);
        check_.diagnostics.push_back(std::move(d));
        check_.sources.push_back(std::move(more.sources[i]));
    }
    check_.errors += more.errors;
    check_.unreported = check_.errors - check_.diagnostics.size();
}

LogCheck LogChecker::finish(std::size_t lines, bool unterminated) {
    if (config_) warn_names();
    if (unterminated)
        warn(lines, "the last line has no newline at its end",
             "a hand edit, or a write cut short; the next 'touch log' starts a new line");
    if (future_ > 0)
        warn(first_future_,
             fmt::format("{} line{} dated after today ({}); they count from their date on", future_,
                         future_ == 1 ? " is" : "s are", format_date(today_)),
             {});
    return std::move(check_);
}

LogCheck check_log_text(std::string path, std::string_view text, const Config* config, Date today) {
    LogChecker checker(std::move(path), config, today);
    auto read = [&](std::string_view line, std::size_t number, bool too_long) {
        if (too_long) {
            checker.malformed(line, number, nullptr);
            return;
        }
        auto parsed = parse_log_line(line);
        if (parsed.kind == LineKind::entry)
            checker.entry(parsed.entry, number);
        else if (parsed.kind == LineKind::malformed)
            checker.malformed(line, number, &parsed);
    };
    LineSplitter<decltype(read)> lines(read);
    lines.feed(text);
    lines.finish();
    return checker.finish(lines.lines(), lines.unterminated());
}

} // namespace touch
