// The report commands' output: plan (with iCalendar), history, clients, show
// and stats, each as text, JSON and CSV.
#include "touch/config.hpp"
#include "touch/interval.hpp"
#include "touch/report.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

namespace {

const char* weekday_name(Date d) {
    static constexpr const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return names[weekday_index(d)];
}

std::string compact_date(Date d) {
    auto iso = format_date(d);
    iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
    return iso;
}

const Client* find_client(const Config& config, std::string_view id) {
    for (auto& c : config.clients)
        if (c.id == id) return &c;
    return nullptr;
}

std::string share(int part, int whole) {
    if (whole == 0) return "-";
    return fmt::format("{}%", (part * 100 + whole / 2) / whole);
}

double ratio(int part, int whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / whole;
}

std::string channel_list(const Config& config, const std::vector<ChannelId>& channels) {
    std::vector<std::string> names;
    for (auto ch : channels)
        names.push_back(config.channel_name(ch));
    return join_words(names, ", ");
}

void write_channels(JsonWriter& json, const Config& config,
                    const std::vector<ChannelId>& channels) {
    json.begin_array();
    for (auto ch : channels)
        json.value(config.channel_name(ch));
    json.end_array();
}

void write_strings(JsonWriter& json, const std::vector<std::string>& values) {
    json.begin_array();
    for (auto& v : values)
        json.value(v);
    json.end_array();
}

void optional_string(JsonWriter& json, std::string_view key, const std::optional<std::string>& v) {
    json.key(key);
    if (v)
        json.value(*v);
    else
        json.null();
}

std::optional<std::string> time_of(const HistoryLine& l) {
    if (l.minute < 0) return std::nullopt;
    return format_time(l.minute);
}

void optional_date(JsonWriter& json, std::string_view key, const std::optional<Date>& d) {
    optional_string(json, key, d ? std::optional<std::string>(format_date(*d)) : std::nullopt);
}

// The keys `clients` and `show` share: who the client is and how to reach them.
void write_profile(JsonWriter& json, const Config& config, const Client& c) {
    json.field("client", c.id);
    json.field("name", c.name);
    optional_string(
        json, "tier",
        c.tier ? std::optional<std::string>(config.tiers[static_cast<std::size_t>(*c.tier)].name)
               : std::nullopt);
    json.key("prefers");
    write_channels(json, config, c.prefers);
    json.key("avoid");
    write_channels(json, config, c.avoid);
    json.key("tags");
    write_strings(json, c.tags);
    json.field("city", c.city);
}

// --- iCalendar (RFC 5545) ----------------------------------------------------

std::string ics_text(std::string_view s) {
    std::string out;
    for (char c : escape_control(s)) {
        if (c == '\\' || c == ';' || c == ',') out += '\\';
        out += c;
    }
    return out;
}

// Content lines end in CRLF and fold at 75 octets, never inside a UTF-8 character.
void ics_line(std::string& out, std::string_view line) {
    std::size_t limit = 75;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut;
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = 74; // the leading space of a continuation counts
    }
    out.append(line);
    out += "\r\n";
}

