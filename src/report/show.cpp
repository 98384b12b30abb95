// touch show: one client, what is owed and why, and recent history.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

namespace {

// "1.40 = 14d / 10d": the days since the last touch against the interval.
std::string urgency_explained(const Obligation& ob, Date today) {
    auto why = explain_urgency(ob, today);
    if (why.days_elapsed < 0) return "-"; // its window has not opened yet
    return fmt::format("{:.2f} = {}d / {}d", why.urgency, why.days_elapsed, why.length_days);
}

std::optional<std::string> birthday_text(const Client& c) {
    if (!c.birthday) return std::nullopt;
    const auto& b = *c.birthday;
    return b.year ? fmt::format("{:04}-{:02}-{:02}", *b.year, b.month, b.day)
                  : fmt::format("{:02}-{:02}", b.month, b.day);
}

std::string render_show_json(const Config& config, const ClientView& view, Date today) {
    const auto& c = config.clients[static_cast<std::size_t>(view.client)];
    JsonWriter json;
    json.begin_object();
    json.field("today", today);
    report::write_profile(json, config, c);
    json.field("aliases", c.aliases);
    json.field("phone", c.phone);
    json.field("email", c.email);
    json.field("address", c.address);
    json.field("notes", c.notes);
    json.field("since", c.since);
    json.field("paused_until", c.paused_until);
    json.field("birthday", birthday_text(c));
    json.field("status", status_name(view.summary.status));
    json.field("context", view.context);
    if (view.last_seen) {
        json.key("last_seen").begin_object();
        json.field("date", view.last_seen->date);
        json.field("time", report::time_of(*view.last_seen));
        json.field("person", view.last_seen->person);
        json.field("channel", view.last_seen->channel);
        json.end_object();
    }
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
        json.field("date", l.date);
        json.field("time", report::time_of(l));
        if (!l.person.empty()) json.field("person", l.person);
        json.field("channel", l.channel);
        json.field("note", l.note);
        json.end_object();
    }
    json.end_array();
    json.end_object();
    return json.str();
}

// What is owed: text and CSV share the rows, each with columns of its own.
Table obligation_table(const Config& config, const ClientView& view, Date today) {
    const auto& c = config.clients[static_cast<std::size_t>(view.client)];
    Table table({{"client", Fit::fixed, Shown::csv},
                 {"kind", Fit::fixed, Shown::csv},
                 {"what", Fit::fixed, Shown::text},
                 {"channel"},
                 {"cadence_channel", Fit::fixed, Shown::csv},
                 {"interval", Fit::fixed, Shown::csv},
                 {"every", Fit::fixed, Shown::text},
                 {"last", Fit::fixed, Shown::both, "-"},
                 {"due", Fit::fixed, Shown::csv},
                 {"due", Fit::fixed, Shown::text},
                 {"urgency", Fit::fixed, Shown::csv},
                 {"urgency", Fit::fixed, Shown::text},
                 {"reason", Fit::fixed, Shown::csv},
                 {"why", Fit::shorten, Shown::text}});
    for (auto& ob : view.obligations) {
        bool cadence = ob.kind == ObligationKind::cadence;
        auto cadence_channel = cadence ? config.channel_name(ob.cadence_channel) : "";
        std::string what = !cadence                            ? kind_name(ob.kind)
                           : ob.cadence_channel == any_channel ? "any"
                                                               : cadence_channel;
        auto every = format_interval(ob.every);
        auto reason = describe(config, ob);
        auto why = reason;
        if (auto origin = describe_origin(ob); !origin.empty()) why += "; " + origin;
        table.add({c.id, kind_name(ob.kind), what, config.channel_name(ob.channel), cadence_channel,
                   every, every, ob.last ? format_date(*ob.last) : "", format_date(ob.due),
                   ob.due <= today ? describe_when(ob, today) : format_date(ob.due),
                   fmt::format("{:.3f}", ob.urgency(today)), urgency_explained(ob, today), reason,
                   why});
    }
    return table;
}

