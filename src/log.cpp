#include "touch/log.hpp"

#include "touch/interval.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

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

std::optional<Date> snooze_until(const Entry& entry) {
    std::size_t pos = 0;
    auto word = take_token(entry.note, pos);
    if (auto d = parse_iso_date(word)) return d;
    if (auto every = parse_interval(word); every && !every->is_off())
        return add(entry.date, *every);
    return std::nullopt;
}

ParsedLine parse_log_line(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t pos = 0;
    while (pos < line.size() && is_sep(line[pos]))
        ++pos;
    if (pos == line.size() || line[pos] == '#') return {};

    ParsedLine p;
    p.kind = LineKind::entry;
    auto start = pos;
    auto stamp = take_token(line, pos);
    auto date_part = stamp.substr(0, 10);
    auto date = parse_iso_date(date_part);
    if (!date)
        return malformed(start,
                         fmt::format("'{}' is not a date (YYYY-MM-DD)", escape_control(date_part)));
    p.entry.date = *date;
    if (stamp.size() > 10) {
        auto time = stamp[10] == 'T' ? parse_time(stamp.substr(11)) : std::nullopt;
        if (!time)
            return malformed(start + 10, fmt::format("'{}' is not a time (THH:MM after the date)",
                                                     escape_control(stamp.substr(10))));
        p.entry.minute = *time;
    }

    auto client_col = pos;
    auto client = take_token(line, pos);
    if (client.empty()) return malformed(pos, "missing the client id after the date");
    client_col = static_cast<std::size_t>(client.data() - line.data());
    if (!is_valid_id(client))
        return malformed(client_col,
                         fmt::format("'{}' is not a client id", escape_control(client)));
    p.entry.client = client;

    auto channel = take_token(line, pos);
    if (channel.empty()) return malformed(pos, "missing the channel after the client id");
    auto channel_col = static_cast<std::size_t>(channel.data() - line.data());
    auto scope = snooze_scope(channel);
    if (!(scope ? (scope->empty() || is_valid_id(*scope)) : is_valid_id(channel)))
        return malformed(channel_col,
                         fmt::format("'{}' is not a channel name", escape_control(channel)));
    p.entry.channel = channel;

    while (pos < line.size() && is_sep(line[pos]))
        ++pos;
    auto note = line.substr(pos);
    while (!note.empty() && is_sep(note.back()))
        note.remove_suffix(1);
    p.entry.note = note;

    if (scope && !snooze_until(p.entry))
        return malformed(pos, "a snooze needs an interval or a date first, as in 'snooze 2w'");
    return p;
}

std::string format_log_line(Date date, int minute, std::string_view client,
                            std::string_view channel, std::string_view note) {
    std::string line = format_date(date);
    if (minute >= 0) line += "T" + format_time(minute);
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

void LineSplitter::emit(std::string_view line) {
    ++number_;
    if (number_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    sink_(line, number_, false);
}

void LineSplitter::feed(std::string_view chunk) {
    if (!started_) started_ = true;
    while (!chunk.empty()) {
        auto nl = chunk.find('\n');
        auto piece = chunk.substr(0, nl == std::string_view::npos ? chunk.size() : nl);
        if (overflow_) {
            // Inside an over-long line: drop bytes until its end.
        } else if (partial_.size() + piece.size() > max_line_length) {
            partial_.append(piece.substr(0, max_line_length - partial_.size()));
            overflow_ = true;
        } else if (nl != std::string_view::npos && partial_.empty()) {
            emit(piece); // the common case: no copy
        } else {
            partial_.append(piece);
        }
        if (nl == std::string_view::npos) return;
        if (overflow_) {
            ++number_;
            sink_(partial_, number_, true);
            overflow_ = false;
            partial_.clear();
        } else if (!partial_.empty()) {
            emit(partial_);
            partial_.clear();
        }
        chunk.remove_prefix(nl + 1);
    }
}

void LineSplitter::finish() {
    if (overflow_) {
        ++number_;
        sink_(partial_, number_, true);
    } else if (!partial_.empty()) {
        emit(partial_);
    }
    partial_.clear();
    overflow_ = false;
}

std::string skipped_summary(const LogProblems& problems) {
    return fmt::format("{} log line{} skipped (first: line {}), run 'touch check'",
                       problems.skipped, problems.skipped == 1 ? "" : "s", problems.first_line);
}

} // namespace touch