std::string render_plan_ics(const Config& config, const std::vector<PlannedDay>& days, Date today) {
    std::string out;
    ics_line(out, "BEGIN:VCALENDAR");
    ics_line(out, "VERSION:2.0");
    ics_line(out, "PRODID:-//touch//touch plan//EN");
    ics_line(out, "CALSCALE:GREGORIAN");
    for (auto& day : days) {
        for (auto& s : day.items) {
            const auto& c = config.clients[static_cast<std::size_t>(s.client())];
            const auto& ch = config.channels[static_cast<std::size_t>(s.channel())];
            const auto& ob = s.primary;
            // The same obligation keeps its UID however the plan moves it, so
            // importing a new plan updates events instead of adding copies.
            auto uid = fmt::format("{}-{}-{}-{}@touch", c.id, ch.id, kind_name(ob.kind),
                                   compact_date(ob.natural_due));
            auto contact = contact_for(config, c, s.channel());
            std::string description = describe(config, ob);
            for (auto& also : s.also)
                description += "; " + describe(config, also);
            if (!contact.empty()) description += "\n" + contact;
            ics_line(out, "BEGIN:VEVENT");
            ics_line(out, "UID:" + uid);
            ics_line(out, "DTSTAMP:" + compact_date(today) + "T000000Z");
            ics_line(out, "DTSTART;VALUE=DATE:" + compact_date(day.date));
            ics_line(out, "DTEND;VALUE=DATE:" + compact_date(day.date + Days{1}));
            ics_line(out, "SUMMARY:" + ics_text(fmt::format("{} {}", ch.label, c.name)));
            ics_line(out, "DESCRIPTION:" + ics_text(description));
            if (ch.contact == Contact::address && !c.address.empty())
                ics_line(out, "LOCATION:" + ics_text(c.address));
            ics_line(out, "TRANSP:TRANSPARENT");
            ics_line(out, "END:VEVENT");
        }
    }
    ics_line(out, "END:VCALENDAR");
    return out;
}

} // namespace

// --- plan --------------------------------------------------------------------

std::string render_plan(const Config& config, const std::vector<PlannedDay>& days, Date today,
                        Format format, const Style& style) {
    if (format == Format::ics) return render_plan_ics(config, days, today);
    if (format == Format::json) {
        JsonWriter json;
        json.begin_object();
        json.field("today", format_date(today));
        json.key("days").begin_array();
        for (auto& day : days) {
            json.begin_object();
            json.field("date", format_date(day.date));
            json.key("items").begin_array();
            for (auto& s : day.items)
                write_suggestion(json, config, s, day.date);
            json.end_array();
            json.end_object();
        }
        json.end_array();
        json.end_object();
        return json.str();
    }
    if (format == Format::csv) {
        auto header = suggestion_csv_header();
        header.insert(header.begin(), "date");
        std::string out = csv_record(header);
        for (auto& day : days)
            for (auto& s : day.items) {
                auto cells = suggestion_csv_cells(config, s, day.date);
                cells.insert(cells.begin(), format_date(day.date));
                out += csv_record(cells);
            }
        return out;
    }
    std::size_t total = 0;
    for (auto& day : days)
        total += day.items.size();
    std::string out;
    if (days.empty()) return "No workdays in the period.\n";
    out += fmt::format("Plan from {} to {}: {} touch{} on {} workday{}.\n",
                       format_date(days.front().date), format_date(days.back().date), total,
                       total == 1 ? "" : "es", days.size(), days.size() == 1 ? "" : "s");
    // One table for all days, so columns line up from day to day.
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> starts;
    for (auto& day : days) {
        starts.push_back(rows.size());
        for (auto& s : day.items) {
            const auto& c = config.clients[static_cast<std::size_t>(s.client())];
            auto how = contact_for(config, c, s.channel());
            // Everything the touch settles: its "when" may come from any of it.
            auto reason = describe(config, s.primary);
            for (auto& also : s.also)
                reason += "; " + describe(config, also);
            rows.push_back({config.channels[static_cast<std::size_t>(s.channel())].label, c.id,
                            escape_control(c.name), describe_when(s.most_overdue(), day.date),
                            how.empty() ? "-" : escape_control(how), reason});
        }
    }
    auto lines = aligned_lines(rows, "  ");
    for (std::size_t d = 0; d < days.size(); ++d) {
        out += '\n';
        out += paint(style, "1",
                     fmt::format("{} {}", weekday_name(days[d].date), format_date(days[d].date)));
        out += '\n';
        auto end = d + 1 < days.size() ? starts[d + 1] : lines.size();
        if (starts[d] == end) out += "  (nothing planned)\n";
        for (auto i = starts[d]; i < end; ++i)
            out += fit_to_width(lines[i] + "\n", style);
    }
    return out;
}

// --- history -----------------------------------------------------------------

