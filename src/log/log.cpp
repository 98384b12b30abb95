#include "touch/log/log.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace touch {

namespace {

bool is_sep(char c) {
    return c == ' ' || c == '\t';
}

std::string_view take_token(std::string_view line, std::size_t& pos) {
    while (pos < line.size() && is_sep(line[pos]))
        ++pos;
    auto start = pos;
    while (pos < line.size() && !is_sep(line[pos]))
        ++pos;
    return line.substr(start, pos - start);
}

// Character classes for the per-line fast path: every log line is read on
// every `due`, so a token is cut and checked as an id in one pass.
enum : unsigned char { sep = 1, id_first = 2, id_rest = 4 };
constexpr std::array<unsigned char, 256> char_classes = [] {
    std::array<unsigned char, 256> t{};
    t[' '] = t['\t'] = sep;
    for (int c = 'a'; c <= 'z'; ++c)
        t[static_cast<std::size_t>(c)] = id_first | id_rest;
    for (int c = '0'; c <= '9'; ++c)
        t[static_cast<std::size_t>(c)] = id_first | id_rest;
    t['_'] = t['.'] = t['-'] = id_rest;
    return t;
}();

unsigned char class_of(char c) {
    return char_classes[static_cast<unsigned char>(c)];
}

// Cuts the token at `pos` (no separators before it) and says whether it is a
// valid id, as is_valid_id would.
std::string_view take_id_token(std::string_view line, std::size_t& pos, bool& valid) {
    auto start = pos;
    unsigned char all = id_rest;
    while (pos < line.size()) {
        auto k = class_of(line[pos]);
        if (k & sep) break;
        all &= k;
        ++pos;
    }
    valid = pos > start && (class_of(line[start]) & id_first) && all;
    return line.substr(start, pos - start);
}

void skip_seps(std::string_view line, std::size_t& pos) {
    while (pos < line.size() && (class_of(line[pos]) & sep))
        ++pos;
}

// Separators at `q`, then a token: `q` is moved past both and the token
// goes into `out`; false when there is no separator at `q` or no token after
// it. The token's end is looked for sixteen bytes at once: those from its
// start, or near the end of the line the sixteen that end there (`begin` is
// the line's first byte). This runs twice for every line of the log, on
// every `due` (and is always inlined, so that `q` and `out` stay in
// registers).
[[gnu::always_inline]] inline bool take_token_after_sep(const char*& q, const char* begin,
                                                        const char* end, std::string_view& out) {
    if (q == end || !(class_of(*q) & sep)) return false;
    do
        ++q;
    while (q != end && (class_of(*q) & sep));
    const char* start = q;
#if defined(__SSE2__)
    auto seps_in = [](const char* at) {
        auto bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
        return static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')),
                                           _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\t')))));
    };
    auto left = end - start;
    if (left >= 16) {
        if (auto seps = seps_in(start); seps != 0) {
            q = start + std::countr_zero(seps);
            out = std::string_view(start, static_cast<std::size_t>(q - start));
            return true;
        }
    } else if (end - begin >= 16) {
        // Bit i of `seps` for start[i]; none past the end, where the token stops.
        auto seps = seps_in(end - 16) >> (16 - left) | 1u << left;
        q = start + std::countr_zero(seps);
        out = std::string_view(start, static_cast<std::size_t>(q - start));
        return q != start;
    }
#endif
    while (q != end && !(class_of(*q) & sep))
        ++q;
    out = std::string_view(start, static_cast<std::size_t>(q - start));
    return q != start;
}

int two_digits(const char* p) {
    return (p[0] - '0') * 10 + (p[1] - '0');
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// YYYY-MM-DD at the start of `text`, as parse_iso_date reads it, in straight
// line code: this runs once per log line.
std::optional<Date> fast_iso_date(std::string_view text) {
    if (text.size() < 10) return std::nullopt;
    auto digit = [&](std::size_t i) {
        return static_cast<unsigned>(static_cast<unsigned char>(text[i])) - '0';
    };
    unsigned y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3);
    unsigned m0 = digit(5), m1 = digit(6), d0 = digit(8), d1 = digit(9);
    bool shape = y0 < 10 && y1 < 10 && y2 < 10 && y3 < 10 && m0 < 10 && m1 < 10 && d0 < 10 &&
                 d1 < 10 && text[4] == '-' && text[7] == '-';
    if (!shape) return std::nullopt;
    auto y = static_cast<int>(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
    unsigned m = m0 * 10 + m1, d = d0 * 10 + d1;
    if (y == 0 || m < 1 || m > 12 || d < 1) return std::nullopt;
    static constexpr unsigned char month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > month_days[m - 1] + (m == 2 && leap ? 1u : 0u)) return std::nullopt;
    return Date{date::year{y} / date::month{m} / date::day{d}};
}

// What is wrong with a CLIENT field, and where in it: each id of a list
// valid and named once, or `*` alone.
std::optional<std::pair<std::size_t, std::string>> client_field_error(std::string_view field) {
    if (field == everyone) return std::nullopt;
    std::size_t at = 0;
    std::optional<std::pair<std::size_t, std::string>> error;
    std::vector<std::string_view> seen;
    for_each_client(field, [&](std::string_view id) {
        if (!error && !is_valid_id(id))
            error.emplace(at, id.empty()
                                  ? fmt::format("'{}' has an empty client id in its list",
                                                escape_control(field))
                                  : fmt::format("'{}' is not a client id", escape_control(id)));
        else if (!error && std::find(seen.begin(), seen.end(), id) != seen.end())
            error.emplace(at, fmt::format("'{}' is named twice in '{}'", id, field));
        seen.push_back(id);
        at += id.size() + 1;
    });
    return error;
}

ParsedLine malformed(std::size_t col, std::string message) {
    ParsedLine p;
    p.kind = LineKind::malformed;
    p.col = static_cast<int>(col + 1);
    p.message = std::move(message);
    return p;
}

} // namespace

