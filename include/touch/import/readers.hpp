// The boundary between the binary and its two modules: touch-readers.so, the
// call-log reader, phone numbers and the mail reader, which need expat,
// libphonenumber (with protobuf, abseil and ICU) and GMime (with glib and
// gpgme); and touch-calendar.so, the calendar reader, which needs libical
// (with ICU). Linked into the binary, those libraries made every command, a
// Tab completion included, load and relocate some thirty shared libraries
// before main; in modules they are loaded by `import calls`, `import mail`
// and `import ics` alone (platform/module.hpp finds and opens them). Two
// modules, not one: `import ics` would otherwise load GMime's and
// libphonenumber's thirty libraries too, which made it 6 % slower.
//
// Each module's one exported symbol (C linkage, so its name is not mangled)
// returns its table below. The modules are built with the binary from the
// same headers: a table passes the importers' own types, and its `version`
// and `layout` are checked when it is loaded, so that a module of another
// build is refused rather than called. Change a table or a type it passes:
// raise its version; `version` and `layout` stay first, so that any build
// can read them.
//
// The binary may be linked with its own copy of the C++ runtime (README,
// Speed) while the modules use the shared libstdc++: the types passed are
// the same on both (one compiler, one ABI), memory is one allocator (both
// runtimes' operator new and delete end in the one malloc), and no exception
// crosses a table: every function catches what its reader throws and says
// so in the result's diagnostics (noexcept: one that escapes ends the
// process in the module, never unwinds through the binary).
#pragma once

#include "touch/import/calls.hpp"
#include "touch/import/ics.hpp"
#include "touch/import/mail.hpp"
#include "touch/log/log.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace touch {

inline constexpr std::uint32_t readers_version = 2;
inline constexpr const char* readers_module = "touch-readers.so";
inline constexpr const char* readers_symbol = "touch_readers";

struct Readers {
    std::uint32_t version; // readers_version when the module was built
    std::uint32_t layout;  // readers_layout() when the module was built

    // A CallLogReader for `path`: fed by platform::read_lines, then read by
    // call_log_result, then given back to close_call_log.
    ChunkSink* (*open_call_log)(std::string_view path, const CallsWindow& window);
    CallsResult& (*call_log_result)(ChunkSink& reader);
    void (*close_call_log)(ChunkSink* reader);

    bool (*known_region)(std::string_view region); // PhoneNumbers::known_region
    std::optional<std::string> (*e164)(std::string_view region, std::string_view number);

    MailResult (*read_message_headers)(std::string_view bytes, std::string_view path,
                                       const MailWindow& window);
    MailResult (*read_mbox)(int fd, std::string_view path, const MailWindow& window);

    // touches.hpp's output_zone, for the windows above.
    const date::time_zone* (*output_zone)(const char* configured, const char* tz);
};

// The sizes of what the table passes, in one number: a module built from
// other headers than the binary is refused even if no one raised the version.
constexpr std::uint32_t readers_layout() {
    std::uint32_t h = 2166136261u;
    for (std::size_t size : {sizeof(Readers), sizeof(CallsWindow), sizeof(CallsResult),
                             sizeof(CallRecord), sizeof(MailWindow), sizeof(MailResult),
                             sizeof(MailMessage), sizeof(Diagnostic), sizeof(std::string)})
        h = (h ^ static_cast<std::uint32_t>(size)) * 16777619u;
    return h;
}

// The calendar module's table: its own version and layout, so that either
// module can change without the other being refused.
inline constexpr std::uint32_t calendar_version = 2;
inline constexpr const char* calendar_module = "touch-calendar.so";
inline constexpr const char* calendar_symbol = "touch_calendar";

struct CalendarReader {
    std::uint32_t version; // calendar_version when the module was built
    std::uint32_t layout;  // calendar_layout() when the module was built

    IcsResult (*read_ics)(std::string_view bytes, std::string_view path, const IcsWindow& window);

    // touches.hpp's output_zone, for the window above.
    const date::time_zone* (*output_zone)(const char* configured, const char* tz);
};

constexpr std::uint32_t calendar_layout() {
    std::uint32_t h = 2166136261u;
    for (std::size_t size :
         {sizeof(CalendarReader), sizeof(IcsWindow), sizeof(IcsResult), sizeof(IcsEvent),
          sizeof(IcsSkipped), sizeof(IcsAttendee), sizeof(Diagnostic), sizeof(std::string)})
        h = (h ^ static_cast<std::uint32_t>(size)) * 16777619u;
    return h;
}

} // namespace touch
