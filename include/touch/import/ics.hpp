// iCalendar in, calendar events as they happened out: the reader (through
// libical) expands recurring events within a window, reads every time in its
// zone and gives each instance as a local date and time in one zone; the
// mapping turns events into touches by the shared matching step
// (touches.hpp) and the clients file's [import.ics]. Pure: bytes and values
// in, records and diagnostics out. The reader is built into the calendar
// module (readers.hpp), which the binary calls it through; the mapping is
// the binary's own.
#pragma once

#include "touch/core/diagnostic.hpp"
#include "touch/core/model.hpp"
#include "touch/import/touches.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace touch {

struct IcsAttendee {
    std::string email;     // lower case, without "mailto:"
    bool declined = false; // PARTSTAT=DECLINED or DELEGATED
};

// One instance of an event: a single event, or one occurrence of a
// recurring one (a moved occurrence with what it does not restate taken from
// its series).
struct IcsEvent {
    std::string uid;
    std::string summary;
    Date date;       // local, in the reader's zone
    int minute = -1; // minutes after midnight; -1 for an all-day event
    bool all_day = false;
    bool online = false; // a video-meeting link or a tel: anywhere in it
    std::vector<IcsAttendee> attendees;
    std::string organizer; // lower case; empty when none
    std::string marker;    // "ics:" and 12 hex digits, from the UID and the instance's start
    int line = 0;          // of its BEGIN:VEVENT (a moved occurrence's own)
};

// What the reader leaves out, and why, for `-v`.
struct IcsSkipped {
    std::string summary;
    Date date{};
    int line = 0;
    std::string reason;
};

struct IcsWindow {
    Date since{};                          // the first day read, included
    Date until{};                          // the last day that can hold a begun event
    int until_minute = 24 * 60;            // on `until`, events that begin before this minute
    const date::time_zone* zone = nullptr; // the zone dates are written in; null: UTC
    std::vector<std::string> owner_emails; // lower case: whose declining leaves an event out
};

struct IcsResult {
    std::vector<IcsEvent> events; // begun within the window, cancelled and declined left out
    std::vector<IcsSkipped> skipped;
    Diagnostics diagnostics; // FILE:LINE warnings; an error only when nothing could be read
};

// Reads every VEVENT of `bytes` (a VCALENDAR, several, or a vdir's one-event
// file). Times with a TZID are read in the file's VTIMEZONE of that name,
// else the IANA zone of that name, else the IANA zone a Windows zone name
// means; floating times in the calendar's X-WR-TIMEZONE, else the window's
// zone. STATUS:CANCELLED, METHOD:CANCEL and the owner's DECLINED (or
// DELEGATED) leave an event out.
IcsResult read_ics(std::string_view bytes, std::string_view path, const IcsWindow& window);

// The IANA name a Windows time-zone name ("W. Europe Standard Time") means;
// empty when the table does not know it.
std::string_view windows_zone_to_iana(std::string_view windows_name);

// The marker an imported line carries: "ics:" and the first 12 hex digits
// of the 64-bit FNV-1a hash of UID, a line feed, and the instance's start
// as the file first wrote it for this instance (its RECURRENCE-ID, else its
// DTSTART), in UTC ("20261122T093000Z") or as a date ("20261122").
std::string ics_marker(std::string_view uid, std::string_view start);

// Events as touches: matched to clients (attendees' and the organizer's
// emails, else words of the summary), given a channel by [import.ics].
std::vector<FoundTouch> ics_touches(const std::vector<IcsEvent>& events, const Config& config,
                                    const ClientMatcher& matcher, std::string_view path,
                                    std::vector<LeftOut>& left_out);

} // namespace touch
