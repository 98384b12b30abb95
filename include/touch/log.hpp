// The log: one interaction per line, `DATE[THH:MM] CLIENT CHANNEL [NOTE...]`.
// Reading is streaming: text arrives in chunks, lines come out as views, and
// nothing is held beyond the current line. Writing turns one entry into exactly
// one line.
#pragma once

#include "touch/diagnostic.hpp"
#include "touch/model.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace touch {

// No real note is this long; a longer line is reported, not held.
inline constexpr std::size_t max_line_length = 64 * 1024;

enum class LineKind { blank, entry, malformed }; // blank: empty or a # comment

struct ParsedLine {
    LineKind kind = LineKind::blank;
    Entry entry;
    int col = 0;         // where a malformed line goes wrong (1-based)
    std::string message; // why it is malformed
};

// `line` has no trailing newline; a trailing CR (Windows) is ignored.
ParsedLine parse_log_line(std::string_view line);

// Reads lines one after another. read_entry is the fast path for the lines
// nearly every log consists of; it leaves every other line (snoozes,
// comments, mistakes) to parse, which reads any line.
class LineParser {
public:
    // True when `line` is an ordinary entry, read into `entry`.
    bool read_entry(std::string_view line, Entry& entry);
    ParsedLine parse(std::string_view line);

private:
    // The last date read, as it was written; none before the first (ten NUL
    // bytes are no date: the fuzzer found that one).
    bool has_last_date_ = false;
    char last_date_text_[10] = {};
    Date last_date_{};
};

// The plain, token-by-token reading of a line that parse_log_line takes as
// its fallback; the two agree on every line (tests and the fuzzer check).
ParsedLine parse_log_line_reference(std::string_view line);

// The date a snooze line pushes suggestions to: its note begins with an
// interval (from the line's date) or a date.
std::optional<Date> snooze_until(const Entry& entry);

// "snooze" -> "", "snooze:call" -> "call"; nothing for other channels.
std::optional<std::string_view> snooze_scope(std::string_view channel);

// "promise:call" -> "call"; nothing for other channels (and for a bare
// "promise", which the reader refuses: a promise names its channel).
std::optional<std::string_view> promise_scope(std::string_view channel);

// What a promise line says: its NOTE begins with the date it is due (or an
// interval counted from the line's date), then what was promised; or with
// `cancel`, which ends the promises on that channel made on or before the
// line's date.
struct PromiseNote {
    bool cancel = false;
    Date due{};
    std::string_view what;
};
std::optional<PromiseNote> promise_note(const Entry& entry);

// The CLIENT field of a line: one id, several joined by commas (one
// interaction with several clients), or `*` (everyone: snooze lines only).
inline constexpr std::string_view everyone = "*";
template <typename F> void for_each_client(std::string_view field, F&& f) {
    while (!field.empty()) {
        auto comma = field.find(',');
        f(field.substr(0, comma));
        if (comma == std::string_view::npos) break;
        field.remove_prefix(comma + 1);
    }
}
// Whether the CLIENT field names `id` (alone or in a list).
bool names_client(std::string_view field, std::string_view id);

// One log line, newline included. The note is sanitised: control characters
// become spaces, so no note can produce a second line.
std::string format_log_line(Date date, int minute, std::string_view client,
                            std::string_view channel, std::string_view note);

// Cuts a stream of chunks into lines. A UTF-8 BOM at the very start is
// dropped; a last line without a newline is still a line. Lines longer than
// max_line_length are passed as `too_long` with only their first bytes.
class LineSplitter {
public:
    using Sink = std::function<void(std::string_view line, std::size_t number, bool too_long)>;
    // `at_file_start`: false for a piece of a file read from its middle,
    // where a BOM means nothing.
    explicit LineSplitter(Sink sink, bool at_file_start = true)
        : sink_(std::move(sink))
        , at_file_start_(at_file_start) {}
    void feed(std::string_view chunk);
    void finish();
    // Lines passed on so far.
    std::size_t lines() const { return number_; }
    // After finish(): whether the last line had no newline at its end.
    bool unterminated() const { return unterminated_; }

private:
    Sink sink_;
    std::string partial_;
    std::size_t number_ = 0;
    bool at_file_start_ = true;
    bool overflow_ = false;
    bool unterminated_ = false;
    void emit(std::string_view line);
};

// Counts what reading a log skipped, for the one summary warning.
struct LogProblems {
    std::size_t skipped = 0;
    std::size_t first_line = 0;
    // Entries read but of no use: on a channel the clients file does not define.
    std::size_t unknown_channel_lines = 0;
    std::string unknown_channel; // the first such channel

    // Adds what a reader counted (see HistoryBuilder::unknown_channel_lines).
    void add_unknown_channels(std::size_t lines, std::string_view first) {
        if (lines > 0 && unknown_channel_lines == 0) unknown_channel = first;
        unknown_channel_lines += lines;
    }
};

// "2 log lines skipped (first: line 7), run 'touch check'"
std::string skipped_summary(const LogProblems& problems);
// "1 line on unknown channel 'cal', run 'touch check'"; empty when none.
std::string unknown_channel_summary(const LogProblems& problems);

} // namespace touch
