#include "touch/log_file.hpp"

#include "touch/platform.hpp"

#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

namespace touch {

LogReader::LogReader(EntrySink on_entry, bool at_file_start, ProblemSink on_problem)
    : on_entry_(std::move(on_entry))
    , on_problem_(std::move(on_problem))
    , splitter_([this](std::string_view line, std::size_t number,
                       bool too_long) { read(line, number, too_long); },
                at_file_start) {}

void LogReader::read(std::string_view line, std::size_t number, bool too_long) {
    if (too_long) {
        if (problems_.skipped++ == 0) problems_.first_line = number;
        if (on_problem_) on_problem_(line, number, nullptr);
        return;
    }
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
    if (problems_.skipped++ == 0) problems_.first_line = number;
    if (on_problem_) on_problem_(line, number, &parsed);
}

LogScan scan_log_file(const std::string& path, const EntrySink& on_entry,
                      const ProblemSink& on_problem) {
    LogReader reader(on_entry, true, on_problem);
    LogScan scan;
    scan.exists = platform::read_lines(path, reader.splitter());
    scan.lines = reader.splitter().lines();
    scan.unterminated = reader.splitter().unterminated();
    scan.problems = reader.problems();
    return scan;
}

History read_history_file(const std::string& path, const Config& config, Date today,
                          std::size_t max_pieces, LogProblems& problems) {
    struct Piece {
        HistoryBuilder builder;
        LogReader reader;
        Piece(const Config& config, Date today, bool first)
            : builder(config, today)
            , reader([this](const Entry& e, std::size_t) { builder.add(e); }, first) {}
    };
    std::vector<std::unique_ptr<Piece>> pieces(std::max<std::size_t>(1, max_pieces));
    auto used =
        platform::read_lines_in_parts(path, pieces.size(), [&](std::size_t i) -> LineSplitter& {
            pieces[i] = std::make_unique<Piece>(config, today, i == 0);
            return pieces[i]->reader.splitter();
        });
    if (used == 0) return History(config, today);
    // Line numbers in a piece count from its start: the lines before it are added.
    std::size_t lines_before = 0;
    for (std::size_t i = 0; i < used; ++i) {
        const auto& piece = pieces[i]->reader.problems();
        if (piece.skipped > 0 && problems.skipped == 0)
            problems.first_line = lines_before + piece.first_line;
        problems.skipped += piece.skipped;
        lines_before += pieces[i]->reader.splitter().lines();
        const auto& builder = pieces[i]->builder;
        if (builder.unknown_channel_lines() > 0 && problems.unknown_channel_lines == 0)
            problems.unknown_channel = builder.first_unknown_channel();
        problems.unknown_channel_lines += builder.unknown_channel_lines();
    }
    History history = std::move(pieces[0]->builder.history());
    for (std::size_t i = 1; i < used; ++i)
        history.merge(pieces[i]->builder.history());
    return history;
}

std::vector<HistoryLine> read_log_lines(const std::string& path,
                                        const std::function<bool(const Entry&)>& keep,
                                        std::size_t limit, LogProblems& problems) {
    // Newest first; equal times keep the order of the file. With a limit only
    // the newest `limit` distinct lines are held: a set ordered newest first,
    // its oldest dropped as newer ones arrive.
    struct Held {
        HistoryLine line;
        std::size_t order;
        std::string text; // the line as written, for "identical lines once"
    };
    auto newer = [](const Held& a, const Held& b) {
        return std::tie(a.line.date, a.line.minute) > std::tie(b.line.date, b.line.minute) ||
               (std::tie(a.line.date, a.line.minute) == std::tie(b.line.date, b.line.minute) &&
                a.order < b.order);
    };
    std::set<Held, decltype(newer)> held(newer);
    std::set<std::string, std::less<>> seen;
    std::size_t order = 0;
    auto scan = scan_log_file(path, [&](const Entry& e, std::size_t) {
        if (!keep(e)) return;
        if (limit > 0 && held.size() == limit) {
            // Older than the oldest held (or as old, and later in the file): not needed.
            const auto& oldest = *std::prev(held.end());
            if (std::tie(e.date, e.minute) <= std::tie(oldest.line.date, oldest.line.minute))
                return;
        }
        auto text = format_log_line(e.date, e.minute, e.client, e.channel, e.note);
        if (seen.count(text)) return; // identical lines count once
        seen.insert(text);
        held.insert(Held{
            {e.date, e.minute, std::string(e.client), std::string(e.channel), std::string(e.note)},
            order++,
            std::move(text)});
        if (limit > 0 && held.size() > limit) {
            auto last = std::prev(held.end());
            seen.erase(last->text);
            held.erase(last);
        }
    });
    problems = scan.problems;
    std::vector<HistoryLine> out;
    out.reserve(held.size());
    for (auto& h : held)
        out.push_back(h.line);
    return out;
}

} // namespace touch
