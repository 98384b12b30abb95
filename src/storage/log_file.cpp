#include "touch/storage/log_file.hpp"

#include "touch/core/interval.hpp"
#include "touch/core/shared_work.hpp"
#include "touch/platform/files.hpp"
#include "touch/util/text.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
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

std::vector<LogScan> scan_log_pieces(const std::string& path, const ReadPolicy& policy,
                                     const std::function<LogPieceSinks(std::size_t)>& make) {
    std::vector<LogPieceSinks> sinks;
    std::vector<std::unique_ptr<LogReader<ToSink>>> readers;
    auto used = platform::read_lines_in_parts(
        path,
        [&](std::uint64_t size) {
            readers.resize(policy.pieces_for(size));
            sinks.resize(readers.size());
            return readers.size();
        },
        [&](std::size_t i) -> ChunkSink& {
            sinks[i] = make(i);
            readers[i] = std::make_unique<LogReader<ToSink>>(ToSink{&sinks[i].on_entry}, i == 0,
                                                             sinks[i].on_problem);
            return readers[i]->sink();
        });
    std::vector<LogScan> scans;
    for (std::size_t i = 0; i < used; ++i)
        scans.push_back(
            {true, readers[i]->lines(), readers[i]->unterminated(), readers[i]->problems()});
    return scans;
}

namespace {

// What a builder counted of no use: lines on unknown channels, and of ids
// that are near misses of a client's.
void add_unknown_names(LogProblems& problems, const HistoryBuilder& builder) {
    problems.add_unknown_channels(builder.unknown_channel_lines(), builder.first_unknown_channel());
    problems.add_near_misses(builder.near_miss_lines(), builder.first_near_miss(),
                             builder.near_miss_guess());
}

// A piece's reader feeds a builder of its own.
struct OwnBuilder : ToBuilder {
    std::unique_ptr<HistoryBuilder> own;
};

History read_history_pieces(const std::string& path, const Config& config, Date today,
                            const ReadPolicy& policy, LogProblems& problems,
                            const AwayScope* away) {
    auto pieces = read_in_pieces<OwnBuilder>(path, policy, [&](std::size_t) {
        auto builder = std::make_unique<HistoryBuilder>(config, today);
        builder->set_away_scope(away);
        return OwnBuilder{{builder.get()}, std::move(builder)};
    });
    if (pieces.empty()) return History(config, today);
    problems = pieces_problems(pieces);
    auto& first = *pieces[0]->handler().own;
    for (std::size_t i = 1; i < pieces.size(); ++i)
        first.absorb_unknown_names(*pieces[i]->handler().own);
    add_unknown_names(problems, first);
    History history = std::move(first.history());
    for (std::size_t i = 1; i < pieces.size(); ++i)
        history.merge(pieces[i]->handler().own->history());
    return history;
}

} // namespace

// "pat" and "lee" make "pat,lee"; a person already named is not added again.
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
    // A builder for each thread, made by the first file it reads.
    std::vector<std::unique_ptr<HistoryBuilder>> builders(workers);
    share_work(shared.size(), workers, [&](std::size_t at, std::size_t seat) {
        if (!builders[seat]) builders[seat] = std::make_unique<HistoryBuilder>(config, today);
        auto& builder = *builders[seat];
        auto i = shared[at];
        builder.set_away_scope(away_of(i));
        LogReader reader(ToBuilder{&builder}, true);
        platform::read_lines(files[i].path, reader.sink());
        found[i] = reader.problems();
    });
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

// A note that is its own sanitised form: printable ASCII, nothing to trim
// (of which only a space is printable). The caller has checked the first.
bool plain_note(std::string_view note) {
    return note.empty() || (note.front() != ' ' && note.back() != ' ');
}

// How wide a table shows `s`: control characters escaped when `escape`.
std::size_t shown_width(std::string_view s, bool escape) {
    if (is_printable_ascii(s)) return s.size();
    if (!escape) return display_width(s);
    std::string shown(s);
    escape_from(shown, 0);
    return display_width(shown);
}

