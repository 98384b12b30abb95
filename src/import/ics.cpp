// read_ics: iCalendar through libical, recurring events expanded by its
// recurrence iterator, every start brought to one zone with the date library.
// libical reads the files and the rules; the zones the file does not define
// are looked up in the system's zone database, as the date library keeps it.
// Built into the calendar module (import/readers.hpp), so that only `import
// ics` loads libical and ICU; the binary calls read_ics through its table.

#include "touch/import/ics.hpp"

#include "touch/util/text.hpp"

#include <date/tz.h>
#include <fmt/format.h>
#include <libical/ical.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <utility>

namespace touch {

namespace {

const date::time_zone* find_iana(std::string_view name) {
    try {
        return date::locate_zone(name);
    } catch (const std::runtime_error&) {
        return nullptr;
    }
}

// A TZID as an IANA zone: the name itself, a Windows name, or the end of a
// name with a prefix ("/mozilla.org/20050126_1/Europe/Berlin",
// "/citadel.org/20190914_1/America/New_York").
const date::time_zone* zone_named(std::string_view name) {
    if (name.empty()) return nullptr;
    if (auto* z = find_iana(name)) return z;
    if (auto iana = windows_zone_to_iana(name); !iana.empty()) return find_iana(iana);
    for (auto slash = name.find('/'); slash != std::string_view::npos;
         slash = name.find('/', slash + 1))
        if (slash + 1 < name.size() && name.substr(slash + 1).find('/') != std::string_view::npos)
            if (auto* z = find_iana(name.substr(slash + 1))) return z;
    return nullptr;
}

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

using Seconds = std::chrono::sys_seconds;

// One start as the file gives it: a date, or a time in a zone. `key` is
// what identifies the instance in its series (EXDATE, RECURRENCE-ID): the
// UTC instant, or the day.
struct Start {
    bool all_day = false;
    Date day{};
    Seconds utc{};
    bool operator<(const Start& o) const {
        return all_day != o.all_day ? all_day < o.all_day : (all_day ? day < o.day : utc < o.utc);
    }
    bool operator==(const Start& o) const { return !(*this < o) && !(o < *this); }
    std::string text() const {
        if (all_day) return date::format("%Y%m%d", day);
        return date::format("%Y%m%dT%H%M%SZ", utc);
    }
};

// How a property's time is read: the file's VTIMEZONE, an IANA zone, or UTC.
struct Zone {
    icaltimezone* ical = nullptr;
    const date::time_zone* iana = nullptr;
    bool utc = false;
};

Date ymd_of(const icaltimetype& t) {
    return date::sys_days{date::year{t.year} / static_cast<unsigned>(t.month) /
                          static_cast<unsigned>(t.day)};
}

Seconds fields_as_utc(const icaltimetype& t) {
    return Seconds{ymd_of(t)} + std::chrono::hours{t.hour} + std::chrono::minutes{t.minute} +
           std::chrono::seconds{t.second};
}

std::string lowered_address(const char* value) {
    if (!value) return {};
    std::string_view v = value;
    if (starts_with_ci(v, "mailto:")) v.remove_prefix(7);
    return to_lower(trim(v));
}

const char* text_of(icalcomponent* c, icalproperty_kind kind) {
    auto* p = icalcomponent_get_first_property(c, kind);
    return p ? icalproperty_get_value_as_string(p) : nullptr;
}

// The event's fields a moved occurrence may leave to its series.
struct Fields {
    std::optional<std::string> summary;
    std::optional<bool> cancelled, online;
    std::optional<std::vector<IcsAttendee>> attendees;
    std::optional<std::string> organizer;
    bool planned = false; // X-TOUCH-PLAN: an event `touch plan` wrote, not one that happened
};

constexpr std::array<std::string_view, 9> meeting_hosts{
    "meet.google.com", "zoom.us",     "teams.microsoft.com", "teams.live.com", "webex.com",
    "gotomeeting.com", "whereby.com", "meet.jit.si",         "skype.com"};

bool says_online(std::string_view text) {
    auto lower = to_lower(text);
    if (lower.find("tel:") != std::string::npos) return true;
    return std::any_of(meeting_hosts.begin(), meeting_hosts.end(),
                       [&](std::string_view h) { return lower.find(h) != std::string::npos; });
}

class Reader {
public:
    Reader(std::string_view path, const IcsWindow& window, IcsResult& out)
        : path_(path)
        , window_(window)
        , out_(out) {}

