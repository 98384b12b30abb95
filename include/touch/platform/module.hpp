// Finding and opening the readers' modules (import/readers.hpp) and the
// time-zone module (platform/zone_module.hpp), the only shared objects touch
// loads itself. They are looked for only where this binary
// is installed or built, from the binary's own path (/proc/self/exe): in
// ../lib/touch/ (the installed layout, /usr/bin and /usr/lib/touch), else in
// the binary's folder (the build tree). Never in the working folder or a
// folder the environment names: whoever can set a variable or choose where
// touch runs must not be able to choose the code it runs.
#pragma once

#include "touch/import/readers.hpp"
#include "touch/platform/zone_module.hpp"

#include <string_view>

namespace touch::platform {

// The readers' table, the module opened on the first call and kept. A module
// that is missing, cannot be loaded or is of another build is a Fatal
// (exit_system) naming the file: `command` ("import calls") says who needs it.
const Readers& readers(std::string_view command);

// The calendar reader's table (touch-calendar.so), likewise.
const CalendarReader& calendar_reader(std::string_view command);

// The time-zone module's table (touch-zone.so), likewise: opened for a
// configured settings.timezone alone.
const TouchZoneTable& zone_table(std::string_view command);

} // namespace touch::platform