// The lines history shows, held as offsets into one buffer of their text:
// putting a million lines newest first sorts 48-byte records, not strings,
// and identical lines are found among those of the same minute only. Each
// piece of a file read in parts holds its own and puts them in order on its
// own thread; the pieces then merge, as sorted runs do.
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
        bool note_ascii = is_printable_ascii(e.note);
        bool plain = note_ascii && is_printable_ascii(e.client) && is_printable_ascii(e.channel) &&
                     !snooze_scope(e.channel) && !promise_scope(e.channel);
        lines_.push_back(Line{e.date, e.minute, static_cast<std::uint16_t>(e.client.size()),
                              static_cast<std::uint16_t>(e.channel.size()),
                              static_cast<std::uint32_t>(e.note.size()), plain, file, 0, 0, 0,
                              order_++, text_.size()});
        ((text_ += e.client) += e.channel) += e.note;
        // Hashed while its text is still in the cache, for drop_repeats.
        auto h = hash(lines_.back(), note_ascii);
        lines_.back().hash = static_cast<std::uint32_t>(h ^ (h >> 32));
        measure(e, plain, file);
        if (limit_ > 0 && lines_.size() >= std::max<std::size_t>(2 * limit_, 4096)) settle();
    }

    // Room for the lines of `bytes` of log, read with no limit: a piece's
    // text and records grow once instead of doubling, copying, and touching
    // fresh memory at each step.
    void reserve(std::uint64_t bytes) {
        if (limit_ > 0) return;
        text_.reserve(bytes);
        lines_.reserve(bytes / 40);
    }

    // Newest first, identical lines once, at most the limit.
    void settle() {
        sort_newest_first();
        drop_repeats(false, 0);
        keep_limit();
    }

    // The settled lines of `later`, all read after these, merged in: the
    // order a single reading of both would have settled them in.
    // With `threads` of two or more, a large merge is cut in two halves
    // merged at once; the lines are the same however many.
    void merge(HeldLines&& later, std::size_t threads = 1) {
        auto boundary = order_;
        bool both_hold = !lines_.empty() && !later.lines_.empty();
        // The later text is kept where it was read, not copied after these.
        auto text_base = static_cast<std::uint32_t>(more_text_.size() + 1);
        auto joined_base = static_cast<std::uint32_t>(joined_.size());
        for (auto& l : later.lines_) {
            l.order += boundary;
            l.buffer += text_base;
            if (l.joined) l.joined += joined_base;
        }
        more_text_.push_back(std::move(later.text_));
        for (auto& t : later.more_text_)
            more_text_.push_back(std::move(t));
        for (auto& j : later.joined_)
            joined_.push_back(std::move(j));
        order_ += later.order_;
        widths_.date = std::max(widths_.date, later.widths_.date);
        widths_.time = std::max(widths_.time, later.widths_.time);
        widths_.client = std::max(widths_.client, later.widths_.client);
        widths_.channel = std::max(widths_.channel, later.widths_.channel);
        widths_.person = std::max(widths_.person, later.widths_.person);
        // Only a minute that both hold can hold a repeat across them: those
        // between the later of their oldest and the earlier of their newest.
        std::optional<std::pair<Line, Line>> shared;
        if (both_hold) {
            const auto& a = lines_;
            const auto& b = later.lines_;
            auto newest = key_newer(a.front(), b.front()) ? b.front() : a.front();
            auto oldest = key_newer(a.back(), b.back()) ? a.back() : b.back();
            if (!key_newer(oldest, newest)) shared.emplace(newest, oldest);
        }
        if (!both_hold) {
            if (lines_.empty()) lines_ = std::move(later.lines_);
        } else {
            merge_lines(later.lines_, threads);
        }
        later.lines_ = {};
        later.text_ = {};
        later.more_text_ = {};
        later.joined_ = {};
        if (shared) {
            auto first = std::partition_point(lines_.begin(), lines_.end(), [&](const Line& l) {
                return key_newer(l, shared->first);
            });
            auto last = std::partition_point(
                first, lines_.end(), [&](const Line& l) { return !key_newer(shared->second, l); });
            drop_repeats(true, boundary, static_cast<std::size_t>(first - lines_.begin()),
                         static_cast<std::size_t>(last - lines_.begin()));
        }
        keep_limit();
    }

    std::size_t size() const { return lines_.size(); }
    LogLineView operator[](std::size_t i) const {
        const auto& l = lines_[i];
        return {l.date, l.minute, client(l), channel(l), note(l), person(l), l.plain != 0};
    }
    // A limit drops lines after they were measured.
    std::optional<LogLineWidths> widths() const {
        if (limit_ > 0) return std::nullopt;
        return widths_;
    }

