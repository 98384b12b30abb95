// touch-zone.so's one entry point (platform/zone_module.hpp): date's tz
// library behind a C table. Everything it throws is caught here.

#include "touch/platform/zone_module.hpp"

#include <date/tz.h>

#include <chrono>
#include <cstdio>

namespace {

int local_seconds(const char* name, std::int64_t utc, std::int64_t* local, char* error,
                  std::size_t error_size) noexcept {
    try {
        date::sys_seconds t{std::chrono::seconds{utc}};
        auto zoned = date::make_zoned(date::locate_zone(name), t);
        *local = zoned.get_local_time().time_since_epoch().count();
        return 0;
    } catch (...) {
        // date's tz library reports an unknown zone by exception only.
        if (error && error_size > 0)
            std::snprintf(error, error_size, "unknown time zone '%s'", name);
        return 1;
    }
}

constexpr TouchZoneTable table{touch::zone_version, touch::zone_layout(), &local_seconds};

} // namespace

extern "C" __attribute__((visibility("default"))) const TouchZoneTable* touch_zone() {
    return &table;
}
