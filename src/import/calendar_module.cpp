// The calendar module's one entry point (readers.hpp): the table of the
// functions the binary calls, the calendar reader built into the module.
// What the reader throws is caught here: no exception crosses the table.

#include "touch/import/readers.hpp"

#include <exception>

namespace touch {
namespace {

IcsResult ics(std::string_view bytes, std::string_view path, const IcsWindow& window) noexcept {
    try {
        return read_ics(bytes, path, window);
    } catch (...) {
        std::string why = "an unknown exception";
        try {
            throw;
        } catch (const std::exception& e) {
            why = e.what();
        } catch (...) {
        }
        IcsResult out;
        out.diagnostics.push_back(
            {std::string(path), 0, 0, Severity::error, "cannot be read: " + why, ""});
        return out;
    }
}

const date::time_zone* zone(const char* configured, const char* tz) noexcept {
    return output_zone(configured, tz);
}

constexpr CalendarReader table{calendar_version, calendar_layout(), &ics, &zone};

} // namespace
} // namespace touch

extern "C" __attribute__((visibility("default"))) const touch::CalendarReader* touch_calendar() {
    return &touch::table;
}