private:
    struct Line {
        Date date;
        int minute;
        // An id fits in a line, and a line in 64 KiB.
        std::uint16_t client_size, channel_size;
        std::uint32_t note_size : 31;
        std::uint32_t plain : 1; // as LogLineView's
        std::uint32_t file;
        std::uint32_t joined; // 1 + index in joined_ when several files hold it
        std::uint32_t buffer; // 0: its text is in text_; else 1 + index in more_text_
        std::uint32_t hash;   // of its text as the log would write it: hash()
        std::size_t order;    // in reading order, across files
        std::size_t text;     // where its client, channel and note begin in its buffer
    };
    // Fewer lines are not worth a thread's start.
    static constexpr std::size_t parallel_merge = 64 * 1024;
    std::size_t limit_;
    const std::vector<std::string>& persons_;
    std::string text_;
    std::vector<std::string> more_text_; // the text of pieces merged in
    // Records are written before they are read: none is zeroed first.
    struct Uninitialised : std::allocator<Line> {
        template <typename U> struct rebind { using other = Uninitialised; };
        void construct(Line* at) noexcept { ::new (static_cast<void*>(at)) Line; }
        template <typename... Args> void construct(Line* at, Args&&... args) {
            std::construct_at(at, std::forward<Args>(args)...);
        }
    };
    using Lines = std::vector<Line, Uninitialised>;
    Lines lines_;
    std::vector<std::string> joined_;
    std::size_t order_ = 0;
    std::optional<std::pair<Date, int>> cut_;
    LogLineWidths widths_;
    std::optional<Date> measured_day_;
    std::optional<std::uint32_t> measured_file_;

    // The widths of the line just added: the date and person only when they
    // change, as they seldom do from one line to the next.
    void measure(const Entry& e, bool plain, std::uint32_t file) {
        if (measured_day_ != e.date) {
            measured_day_ = e.date;
            widths_.date = std::max(widths_.date, display_width(format_date(e.date)));
        }
        if (e.minute >= 0)
            widths_.time =
                std::max(widths_.time, e.minute / 60 > 99 ? format_time(e.minute).size() : 5);
        widths_.client =
            std::max(widths_.client, plain ? e.client.size() : shown_width(e.client, false));
        widths_.channel =
            std::max(widths_.channel, plain ? e.channel.size() : shown_width(e.channel, true));
        if (measured_file_ != file) {
            measured_file_ = file;
            widths_.person = std::max(widths_.person, shown_width(persons_[file], true));
        }
    }

    // Of a later day and minute.
    static bool key_newer(const Line& a, const Line& b) {
        if (a.date != b.date) return b.date < a.date;
        return a.minute > b.minute;
    }
    static bool newer(const Line& a, const Line& b) {
        if (a.date != b.date) return b.date < a.date;
        if (a.minute != b.minute) return a.minute > b.minute;
        return a.order < b.order;
    }

    std::string_view text_of(const Line& l) const {
        return l.buffer ? more_text_[l.buffer - 1] : text_;
    }
    std::string_view client(const Line& l) const {
        return text_of(l).substr(l.text, l.client_size);
    }
    std::string_view channel(const Line& l) const {
        return text_of(l).substr(l.text + l.client_size, l.channel_size);
    }
    std::string_view note(const Line& l) const {
        return text_of(l).substr(l.text + l.client_size + l.channel_size, l.note_size);
    }
    std::string_view person(const Line& l) const {
        return l.joined ? std::string_view(joined_[l.joined - 1]) : persons_[l.file];
    }

    void keep_limit() {
        if (limit_ > 0 && lines_.size() >= limit_) {
            lines_.resize(limit_);
            cut_.emplace(lines_.back().date, lines_.back().minute);
            compact();
        }
    }

    // Lines still in reading order, as a log's are before their first
    // settling, are sorted by a stable counting sort on their day and minute:
    // a log's days span some thousands, so two passes of 12 bits each move a
    // line twice where a comparison sort moves it some twenty times.
    void sort_newest_first() {
        constexpr std::int64_t minutes = 24 * 60 + 1; // and no time, -1
        constexpr int bits = 12;
        constexpr std::size_t buckets = std::size_t{1} << bits;
        auto n = lines_.size();
        auto key_of = [](const Line& l) {
            return std::int64_t{l.date.time_since_epoch().count()} * minutes + l.minute + 1;
        };
        std::int64_t low = 0, high = 0;
        if (n > 0) low = high = key_of(lines_[0]);
        bool in_order = true;
        for (std::size_t i = 1; i < n && in_order; ++i) {
            in_order = lines_[i - 1].order < lines_[i].order;
            low = std::min(low, key_of(lines_[i]));
            high = std::max(high, key_of(lines_[i]));
        }
        if (n < 2 * buckets || !in_order || high - low >= (std::int64_t{1} << (2 * bits))) {
            std::sort(lines_.begin(), lines_.end(), newer);
            return;
        }
        // Newest first: the key counts back from the newest.
        std::vector<std::uint32_t> key(n), from(n), to(n);
        for (std::size_t i = 0; i < n; ++i)
            key[i] = static_cast<std::uint32_t>(high - key_of(lines_[i]));
        auto pass = [&](int shift, auto index_of, std::vector<std::uint32_t>& out) {
            std::vector<std::size_t> count(buckets + 1, 0);
            for (std::size_t i = 0; i < n; ++i)
                ++count[((key[index_of(i)] >> shift) & (buckets - 1)) + 1];
            for (std::size_t b = 1; b <= buckets; ++b)
                count[b] += count[b - 1];
            for (std::size_t i = 0; i < n; ++i) {
                auto at = index_of(i);
                out[count[(key[at] >> shift) & (buckets - 1)]++] = static_cast<std::uint32_t>(at);
            }
        };
        pass(
            0, [](std::size_t i) { return i; }, from);
        pass(
            bits, [&](std::size_t i) { return from[i]; }, to);
        Lines sorted;
        sorted.reserve(n);
        for (auto i : to)
            sorted.push_back(lines_[i]);
        lines_ = std::move(sorted);
    }

    // Among the lines of one minute, a repeat of an earlier line is dropped
    // and its person added to the first's. The lines of a minute go into a
    // table by a hash of their text, in reading order, so a repeat finds the
    // first of its text there; only lines of one hash are compared by text.
    // `across`: only the minutes that hold lines on both sides of `boundary`
    // (a reading order) are searched, those on one side having been already.
    // Only lines `first` to `last` are searched, whole minutes.
    void drop_repeats(bool across, std::size_t boundary, std::size_t first = 0,
                      std::size_t last = std::numeric_limits<std::size_t>::max()) {
        constexpr auto gone = std::numeric_limits<std::size_t>::max();
        bool any = false;
        std::vector<std::uint32_t> slots; // 1 + a line's place in its minute; 0: free
        last = std::min(last, lines_.size());
        for (std::size_t from = first, to = first; from < last; from = to) {
            bool before = lines_[from].order < boundary, after = !before;
            for (to = from + 1; to < last && lines_[to].date == lines_[from].date &&
                                lines_[to].minute == lines_[from].minute;
                 ++to) {
                (lines_[to].order < boundary ? before : after) = true;
            }
            if (to - from < 2 || (across && !(before && after))) continue;
            auto mask = std::bit_ceil(2 * (to - from)) - 1;
            slots.assign(mask + 1, 0);
            for (auto i = from; i < to; ++i) {
                auto h = lines_[i].hash;
                auto at = h & mask;
                for (; slots[at] != 0; at = (at + 1) & mask) {
                    auto& keep = lines_[from + slots[at] - 1];
                    if (keep.hash != h || !same_text(keep, lines_[i])) continue;
                    add_repeat(keep, lines_[i]);
                    lines_[i].order = gone;
                    any = true;
                    break;
                }
                if (slots[at] == 0) slots[at] = static_cast<std::uint32_t>(i - from + 1);
            }
        }
        if (any)
            lines_.erase(std::remove_if(lines_.begin(), lines_.end(),
                                        [&](const Line& l) { return l.order == gone; }),
                         lines_.end());
    }

    // The same line as the log would write it: notes sanitised, as
    // format_log_line does. The client and channel lie side by side in the
    // text, and their sizes tell where one ends.
    // `ascii`: whether the note is printable ASCII, as the caller knows.
    std::uint64_t hash(const Line& l, bool ascii) const {
        auto raw = note(l);
        auto ids = text_of(l).substr(l.text, std::size_t{l.client_size} + l.channel_size);
        auto h = bytes_hash(ids, l.client_size);
        if (ascii && plain_note(raw)) return bytes_hash(raw, h);
        return bytes_hash(sanitize_note(raw), h);
    }
    static std::uint64_t bytes_hash(std::string_view s, std::uint64_t h) {
        constexpr std::uint64_t k = 0x9e3779b97f4a7c15ULL;
        h = (h ^ s.size()) * k;
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            h = (h ^ w) * k;
            h ^= h >> 31;
        }
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + i, s.size() - i);
        h = (h ^ w) * k;
        return h ^ (h >> 29);
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
        widths_.person = std::max(widths_.person, shown_width(who, true));
        if (!keep.joined) {
            joined_.push_back(std::move(who));
            keep.joined = static_cast<std::uint32_t>(joined_.size());
        } else {
            joined_[keep.joined - 1] = std::move(who);
        }
    }

    // `later`'s lines merged into these, newest first. With two threads, the
    // lines newer than some day and minute are merged on one and the rest on
    // another, each into its own part of the result: the same merge.
    void merge_lines(const Lines& later, std::size_t threads) {
        const auto& a = lines_;
        const auto& b = later;
        Lines both;
        both.resize(a.size() + b.size());
        auto cut_a = a.size(), cut_b = b.size();
        if (threads > 1 && both.size() >= parallel_merge) {
            auto pivot = a.size() >= b.size() ? a[a.size() / 2] : b[b.size() / 2];
            auto newer_than_pivot = [&](const Line& l) { return key_newer(l, pivot); };
            cut_a = static_cast<std::size_t>(
                std::partition_point(a.begin(), a.end(), newer_than_pivot) - a.begin());
            cut_b = static_cast<std::size_t>(
                std::partition_point(b.begin(), b.end(), newer_than_pivot) - b.begin());
        }
        // The newer part and the older, on this thread and a helper.
        share_work(cut_a + cut_b < both.size() ? 2 : 1, 2, [&](std::size_t part, std::size_t) {
            if (part == 0)
                std::merge(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(cut_a), b.begin(),
                           b.begin() + static_cast<std::ptrdiff_t>(cut_b), both.begin(), newer);
            else
                std::merge(a.begin() + static_cast<std::ptrdiff_t>(cut_a), a.end(),
                           b.begin() + static_cast<std::ptrdiff_t>(cut_b), b.end(),
                           both.begin() + static_cast<std::ptrdiff_t>(cut_a + cut_b), newer);
        });
        lines_ = std::move(both);
    }

    // Only the held lines' text is kept, and only their joined persons.
    void compact() {
        std::string text;
        std::vector<std::string> joined;
        for (auto& l : lines_) {
            auto at = text.size();
            text.append(text_of(l).substr(l.text, std::size_t{l.client_size} + l.channel_size +
                                                      l.note_size));
            l.text = at;
            l.buffer = 0;
            if (l.joined) {
                joined.push_back(std::move(joined_[l.joined - 1]));
                l.joined = static_cast<std::uint32_t>(joined.size());
            }
        }
        text_ = std::move(text);
        more_text_.clear();
        joined_ = std::move(joined);
    }
};

