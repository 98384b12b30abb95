#include "touch/log/lines.hpp"

#include "touch/core/interval.hpp"
#include "touch/log/log.hpp"

namespace touch {

namespace {

// WHEN and the words of the note, as the line's NOTE field.
std::string note_of(std::string_view when, std::span<const std::string> note) {
    std::string text(when);
    for (const auto& word : note)
        text += " " + word;
    return text;
}

// The line, with the day the reader takes from it: the line is read back the
// way every command reads the log, so what is written means what was meant.
std::optional<DatedLine> dated_line(Date today, std::string_view client, std::string_view channel,
                                    std::string_view when, std::span<const std::string> note,
                                    int minute = -1) {
    auto text = note_of(when, note);
    Entry entry{today, minute, client, channel, text};
    std::optional<Date> date;
    if (snooze_scope(channel))
        date = snooze_until(entry);
    else if (auto promised = promise_note(entry); promised && !promised->cancel)
        date = promised->due;
    if (!date) return std::nullopt;
    return DatedLine{format_log_line(today, minute, client, channel, text), *date};
}

} // namespace

std::optional<DatedLine> snooze_line(Date today, std::string_view client, std::string_view channel,
                                     std::string_view when, std::span<const std::string> note) {
    auto scope = std::string(snooze_channel);
    if (!channel.empty()) scope += ":" + std::string(channel);
    return dated_line(today, client, scope, when, note);
}

std::optional<DatedLine> away_line(Date today, std::string_view when,
                                   std::span<const std::string> note) {
    return dated_line(today, everyone, snooze_channel, when, note);
}

std::optional<DatedLine> promise_line(Date today, std::string_view client, std::string_view channel,
                                      std::string_view when, std::span<const std::string> note,
                                      int minute) {
    return dated_line(today, client, std::string(promise_channel) + ":" + std::string(channel),
                      when, note, minute);
}

std::string promise_cancel_line(Date today, int minute, std::string_view client,
                                std::string_view channel, Date due) {
    return format_log_line(today, minute, client,
                           std::string(promise_channel) + ":" + std::string(channel),
                           "cancel " + format_date(due));
}

std::string skip_line(Date today, int minute, std::string_view client, std::string_view channel,
                      std::string_view note) {
    return format_log_line(today, minute, client,
                           std::string(skip_channel) + ":" + std::string(channel), note);
}

} // namespace touch