    void read(std::string_view bytes);

private:
    struct Event {
        icalcomponent* comp;
        int line;
    };
    std::string_view path_;
    const IcsWindow& window_;
    IcsResult& out_;
    icalcomponent* root_ = nullptr;
    std::vector<icalcomponent*> calendars_;
    const date::time_zone* floating_ = nullptr; // X-WR-TIMEZONE, else the window's
    bool method_cancel_ = false;
    std::map<std::string, Zone, std::less<>> zones_;
    std::map<std::string, bool, std::less<>> warned_zones_;

    void warn(int line, std::string message) {
        out_.diagnostics.push_back(
            {std::string(path_), line, 0, Severity::warning, std::move(message), {}});
    }
    Zone zone_of(icalproperty* p, int line);
    std::optional<Start> start_of(icalproperty* p, icaltimetype t, int line);
    Seconds to_utc(const icaltimetype& t, const Zone& z);
    icaltimetype wall_time(Seconds utc, const Zone& z);
    Fields fields_of(icalcomponent* c);
    void series(const std::string& uid, std::vector<Event>& events);
    std::vector<Start> expand(const Event& master, const Start& first, int line);
    void emit(const Event& e, const Fields& f, const Start& start, const Start& original,
              const std::string& uid);
    void skip(const Fields& f, const Start& start, int line, std::string reason);
    std::pair<Date, int> local(const Start& s) const;
};

std::pair<Date, int> Reader::local(const Start& s) const {
    if (s.all_day) return {s.day, -1};
    return local_day_minute(window_.zone, s.utc);
}

Zone Reader::zone_of(icalproperty* p, int line) {
    auto* param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    const char* tzid = param ? icalparameter_get_tzid(param) : nullptr;
    if (!tzid || !*tzid) return {};
    if (auto it = zones_.find(tzid); it != zones_.end()) return it->second;
    Zone z;
    for (auto* cal : calendars_)
        if (!z.ical) z.ical = icalcomponent_get_timezone(cal, tzid);
    if (!z.ical) z.iana = zone_named(tzid);
    if (!z.ical && !z.iana && !warned_zones_[tzid]) {
        warned_zones_[tzid] = true;
        warn(line, fmt::format("unknown time zone '{}': its times are read as local times",
                               escape_control(tzid)));
    }
    zones_.emplace(tzid, z);
    return z;
}

icaltimetype Reader::wall_time(Seconds utc, const Zone& z) {
    date::local_seconds local{utc.time_since_epoch()};
    if (z.ical) {
        auto t = icaltime_from_timet_with_zone(static_cast<time_t>(utc.time_since_epoch().count()),
                                               0, icaltimezone_get_utc_timezone());
        icaltimezone_convert_time(&t, icaltimezone_get_utc_timezone(), z.ical);
        t.zone = nullptr;
        return t;
    }
    if (auto* zone = z.iana ? z.iana : floating_) local = zone->to_local(utc);
    auto day = date::floor<date::days>(local);
    date::year_month_day ymd{day};
    date::hh_mm_ss<std::chrono::seconds> hms{local - day};
    auto t = icaltime_null_time();
    t.year = static_cast<int>(ymd.year());
    t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    t.hour = static_cast<int>(hms.hours().count());
    t.minute = static_cast<int>(hms.minutes().count());
    t.second = static_cast<int>(hms.seconds().count());
    return t;
}

Seconds Reader::to_utc(const icaltimetype& t, const Zone& z) {
    if (z.utc) return fields_as_utc(t);
    if (z.ical) {
        auto copy = t;
        copy.zone = nullptr;
        icaltimezone_convert_time(&copy, z.ical, icaltimezone_get_utc_timezone());
        return fields_as_utc(copy);
    }
    auto* zone = z.iana ? z.iana : floating_;
    if (!zone) return fields_as_utc(t);
    auto local = date::local_seconds{fields_as_utc(t).time_since_epoch()};
    return zone->to_sys(local, date::choose::earliest);
}

std::optional<Start> Reader::start_of(icalproperty* p, icaltimetype t, int line) {
    if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t)) return std::nullopt;
    Start s;
    if (t.is_date) {
        s.all_day = true;
        s.day = ymd_of(t);
        return s;
    }
    auto z = icaltime_is_utc(t) ? Zone{nullptr, nullptr, true} : zone_of(p, line);
    s.utc = to_utc(t, z);
    return s;
}

