#include "touch/storage/log_file.hpp"

#include "touch/platform/files.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <memory>
#include <set>
#include <system_error>
#include <thread>
#include <tuple>

namespace touch {

namespace {

// Every entry to one function, whatever its kind.
struct ToSink {
    const EntrySink* sink;
    void entry(const Entry& e, std::size_t line) const { (*sink)(e, line); }
    bool plain_entry(const Entry& e, std::size_t line) const {
        if (!plain_ids_valid(e)) return false;
        (*sink)(e, line);
        return true;
    }
};

// Entries into a History: the plain ones by the builder's short way.
struct ToBuilder {
    HistoryBuilder* builder;
    void entry(const Entry& e, std::size_t) const { builder->add(e); }
    bool plain_entry(const Entry& e, std::size_t) const { return builder->add_plain(e); }
};

} // namespace

LogScan scan_log_file(const std::string& path, const EntrySink& on_entry,
                      const ProblemSink& on_problem) {
    LogReader reader(ToSink{&on_entry}, true, on_problem);
    LogScan scan;
    scan.exists = platform::read_lines(path, reader.sink());
    scan.lines = reader.lines();
    scan.unterminated = reader.unterminated();
    scan.problems = reader.problems();
    return scan;
}

namespace {

// What a builder counted of no use: lines on unknown channels, and of ids
// that are near misses of a client's.
void add_unknown_names(LogProblems& problems, const HistoryBuilder& builder) {
    problems.add_unknown_channels(builder.unknown_channel_lines(), builder.first_unknown_channel());
    problems.add_near_misses(builder.near_miss_lines(), builder.first_near_miss(),
                             builder.near_miss_guess());
}

History read_history_pieces(const std::string& path, const Config& config, Date today,
                            const ReadPolicy& policy, LogProblems& problems,
                            const AwayScope* away) {
    struct Piece {
        HistoryBuilder builder;
        LogReader<ToBuilder> reader;
        Piece(const Config& config, Date today, bool first, const AwayScope* away)
            : builder(config, today)
            , reader(ToBuilder{&builder}, first) {
            builder.set_away_scope(away);
        }
    };
    std::vector<std::unique_ptr<Piece>> pieces;
    auto used = platform::read_lines_in_parts(
        path,
        [&](std::uint64_t size) {
            pieces.resize(policy.pieces_for(size));
            return pieces.size();
        },
        [&](std::size_t i) -> ChunkSink& {
            pieces[i] = std::make_unique<Piece>(config, today, i == 0, away);
            return pieces[i]->reader.sink();
        });
    if (used == 0) return History(config, today);
    // Line numbers in a piece count from its start: the lines before it are added.
    std::size_t lines_before = 0;
    for (std::size_t i = 0; i < used; ++i) {
        const auto& piece = pieces[i]->reader.problems();
        if (piece.skipped > 0 && problems.skipped == 0)
            problems.first_line = lines_before + piece.first_line;
        problems.skipped += piece.skipped;
        lines_before += pieces[i]->reader.lines();
        const auto& builder = pieces[i]->builder;
        add_unknown_names(problems, builder);
    }
    History history = std::move(pieces[0]->builder.history());
    for (std::size_t i = 1; i < used; ++i)
        history.merge(pieces[i]->builder.history());
    return history;
}

} // namespace

History read_history_file(const std::string& path, const Config& config, Date today,
                          const ReadPolicy& policy, LogProblems& problems) {
    return read_history_pieces(path, config, today, policy, problems, nullptr);
}

void LogFolderProblems::add(const LogProblems& found, const std::string& path) {
    problems.add_unknown_channels(found.unknown_channel_lines, found.unknown_channel);
    problems.add_near_misses(found.near_miss_lines, found.near_miss, found.near_miss_guess);
    if (found.skipped == 0) return;
    if (problems.skipped == 0) {
        problems.first_line = found.first_line;
        first_path = path;
    }
    problems.skipped += found.skipped;
    ++files;
}

History read_history_log(const LogLocation& log, const Config& config, Date today,
                         const ReadPolicy& policy, LogFolderProblems& problems) {
    if (!log.folder) {
        LogProblems found;
        auto history = read_history_file(log.path, config, today, policy, found);
        problems.add(found, log.path);
        return history;
    }
    const auto& files = log.readable_files();
    History history(config, today);
    if (files.empty()) return history;
    std::vector<std::optional<AwayScope>> away(files.size());
    for (std::size_t i = 0; i < files.size(); ++i)
        away[i] = away_clients(config, files[i].person);
    auto away_of = [&](std::size_t i) { return away[i] ? &*away[i] : nullptr; };
    std::vector<LogProblems> found(files.size());

    // Parallel within a file read alone, in pieces; across the others.
    std::uint64_t total = 0;
    for (auto& f : files)
        total += f.size;
    std::vector<std::size_t> shared;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (policy.read_alone(files[i].size, total, files.size())) {
            LogProblems p;
            history.merge(read_history_pieces(files[i].path, config, today, policy, p, away_of(i)));
            found[i] = p;
        } else {
            shared.push_back(i);
        }
    }
    // Largest first, so the workers finish together.
    std::sort(shared.begin(), shared.end(),
              [&](std::size_t a, std::size_t b) { return files[a].size > files[b].size; });
    auto workers = std::max<std::size_t>(
        1, std::min({std::max<std::size_t>(policy.threads, 1), files.size(), shared.size()}));
    std::atomic<std::size_t> next{0};
    std::vector<std::unique_ptr<HistoryBuilder>> builders(workers);
    std::vector<std::exception_ptr> errors(workers);
    auto work = [&](std::size_t w) {
        try {
            builders[w] = std::make_unique<HistoryBuilder>(config, today);
            auto& builder = *builders[w];
            for (auto at = next++; at < shared.size(); at = next++) {
                auto i = shared[at];
                builder.set_away_scope(away_of(i));
                LogReader reader(ToBuilder{&builder}, true);
                platform::read_lines(files[i].path, reader.sink());
                found[i] = reader.problems();
            }
        } catch (...) {
            errors[w] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    // A thread that cannot start is no error: this one does its share.
    for (std::size_t w = 1; w < workers; ++w) {
        try {
            threads.emplace_back(work, w);
        } catch (const std::system_error&) {
            break;
        }
    }
    work(0);
    for (auto& t : threads)
        t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    for (auto& b : builders) {
        if (!b) continue;
        history.merge(b->history());
        add_unknown_names(problems.problems, *b);
    }
    for (std::size_t i = 0; i < files.size(); ++i)
        problems.add(found[i], files[i].path);
    return history;
}

namespace {

// "pat" and "lee" make "pat,lee"; a person already named is not added again.
void add_person(std::string& who, const std::string& person) {
    if (person.empty()) return;
    for (std::size_t at = 0; at <= who.size();) {
        auto comma = std::min(who.find(',', at), who.size());
        if (std::string_view(who).substr(at, comma - at) == person) return;
        at = comma + 1;
    }
    who += (who.empty() ? "" : ",") + person;
}

} // namespace

std::vector<LogLine> read_log_lines(const LogLocation& log,
                                    const std::function<bool(const Entry&)>& keep,
                                    std::size_t limit, LogFolderProblems& problems) {
    // Newest first; equal times keep the order of the files. With a limit
    // only the newest `limit` distinct lines are held: a set ordered newest
    // first, its oldest dropped as newer ones arrive.
    struct Held {
        LogLine line;
        std::size_t order;
        std::string text;           // the line as written, for "identical lines once"
        mutable std::string person; // an identical line in another file adds its person
    };
    auto newer = [](const Held& a, const Held& b) {
        return std::tie(a.line.date, a.line.minute) > std::tie(b.line.date, b.line.minute) ||
               (std::tie(a.line.date, a.line.minute) == std::tie(b.line.date, b.line.minute) &&
                a.order < b.order);
    };
    using HeldSet = std::set<Held, decltype(newer)>;
    HeldSet held(newer);
    std::map<std::string_view, HeldSet::iterator> seen; // keys: the held lines' text
    std::size_t order = 0;
    for (const auto& file : log.readable_files()) {
        auto scan = scan_log_file(file.path, [&](const Entry& e, std::size_t) {
            if (!keep(e)) return;
            if (limit > 0 && held.size() == limit) {
                // Older than the oldest held (or as old, and later): not needed,
                // unless it is a held line again, from another person's file.
                const auto& oldest = *std::prev(held.end());
                auto when = std::tie(e.date, e.minute);
                auto last = std::tie(oldest.line.date, oldest.line.minute);
                if (when < last) return;
                if (when == last) {
                    if (file.person.empty()) return;
                    auto again =
                        seen.find(format_log_line(e.date, e.minute, e.client, e.channel, e.note));
                    if (again != seen.end()) add_person(again->second->person, file.person);
                    return;
                }
            }
            auto text = format_log_line(e.date, e.minute, e.client, e.channel, e.note);
            if (auto again = seen.find(text); again != seen.end()) {
                add_person(again->second->person, file.person); // identical lines count once
                return;
            }
            auto at = held.insert(Held{{e.date,
                                        e.minute,
                                        std::string(e.client),
                                        std::string(e.channel),
                                        std::string(e.note),
                                        {}},
                                       order++,
                                       std::move(text),
                                       file.person})
                          .first;
            seen.emplace(at->text, at);
            if (limit > 0 && held.size() > limit) {
                auto last = std::prev(held.end());
                seen.erase(last->text);
                held.erase(last);
            }
        });
        problems.add(scan.problems, file.path);
    }
    std::vector<LogLine> out;
    out.reserve(held.size());
    for (auto& h : held) {
        out.push_back(h.line);
        out.back().person = h.person;
    }
    return out;
}

std::vector<LogLine> read_log_lines(const LogLocation& log,
                                    const std::function<bool(const Entry&)>& keep,
                                    std::size_t limit, LogProblems& problems) {
    LogFolderProblems found;
    auto lines = read_log_lines(log, keep, limit, found);
    problems = found.problems;
    return lines;
}

} // namespace touch