std::optional<std::string_view> snooze_scope(std::string_view channel) {
    if (channel.substr(0, snooze_channel.size()) != snooze_channel) return std::nullopt;
    auto rest = channel.substr(snooze_channel.size());
    if (rest.empty()) return rest;
    if (rest[0] != ':') return std::nullopt;
    return rest.substr(1);
}

std::optional<std::string_view> promise_scope(std::string_view channel) {
    if (channel.size() <= promise_channel.size() + 1 ||
        channel.substr(0, promise_channel.size()) != promise_channel ||
        channel[promise_channel.size()] != ':')
        return std::nullopt;
    return channel.substr(promise_channel.size() + 1);
}

namespace {
constexpr std::string_view logged_prefix = "(logged ";
} // namespace

std::string logged_late_note(Date written, std::string_view note) {
    auto out = std::string(logged_prefix) + format_date(written) + ")";
    if (!note.empty()) out += " " + std::string(note);
    return out;
}

std::optional<Date> logged_late_on(std::string_view note) {
    if (note.substr(0, logged_prefix.size()) != logged_prefix) return std::nullopt;
    auto rest = note.substr(logged_prefix.size());
    if (rest.size() < 11 || rest[10] != ')') return std::nullopt;
    return parse_iso_date(rest.substr(0, 10));
}

std::optional<std::string_view> skip_scope(std::string_view channel) {
    if (channel.size() <= skip_channel.size() + 1 ||
        channel.substr(0, skip_channel.size()) != skip_channel ||
        channel[skip_channel.size()] != ':')
        return std::nullopt;
    return channel.substr(skip_channel.size() + 1);
}

std::optional<PromiseNote> promise_note(const Entry& entry) {
    std::size_t pos = 0;
    auto word = take_token(entry.note, pos);
    PromiseNote note;
    while (pos < entry.note.size() && is_sep(entry.note[pos]))
        ++pos;
    note.what = entry.note.substr(pos);
    if (word == "cancel") {
        note.cancel = true;
        auto after = pos;
        if (auto d = parse_iso_date(take_token(entry.note, after))) note.cancel_due = d;
        return note;
    }
    if (auto d = parse_iso_date(word)) {
        note.due = *d;
        return note;
    }
    if (auto every = parse_interval(word); every && !every->is_off()) {
        note.due = add(entry.date, *every);
        return note;
    }
    return std::nullopt;
}

bool names_client(std::string_view field, std::string_view id) {
    bool found = false;
    for_each_client(field, [&](std::string_view one) { found = found || one == id; });
    return found;
}

std::optional<Date> snooze_until(const Entry& entry) {
    std::size_t pos = 0;
    auto word = take_token(entry.note, pos);
    if (auto d = parse_iso_date(word)) return d;
    if (auto every = parse_interval(word); every && !every->is_off())
        return add(entry.date, *every);
    return std::nullopt;
}

