// The calendar module's one entry point (readers.hpp): the table of the one
// function the binary calls, the calendar reader built into the module.

#include "touch/import/readers.hpp"

namespace touch {
namespace {

constexpr CalendarReader table{calendar_version, calendar_layout(), &read_ics};

} // namespace
} // namespace touch

extern "C" __attribute__((visibility("default"))) const touch::CalendarReader* touch_calendar() {
    return &touch::table;
}
