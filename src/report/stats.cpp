// touch stats: touches per month and channel, the personal share, adherence.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace touch {

namespace {

std::string share(int part, int whole) {
    if (whole == 0) return "-";
    return fmt::format("{}%", (part * 100 + whole / 2) / whole);
}

double ratio(int part, int whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / whole;
}

// The import a marker's kind comes from: `touch import calls` writes [call:…].
std::string_view import_name(std::string_view marker_kind) {
    return marker_kind == "call" ? "calls" : marker_kind;
}

int imported_total(const Stats& stats) {
    int n = 0;
    for (auto& [kind, count] : stats.imported)
        n += count;
    return n;
}

// "7 of them were imported: 3 from calendars, 2 from the call log and 2 from mail."
std::string imported_sentence(const Stats& stats) {
    std::vector<std::string> parts;
    for (auto& [kind, count] : stats.imported) {
        auto from = kind == "ics"    ? std::string("calendars")
                    : kind == "call" ? std::string("the call log")
                    : kind == "mail" ? std::string("mail")
                                     : escape_control(kind);
        parts.push_back(fmt::format("{} from {}", count, from));
    }
    int n = imported_total(stats);
    return fmt::format("{} of them {} imported: {}.\n", n, n == 1 ? "was" : "were",
                       join_words(parts, " and "));
}

std::string month_name(Date m) {
    return format_date(m).substr(0, 7);
}

void write_months(JsonWriter& json, const Config& config, const Stats& stats) {
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
}

std::string render_stats_json(const Config& config, const Stats& stats) {
    int total = stats.personal + stats.digital;
    JsonWriter json;
    json.begin_object();
    json.field("since", stats.since);
    json.field("until", stats.until);
    json.field("total", total);
    json.field("personal", stats.personal);
    json.field("digital", stats.digital);
    json.field("unclassified", stats.unclassified);
    json.field("personal_share", ratio(stats.personal, total));
    json.key("per_channel").begin_object();
    for (std::size_t k = 0; k < stats.per_channel.size(); ++k)
        json.field(config.channels[k].id, stats.per_channel[k]);
    json.end_object();
    // Always the three imports, so that a reader need not ask whether a key is there.
    json.key("imported").begin_object();
    json.field("total", imported_total(stats));
    std::map<std::string, int, std::less<>> from{{"calls", 0}, {"ics", 0}, {"mail", 0}};
    for (auto& [kind, count] : stats.imported)
        from[std::string(import_name(kind))] += count;
    for (auto& [kind, count] : from)
        json.field(kind, count);
    json.end_object();
    write_months(json, config, stats);
    if (!stats.people.empty()) {
        json.key("people").begin_array();
        for (const auto& p : stats.people) {
            int n = p.personal + p.digital;
            json.begin_object();
            json.field("person", p.person);
            json.field("touches", n);
            json.field("personal", p.personal);
            json.field("digital", p.digital);
            json.field("personal_share", ratio(p.personal, n));
            json.end_object();
        }
        json.end_array();
    }
    json.key("clients").begin_array();
    for (std::size_t i = 0; i < stats.clients.size(); ++i) {
        const auto& cs = stats.clients[i];
        json.begin_object();
        json.field("client", config.clients[i].id);
        json.field("name", config.clients[i].name);
        json.field("personal", cs.personal);
        json.field("digital", cs.digital);
        json.field("unclassified", cs.unclassified);
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
    json.key("promises").begin_object();
    json.field("made", stats.promises);
    json.field("kept_on_time", stats.promises_on_time);
    json.field("kept_late", stats.promises_late);
    json.field("open", stats.promises_open);
    json.field("on_time_rate", ratio(stats.promises_on_time, stats.promises));
    json.end_object();
    json.end_object();
    return json.str();
}

// One tidy table: what is measured, for which month/client/channel, and its value.
std::string render_stats_csv(const Config& config, const Stats& stats) {
    // A folder of per-person logs adds a person column, and rows per person.
    bool by_person = !stats.people.empty();
    std::vector<Column> columns{{"metric"}, {"month"}, {"client"}, {"channel"}, {"value"}};
    if (by_person) columns.emplace_back("person");
    Table table(std::move(columns));
    auto add = [&](std::vector<Cell> row) {
        if (by_person && row.size() < 6) row.emplace_back("");
        table.add(std::move(row));
    };
    for (std::size_t m = 0; m < stats.months.size(); ++m)
        for (std::size_t k = 0; k < stats.per_channel.size(); ++k)
            add({"touches", month_name(stats.months[m]), "", config.channels[k].id,
                 std::to_string(stats.per_month[m][k])});
    for (std::size_t i = 0; i < stats.clients.size(); ++i) {
        add({"personal", "", config.clients[i].id, "", std::to_string(stats.clients[i].personal)});
        add({"digital", "", config.clients[i].id, "", std::to_string(stats.clients[i].digital)});
        if (stats.clients[i].unclassified > 0)
            add({"unclassified", "", config.clients[i].id, "",
                 std::to_string(stats.clients[i].unclassified)});
    }
    for (auto i : stats.digital_only)
        add({"digital_only_90d", "", config.clients[static_cast<std::size_t>(i)].id, "", "1"});
    for (auto& [kind, count] : stats.imported)
        add({fmt::format("imported_{}", import_name(kind)), "", "", "", std::to_string(count)});
    add({"cadences_kept_today", "", "", "",
         fmt::format("{:.3f}", ratio(stats.cadences_kept, stats.cadences))});
    add({"on_time_rate", "", "", "",
         fmt::format("{:.3f}", ratio(stats.intervals_on_time, stats.intervals))});
    add({"promises_made", "", "", "", std::to_string(stats.promises)});
    add({"promises_kept_on_time", "", "", "", std::to_string(stats.promises_on_time)});
    add({"promises_kept_late", "", "", "", std::to_string(stats.promises_late)});
    add({"promises_open", "", "", "", std::to_string(stats.promises_open)});
    for (const auto& p : stats.people) {
        add({"personal", "", "", "", std::to_string(p.personal), p.person});
        add({"digital", "", "", "", std::to_string(p.digital), p.person});
    }
    return table.csv();
}

std::string repeat(std::string_view piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i)
        out += piece;
    return out;
}

// On a terminal, the month table with a chart beside it: each month's
// personal touches as full blocks, then its digital ones as light shade
// (touches on a channel that does not say, as medium shade), in colour
// where colour is on; the header says which is which when it fits.
std::string month_chart(const std::vector<Column>& columns,
                        const std::vector<std::vector<Cell>>& rows, const Stats& stats,
                        const Style& style, int busiest, int longest) {
    Table numbers(columns);
    for (auto& row : rows)
        numbers.add(row);
    auto lines = numbers.lines(style);
    std::size_t wide = 0;
    for (std::size_t i = 0; i < lines.size(); ++i)
        wide = std::max(wide, display_width(lines[i]));
    auto cells = [&](int n) { return (n * longest + busiest - 1) / busiest; };
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string line(lines[i]);
        auto pad = std::string(wide - display_width(line) + 2, ' ');
        if (i == 0) {
            std::string legend = "█ personal ░ digital";
            bool fits = wide + 2 + display_width(legend) <= style.width;
            out += fits ? line + pad + paint(style, "32", "█") + " personal " +
                              paint(style, "33", "░") + " digital"
                        : line;
            out += '\n';
            continue;
        }
        auto m = i - 1;
        if (m >= stats.months.size()) {
            out += line + '\n';
            continue;
        }
        int personal = stats.personal_per_month[m], digital = stats.digital_per_month[m];
        int sum = 0;
        for (auto n : stats.per_month[m])
            sum += n;
        int all = cells(sum), p = std::min(cells(personal), all);
        int d = std::min(cells(personal + digital), all) - p;
        out += line + pad + paint(style, "32", repeat("█", p)) +
               paint(style, "33", repeat("░", d)) + repeat("▒", all - p - d);
        out += '\n';
    }
    return out;
}