// Entries `keep` accepts into one piece's held lines.
struct ToHeld {
    HeldLines* held;
    const std::function<bool(const Entry&)>* keep;
    std::uint32_t file;
    void entry(const Entry& e, std::size_t) const {
        if ((*keep)(e)) held->add(e, file);
    }
    bool plain_entry(const Entry& e, std::size_t line) const {
        if (!plain_ids_valid(e)) return false;
        entry(e, line);
        return true;
    }
};

// One piece of a file: read, then settled on the thread that read it.
class HeldPiece final : public ChunkSink {
public:
    HeldPiece(std::size_t limit, const std::vector<std::string>& persons,
              const std::function<bool(const Entry&)>& keep, std::uint32_t file, bool first)
        : held(limit, persons)
        , reader(ToHeld{&held, &keep, file}, first) {}
    void feed(std::string_view chunk) override { reader.sink().feed(chunk); }
    void finish() override {
        reader.sink().finish();
        held.settle();
    }
    HeldLines held;
    LogReader<ToHeld> reader;
};

// One file's lines, read in pieces as `policy` says, merged into `all`.
LogProblems read_held_file(const std::string& path, std::uint32_t file, HeldLines& all,
                           std::size_t limit, const std::vector<std::string>& persons,
                           const std::function<bool(const Entry&)>& keep,
                           const ReadPolicy& policy) {
    std::vector<std::unique_ptr<HeldPiece>> pieces;
    std::uint64_t piece_bytes = 0;
    auto used = platform::read_lines_in_parts(
        path,
        [&](std::uint64_t size) {
            pieces.resize(policy.pieces_for(size));
            // Cut at line starts, a piece may run a line longer than its share.
            piece_bytes = size / pieces.size() + max_line_length;
            return pieces.size();
        },
        [&](std::size_t i) -> ChunkSink& {
            pieces[i] = std::make_unique<HeldPiece>(limit, persons, keep, file, i == 0);
            pieces[i]->held.reserve(piece_bytes);
            return *pieces[i];
        });
    // Line numbers in a piece count from its start: the lines before it are added.
    LogProblems problems;
    std::size_t lines_before = 0;
    for (std::size_t i = 0; i < used; ++i) {
        const auto& found = pieces[i]->reader.problems();
        if (found.skipped > 0 && problems.skipped == 0)
            problems.first_line = lines_before + found.first_line;
        problems.skipped += found.skipped;
        lines_before += pieces[i]->reader.lines();
        all.merge(std::move(pieces[i]->held), policy.threads);
    }
    return problems;
}

} // namespace

