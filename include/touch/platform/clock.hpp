// The clock and the time zone: today's date, the minute of the day, and the
// date-time a message carries. The only place the real time is read.
#pragma once

#include "touch/core/model.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace touch::platform {

// Today in `timezone` (an IANA name), or in the system's zone when none is
// given. An unknown zone name is reported in *error and gives nothing.
std::optional<Date> today(const std::optional<std::string>& timezone, std::string* error);

// The calendar date at instant `now` in `timezone` (or the system's zone):
// what today() computes from the clock, separated out so it can be tested.
std::optional<Date> local_date(std::chrono::sys_seconds now,
                               const std::optional<std::string>& timezone, std::string* error);

// Minutes after midnight now, in the same zone.
int minute_now(const std::optional<std::string>& timezone);

// `t` as an RFC 5322 date-time in `timezone` (settings.timezone; none: the
// system's zone, as is an unknown one): "Sun, 22 Nov 2026 07:00:00 +0000".
std::string rfc5322_date(std::chrono::sys_seconds t, const std::optional<std::string>& timezone);
std::string rfc5322_now(const std::optional<std::string>& timezone);

} // namespace touch::platform