Fields Reader::fields_of(icalcomponent* c) {
    Fields f;
    if (auto* s = text_of(c, ICAL_SUMMARY_PROPERTY)) f.summary = s;
    if (icalcomponent_get_first_property(c, ICAL_STATUS_PROPERTY))
        f.cancelled = icalcomponent_get_status(c) == ICAL_STATUS_CANCELLED;
    bool online = false;
    std::vector<IcsAttendee> attendees;
    for (auto* p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
        auto kind = icalproperty_isa(p);
        if (kind == ICAL_ATTENDEE_PROPERTY) {
            IcsAttendee a{lowered_address(icalproperty_get_attendee(p)), false};
            if (auto* ps = icalproperty_get_first_parameter(p, ICAL_PARTSTAT_PARAMETER)) {
                auto stat = icalparameter_get_partstat(ps);
                a.declined = stat == ICAL_PARTSTAT_DECLINED || stat == ICAL_PARTSTAT_DELEGATED;
            }
            if (!a.email.empty()) attendees.push_back(std::move(a));
        } else if (kind == ICAL_ORGANIZER_PROPERTY) {
            f.organizer = lowered_address(icalproperty_get_organizer(p));
        } else if (kind == ICAL_X_PROPERTY && icalproperty_get_x_name(p) &&
                   equals_ci(icalproperty_get_x_name(p), "X-TOUCH-PLAN")) {
            f.planned = true;
        } else if (kind == ICAL_DTSTART_PROPERTY || kind == ICAL_DTEND_PROPERTY ||
                   kind == ICAL_RRULE_PROPERTY || kind == ICAL_UID_PROPERTY) {
            continue;
        } else if (auto* v = icalproperty_get_value_as_string(p)) {
            online = online || says_online(v);
        }
        // An attendee's address is no link, but a tel: in it (a dial-in) is.
        if (kind == ICAL_ATTENDEE_PROPERTY || kind == ICAL_ORGANIZER_PROPERTY)
            if (auto* v = icalproperty_get_value_as_string(p))
                online = online || starts_with_ci(v, "tel:");
    }
    if (!attendees.empty()) f.attendees = std::move(attendees);
    // Only a link found is said: a moved occurrence that names none keeps
    // its series' link, which it seldom restates.
    if (online) f.online = true;
    return f;
}

// Every start of the series within the window's days (a day more on each
// side: a zone can move an instant across midnight), EXDATEs taken out and
// RDATEs added.
std::vector<Start> Reader::expand(const Event& master, const Start& first, int line) {
    auto* c = master.comp;
    auto* dtstart = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
    auto t0 = icalproperty_get_dtstart(dtstart);
    std::vector<Start> starts;
    bool recurring = false;
    auto first_day = window_.since - Days{1}, last_day = window_.until + Days{1};
    for (auto* p = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_RRULE_PROPERTY)) {
        recurring = true;
        auto rule = icalproperty_get_rrule(p);
        // The iterator compares UNTIL with wall-clock times in DTSTART's zone;
        // an UNTIL in UTC (as RFC 5545 wants it with a TZID) is brought there first.
        if (!icaltime_is_null_time(rule.until) && icaltime_is_utc(rule.until) && !t0.is_date &&
            !icaltime_is_utc(t0))
            rule.until = wall_time(fields_as_utc(rule.until), zone_of(dtstart, line));
        if (rule.freq == ICAL_NO_RECURRENCE) {
            warn(line, "RRULE could not be read; only the first occurrence is imported");
            starts.push_back(first);
            continue;
        }
        std::unique_ptr<icalrecur_iterator, void (*)(icalrecur_iterator*)> it(
            icalrecur_iterator_new(rule, t0), icalrecur_iterator_free);
        if (!it) {
            warn(line, "RRULE could not be expanded; only the first occurrence is imported");
            starts.push_back(first);
            continue;
        }
        // A rule with no end stops at the window; so does a runaway one.
        for (int n = 0; n < 200000; ++n) {
            auto t = icalrecur_iterator_next(it.get());
            if (icaltime_is_null_time(t)) break;
            auto day = ymd_of(t);
            if (day > last_day) break;
            if (day < first_day) continue;
            if (auto s = start_of(dtstart, t, line)) starts.push_back(*s);
        }
    }
    for (auto* p = icalcomponent_get_first_property(c, ICAL_RDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_RDATE_PROPERTY)) {
        recurring = true;
        auto rdate = icalproperty_get_rdate(p);
        auto t = icaltime_is_null_time(rdate.time) ? rdate.period.start : rdate.time;
        if (auto s = start_of(p, t, line)) starts.push_back(*s);
    }
    if (!recurring) return {first};
    if (icalcomponent_get_first_property(c, ICAL_RDATE_PROPERTY)) starts.push_back(first);
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    for (auto* p = icalcomponent_get_first_property(c, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_EXDATE_PROPERTY)) {
        auto t = icalproperty_get_exdate(p);
        auto ex = start_of(p, t, line);
        if (!ex) continue;
        // An EXDATE written as a date takes out that day's occurrence.
        std::erase_if(starts, [&](const Start& s) {
            if (ex->all_day && !s.all_day) return local(s).first == ex->day;
            return s == *ex;
        });
    }
    return starts;
}

