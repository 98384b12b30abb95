// A module of another build (import/readers.hpp, platform/zone_module.hpp): its tables say
// another version, for the check that touch refuses it rather than call it.

#include "touch/import/readers.hpp"
#include "touch/platform/zone_module.hpp"

extern "C" __attribute__((visibility("default"))) const touch::Readers* touch_readers() {
    static touch::Readers table{};
    table.version = touch::readers_version + 1;
    return &table;
}

extern "C" __attribute__((visibility("default"))) const touch::CalendarReader* touch_calendar() {
    static touch::CalendarReader table{};
    table.version = touch::calendar_version + 1;
    return &table;
}

extern "C" __attribute__((visibility("default"))) const TouchZoneTable* touch_zone() {
    static TouchZoneTable table{};
    table.version = touch::zone_version + 1;
    return &table;
}
