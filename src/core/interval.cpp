#include "touch/core/interval.hpp"

#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace touch {

namespace {

// Nothing a person keeps in touch by needs more than a century.
constexpr int max_days = 36525;
constexpr int max_months = 1200;

// Messages quote what was typed: a line break or an escape sequence in it
// is shown escaped, so the message stays one harmless line.
void set_error(std::string* error, std::string_view message) {
    if (error) *error = escape_control(message);
}

std::optional<int> parse_count(std::string_view digits) {
    if (digits.empty() || digits.size() > 6) return std::nullopt;
    // from_chars would take a sign: "--3d" must not mean three days ahead.
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    int value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

std::optional<Interval> checked(Interval every, std::string_view text, std::string* error) {
    if (every.count <= 0) {
        set_error(error, fmt::format("interval '{}' must be at least one day", text));
        return std::nullopt;
    }
    bool too_long =
        every.unit == Interval::Unit::days ? every.count > max_days : every.count > max_months;
    if (too_long) {
        set_error(error, fmt::format("interval '{}' is longer than 100 years", text));
        return std::nullopt;
    }
    return every;
}

// N times per period, as the longest interval that still fits N in: 2/w is
// every 3 days; 4/y is every 3 months, 5/y every 73 days.
std::optional<Interval> per_period(int times, std::string_view period, std::string_view text,
                                   std::string* error) {
    if (times <= 0) {
        set_error(error, fmt::format("'{}': the count must be at least 1", text));
        return std::nullopt;
    }
    int period_days = 0, period_months = 0;
    if (period == "w") {
        period_days = 7;
    } else if (period == "mo" || period == "m") {
        period_days = 30;
        period_months = 1;
    } else if (period == "y") {
        period_days = 365;
        period_months = 12;
    } else {
        set_error(error, fmt::format("'{}': the period must be w, mo or y", text));
        return std::nullopt;
    }
    if (times > period_days) {
        set_error(error, fmt::format("'{}' is more than once a day", text));
        return std::nullopt;
    }
    if (period_months > 0 && period_months % times == 0)
        return Interval::months(period_months / times);
    return Interval::days(period_days / times);
}

} // namespace

std::optional<Interval> parse_interval(std::string_view text, std::string* error) {
    static constexpr std::array<std::pair<std::string_view, Interval>, 7> words{{
        {"daily", Interval::days(1)},
        {"weekly", Interval::days(7)},
        {"biweekly", Interval::days(14)},
        {"fortnightly", Interval::days(14)},
        {"monthly", Interval::months(1)},
        {"quarterly", Interval::months(3)},
        {"yearly", Interval::months(12)},
    }};
    if (text == "off") return Interval{};
    for (const auto& [word, every] : words)
        if (text == word) return every;

    auto slash = text.find('/');
    if (slash != std::string_view::npos) {
        auto times = parse_count(text.substr(0, slash));
        if (!times) {
            set_error(error,
                      fmt::format("'{}' is not an interval: expected N/w, N/mo or N/y", text));
            return std::nullopt;
        }
        return per_period(*times, text.substr(slash + 1), text, error);
    }

    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    auto count = parse_count(text.substr(0, digits));
    auto unit = text.substr(digits);
    if (!count || unit.empty()) unit = "?"; // falls through to the full explanation
    if (unit == "d") return checked(Interval::days(*count), text, error);
    if (unit == "w") return checked(Interval::days(*count * 7), text, error);
    if (unit == "mo" || unit == "m") return checked(Interval::months(*count), text, error);
    if (unit == "y") return checked(Interval::months(*count * 12), text, error);
    if (unit.size() <= 3 && unit.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == unit.npos)
        set_error(error, fmt::format("'{}': unknown unit '{}' (use d, w, mo or m, y)", text, unit));
    else
        set_error(error, fmt::format("'{}' is not an interval: expected a number and a unit "
                                     "(10d, 3w, 2mo, 1y), N/w, N/mo, N/y, a word such as "
                                     "'monthly', or 'off'",
                                     text));
    return std::nullopt;
}

std::string format_interval(Interval every) {
    std::string text;
    append_interval(text, every);
    return text;
}

void append_interval(std::string& out, Interval every) {
    auto number = [&](int n, std::string_view unit) {
        auto digits = fmt::format_int(n);
        out.append(digits.data(), digits.size());
        out += unit;
    };
    switch (every.unit) {
    case Interval::Unit::off:
        break;
    case Interval::Unit::days:
        if (every.count % 7 == 0) return number(every.count / 7, "w");
        return number(every.count, "d");
    case Interval::Unit::months:
        if (every.count % 12 == 0) return number(every.count / 12, "y");
        return number(every.count, "mo");
    }
    out += "off";
}

namespace {
Date add_months(Date from, int months) {
    date::year_month_day ymd{from};
    auto moved = date::year_month{ymd.year(), ymd.month()} + date::months{months};
    auto last = date::year_month_day_last{moved.year(), date::month_day_last{moved.month()}}.day();
    auto day = ymd.day() > last ? last : ymd.day();
    return date::sys_days{moved.year() / moved.month() / day};
}
} // namespace

Date add(Date from, Interval every) {
    switch (every.unit) {
    case Interval::Unit::off:
        return from;
    case Interval::Unit::days:
        return from + Days{every.count};
    case Interval::Unit::months:
        return add_months(from, every.count);
    }
    return from;
}

Date subtract(Date from, Interval every) {
    switch (every.unit) {
    case Interval::Unit::off:
        return from;
    case Interval::Unit::days:
        return from - Days{every.count};
    case Interval::Unit::months:
        return add_months(from, -every.count);
    }
    return from;
}

int length_in_days(Date from, Interval every) {
    return static_cast<int>((add(from, every) - from).count());
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
        int value = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
    if (!y || !m || !d || *y == 0) return std::nullopt;
    date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                             date::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return date::sys_days{ymd};
}

std::optional<Date> parse_date_arg(std::string_view text, Date today, std::string* error) {
    // Reports reach months before and after a day (stats, plan, an
    // iCalendar DTEND), so a day near the ends of four-digit years would
    // print a year 0 or 10000; such a day is refused, as one counted back
    // from `today` that falls outside.
    auto in_range = [&](Date d) -> std::optional<Date> {
        if (d >= min_date_arg && d <= max_date_arg) return d;
        set_error(error,
                  fmt::format("'{}' is {}: a DATE is from {} to {}", text,
                              d < min_date_arg ? fmt::format("before {}", format_date(min_date_arg))
                                               : fmt::format("after {}", format_date(max_date_arg)),
                              format_date(min_date_arg), format_date(max_date_arg)));
        return std::nullopt;
    };
    if (auto iso = parse_iso_date(text)) return in_range(*iso);
    auto relative = in_range;
    auto word = to_lower(text);
    if (word == "today") return in_range(today);
    if (word == "yesterday") return relative(today - Days{1});
    if (word.size() >= 3 && word[0] == '-' && word.back() == 'd') {
        if (auto n = parse_count(std::string_view(word).substr(1, word.size() - 2));
            n && *n <= max_days)
            return relative(today - Days{*n});
    }
    for (unsigned i = 0; i < weekday_names.size(); ++i) {
        // "fri", "friday"; at least three letters
        if (word.size() >= 3 && weekday_names[i].substr(0, word.size()) == word) {
            auto back = (weekday_index(today) + 7 - i) % 7;
            return relative(today - Days{back == 0 ? 7 : back});
        }
    }
    set_error(error, fmt::format("'{}' is not a date: use YYYY-MM-DD, today, yesterday, a weekday "
                                 "name or -Nd",
                                 text));
    return std::nullopt;
}

namespace {

// The first day from `first` on, for `days` days, that is a workday; else `first`.
Date first_workday(Date first, int days, const std::function<bool(Date)>& workday) {
    for (int i = 0; i < days; ++i)
        if (workday(first + Days{i})) return first + Days{i};
    return first;
}

} // namespace

std::optional<Date> parse_when_word(std::string_view text, Date today,
                                    const std::function<bool(Date)>& workday) {
    // "next week" typed as one argument may carry several spaces or a tab.
    auto word = to_lower(text);
    std::string words;
    for (std::size_t pos = 0; pos < word.size();) {
        auto start = word.find_first_not_of(" \t", pos);
        if (start == std::string::npos) break;
        auto end = std::min(word.find_first_of(" \t", start), word.size());
        words += (words.empty() ? "" : " ") + word.substr(start, end - start);
        pos = end;
    }
    if (words == "tomorrow") return today + Days{1};
    if (words == "next week") {
        auto to_monday = (8 - weekday_index(today)) % 7; // Sunday -> 1, Monday -> 7
        return first_workday(today + Days{to_monday == 0 ? 7 : to_monday}, 7, workday);
    }
    if (words == "next month") {
        date::year_month_day ymd{today};
        auto next = date::year_month{ymd.year(), ymd.month()} + date::months{1};
        Date first{next / 1};
        auto length = static_cast<int>(unsigned{(next / date::last).day()});
        return first_workday(first, length, workday);
    }
    for (unsigned i = 0; i < weekday_names.size(); ++i) {
        if (words.size() >= 3 && weekday_names[i].substr(0, words.size()) == words) {
            auto ahead = (i + 7 - weekday_index(today)) % 7;
            return today + Days{ahead == 0 ? 7 : ahead};
        }
    }
    return std::nullopt;
}

std::optional<int> parse_time(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
    int h = (text[0] - '0') * 10 + (text[1] - '0');
    int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::string format_date(Date d) {
    std::string text;
    append_date(text, d);
    return text;
}

void append_date(std::string& out, Date d) {
    date::year_month_day ymd{d};
    auto year = static_cast<int>(ymd.year());
    auto month = static_cast<unsigned>(ymd.month()), day = static_cast<unsigned>(ymd.day());
    if (year < 0 || year > 9999) {
        fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}", year, month, day);
        return;
    }
    // Reports write thousands of dates: digits by hand, not through a format string.
    char text[] = "YYYY-MM-DD";
    auto digits = [&](std::size_t at, unsigned value, std::size_t count) {
        for (auto i = at + count; i-- > at; value /= 10)
            text[i] = static_cast<char>('0' + value % 10);
    };
    digits(0, static_cast<unsigned>(year), 4);
    digits(5, month, 2);
    digits(8, day, 2);
    out.append(text, 10);
}

std::string format_time(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

unsigned weekday_index(Date d) {
    return date::weekday{d}.c_encoding();
}

std::string weekday_short(unsigned index) {
    auto name = std::string(weekday_names[index % 7].substr(0, 3));
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    return name;
}

} // namespace touch
