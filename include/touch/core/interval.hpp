// Intervals ("3w", "4/y", "quarterly", "off"), dates ("2026-11-22", "today",
// "friday", "-3d"), times ("09:30") and the calendar arithmetic on them. Pure
// functions of their arguments: "today" is always passed in.
#pragma once

#include "touch/core/model.hpp"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace touch {

// Every form of the clients-file manual: Nd, Nw, Nmo or Nm, Ny; N/w, N/mo, N/y;
// daily, weekly, biweekly, monthly, quarterly, yearly; off. On failure returns
// nothing and says why in *error.
std::optional<Interval> parse_interval(std::string_view text, std::string* error = nullptr);

// The canonical spelling: 21 days is "3w", 12 months "1y", off "off".
std::string format_interval(Interval every);
void append_interval(std::string& out, Interval every); // the same, appended

// from + every. Month steps clamp to the month's end: 2026-01-31 + 1mo = 2026-02-28.
Date add(Date from, Interval every);
Date subtract(Date from, Interval every);

// The interval's length in days when counted from `from`.
int length_in_days(Date from, Interval every);

// Strict YYYY-MM-DD with a real calendar date.
std::optional<Date> parse_iso_date(std::string_view text);

// The days a DATE argument may name: reports reach a year or so either side
// of a day, and every date they print keeps four digits.
inline constexpr Date min_date_arg{date::year{100} / 1 / 1};
inline constexpr Date max_date_arg{date::year{9899} / 12 / 31};

// What a DATE argument may be: YYYY-MM-DD, today, yesterday, a weekday name
// (the latest one strictly before today: "friday" on a Friday is a week ago),
// or -Nd (N days ago); from min_date_arg to max_date_arg, else an error.
std::optional<Date> parse_date_arg(std::string_view text, Date today, std::string* error = nullptr);

// The words WHEN may be besides a date or an interval: tomorrow, a weekday
// name (the next one strictly after today: "friday" on a Friday is a week
// ahead), "next week" (the first workday of the coming Monday-to-Sunday week)
// and "next month" (the first workday of the coming month), where `workday`
// says which days are workdays (the Monday, the 1st when none is). Nothing
// for any other text.
std::optional<Date> parse_when_word(std::string_view text, Date today,
                                    const std::function<bool(Date)>& workday);

// HH:MM, 00:00 to 23:59, as minutes after midnight.
std::optional<int> parse_time(std::string_view text);

std::string format_date(Date d);            // 2026-11-22
void append_date(std::string& out, Date d); // the same, appended
std::string format_time(int minute);        // 09:30

// 0 = Sunday ... 6 = Saturday
unsigned weekday_index(Date d);

// The one list of weekday names, by weekday_index: "sunday" ... "saturday".
inline constexpr std::array<std::string_view, 7> weekday_names{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
// "Sun" ... "Sat", as reports and mail headers write them.
std::string weekday_short(unsigned index);

} // namespace touch
