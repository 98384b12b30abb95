#include "touch/interval.hpp"
#include "touch/platform.hpp"

#include <doctest/doctest.h>

using namespace touch;

namespace {
std::chrono::sys_seconds at(const char* iso_date, int hour, int minute) {
    return std::chrono::sys_seconds{*parse_iso_date(iso_date)} + std::chrono::hours{hour} +
           std::chrono::minutes{minute};
}
std::string day_in(std::chrono::sys_seconds t, const char* zone) {
    std::string error;
    auto d = platform::local_date(t, std::string(zone), &error);
    REQUIRE_MESSAGE(d, error);
    return format_date(*d);
}
} // namespace

TEST_CASE("today depends on the zone, on both sides of midnight") {
    // 23:30 UTC on 21 November: still the 21st in New York, already the 22nd in Tokyo.
    auto late = at("2026-11-21", 23, 30);
    CHECK(day_in(late, "UTC") == "2026-11-21");
    CHECK(day_in(late, "America/New_York") == "2026-11-21");
    CHECK(day_in(late, "Asia/Tokyo") == "2026-11-22");
    CHECK(day_in(late, "Pacific/Kiritimati") == "2026-11-22"); // UTC+14
    // 04:59 UTC on the 22nd: the 21st in New York until 05:00 UTC.
    CHECK(day_in(at("2026-11-22", 4, 59), "America/New_York") == "2026-11-21");
    CHECK(day_in(at("2026-11-22", 5, 0), "America/New_York") == "2026-11-22");
    CHECK(day_in(at("2026-11-22", 10, 59), "Pacific/Pago_Pago") == "2026-11-21"); // UTC-11
    CHECK(day_in(at("2026-11-22", 11, 0), "Pacific/Pago_Pago") == "2026-11-22");
}

TEST_CASE("an unknown zone is an error, not an exception") {
    std::string error;
    CHECK_FALSE(
        platform::local_date(at("2026-11-22", 0, 0), std::string("Mars/Olympus_Mons"), &error));
    CHECK(error == "unknown time zone 'Mars/Olympus_Mons'");
}

TEST_CASE("programs are found on absolute PATH entries only") {
    CHECK(platform::find_program("/bin/sh") == "/bin/sh");
    CHECK_FALSE(platform::find_program("./sendmail"));
    CHECK_FALSE(platform::find_program("bin/sendmail"));
}