std::string render_history(const Config& config, const std::vector<HistoryLine>& lines,
                           Format format, const Style& style) {
    auto name_of = [&](const std::string& id) {
        auto* c = find_client(config, id);
        return c ? c->name : id;
    };
    if (format == Format::json) {
        JsonWriter json;
        json.begin_object().key("entries").begin_array();
        for (auto& l : lines) {
            json.begin_object();
            json.field("date", format_date(l.date));
            optional_string(json, "time", time_of(l));
            json.field("client", l.client);
            json.field("name", name_of(l.client));
            json.field("known_client", find_client(config, l.client) != nullptr);
            json.field("channel", l.channel);
            json.field("note", l.note);
            json.end_object();
        }
        json.end_array().end_object();
        return json.str();
    }
    if (format == Format::csv) {
        std::string out = csv_record({"date", "time", "client", "name", "channel", "note"});
        for (auto& l : lines)
            out += csv_record({format_date(l.date), l.minute >= 0 ? format_time(l.minute) : "",
                               l.client, escape_control(name_of(l.client)), l.channel,
                               escape_control(l.note)});
        return out;
    }
    if (lines.empty()) return "No log entries match.\n";
    std::vector<std::vector<std::string>> rows;
    for (auto& l : lines)
        rows.push_back({format_date(l.date), l.minute >= 0 ? format_time(l.minute) : "", l.client,
                        escape_control(l.channel), escape_control(l.note)});
    return fit_to_width(align_columns(rows), style);
}

// --- clients -----------------------------------------------------------------

std::string render_clients(const Config& config, const std::vector<ClientSummary>& clients,
                           Date today, Format format, const Style& style) {
    auto tier_of = [&](const Client& c) {
        return c.tier ? config.tiers[static_cast<std::size_t>(*c.tier)].name : std::string();
    };
    if (format == Format::json) {
        JsonWriter json;
        json.begin_object();
        json.field("today", format_date(today));
        json.key("clients").begin_array();
        for (auto& s : clients) {
            const auto& c = config.clients[static_cast<std::size_t>(s.client)];
            json.begin_object();
            write_profile(json, config, c);
            optional_date(json, "last", s.last);
            json.key("last_channel");
            if (s.last_channel)
                json.value(config.channel_name(*s.last_channel));
            else
                json.null();
            optional_date(json, "next_due",
                          s.next ? std::optional<Date>(s.next->due) : std::nullopt);
            json.key("next_channel");
            if (s.next)
                json.value(config.channel_name(s.next->channel));
            else
                json.null();
            json.field("status", status_name(s.status));
            json.end_object();
        }
        json.end_array().end_object();
        return json.str();
    }
    std::vector<std::vector<std::string>> rows;
    auto header =
        std::vector<std::string>{"client",       "name",     "tier",         "prefers", "last",
                                 "last_channel", "next_due", "next_channel", "status"};
    for (auto& s : clients) {
        const auto& c = config.clients[static_cast<std::size_t>(s.client)];
        rows.push_back({c.id, escape_control(c.name), tier_of(c), channel_list(config, c.prefers),
                        s.last ? format_date(*s.last) : "",
                        s.last_channel ? config.channel_name(*s.last_channel) : "",
                        s.next ? format_date(s.next->due) : "",
                        s.next ? config.channel_name(s.next->channel) : "", status_name(s.status)});
    }
    if (format == Format::csv) {
        std::string out = csv_record(header);
        for (auto& r : rows)
            out += csv_record(r);
        return out;
    }
    if (rows.empty()) return "No clients.\n";
    // Text: last and next as "date channel", empty cells as "-".
    std::vector<std::vector<std::string>> text{
        {"CLIENT", "NAME", "TIER", "PREFERS", "LAST", "NEXT", "STATUS"}};
    for (auto& r : rows) {
        auto pair = [](const std::string& d, const std::string& ch) {
            return d.empty() ? std::string("-") : d + " " + ch;
        };
        text.push_back({r[0], r[1], r[2].empty() ? "-" : r[2], r[3].empty() ? "-" : r[3],
                        pair(r[4], r[5]), pair(r[6], r[7]), r[8]});
    }
    auto out = fit_to_width(align_columns(text), style);
    auto nl = out.find('\n');
    return paint(style, "1", out.substr(0, nl)) + out.substr(nl);
}