void Reader::skip(const Fields& f, const Start& start, int line, std::string reason) {
    out_.skipped.push_back({f.summary.value_or(""), local(start).first, line, std::move(reason)});
}

void Reader::emit(const Event& e, const Fields& f, const Start& start, const Start& original,
                  const std::string& uid) {
    auto [day, minute] = local(start);
    if (day < window_.since || day > window_.until) return;
    if (day == window_.until && std::max(minute, 0) > window_.until_minute) return;
    if (method_cancel_ || f.cancelled.value_or(false)) return skip(f, start, e.line, "cancelled");
    if (f.planned) return skip(f, start, e.line, "planned by touch plan, not made");
    IcsEvent event;
    if (f.attendees) event.attendees = *f.attendees;
    for (auto& a : event.attendees)
        if (a.declined && std::find(window_.owner_emails.begin(), window_.owner_emails.end(),
                                    a.email) != window_.owner_emails.end())
            return skip(f, start, e.line, "you declined it");
    event.uid = uid;
    event.summary = f.summary.value_or("");
    event.date = day;
    event.minute = minute;
    event.all_day = start.all_day;
    event.online = f.online.value_or(false);
    event.organizer = f.organizer.value_or("");
    event.marker = ics_marker(uid, original.text());
    event.line = e.line;
    out_.events.push_back(std::move(event));
}

// One UID's events: the series (or single event) and its moved occurrences.
void Reader::series(const std::string& uid, std::vector<Event>& events) {
    const Event* master = nullptr;
    std::vector<std::pair<const Event*, Start>> moved;
    for (auto& e : events) {
        auto* rid = icalcomponent_get_first_property(e.comp, ICAL_RECURRENCEID_PROPERTY);
        if (!rid) {
            if (!master) master = &e;
            continue;
        }
        if (auto s = start_of(rid, icalproperty_get_recurrenceid(rid), e.line))
            moved.emplace_back(&e, *s);
        else
            warn(e.line, "RECURRENCE-ID could not be read; this occurrence is left out");
    }
    Fields series_fields;
    std::vector<Start> starts;
    if (master) {
        series_fields = fields_of(master->comp);
        auto* dtstart = icalcomponent_get_first_property(master->comp, ICAL_DTSTART_PROPERTY);
        auto first = dtstart ? start_of(dtstart, icalproperty_get_dtstart(dtstart), master->line)
                             : std::nullopt;
        if (!first)
            warn(master->line, "this event has no DTSTART (or an unreadable one); left out");
        else
            starts = expand(*master, *first, master->line);
    }
    for (auto& s : starts) {
        bool is_moved =
            std::any_of(moved.begin(), moved.end(), [&](const auto& m) { return m.second == s; });
        if (!is_moved) emit(*master, series_fields, s, s, uid);
    }
    for (auto& [e, original] : moved) {
        auto own = fields_of(e->comp);
        if (!own.summary) own.summary = series_fields.summary;
        if (!own.cancelled) own.cancelled = series_fields.cancelled;
        if (!own.attendees) own.attendees = series_fields.attendees;
        if (!own.organizer) own.organizer = series_fields.organizer;
        if (!own.online) own.online = series_fields.online;
        own.planned = own.planned || series_fields.planned;
        auto* dtstart = icalcomponent_get_first_property(e->comp, ICAL_DTSTART_PROPERTY);
        auto start =
            dtstart ? start_of(dtstart, icalproperty_get_dtstart(dtstart), e->line) : original;
        emit(*e, own, start.value_or(original), original, uid);
    }
}

// The line of each BEGIN:VEVENT, in order (libical keeps no line numbers,
// and its components come in the file's order), and the components left
// open at the end of a cut-off file, innermost last.
struct Outline {
    std::vector<int> vevents;
    std::vector<std::pair<std::string, int>> open; // name, line of its BEGIN
};

