// The boundary between the binary and touch-zone.so, the time-zone module:
// date's tz library (libdate-tz, on the shared C++ runtime) reads the IANA
// database for settings.timezone, and only a configured zone needs it. Linked
// into the binary, that library made every command load the shared libstdc++
// and resolve its symbols before main; in the module it is loaded when a
// zone is configured (platform/module.hpp finds and opens it). The table is
// plain C: numbers and C strings in, numbers and a C string out, and no
// exception crosses it, so that the module may run on another C++ runtime
// than the binary's (the binary's own is linked in, README Speed).
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

struct TouchZoneTable {
    std::uint32_t version; // touch_zone_version when the module was built
    std::uint32_t layout;  // sizeof(TouchZoneTable) when the module was built

    // The wall-clock time at `utc` (seconds since 1970) in the IANA zone
    // `name`, as seconds since 1970 of the local calendar, in *local: 0. An
    // unknown zone (or any failure of the library): nonzero, and why in
    // `error` (NUL-terminated, cut to error_size bytes).
    int (*local_seconds)(const char* name, std::int64_t utc, std::int64_t* local, char* error,
                         std::size_t error_size);
};
}

namespace touch {

inline constexpr std::uint32_t zone_version = 1;
inline constexpr const char* zone_module = "touch-zone.so";
inline constexpr const char* zone_symbol = "touch_zone";

constexpr std::uint32_t zone_layout() {
    return static_cast<std::uint32_t>(sizeof(TouchZoneTable));
}

} // namespace touch