ParsedLine parse_log_line_reference(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t pos = 0;
    skip_seps(line, pos);
    if (pos == line.size() || line[pos] == '#') return {};

    ParsedLine p;
    p.kind = LineKind::entry;
    auto start = pos;
    auto stamp = take_token(line, pos);
    auto date = fast_iso_date(stamp);
    if (!date)
        return malformed(start, fmt::format("'{}' is not a date (YYYY-MM-DD)",
                                            escape_control(stamp.substr(0, 10))));
    p.entry.date = *date;
    if (stamp.size() > 10) {
        auto time = stamp[10] == 'T' ? parse_time(stamp.substr(11)) : std::nullopt;
        if (!time)
            return malformed(start + 10, fmt::format("'{}' is not a time (THH:MM after the date)",
                                                     escape_control(stamp.substr(10))));
        p.entry.minute = *time;
    }

    skip_seps(line, pos);
    auto client_col = pos;
    auto client = take_token(line, pos);
    if (client.empty()) return malformed(pos, "missing the client id after the date");
    if (auto bad = client_field_error(client))
        return malformed(client_col + bad->first, bad->second);
    p.entry.client = client;

    skip_seps(line, pos);
    auto channel_col = pos;
    bool valid = false;
    auto channel = take_id_token(line, pos, valid);
    if (channel.empty()) return malformed(pos, "missing the channel after the client id");
    // "snooze:call" and "promise:call" are no ids, but scoped; plain "snooze" is both.
    auto scope = snooze_scope(channel);
    auto promised = promise_scope(channel);
    auto skipped = skip_scope(channel);
    // Channels are matched without regard to case, in the log as on the
    // command line (SPEC §3): `Call` is read, and counts as `call`.
    auto valid_any_case = [](std::string_view name) { return is_valid_id(to_lower(name)); };
    if (!valid && !scope && !promised && !skipped) valid = valid_any_case(channel);
    if (scope && !scope->empty()) valid = valid_any_case(*scope);
    if (promised) valid = valid_any_case(*promised);
    if (skipped) valid = valid_any_case(*skipped);
    if (channel == promise_channel)
        return malformed(channel_col, "a promise names its channel, as in 'promise:call'");

    if (!valid)
        return malformed(channel_col,
                         fmt::format("'{}' is not a channel name", escape_control(channel)));
    if (client == everyone && !scope)
        return malformed(client_col, "'*' (every client) goes only with a snooze");
    p.entry.channel = channel;

    skip_seps(line, pos);
    auto note = line.substr(pos);
    while (!note.empty() && is_sep(note.back()))
        note.remove_suffix(1);
    p.entry.note = note;

    if (scope && !snooze_until(p.entry))
        return malformed(pos, "a snooze needs an interval or a date first, as in 'snooze 2w'");
    if (promised && !promise_note(p.entry))
        return malformed(pos, "a promise needs the date it is due (or an interval) first, as in "
                              "'promise:call 2026-12-11 send the proposal', or 'cancel'");
    return p;
}

// The shape nearly every line has: `YYYY-MM-DD[THH:MM] client channel note`,
// one or more spaces or tabs between, no snooze. Such a line is read here in
// one pass, its date compared as bytes with the line before it (a log holds
// many lines a day, in order); anything else, and every mistake, is left to
// the reference reading, which says exactly what is wrong. Both give the same
// entry for every line this path takes (a unit test and the fuzzer check).
bool LineParser::read_fields(std::string_view line, Entry& entry) {
    const char* p = line.data();
    const char* end = p + line.size();
    if (p != end && end[-1] == '\r') --end;
    // Shortest: date, space, one-letter client, space, one-letter channel.
    if (end - p < 14) return false;
    // The ten bytes of the date as one 8-byte and one 2-byte comparison:
    // memcmp would be a call per line.
    std::uint64_t head, last_head;
    std::uint16_t tail, last_tail;
    std::memcpy(&head, p, 8);
    std::memcpy(&last_head, last_date_text_, 8);
    std::memcpy(&tail, p + 8, 2);
    std::memcpy(&last_tail, last_date_text_ + 8, 2);
    if (!has_last_date_ || head != last_head || tail != last_tail) {
        auto date = fast_iso_date(std::string_view(p, 10));
        if (!date) return false;
        std::memcpy(last_date_text_, p, sizeof last_date_text_);
        last_date_ = *date;
        has_last_date_ = true;
    }
    const char* q = p + 10;
    int minute = -1;
    if (*q == 'T') {
        if (end - q < 7 || !is_digit(q[1]) || !is_digit(q[2]) || q[3] != ':' || !is_digit(q[4]) ||
            !is_digit(q[5]))
            return false;
        int h = two_digits(q + 1), m = two_digits(q + 4);
        if (h > 23 || m > 59) return false;
        minute = h * 60 + m;
        q += 6;
    }
    if (!take_token_after_sep(q, p, end, entry.client) ||
        !take_token_after_sep(q, p, end, entry.channel))
        return false;
    // Snooze and promise lines are the reference reading's.
    auto reserved = [&](std::string_view name) {
        return entry.channel[0] == name[0] && entry.channel.substr(0, name.size()) == name;
    };
    if (reserved(snooze_channel) || reserved(promise_channel)) return false;
    while (q != end && (class_of(*q) & sep))
        ++q;
    const char* note_end = end;
    while (note_end != q && (class_of(note_end[-1]) & sep))
        --note_end;
    entry.note = std::string_view(q, static_cast<std::size_t>(note_end - q));
    entry.date = last_date_;
    entry.minute = minute;
    return true;
}

