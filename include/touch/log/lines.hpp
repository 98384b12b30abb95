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

// A promise to `client` of a touch on `channel` by WHEN (`promise:CHANNEL`).
std::optional<DatedLine> promise_line(Date today, std::string_view client, std::string_view channel,
                                      std::string_view when, std::span<const std::string> note);

// Ends the open promises to `client` on `channel` made on or before `today`.
std::string promise_cancel_line(Date today, std::string_view client, std::string_view channel);

} // namespace touch
