// The log: one interaction per line, `DATE[THH:MM] CLIENT CHANNEL [NOTE...]`.
// Reading is streaming: text arrives in chunks, lines come out as views, and
// nothing is held beyond the current line. Writing turns one entry into exactly
// one line.
#pragma once

#include "touch/core/diagnostic.hpp"
#include "touch/core/model.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    // True when `line` is an ordinary entry, read into `entry`: one client
    // id, a channel that is no snooze or promise.
    bool read_entry(std::string_view line, Entry& entry);
    // read_entry without its last step, plain_ids_valid: a reader that
    // looks the two ids up can skip it for those it finds among valid ids.
    bool read_fields(std::string_view line, Entry& entry);
    ParsedLine parse(std::string_view line);

private:
    // The last date read, as it was written; none before the first (ten NUL
    // bytes are no date: the fuzzer found that one).
    bool has_last_date_ = false;
    char last_date_text_[10] = {};
    Date last_date_{};
};

// Whether the client and channel read_fields cut are valid ids (and so the
// line an entry).
bool plain_ids_valid(const Entry& entry);

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

// A touch logged after the fact, once its follow-up window had closed, says
// when it was written at the start of its note: "(logged 2026-12-07) from old
// invoices". The engine then starts no follow-up from it (SPEC §4).
std::string logged_late_note(Date written, std::string_view note);
std::optional<Date> logged_late_on(std::string_view note);

// "skip:call" -> "call"; nothing for other channels.
std::optional<std::string_view> skip_scope(std::string_view channel);

// What a promise line says: its NOTE begins with the date it is due (or an
// interval counted from the line's date), then what was promised; or with
// `cancel`, which ends the promises on that channel made on or before the
// line (its date and time), of every due date, or with `cancel DATE` of the
// one due that day: what `touch promise --cancel` writes, so that promising
// again after a cancel holds whatever order the lines stand in.
struct PromiseNote {
    bool cancel = false;
    std::optional<Date> cancel_due;
    Date due{};
    std::string_view what;
};
std::optional<PromiseNote> promise_note(const Entry& entry);

// The CLIENT field of a line: one id, several joined by commas (one
// interaction with several clients), or `*` (everyone: snooze lines only).
inline constexpr std::string_view everyone = "*";
// A comma at either end names an empty id, so "acme," is read as ",acme" is.
template <typename F> void for_each_client(std::string_view field, F&& f) {
    if (field.empty()) return;
    for (;;) {
        auto comma = field.find(',');
        f(field.substr(0, comma));
        if (comma == std::string_view::npos) break;
        field.remove_prefix(comma + 1);
    }
}
// Whether the CLIENT field names `id` (alone or in a list).
bool names_client(std::string_view field, std::string_view id);

// The markers an importer leaves in a note ("[ics:1a2b3c4d5e6f]",
// "[call:…]", "[mail:…]"), without the brackets: KIND:HEX.
std::vector<std::string_view> note_markers(std::string_view note);

// One log line, newline included. The note is sanitised: control characters
// become spaces, so no note can produce a second line.
std::string format_log_line(Date date, int minute, std::string_view client,
                            std::string_view channel, std::string_view note);

// One line of the log as the reports show it: an Entry that owns its text,
// and in a folder of per-person logs whose file holds it.
struct LogLine {
    Date date;
    int minute = -1;
    std::string client, channel, note;
    std::string person; // whose file holds it, in a folder of logs; else empty
};

// The same line seen where its reader holds its text: a report of a million
// lines reads them in place instead of copying each into a LogLine.
struct LogLineView {
    Date date;
    int minute = -1;
    std::string_view client, channel, note, person;
    // The client, channel and note are printable ASCII and the channel no
    // snooze or promise: a table shows each as written, as wide as its bytes.
    bool plain = false;
};

// The widest of each field over the lines of a list, as a table shows them:
// the date and time as formatted, the channel and person with control
// characters escaped, the client as written.
struct LogLineWidths {
    std::size_t date = 0, time = 0, client = 0, channel = 0, person = 0;
};

// Lines a report shows, in the order it shows them, held by whoever read them.
class LogLineList {
public:
    virtual ~LogLineList() = default;
    virtual std::size_t size() const = 0;
    virtual LogLineView operator[](std::size_t i) const = 0;
    // The widths, when the reader measured them as it read (its threads
    // touched each line's bytes then); else the report measures them.
    virtual std::optional<LogLineWidths> widths() const { return std::nullopt; }
    bool empty() const { return size() == 0; }
};

// What a file's bytes are fed to, a chunk at a time: the platform layer
// reads, the log layer cuts. One virtual call per chunk, none per line.
class ChunkSink {
public:
    virtual void feed(std::string_view chunk) = 0;
    virtual void finish() = 0;

protected:
    ~ChunkSink() = default;
};

namespace detail {

// Bit i set where block[i] is a newline, for the 64 bytes at `block`: lines
// are found a block at a time instead of by a call to memchr per line. The
// portable form does eight bytes at once in a word; x86-64 has SSE2 always.
inline std::uint64_t newline_mask_portable(const char* block) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    std::uint64_t mask = 0;
    for (int word = 0; word < 8; ++word) {
        std::uint64_t x;
        std::memcpy(&x, block + 8 * word, sizeof x);
        if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
        x ^= ones * '\n'; // a newline is now a zero byte
        // The high bit of each byte that is zero, exactly (no borrow between bytes)...
        auto zero = ~(((x & ones * 0x7F) + ones * 0x7F) | x) & ones * 0x80;
        // ...gathered into the word's top eight bits, byte i at bit 56 + i.
        mask |= ((zero >> 7) * 0x0102040810204080ull >> 56) << (8 * word);
    }
    return mask;
}

