#include "touch/platform/clock.hpp"

#include "touch/core/interval.hpp"
#include "touch/platform/module.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <ctime>
#include <string>

namespace touch::platform {

namespace {

std::chrono::sys_seconds now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Local wall-clock time as seconds since the epoch of the local calendar.
std::optional<std::chrono::seconds> local_seconds(std::chrono::sys_seconds t,
                                                  const std::optional<std::string>& timezone,
                                                  std::string* error) {
    if (timezone) {
        // In touch-zone.so, loaded here and only here: without a zone
        // configured, no command loads date's tz library (zone_module.hpp).
        const auto& zone = zone_table("settings.timezone");
        std::int64_t local = 0;
        std::string why(timezone->size() + 64, '\0');
        if (zone.local_seconds(timezone->c_str(), t.time_since_epoch().count(), &local, why.data(),
                               why.size()) == 0)
            return std::chrono::seconds{local};
        if (error) *error = why.c_str();
        return std::nullopt;
    }
    std::time_t raw = t.time_since_epoch().count();
    std::tm local{};
    if (!::localtime_r(&raw, &local)) return t.time_since_epoch();
    return std::chrono::seconds{raw + local.tm_gmtoff};
}

} // namespace

std::optional<Date> local_date(std::chrono::sys_seconds t,
                               const std::optional<std::string>& timezone, std::string* error) {
    auto secs = local_seconds(t, timezone, error);
    if (!secs) return std::nullopt;
    return Date{std::chrono::floor<Days>(*secs)};
}

std::optional<Date> today(const std::optional<std::string>& timezone, std::string* error) {
    return local_date(now(), timezone, error);
}

int minute_now(const std::optional<std::string>& timezone) {
    auto secs = local_seconds(now(), timezone, nullptr).value_or(std::chrono::seconds{0});
    auto in_day = secs - std::chrono::floor<Days>(secs);
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(in_day).count());
}

std::string rfc5322_date(std::chrono::sys_seconds t, const std::optional<std::string>& timezone) {
    auto local = local_seconds(t, timezone, nullptr);
    if (!local) local = local_seconds(t, std::nullopt, nullptr);
    auto secs = *local;
    auto day = std::chrono::floor<Days>(secs);
    date::year_month_day ymd{Date{day}};
    date::hh_mm_ss<std::chrono::seconds> time{secs - day};
    date::weekday wd{Date{day}};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    long offset = static_cast<long>((secs - t.time_since_epoch()).count() / 60);
    char sign = offset < 0 ? '-' : '+';
    if (offset < 0) offset = -offset;
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} {}{:02}{:02}",
                       weekday_short(wd.c_encoding()), static_cast<unsigned>(ymd.day()),
                       months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                       time.hours().count(), time.minutes().count(), time.seconds().count(), sign,
                       offset / 60, offset % 60);
}

std::string rfc5322_now(const std::optional<std::string>& timezone) {
    return rfc5322_date(now(), timezone);
}

} // namespace touch::platform