std::unique_ptr<LogLineList> read_log_line_list(const LogLocation& log,
                                                const std::function<bool(const Entry&)>& keep,
                                                std::size_t limit, const ReadPolicy& policy,
                                                LogFolderProblems& problems) {
    // The lines point into the persons' names: the list holds both.
    class Owned final : public LogLineList {
    public:
        Owned(std::vector<std::string> names, std::size_t limit)
            : persons(std::move(names))
            , lines(limit, persons) {}
        std::size_t size() const override { return lines.size(); }
        LogLineView operator[](std::size_t i) const override { return lines[i]; }
        std::optional<LogLineWidths> widths() const override { return lines.widths(); }
        const std::vector<std::string> persons;
        HeldLines lines;
    };
    auto files = log.readable_files();
    std::vector<std::string> persons;
    persons.reserve(files.size());
    for (const auto& file : files)
        persons.push_back(file.person);
    auto all = std::make_unique<Owned>(std::move(persons), limit);
    if (files.size() <= 1) {
        for (std::uint32_t i = 0; i < files.size(); ++i)
            problems.add(
                read_held_file(files[i].path, i, all->lines, limit, all->persons, keep, policy),
                files[i].path);
        return all;
    }
    // A folder: each file's lines on their own, the files shared out among
    // the threads, then merged in pairs of neighbours, the pairs of a round
    // at once, round after round: every line is copied some log2(files)
    // times instead of once for each file read after it (README, Speed).
    std::vector<HeldLines> held;
    held.reserve(files.size());
    for (std::size_t i = 0; i < files.size(); ++i)
        held.emplace_back(limit, all->persons);
    std::vector<LogProblems> found(files.size());
    auto read = [&](std::size_t i) {
        found[i] = read_held_file(files[i].path, static_cast<std::uint32_t>(i), held[i], limit,
                                  all->persons, keep, policy);
    };
    // A file larger than a thread's share is read alone, in pieces on every
    // thread (as read_history_log reads it); the others whole, one a thread.
    std::uint64_t total = 0;
    for (const auto& f : files)
        total += f.size;
    std::vector<std::size_t> shared;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (policy.read_alone(files[i].size, total, files.size()))
            read(i);
        else
            shared.push_back(i);
    }
    share_work(shared.size(), policy.threads,
               [&](std::size_t at, std::size_t) { read(shared[at]); });
    for (std::size_t i = 0; i < files.size(); ++i)
        problems.add(found[i], files[i].path);
    for (std::size_t step = 1; step < held.size(); step *= 2) {
        auto pairs = (held.size() - step + 2 * step - 1) / (2 * step);
        share_work(pairs, policy.threads, [&](std::size_t pair, std::size_t) {
            auto i = pair * 2 * step;
            held[i].merge(std::move(held[i + step]), policy.threads);
        });
    }
    all->lines.merge(std::move(held[0]), policy.threads);
    return all;
}

std::vector<LogLine> read_log_lines(const LogLocation& log,
                                    const std::function<bool(const Entry&)>& keep,
                                    std::size_t limit, LogFolderProblems& problems,
                                    const ReadPolicy& policy) {
    auto list = read_log_line_list(log, keep, limit, policy, problems);
    std::vector<LogLine> out(list->size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto l = (*list)[i];
        auto& o = out[i];
        o.date = l.date;
        o.minute = l.minute;
        o.client = l.client;
        o.channel = l.channel;
        o.note = l.note;
        o.person = l.person;
    }
    return out;
}

std::vector<LogLine> read_log_lines(const LogLocation& log,
                                    const std::function<bool(const Entry&)>& keep,
                                    std::size_t limit, LogProblems& problems,
                                    const ReadPolicy& policy) {
    LogFolderProblems found;
    auto lines = read_log_lines(log, keep, limit, found, policy);
    problems = found.problems;
    return lines;
}

} // namespace touch
