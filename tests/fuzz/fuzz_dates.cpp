// libFuzzer: any text as an interval, a DATE argument, an ISO date or a time.
// Whatever parses must print back to something that parses to the same value,
// and the calendar arithmetic on it must stay in order and free of overflow.
#include "touch/core/interval.hpp"

#include "check.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace touch;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // The far ends of the dates a log may hold, and an ordinary day.
    const Date days[] = {Date{date::year{1} / 1 / 1}, Date{date::year{2024} / 2 / 29},
                         Date{date::year{9999} / 12 / 31}};

    std::string error;
    if (auto every = parse_interval(text, &error)) {
        FUZZ_CHECK(error.empty());
        auto again = parse_interval(format_interval(*every));
        FUZZ_CHECK(again && *again == *every);
        if (!every->is_off()) {
            for (Date d : days) {
                Date later = add(d, *every);
                FUZZ_CHECK(later > d);
                FUZZ_CHECK(subtract(later, *every) <= d);
                FUZZ_CHECK(length_in_days(d, *every) > 0);
            }
        }
    } else {
        FUZZ_CHECK(!error.empty());
    }

    if (auto d = parse_iso_date(text)) FUZZ_CHECK(format_date(*d) == text);

    for (Date today : days) {
        std::string why;
        if (auto d = parse_date_arg(text, today, &why)) {
            FUZZ_CHECK(why.empty());
            FUZZ_CHECK(parse_iso_date(format_date(*d)) == d);
        } else {
            FUZZ_CHECK(!why.empty());
        }
    }

    if (auto minute = parse_time(text)) {
        FUZZ_CHECK(*minute >= 0 && *minute < 24 * 60);
        FUZZ_CHECK(format_time(*minute) == text);
    }
    return 0;
}
