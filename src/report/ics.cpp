// touch plan --format ics: RFC 5545 iCalendar, one all-day event per planned touch.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"
#include "touch/util/utf8.hpp"

#include <fmt/format.h>

#include <map>

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

// The UID of every planned touch of one obligation: its client, channel and
// kind, never its date, so a touch the plan moves keeps its event. `+` is in
// no id and in vdirsyncer's safe characters, so the parts cannot run into each
// other and the UID is a file name as it is. A second touch of the same
// obligation in the window (a weekly call in a fortnight's plan) is "+2".
std::string plan_uid(const Config& config, const Suggestion& s, int nth) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    const auto& ch = config.channels[static_cast<std::size_t>(s.channel())];
    auto uid = fmt::format("{}{}+{}+{}", plan_uid_prefix, c.id, ch.id, kind_name(s.primary.kind));
    if (nth > 1) uid += fmt::format("+{}", nth);
    return uid + "@touch";
}

void write_event(std::string& out, const Config& config, const Suggestion& s, Date day, Date today,
                 const std::string& uid) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    const auto& ch = config.channels[static_cast<std::size_t>(s.channel())];
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
    ics_line(out, std::string(plan_marker) + ":" +
                      ics_text(fmt::format("{} {} {}", c.id, ch.id, kind_name(s.primary.kind))));
    ics_line(out, "END:VEVENT");
}

void begin_calendar(std::string& out) {
    ics_line(out, "BEGIN:VCALENDAR");
    ics_line(out, "VERSION:2.0");
    ics_line(out, "PRODID:-//touch//touch plan//EN");
    ics_line(out, "CALSCALE:GREGORIAN");
}

// Every planned touch with its UID, in the plan's order: the one generator
// of `plan --format ics` and `plan --vdir`.
template <typename Each>
void each_planned(const Config& config, const std::vector<PlannedDay>& days, Each each) {
    std::map<std::string, int, std::less<>> seen;
    for (auto& day : days)
        for (auto& s : day.items) {
            auto base = plan_uid(config, s, 1);
            int nth = ++seen[base];
            each(day.date, s, nth == 1 ? base : plan_uid(config, s, nth));
        }
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
    begin_calendar(out);
    bool any = false;
    each_planned(config, days, [&](Date day, const Suggestion& s, const std::string& uid) {
        write_event(out, config, s, day, today, uid);
        any = true;
    });
    if (!any) write_nothing_planned(out, days, today);
    ics_line(out, "END:VCALENDAR");
    return out;
}

std::vector<PlanEvent> plan_events(const Config& config, const std::vector<PlannedDay>& days,
                                   Date today) {
    std::vector<PlanEvent> out;
    each_planned(config, days, [&](Date day, const Suggestion& s, const std::string& uid) {
        PlanEvent e{uid, vdir_file_name(uid), {}};
        begin_calendar(e.text);
        write_event(e.text, config, s, day, today, uid);
        ics_line(e.text, "END:VCALENDAR");
        out.push_back(std::move(e));
    });
    return out;
}

std::string vdir_file_name(std::string_view uid) {
    std::string name;
    for (char c : uid) {
        bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-' || c == '+' || c == '@';
        name += safe ? c : '_';
    }
    return name + ".ics";
}

namespace {

// The content lines of a calendar file, unfolded, without their line ends.
std::vector<std::string> unfolded_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!lines.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t'))
            lines.back().append(line.substr(1));
        else
            lines.emplace_back(line);
        pos = end + 1;
    }
    return lines;
}

// The value of property `name` (no parameters), its name in any case.
std::optional<std::string> property(const std::vector<std::string>& lines, std::string_view name) {
    for (auto& l : lines)
        if (l.size() > name.size() && l[name.size()] == ':' &&
            equals_ci(std::string_view(l).substr(0, name.size()), name))
            return l.substr(name.size() + 1);
    return std::nullopt;
}

} // namespace

std::optional<std::string> touch_plan_uid(std::string_view text) {
    auto lines = unfolded_lines(text);
    auto uid = property(lines, "UID");
    if (!uid || !uid->starts_with(plan_uid_prefix) || !property(lines, plan_marker))
        return std::nullopt;
    return uid;
}

bool same_plan_event(std::string_view a, std::string_view b) {
    auto x = unfolded_lines(a), y = unfolded_lines(b);
    auto stamp = [](const std::string& l) { return starts_with_ci(l, "DTSTAMP"); };
    std::erase_if(x, stamp);
    std::erase_if(y, stamp);
    return x == y;
}

} // namespace touch::report