std::string render_show_text(const Config& config, const ClientView& view, Date today,
                             const Style& style) {
    const auto& c = config.clients[static_cast<std::size_t>(view.client)];
    std::string status = status_name(view.summary.status);
    auto name = escape_control(c.name);
    if (style.width > 0) {
        auto fixed = display_width(fmt::format(" ({})  {}", c.id, status));
        name = shorten_to_width(
            name, std::max<std::size_t>(style.width > fixed ? style.width - fixed : 0, 10));
    }
    std::string out = paint(style, "1", fmt::format("{} ({})", name, c.id));
    out += fmt::format("  {}\n", status);
    Table details({{"key"}, {"value", Fit::shorten}});
    auto detail = [&](const char* key, const std::string& value) {
        if (value.empty()) return;
        bool contact = key == std::string_view("phone") || key == std::string_view("email") ||
                       key == std::string_view("address");
        details.add(
            {key, contact ? Cell::kept_whole(escape_control(value)) : Cell(escape_control(value))});
    };
    detail("aliases", join_words(c.aliases, ", "));
    detail("tier", report::tier_name(config, c).value_or(""));
    detail("prefers", report::channel_list(config, c.prefers));
    detail("avoid", report::channel_list(config, c.avoid));
    detail("phone", c.phone);
    detail("email", c.email);
    detail("address", c.address);
    detail("city", c.city);
    detail("tags", join_words(c.tags, ", "));
    if (!config.people.empty())
        detail("team", c.team.empty() ? "everyone (no team)"
                                      : join_words(report::team_ids(config, c), ", "));
    detail("since", c.since ? format_date(*c.since) : "");
    detail("paused", c.paused_until ? "until " + format_date(*c.paused_until) : "");
    detail("birthday", birthday_text(c).value_or(""));
    detail("notes", c.notes);
    if (view.last_seen)
        detail("last seen", fmt::format("{} by {} ({})", format_date(view.last_seen->date),
                                        view.last_seen->person, view.last_seen->channel));
    out += details.text(style, "  ");
    // What was said last time, on a line of its own that gives way to the width.
    if (!view.context.empty()) {
        auto said = "  context: " + view.context;
        out += (style.width > 20 ? shorten_to_width(said, style.width) : said) + '\n';
    }

    out += '\n' + paint(style, "1", "What is owed") + '\n';
    if (view.obligations.empty())
        out += "  nothing: no cadence, rule or birthday applies\n";
    else
        out += obligation_table(config, view, today).text(style, "  ", true);

    out += '\n' + paint(style, "1", "Recent history") + '\n';
    if (view.recent.empty()) out += "  no touches logged yet\n";
    // Who made each touch, in a folder of per-person logs.
    bool by_person = std::any_of(view.recent.begin(), view.recent.end(),
                                 [](const LogLine& l) { return !l.person.empty(); });
    std::vector<Column> columns{{"date"}, {"time"}, {"channel"}, {"note", Fit::shorten}};
    if (by_person) columns.insert(columns.begin() + 2, Column{"person"});
    Table recent(std::move(columns));
    for (auto& l : view.recent) {
        std::vector<Cell> row{format_date(l.date), report::time_of(l).value_or(""),
                              escape_control(l.channel), escape_control(report::readable_note(l))};
        if (by_person) row.insert(row.begin() + 2, Cell(escape_control(l.person)));
        recent.add(std::move(row));
    }
    out += recent.text(style, "  ");
    return out;
}

} // namespace

std::string render_show(const Config& config, const ClientView& view, Date today, Format format,
                        const Style& style) {
    switch (format) {
    case Format::json:
        return render_show_json(config, view, today);
    case Format::csv:
        return obligation_table(config, view, today).csv();
    case Format::text:
    case Format::ics:
        break;
    }
    return render_show_text(config, view, today, style);
}

} // namespace touch