bool LineParser::read_entry(std::string_view line, Entry& entry) {
    return read_fields(line, entry) && plain_ids_valid(entry);
}

bool plain_ids_valid(const Entry& entry) {
    return is_valid_id(entry.client) && is_valid_id(entry.channel);
}

ParsedLine LineParser::parse(std::string_view line) {
    ParsedLine parsed;
    if (!read_entry(line, parsed.entry)) return parse_log_line_reference(line);
    parsed.kind = LineKind::entry;
    return parsed;
}

ParsedLine parse_log_line(std::string_view line) {
    return LineParser().parse(line);
}

std::string format_log_line(Date date, int minute, std::string_view client,
                            std::string_view channel, std::string_view note) {
    std::string line = format_date(date);
    if (minute >= 0) {
        line += 'T';
        line += format_time(minute);
    }
    line += ' ';
    line += client;
    line += ' ';
    line += channel;
    auto clean = sanitize_note(note);
    if (!clean.empty()) {
        line += ' ';
        line += clean;
    }
    line += '\n';
    return line;
}

std::string skipped_summary(const LogProblems& problems) {
    return fmt::format("{} log line{} skipped (first: line {}), run 'touch check'",
                       problems.skipped, problems.skipped == 1 ? "" : "s", problems.first_line);
}

namespace {

// "1 line for unknown client 'elbdruk' (did you mean 'elbdruck'?)"
std::string near_miss_part(const LogProblems& problems) {
    auto n = problems.near_miss_lines;
    auto id = escape_control(problems.near_miss);
    if (n == 1)
        return fmt::format("1 line for unknown client '{}' ({})", id, problems.near_miss_guess);
    return fmt::format("{} lines for unknown clients (first: '{}', {})", n, id,
                       problems.near_miss_guess);
}

} // namespace

std::string unknown_channel_summary(const LogProblems& problems) {
    auto n = problems.unknown_channel_lines;
    auto ids = problems.near_miss_lines;
    if (n == 0 && ids == 0) return {};
    std::string channels;
    if (n == 1)
        channels =
            fmt::format("1 line on unknown channel '{}'", escape_control(problems.unknown_channel));
    else if (n > 1)
        channels = fmt::format("{} lines on unknown channels (first: '{}')", n,
                               escape_control(problems.unknown_channel));
    if (ids == 0)
        return fmt::format("{} count{} for nothing, run 'touch check'", channels,
                           n == 1 ? "s" : "");
    if (n == 0)
        return fmt::format("{} count{} for nothing, run 'touch check'", near_miss_part(problems),
                           ids == 1 ? "s" : "");
    return fmt::format("{} and {} count for nothing, run 'touch check'", channels,
                       near_miss_part(problems));
}

std::vector<std::string_view> note_markers(std::string_view note) {
    std::vector<std::string_view> out;
    for (auto open = note.find('['); open != std::string_view::npos;
         open = note.find('[', open + 1)) {
        auto close = note.find(']', open);
        if (close == std::string_view::npos) break;
        auto inner = note.substr(open + 1, close - open - 1);
        auto colon = inner.find(':');
        if (colon == std::string_view::npos || colon == 0 || colon + 1 == inner.size()) continue;
        bool kind_ok = std::all_of(inner.begin(), inner.begin() + static_cast<long>(colon),
                                   [](char c) { return c >= 'a' && c <= 'z'; });
        bool value_ok =
            std::all_of(inner.begin() + static_cast<long>(colon) + 1, inner.end(),
                        [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
        if (kind_ok && value_ok) out.push_back(inner);
    }
    return out;
}

} // namespace touch