// Touches per month and channel, with a bar per month.
std::string month_table(const Config& config, const Stats& stats, const Style& style) {
    std::vector<std::size_t> used; // channels with any touch, in config order
    for (std::size_t k = 0; k < stats.per_channel.size(); ++k)
        if (stats.per_channel[k] > 0) used.push_back(k);
    std::vector<Column> columns{{"month"}};
    std::vector<std::vector<Cell>> rows{{"MONTH"}};
    for (auto k : used) {
        columns.push_back({config.channels[k].id});
        rows[0].emplace_back(config.channels[k].id);
    }
    columns.push_back({"total"});
    rows[0].emplace_back("TOTAL");
    int busiest = 1;
    std::vector<int> sums;
    for (std::size_t m = 0; m < stats.months.size(); ++m) {
        std::vector<Cell> row{month_name(stats.months[m])};
        int sum = 0;
        for (auto k : used) {
            row.emplace_back(std::to_string(stats.per_month[m][k]));
            sum += stats.per_month[m][k];
        }
        row.emplace_back(std::to_string(sum));
        rows.push_back(std::move(row));
        sums.push_back(sum);
        busiest = std::max(busiest, sum);
    }
    // The bars are a scale, not a value: on a narrow terminal the scale shrinks.
    int longest = 30;
    if (style.width > 0) {
        Table numbers(columns);
        for (auto& row : rows)
            numbers.add(row);
        std::size_t used_width = 0;
        auto lines = numbers.lines(Style{});
        for (std::size_t i = 0; i < lines.size(); ++i)
            used_width = std::max(used_width, display_width(lines[i]) + 2);
        longest = std::clamp(static_cast<int>(style.width) - static_cast<int>(used_width), 5, 30);
    }
    if (style.width > 0) return month_chart(columns, rows, stats, style, busiest, longest);
    columns.push_back({"bar"});
    rows[0].emplace_back("");
    for (std::size_t m = 0; m < stats.months.size(); ++m)
        rows[m + 1].emplace_back(
            repeat(style.color ? "█" : "#", (sums[m] * longest + busiest - 1) / busiest));
    Table table(std::move(columns));
    for (auto& row : rows)
        table.add(std::move(row));
    return table.text(style);
}

