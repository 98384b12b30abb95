// The lines the commands write besides a touch: a snooze, time away, a
// promise and the cancelling of one. Pure: each takes the day it is written
// and the user's WHEN and NOTE words, and returns the line. WHEN is kept as
// typed: the line's own date makes an interval absolute, and "2w" reads
// better in the log than a date.
#pragma once

#include "touch/core/model.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace touch {

// A line that sets a day, and the day the log's reader reads from it.
struct DatedLine {
    std::string text; // the line, newline included
    Date date;        // until (a snooze, time away), due (a promise)
};

// A snooze of `client` written on `today`, of every channel when `channel`
// is empty, else of that one (`snooze:CHANNEL`). Nothing when WHEN is no
// date or interval (`off` included): the reader would skip the line.
std::optional<DatedLine> snooze_line(Date today, std::string_view client, std::string_view channel,
                                     std::string_view when, std::span<const std::string> note);

// Time away: a snooze of every client (`*`).
std::optional<DatedLine> away_line(Date today, std::string_view when,
                                   std::span<const std::string> note);

// A promise to `client` of a touch on `channel` by WHEN (`promise:CHANNEL`),
// at `minute` of the day when it is known (-1: not): the time orders it
// against a cancel of the same day.
std::optional<DatedLine> promise_line(Date today, std::string_view client, std::string_view channel,
                                      std::string_view when, std::span<const std::string> note,
                                      int minute = -1);

// Ends the open promise to `client` on `channel` due on `due`, made on or
// before `today` (and `minute`): it names the one it ends, so that a promise
// made again the same day stays open whatever order the lines stand in.
std::string promise_cancel_line(Date today, int minute, std::string_view client,
                                std::string_view channel, Date due);

// Settles the open follow-up, birthday or promise of `client` on `channel`
// without counting as a touch (`skip:CHANNEL`).
std::string skip_line(Date today, int minute, std::string_view client, std::string_view channel,
                      std::string_view note);

} // namespace touch