Outline outline(std::string_view bytes) {
    Outline out;
    int line = 1;
    for (std::size_t pos = 0; pos < bytes.size();) {
        auto nl = bytes.find('\n', pos);
        auto text = trim(bytes.substr(pos, nl == std::string_view::npos ? nl : nl - pos));
        if (starts_with_ci(text, "BEGIN:")) {
            auto name = to_lower(trim(text.substr(6)));
            if (name == "vevent") out.vevents.push_back(line);
            out.open.emplace_back(name, line);
        } else if (starts_with_ci(text, "END:")) {
            auto name = to_lower(trim(text.substr(4)));
            // An END closes its BEGIN and whatever was left open inside it.
            for (auto i = out.open.size(); i-- > 0;)
                if (out.open[i].first == name) {
                    out.open.resize(i);
                    break;
                }
        }
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
        ++line;
    }
    return out;
}

void collect(icalcomponent* c, std::vector<icalcomponent*>& vevents,
             std::vector<icalcomponent*>& calendars) {
    auto kind = icalcomponent_isa(c);
    if (kind == ICAL_VEVENT_COMPONENT) {
        vevents.push_back(c);
        return;
    }
    if (kind == ICAL_VCALENDAR_COMPONENT) calendars.push_back(c);
    for (auto* child = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); child;
         child = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        collect(child, vevents, calendars);
}

void Reader::read(std::string_view bytes) {
    // libical stops the program on some errors unless told otherwise.
    icalerror_set_errors_are_fatal(0);
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    auto shape = outline(bytes);
    std::string text(bytes);
    // A file cut off (a sync stopped half-way) is read to its end.
    if (!shape.open.empty()) {
        warn(shape.open.front().second,
             fmt::format("BEGIN:{} has no END; read to the end of the file",
                         escape_control(to_upper(shape.open.front().first))));
        if (!text.empty() && text.back() != '\n') text += "\r\n";
        for (auto i = shape.open.size(); i-- > 0;)
            text += "END:" + to_upper(shape.open[i].first) + "\r\n";
    }
    std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> root(
        icalparser_parse_string(text.c_str()), icalcomponent_free);
    root_ = root.get();
    std::vector<icalcomponent*> vevents;
    auto& calendars = calendars_;
    if (root_) collect(root_, vevents, calendars);
    if (calendars.empty() && vevents.empty()) {
        out_.diagnostics.push_back({std::string(path_),
                                    0,
                                    0,
                                    Severity::error,
                                    "no iCalendar found (BEGIN:VCALENDAR)",
                                    {}});
        return;
    }
    floating_ = window_.zone;
    for (auto* cal : calendars) {
        if (icalcomponent_get_method(cal) == ICAL_METHOD_CANCEL) method_cancel_ = true;
        for (auto* p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); p;
             p = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY)) {
            auto* name = icalproperty_get_x_name(p);
            if (name && equals_ci(name, "X-WR-TIMEZONE"))
                if (auto* z = zone_named(trim(icalproperty_get_value_as_string(p)))) floating_ = z;
        }
    }
    auto& lines = shape.vevents;
    std::map<std::string, std::vector<Event>> by_uid;
    std::vector<std::string> order;
    for (std::size_t i = 0; i < vevents.size(); ++i) {
        auto* c = vevents[i];
        int line = i < lines.size() ? lines[i] : 0;
        for (auto* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
             p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
            warn(line, fmt::format("left out a damaged part: {}",
                                   escape_control(icalproperty_get_xlicerror(p))));
        auto* uid = text_of(c, ICAL_UID_PROPERTY);
        // Without a UID an event is a series of its own, recognised by its line.
        std::string key = uid && *uid ? uid : fmt::format("{}:{}", path_, line);
        auto [it, added] = by_uid.try_emplace(key);
        if (added) order.push_back(key);
        it->second.push_back({c, line});
    }
    for (auto& key : order)
        series(key, by_uid[key]);
}

} // namespace

std::string ics_marker(std::string_view uid, std::string_view start) {
    std::string key(uid);
    key += '\n';
    key += start;
    return fmt::format("ics:{:012x}", fnv1a(key) >> 16);
}

IcsResult read_ics(std::string_view bytes, std::string_view path, const IcsWindow& window) {
    IcsResult result;
    Reader(path, window, result).read(bytes);
    std::stable_sort(
        result.events.begin(), result.events.end(), [](const IcsEvent& a, const IcsEvent& b) {
            return std::tie(a.date, a.minute, a.line) < std::tie(b.date, b.minute, b.line);
        });
    return result;
}

} // namespace touch
