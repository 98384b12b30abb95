#include "touch/storage/log_file.hpp"

#include "touch/platform/files.hpp"
#include "touch/util/text.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
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
        if (i > 0) pieces[0]->builder.absorb_unknown_names(pieces[i]->builder);
    }
    add_unknown_names(problems, pieces[0]->builder);
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
    HistoryBuilder* first = nullptr;
    for (auto& b : builders) {
        if (!b) continue;
        history.merge(b->history());
        if (first)
            first->absorb_unknown_names(*b);
        else
            first = b.get();
    }
    if (first) add_unknown_names(problems.problems, *first);
    for (std::size_t i = 0; i < files.size(); ++i)
        problems.add(found[i], files[i].path);
    return history;
}

namespace {

// "pat" and "lee" make "pat,lee"; a person already named is not added again.
// `more` may name several, joined the same way.
void add_persons(std::string& who, std::string_view more) {
    for (std::size_t from = 0; from < more.size();) {
        auto end = std::min(more.find(',', from), more.size());
        auto person = more.substr(from, end - from);
        from = end + 1;
        if (person.empty()) continue;
        bool named = false;
        for (std::size_t at = 0; at <= who.size() && !named;) {
            auto comma = std::min(who.find(',', at), who.size());
            named = std::string_view(who).substr(at, comma - at) == person;
            at = comma + 1;
        }
        if (!named) (who += who.empty() ? "" : ",") += person;
    }
}

// A note that is its own sanitised form: printable ASCII, nothing to trim.
bool plain_note(std::string_view note) {
    for (char c : note)
        if (c < 0x20 || c > 0x7e) return false;
    return trim(note).size() == note.size();
}

// The lines history shows, held as offsets into one buffer of their text:
// putting a million lines newest first sorts 48-byte records, not strings,
// and identical lines are found among those of the same minute only.
class HeldLines {
public:
    HeldLines(std::size_t limit, const std::vector<std::string>& persons)
        : limit_(limit)
        , persons_(persons) {}

    void add(const Entry& e, std::uint32_t file) {
        if (limit_ > 0 && cut_) {
            // Older than the limit's oldest, or as old and read later, is not
            // shown; unless it names a shown line's person too.
            auto when = std::tie(e.date, e.minute);
            auto cut = std::tie(cut_->first, cut_->second);
            if (when < cut || (when == cut && persons_[file].empty())) return;
        }
        lines_.push_back(Line{e.date, e.minute, static_cast<std::uint32_t>(e.client.size()),
                              static_cast<std::uint32_t>(e.channel.size()),
                              static_cast<std::uint32_t>(e.note.size()), file, 0, order_++,
                              text_.size()});
        ((text_ += e.client) += e.channel) += e.note;
        if (limit_ > 0 && lines_.size() >= std::max<std::size_t>(2 * limit_, 4096)) settle();
    }

    // Newest first, identical lines once, at most the limit.
    void settle() {
        std::sort(lines_.begin(), lines_.end(), [](const Line& a, const Line& b) {
            if (a.date != b.date) return b.date < a.date;
            if (a.minute != b.minute) return a.minute > b.minute;
            return a.order < b.order;
        });
        drop_repeats();
        if (limit_ > 0 && lines_.size() >= limit_) {
            lines_.resize(limit_);
            cut_.emplace(lines_.back().date, lines_.back().minute);
            compact();
        }
    }

    std::vector<LogLine> take() {
        settle();
        std::vector<LogLine> out(lines_.size());
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            const auto& l = lines_[i];
            auto& o = out[i];
            o.date = l.date;
            o.minute = l.minute;
            o.client = client(l);
            o.channel = channel(l);
            o.note = note(l);
            o.person = person(l);
        }
        return out;
    }

private:
    struct Line {
        Date date;
        int minute;
        std::uint32_t client_size, channel_size, note_size;
        std::uint32_t file;
        std::uint32_t joined; // 1 + index in joined_ when several files hold it
        std::size_t order;    // in reading order, across files
        std::size_t text;     // where its client, channel and note begin in text_
    };
    std::size_t limit_;
    const std::vector<std::string>& persons_;
    std::string text_;
    std::vector<Line> lines_;
    std::vector<std::string> joined_;
    std::size_t order_ = 0;
    std::optional<std::pair<Date, int>> cut_;

