// touch plan --format ics: RFC 5545 iCalendar, one all-day event per planned touch.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"
#include "touch/util/utf8.hpp"

#include <fmt/format.h>

namespace touch::report {

namespace {

// A TEXT value (RFC 5545 3.3.11) from raw text: a line break becomes \n,
// backslash, semicolon and comma are escaped, any other control character,
// line separator or invalid byte becomes a space or U+FFFD.
std::string ics_text(std::string_view raw) {
    std::string out;
    for (std::size_t pos = 0; pos <= raw.size();) {
        auto nl = raw.find('\n', pos);
        if (nl == std::string_view::npos) nl = raw.size();
        if (pos > 0) out += "\\n";
        for (char c : sanitize_note(raw.substr(pos, nl - pos))) {
            if (c == '\\' || c == ';' || c == ',') out += '\\';
            out += c;
        }
        pos = nl + 1;
    }
    return out;
}

// Content lines end in CRLF and fold at 75 octets, never inside a UTF-8 character.
void ics_line(std::string& out, std::string_view line) {
    std::size_t limit = 75;
    while (line.size() > limit) {
        std::size_t cut = utf8::cut_before(line, limit);
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = 74; // the leading space of a continuation counts
    }
    out.append(line);
    out += "\r\n";
}

void write_event(std::string& out, const Config& config, const Suggestion& s, Date day,
                 Date today) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    const auto& ch = config.channels[static_cast<std::size_t>(s.channel())];
    const auto& ob = s.primary;
    // The same obligation keeps its UID however the plan moves it, so
    // importing a new plan updates events instead of adding copies.
    auto uid = fmt::format("{}-{}-{}-{}@touch", c.id, ch.id, kind_name(ob.kind),
                           compact_date(ob.natural_due));
    auto contact = contact_for(config, c, s.channel());
    std::string description;
    append_settled_reasons(description, config, s);
    if (!contact.empty()) {
        description += '\n';
        description += contact;
    }
    ics_line(out, "BEGIN:VEVENT");
    ics_line(out, "UID:" + uid);
    ics_line(out, "DTSTAMP:" + compact_date(today) + "T000000Z");
    ics_line(out, "DTSTART;VALUE=DATE:" + compact_date(day));
    ics_line(out, "DTEND;VALUE=DATE:" + compact_date(day + Days{1}));
    ics_line(out, "SUMMARY:" + ics_text(fmt::format("{} {}", ch.label, c.name)));
    ics_line(out, "DESCRIPTION:" + ics_text(description));
    if (ch.contact == Contact::address && !c.address.empty())
        ics_line(out, "LOCATION:" + ics_text(c.address));
    ics_line(out, "TRANSP:TRANSPARENT");
    ics_line(out, "END:VEVENT");
}

} // namespace

namespace {

// RFC 5545 wants at least one component in a calendar. An empty plan says
// so in a VJOURNAL: calendar programs file it as a note, not an appointment,
// and its UID is the day's, so importing the same empty plan twice keeps one.
void write_nothing_planned(std::string& out, const std::vector<PlannedDay>& days, Date today) {
    ics_line(out, "BEGIN:VJOURNAL");
    ics_line(out, "UID:nothing-planned-" + compact_date(today) + "@touch");
    ics_line(out, "DTSTAMP:" + compact_date(today) + "T000000Z");
    ics_line(out, "DTSTART;VALUE=DATE:" + compact_date(today));
    ics_line(out, days.empty()
                      ? std::string("SUMMARY:No workdays in the period")
                      : fmt::format("SUMMARY:Nothing planned from {} to {}",
                                    format_date(days.front().date), format_date(days.back().date)));
    ics_line(out, "END:VJOURNAL");
}

} // namespace

std::string render_plan_ics(const Config& config, const std::vector<PlannedDay>& days, Date today) {
    std::string out;
    ics_line(out, "BEGIN:VCALENDAR");
    ics_line(out, "VERSION:2.0");
    ics_line(out, "PRODID:-//touch//touch plan//EN");
    ics_line(out, "CALSCALE:GREGORIAN");
    bool any = false;
    for (auto& day : days)
        for (auto& s : day.items) {
            write_event(out, config, s, day.date, today);
            any = true;
        }
    if (!any) write_nothing_planned(out, days, today);
    ics_line(out, "END:VCALENDAR");
    return out;
}

} // namespace touch::report