// The custom channels with touches that do not say whether they are personal.
std::string unclassified_channels(const Config& config, const Stats& stats) {
    std::vector<std::string> names;
    for (std::size_t k = 0; k < stats.per_channel.size(); ++k)
        if (stats.per_channel[k] > 0 && !config.channels[k].classified)
            names.push_back(config.channels[k].id);
    return join_words(names, " and ");
}

std::string render_stats_text(const Config& config, const Stats& stats, const Style& style) {
    int total = stats.personal + stats.digital;
    std::string out;
    out += fit_to_width(
        fmt::format("{} touches from {} to {}: {} personal, {} digital ({} personal).\n",
                    total + stats.unclassified, format_date(stats.since), format_date(stats.until),
                    stats.personal, stats.digital, share(stats.personal, total)),
        style);
    if (stats.unclassified > 0)
        out += fit_to_width(
            fmt::format("{} of them on {}, which {} not say whether it is personal: set personal "
                        "= true or false in [channels].\n",
                        stats.unclassified, unclassified_channels(config, stats),
                        unclassified_channels(config, stats).find(" and ") == std::string::npos
                            ? "does"
                            : "do"),
            style);
    if (!stats.imported.empty()) out += fit_to_width(imported_sentence(stats), style);
    out += '\n' + month_table(config, stats, style);

    out += '\n' + paint(style, "1", "Personal share by client") + '\n';
    Table clients({{"client"}, {"name", Fit::shorten}, {"share"}, {"of"}});
    for (std::size_t i = 0; i < stats.clients.size(); ++i) {
        const auto& cs = stats.clients[i];
        int n = cs.personal + cs.digital;
        clients.add({config.clients[i].id, escape_control(config.clients[i].name),
                     share(cs.personal, n), fmt::format("{} of {}", cs.personal, n)});
    }
    out += clients.text(style, "  ");

    if (!stats.people.empty()) {
        out += '\n' + paint(style, "1", "Touches by person") + '\n';
        Table people({{"person"}, {"touches"}, {"share"}, {"of"}});
        for (const auto& p : stats.people) {
            int n = p.personal + p.digital;
            people.add({escape_control(p.person), std::to_string(n), share(p.personal, n),
                        fmt::format("{} of {} personal", p.personal, n)});
        }
        out += people.text(style, "  ");
    }

    out += '\n' + paint(style, "1", "Reached only digitally in the last 90 days") + '\n';
    if (stats.digital_only.empty()) out += "  nobody\n";
    for (auto i : stats.digital_only) {
        const auto& c = config.clients[static_cast<std::size_t>(i)];
        auto name = escape_control(c.name);
        auto used = c.id.size() + 4;
        if (style.width > 0)
            name = shorten_to_width(
                name, std::max<std::size_t>(style.width > used ? style.width - used : 0, 10));
        out += fit_to_width(fmt::format("  {}  {}\n", c.id, name), style);
    }
    out += '\n' + paint(style, "1", "Cadence adherence") + '\n';
    out += fmt::format("  within cadence today: {} of {} ({})\n", stats.cadences_kept,
                       stats.cadences, share(stats.cadences_kept, stats.cadences));
    out += fmt::format("  gaps on time in the period: {} of {} ({})\n", stats.intervals_on_time,
                       stats.intervals, share(stats.intervals_on_time, stats.intervals));
    if (stats.promises > 0) {
        out += '\n' + paint(style, "1", "Promises made in the period") + '\n';
        out += fmt::format("  kept on time: {} of {} ({})\n", stats.promises_on_time,
                           stats.promises, share(stats.promises_on_time, stats.promises));
        out += fmt::format("  kept late: {}\n  not kept yet: {}\n", stats.promises_late,
                           stats.promises_open);
    }
    return out;
}

} // namespace

std::string render_stats(const Config& config, const Stats& stats, Format format,
                         const Style& style) {
    switch (format) {
    case Format::json:
        return render_stats_json(config, stats);
    case Format::csv:
        return render_stats_csv(config, stats);
    case Format::text:
    case Format::ics:
        break;
    }
    return render_stats_text(config, stats, style);
}

} // namespace touch