    std::string_view client(const Line& l) const {
        return std::string_view(text_).substr(l.text, l.client_size);
    }
    std::string_view channel(const Line& l) const {
        return std::string_view(text_).substr(l.text + l.client_size, l.channel_size);
    }
    std::string_view note(const Line& l) const {
        return std::string_view(text_).substr(l.text + l.client_size + l.channel_size, l.note_size);
    }
    std::string_view person(const Line& l) const {
        return l.joined ? std::string_view(joined_[l.joined - 1]) : persons_[l.file];
    }

    // Among the lines of one minute, a repeat of an earlier line is dropped
    // and its person added to the first's. Lines are compared by a hash of
    // their text, and only those of one hash by their text.
    void drop_repeats() {
        constexpr auto gone = std::numeric_limits<std::size_t>::max();
        bool any = false;
        std::vector<std::pair<std::uint64_t, std::size_t>> hashed;
        for (std::size_t from = 0, to = 0; from < lines_.size(); from = to) {
            for (to = from + 1; to < lines_.size() && lines_[to].date == lines_[from].date &&
                                lines_[to].minute == lines_[from].minute;
                 ++to) {
            }
            if (to - from < 2) continue;
            hashed.clear();
            for (auto i = from; i < to; ++i)
                hashed.emplace_back(hash(lines_[i]), i);
            std::sort(hashed.begin(), hashed.end());
            for (std::size_t run = 0, end = 0; run < hashed.size(); run = end) {
                for (end = run + 1; end < hashed.size() && hashed[end].first == hashed[run].first;
                     ++end) {
                }
                // In reading order: each repeat goes to the first of its text.
                for (auto i = run + 1; i < end; ++i)
                    for (auto j = run; j < i; ++j) {
                        auto& keep = lines_[hashed[j].second];
                        auto& again = lines_[hashed[i].second];
                        if (keep.order == gone || !same_text(keep, again)) continue;
                        add_repeat(keep, again);
                        again.order = gone;
                        any = true;
                        break;
                    }
            }
        }
        if (any)
            lines_.erase(std::remove_if(lines_.begin(), lines_.end(),
                                        [&](const Line& l) { return l.order == gone; }),
                         lines_.end());
    }

    // The same line as the log would write it: notes sanitised, as
    // format_log_line does.
    std::uint64_t hash(const Line& l) const {
        std::hash<std::string_view> h;
        auto raw = note(l);
        auto text = plain_note(raw) ? h(raw) : h(sanitize_note(raw));
        return h(client(l)) * 31 + h(channel(l)) * 0x9e3779b97f4a7c15ULL + text;
    }
    bool same_text(const Line& a, const Line& b) const {
        if (client(a) != client(b) || channel(a) != channel(b)) return false;
        if (note(a) == note(b)) return true;
        return sanitize_note(note(a)) == sanitize_note(note(b));
    }

    void add_repeat(Line& keep, const Line& again) {
        auto more = person(again);
        if (more.empty()) return;
        std::string who(person(keep));
        add_persons(who, more);
        if (who == person(keep)) return;
        if (!keep.joined) {
            joined_.push_back(std::move(who));
            keep.joined = static_cast<std::uint32_t>(joined_.size());
        } else {
            joined_[keep.joined - 1] = std::move(who);
        }
    }

    // Only the held lines' text is kept, and only their joined persons.
    void compact() {
        std::string text;
        std::vector<std::string> joined;
        for (auto& l : lines_) {
            auto at = text.size();
            text.append(text_, l.text, std::size_t{l.client_size} + l.channel_size + l.note_size);
            l.text = at;
            if (l.joined) {
                joined.push_back(std::move(joined_[l.joined - 1]));
                l.joined = static_cast<std::uint32_t>(joined.size());
            }
        }
        text_ = std::move(text);
        joined_ = std::move(joined);
    }
};

} // namespace

std::vector<LogLine> read_log_lines(const LogLocation& log,
                                    const std::function<bool(const Entry&)>& keep,
                                    std::size_t limit, LogFolderProblems& problems) {
    auto files = log.readable_files();
    std::vector<std::string> persons;
    persons.reserve(files.size());
    for (const auto& file : files)
        persons.push_back(file.person);
    HeldLines held(limit, persons);
    for (std::uint32_t i = 0; i < files.size(); ++i) {
        auto scan = scan_log_file(files[i].path, [&](const Entry& e, std::size_t) {
            if (keep(e)) held.add(e, i);
        });
        problems.add(scan.problems, files[i].path);
    }
    return held.take();
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