inline std::uint64_t newline_mask(const char* block) {
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    auto part = [&](int at) {
        auto bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + at));
        return std::uint64_t{
                   static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline)))}
               << at;
    };
    return part(0) | part(16) | part(32) | part(48);
#else
    return newline_mask_portable(block);
#endif
}

// The newlines in [begin, end), in order.
class NewlineScan {
public:
    NewlineScan(const char* begin, const char* end)
        : begin_(begin)
        , size_(static_cast<std::size_t>(end - begin)) {
        load();
    }
    // The next newline, or nullptr after the last.
    const char* next() {
        while (mask_ == 0) {
            at_ += 64;
            if (at_ >= size_) return nullptr;
            load();
        }
        auto bit = std::countr_zero(mask_);
        mask_ &= mask_ - 1;
        return begin_ + at_ + static_cast<std::size_t>(bit);
    }

private:
    const char* begin_;
    std::size_t size_;
    std::size_t at_ = 0;
    std::uint64_t mask_ = 0;
    void load() {
        if (size_ - at_ >= 64) {
            mask_ = newline_mask(begin_ + at_);
            return;
        }
        // The last bytes, copied: nothing past `end` is read.
        char tail[64] = {};
        if (size_ > at_) std::memcpy(tail, begin_ + at_, size_ - at_);
        mask_ = newline_mask(tail);
    }
};

} // namespace detail

// Cuts a stream of chunks into lines, each passed to `sink(line, number,
// too_long)`. A UTF-8 BOM at the very start is dropped; a last line without a
// newline is still a line. Lines longer than max_line_length are passed as
// `too_long` with only their first bytes. The sink is a template parameter,
// not a std::function: it runs once per line of logs of millions of lines,
// and inlined it costs nothing.
template <typename Sink> class LineSplitter final : public ChunkSink {
public:
    // `at_file_start`: false for a piece of a file read from its middle,
    // where a BOM means nothing.
    explicit LineSplitter(Sink sink, bool at_file_start = true)
        : sink_(std::move(sink))
        , at_file_start_(at_file_start) {}
    void feed(std::string_view chunk) override;
    void finish() override;
    // Lines passed on so far.
    std::size_t lines() const { return number_; }
    // After finish(): whether the last line had no newline at its end.
    bool unterminated() const { return unterminated_; }

private:
    Sink sink_;
    std::string partial_; // a line begun in an earlier chunk
    std::size_t number_ = 0;
    bool at_file_start_ = true;
    bool overflow_ = false; // partial_ holds the first bytes of an over-long line
    bool unterminated_ = false;

    void emit(std::string_view line) {
        ++number_;
        if (number_ == 1 && at_file_start_ && line.substr(0, 3) == "\xEF\xBB\xBF")
            line.remove_prefix(3);
        sink_(line, number_, false);
    }
    void emit_too_long(std::string_view first_bytes) {
        ++number_;
        sink_(first_bytes, number_, true);
    }
    // Bytes of a line whose end is in a later chunk.
    void hold(std::string_view piece) {
        if (overflow_) return; // inside an over-long line: dropped until its end
        if (partial_.size() + piece.size() > max_line_length) {
            partial_.append(piece.substr(0, max_line_length - partial_.size()));
            overflow_ = true;
        } else {
            partial_.append(piece);
        }
    }
    void emit_held() {
        if (overflow_)
            emit_too_long(partial_);
        else
            emit(partial_);
        overflow_ = false;
        partial_.clear();
    }
};

// A splitter whose sink is any function (tests, tools); the log's own
// readers name their sink's type.
using LineCallback = std::function<void(std::string_view line, std::size_t number, bool too_long)>;

template <typename Sink> void LineSplitter<Sink>::feed(std::string_view chunk) {
    const char* p = chunk.data();
    const char* const end = p + chunk.size();
    if (p == end) return;
    if (overflow_ || !partial_.empty()) {
        auto* nl = static_cast<const char*>(std::memchr(p, '\n', chunk.size()));
        hold(std::string_view(p, static_cast<std::size_t>((nl ? nl : end) - p)));
        if (!nl) return;
        emit_held();
        p = nl + 1;
    }
    detail::NewlineScan newlines(p, end);
    while (const char* nl = newlines.next()) {
        auto size = static_cast<std::size_t>(nl - p);
        if (size > max_line_length)
            emit_too_long(std::string_view(p, max_line_length));
        else
            emit(std::string_view(p, size)); // the common case: no copy
        p = nl + 1;
    }
    if (p != end) hold(std::string_view(p, static_cast<std::size_t>(end - p)));
}

template <typename Sink> void LineSplitter<Sink>::finish() {
    unterminated_ = overflow_ || !partial_.empty();
    if (unterminated_) emit_held();
}

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
    // Entries for an id the clients file nearly knows (a typo): the first,
    // and its guess ("did you mean 'elbdruck'?").
    std::size_t near_miss_lines = 0;
    std::string near_miss, near_miss_guess;
    void add_near_misses(std::size_t lines, std::string_view first, std::string_view guess) {
        if (lines > 0 && near_miss_lines == 0) {
            near_miss = first;
            near_miss_guess = guess;
        }
        near_miss_lines += lines;
    }
};

// "2 log lines skipped (first: line 7), run 'touch check'"
std::string skipped_summary(const LogProblems& problems);
// "1 line on unknown channel 'cal', run 'touch check'", and lines of a
// near-miss client id counted with them; empty when none.
std::string unknown_channel_summary(const LogProblems& problems);

} // namespace touch