// --- show --------------------------------------------------------------------

namespace {

std::string urgency_explained(const Obligation& ob, Date today) {
    // What ranks it: the days since the last touch against the interval.
    Date from = ob.kind == ObligationKind::birthday ? subtract(*ob.deadline, ob.every)
                : ob.last                           ? *ob.last
                                                    : subtract(ob.natural_due, ob.every);
    auto length = ob.kind == ObligationKind::birthday ? (*ob.deadline - from).count()
                                                      : length_in_days(from, ob.every);
    if (from > today) return "-"; // its window has not opened yet
    return fmt::format("{:.2f} = {}d / {}d", ob.urgency(today), (today - from).count(), length);
}

} // namespace

std::string render_show(const Config& config, const ClientView& view, Date today, Format format,
                        const Style& style) {
    const auto& c = config.clients[static_cast<std::size_t>(view.client)];
    std::string tier = c.tier ? config.tiers[static_cast<std::size_t>(*c.tier)].name : "";
    if (format == Format::json) {
        JsonWriter json;
        json.begin_object();
        json.field("today", format_date(today));
        write_profile(json, config, c);
        json.key("aliases");
        write_strings(json, c.aliases);
        json.field("phone", c.phone);
        json.field("email", c.email);
        json.field("address", c.address);
        json.field("notes", c.notes);
        optional_date(json, "since", c.since);
        optional_date(json, "paused_until", c.paused_until);
        json.key("birthday");
        if (c.birthday)
            json.value(c.birthday->year
                           ? fmt::format("{:04}-{:02}-{:02}", *c.birthday->year, c.birthday->month,
                                         c.birthday->day)
                           : fmt::format("{:02}-{:02}", c.birthday->month, c.birthday->day));
        else
            json.null();
        json.field("status", status_name(view.summary.status));
        json.key("obligations").begin_array();
        for (auto& ob : view.obligations) {
            json.begin_object();
            write_obligation(json, config, ob, today);
            json.field("urgency_explained", urgency_explained(ob, today));
            json.end_object();
        }
        json.end_array();
        json.key("recent").begin_array();
        for (auto& l : view.recent) {
            json.begin_object();
            json.field("date", format_date(l.date));
            optional_string(json, "time", time_of(l));
            json.field("channel", l.channel);
            json.field("note", l.note);
            json.end_object();
        }
        json.end_array();
        json.end_object();
        return json.str();
    }
    if (format == Format::csv) {
        std::string out = csv_record({"client", "kind", "channel", "cadence_channel", "interval",
                                      "last", "due", "urgency", "reason"});
        for (auto& ob : view.obligations)
            out += csv_record(
                {c.id, kind_name(ob.kind), config.channel_name(ob.channel),
                 ob.kind == ObligationKind::cadence ? config.channel_name(ob.cadence_channel) : "",
                 format_interval(ob.every), ob.last ? format_date(*ob.last) : "",
                 format_date(ob.due), fmt::format("{:.3f}", ob.urgency(today)),
                 describe(config, ob)});
        return out;
    }
    std::string out = paint(style, "1", fmt::format("{} ({})", escape_control(c.name), c.id));
    out += fmt::format("  {}\n", status_name(view.summary.status));
    std::vector<std::vector<std::string>> details;
    auto detail = [&](const char* key, const std::string& value) {
        if (!value.empty()) details.push_back({key, escape_control(value)});
    };
    detail("aliases", join_words(c.aliases, ", "));
    detail("tier", tier);
    detail("prefers", channel_list(config, c.prefers));
    detail("avoid", channel_list(config, c.avoid));
    detail("phone", c.phone);
    detail("email", c.email);
    detail("address", c.address);
    detail("city", c.city);
    detail("tags", join_words(c.tags, ", "));
    detail("since", c.since ? format_date(*c.since) : "");
    detail("paused", c.paused_until ? "until " + format_date(*c.paused_until) : "");
    if (c.birthday)
        detail("birthday", fmt::format("{:02}-{:02}", c.birthday->month, c.birthday->day));
    detail("notes", c.notes);
    out += align_columns(details, "  ");

    out += '\n' + paint(style, "1", "What is owed") + '\n';
    if (view.obligations.empty()) {
        out += "  nothing: no cadence, rule or birthday applies\n";
    } else {
        std::vector<std::vector<std::string>> rows{
            {"WHAT", "CHANNEL", "EVERY", "LAST", "DUE", "URGENCY", "WHY"}};
        for (auto& ob : view.obligations) {
            std::string what =
                ob.kind == ObligationKind::cadence
                    ? (ob.cadence_channel == any_channel ? "any"
                                                         : config.channel_name(ob.cadence_channel))
                    : kind_name(ob.kind);
            rows.push_back({what, config.channel_name(ob.channel), format_interval(ob.every),
                            ob.last ? format_date(*ob.last) : "-",
                            ob.due <= today ? describe_when(ob, today) : format_date(ob.due),
                            urgency_explained(ob, today), describe(config, ob)});
        }
        out += fit_to_width(align_columns(rows, "  "), style);
    }
    out += '\n' + paint(style, "1", "Recent history") + '\n';
    if (view.recent.empty()) out += "  no touches logged yet\n";
    std::vector<std::vector<std::string>> recent;
    for (auto& l : view.recent)
        recent.push_back({format_date(l.date), l.minute >= 0 ? format_time(l.minute) : "",
                          escape_control(l.channel), escape_control(l.note)});
    out += fit_to_width(align_columns(recent, "  "), style);
    return out;
}

