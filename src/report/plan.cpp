// touch plan: the coming workdays, within each channel's capacity.
#include "shared.hpp"

#include "touch/interval.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

namespace touch {

namespace {

std::string render_plan_json(const Config& config, const std::vector<PlannedDay>& days,
                             Date today) {
    JsonWriter json;
    json.begin_object();
    json.field("today", today);
    json.key("days").begin_array();
    for (auto& day : days) {
        json.begin_object();
        json.field("date", day.date);
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

std::string render_plan_csv(const Config& config, const std::vector<PlannedDay>& days) {
    auto columns = suggestion_columns();
    columns.insert(columns.begin(), Column{"date"});
    Table table(std::move(columns));
    for (auto& day : days)
        for (auto& s : day.items) {
            auto cells = suggestion_cells(config, s, day.date);
            cells.insert(cells.begin(), Cell(format_date(day.date)));
            table.add(std::move(cells));
        }
    return table.csv();
}

std::string render_plan_text(const Config& config, const std::vector<PlannedDay>& days,
                             const Style& style) {
    if (days.empty()) return "No workdays in the period.\n";
    std::size_t total = 0;
    for (auto& day : days)
        total += day.items.size();
    std::string out = fit_to_width(
        fmt::format("Plan from {} to {}: {} touch{} on {} workday{}.\n",
                    format_date(days.front().date), format_date(days.back().date), total,
                    total == 1 ? "" : "es", days.size(), days.size() == 1 ? "" : "s"),
        style);
    // One table for all days, so columns line up from day to day.
    Table table({{"channel"},
                 {"client"},
                 {"name", Fit::shorten},
                 {"when"},
                 {"contact", Fit::whole},
                 {"reason", Fit::shorten}});
    std::vector<std::size_t> starts;
    for (auto& day : days) {
        starts.push_back(table.size());
        for (auto& s : day.items) {
            const auto& c = config.clients[static_cast<std::size_t>(s.client())];
            // Everything the touch settles: its "when" may come from any of it.
            auto reason = describe(config, s.primary);
            for (auto& also : s.also)
                reason += "; " + describe(config, also);
            table.add({config.channels[static_cast<std::size_t>(s.channel())].label, c.id,
                       escape_control(c.name), describe_when(s.most_overdue(), day.date),
                       report::or_dash(escape_control(contact_for(config, c, s.channel()))),
                       reason});
        }
    }
    auto lines = table.lines(style, "  ");
    for (std::size_t d = 0; d < days.size(); ++d) {
        out += '\n';
        out += paint(
            style, "1",
            fmt::format("{} {}", report::weekday_name(days[d].date), format_date(days[d].date)));
        out += '\n';
        auto end = d + 1 < days.size() ? starts[d + 1] : lines.size();
        if (starts[d] == end) out += "  (nothing planned)\n";
        for (auto i = starts[d]; i < end; ++i)
            out += lines[i] + '\n';
    }
    return out;
}

} // namespace

std::string render_plan(const Config& config, const std::vector<PlannedDay>& days, Date today,
                        Format format, const Style& style) {
    switch (format) {
    case Format::ics:
        return report::render_plan_ics(config, days, today);
    case Format::json:
        return render_plan_json(config, days, today);
    case Format::csv:
        return render_plan_csv(config, days);
    case Format::text:
        break;
    }
    return render_plan_text(config, days, style);
}

} // namespace touch