// --- stats -------------------------------------------------------------------

std::string render_stats(const Config& config, const Stats& stats, Format format,
                         const Style& style) {
    auto month_name = [](Date m) { return format_date(m).substr(0, 7); };
    int total = stats.personal + stats.digital;
    std::vector<std::size_t> used; // channels with any touch, in config order
    for (std::size_t k = 0; k < stats.per_channel.size(); ++k)
        if (stats.per_channel[k] > 0) used.push_back(k);
    if (format == Format::json) {
        JsonWriter json;
        json.begin_object();
        json.field("since", format_date(stats.since));
        json.field("until", format_date(stats.until));
        json.field("total", total);
        json.field("personal", stats.personal);
        json.field("digital", stats.digital);
        json.field("personal_share", ratio(stats.personal, total));
        json.key("per_channel").begin_object();
        for (std::size_t k = 0; k < stats.per_channel.size(); ++k)
            json.field(config.channels[k].id, stats.per_channel[k]);
        json.end_object();
        json.key("months").begin_array();
        for (std::size_t m = 0; m < stats.months.size(); ++m) {
            json.begin_object();
            json.field("month", month_name(stats.months[m]));
            int sum = 0;
            json.key("per_channel").begin_object();
            for (std::size_t k = 0; k < stats.per_channel.size(); ++k) {
                json.field(config.channels[k].id, stats.per_month[m][k]);
                sum += stats.per_month[m][k];
            }
            json.end_object();
            json.field("total", sum);
            json.end_object();
        }
        json.end_array();
        json.key("clients").begin_array();
        for (std::size_t i = 0; i < stats.clients.size(); ++i) {
            const auto& cs = stats.clients[i];
            json.begin_object();
            json.field("client", config.clients[i].id);
            json.field("name", config.clients[i].name);
            json.field("personal", cs.personal);
            json.field("digital", cs.digital);
            json.field("personal_share", ratio(cs.personal, cs.personal + cs.digital));
            json.end_object();
        }
        json.end_array();
        json.key("digital_only_90d").begin_array();
        for (auto i : stats.digital_only)
            json.value(config.clients[static_cast<std::size_t>(i)].id);
        json.end_array();
        json.key("adherence").begin_object();
        json.field("cadences", stats.cadences);
        json.field("kept_today", stats.cadences_kept);
        json.field("kept_share", ratio(stats.cadences_kept, stats.cadences));
        json.field("intervals", stats.intervals);
        json.field("on_time", stats.intervals_on_time);
        json.field("on_time_rate", ratio(stats.intervals_on_time, stats.intervals));
        json.end_object();
        json.end_object();
        return json.str();
    }
    if (format == Format::csv) {
        // One tidy table: what is measured, for which month/client/channel, and its value.
        std::string out = csv_record({"metric", "month", "client", "channel", "value"});
        for (std::size_t m = 0; m < stats.months.size(); ++m)
            for (std::size_t k = 0; k < stats.per_channel.size(); ++k)
                out += csv_record({"touches", month_name(stats.months[m]), "",
                                   config.channels[k].id, std::to_string(stats.per_month[m][k])});
        for (std::size_t i = 0; i < stats.clients.size(); ++i) {
            out += csv_record({"personal", "", config.clients[i].id, "",
                               std::to_string(stats.clients[i].personal)});
            out += csv_record({"digital", "", config.clients[i].id, "",
                               std::to_string(stats.clients[i].digital)});
        }
        for (auto i : stats.digital_only)
            out += csv_record(
                {"digital_only_90d", "", config.clients[static_cast<std::size_t>(i)].id, "", "1"});
        out += csv_record({"cadences_kept_today", "", "", "",
                           fmt::format("{:.3f}", ratio(stats.cadences_kept, stats.cadences))});
        out += csv_record({"on_time_rate", "", "", "",
                           fmt::format("{:.3f}", ratio(stats.intervals_on_time, stats.intervals))});
        return out;
    }

    std::string out;
    out += fmt::format("{} touches from {} to {}: {} personal, {} digital ({} personal).\n", total,
                       format_date(stats.since), format_date(stats.until), stats.personal,
                       stats.digital, share(stats.personal, total));

    // Touches per month and channel, with a bar per month.
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header{"MONTH"};
    for (auto k : used)
        header.push_back(config.channels[k].id);
    header.push_back("TOTAL");
    rows.push_back(header);
    int busiest = 1;
    std::vector<int> sums;
    for (std::size_t m = 0; m < stats.months.size(); ++m) {
        int sum = 0;
        for (auto k : used)
            sum += stats.per_month[m][k];
        sums.push_back(sum);
        busiest = std::max(busiest, sum);
    }
    const std::string block = style.color || style.width > 0 ? "█" : "#";
    for (std::size_t m = 0; m < stats.months.size(); ++m) {
        std::vector<std::string> row{month_name(stats.months[m])};
        for (auto k : used)
            row.push_back(std::to_string(stats.per_month[m][k]));
        row.push_back(std::to_string(sums[m]));
        std::string bar;
        for (int i = 0; i < (sums[m] * 30 + busiest - 1) / busiest; ++i)
            bar += block;
        row.push_back(bar);
        rows.push_back(row);
    }
    out += '\n' + fit_to_width(align_columns(rows), style);

    out += '\n' + paint(style, "1", "Personal share by client") + '\n';
    std::vector<std::vector<std::string>> clients;
    for (std::size_t i = 0; i < stats.clients.size(); ++i) {
        const auto& cs = stats.clients[i];
        int n = cs.personal + cs.digital;
        clients.push_back({config.clients[i].id, escape_control(config.clients[i].name),
                           share(cs.personal, n), fmt::format("{} of {}", cs.personal, n)});
    }
    out += align_columns(clients, "  ");

    out += '\n' + paint(style, "1", "Reached only digitally in the last 90 days") + '\n';
    if (stats.digital_only.empty()) out += "  nobody\n";
    for (auto i : stats.digital_only) {
        const auto& c = config.clients[static_cast<std::size_t>(i)];
        out += fmt::format("  {}  {}\n", c.id, escape_control(c.name));
    }
    out += '\n' + paint(style, "1", "Cadence adherence") + '\n';
    out += fmt::format("  within cadence today: {} of {} ({})\n", stats.cadences_kept,
                       stats.cadences, share(stats.cadences_kept, stats.cadences));
    out += fmt::format("  gaps on time in the period: {} of {} ({})\n", stats.intervals_on_time,
                       stats.intervals, share(stats.intervals_on_time, stats.intervals));
    return out;
}

} // namespace touch
