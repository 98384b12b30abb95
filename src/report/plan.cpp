// touch plan: the coming workdays, within each channel's capacity.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

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
            append_date(table.next_cell(), day.date);
            table.end_cell();
            add_suggestion_cells(table, config, s, day.date);
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
                 {"contact", Fit::whole, Shown::both, "-"},
                 {"reason", Fit::shorten}});
    table.reserve(total);
    std::vector<std::size_t> starts;
    std::vector<std::pair<const PlannedDay*, const Suggestion*>> rows; // in table order
    rows.reserve(total);
    for (auto& day : days) {
        starts.push_back(rows.size());
        for (auto& s : day.items)
            rows.emplace_back(&day, &s);
    }
    fill_rows(table, rows.size(), [&](Table& into, std::size_t row) {
        const auto& [day, s] = rows[row];
        const auto& c = config.clients[static_cast<std::size_t>(s->client())];
        into.cell(config.channels[static_cast<std::size_t>(s->channel())].label);
        into.cell(c.id);
        append_escaped(into.next_cell(), c.name);
        into.end_cell();
        append_when(into.next_cell(), s->most_overdue(), day->date);
        into.end_cell();
        append_escaped(into.next_cell(), contact_for(config, c, s->channel()));
        into.end_cell();
        report::append_settled_reasons(into.next_cell(), config, *s);
        into.end_cell_shorter(report::shorter_row_reasons(config, *s));
    });
    auto lines = table.lines(style, "  ");
    out.reserve(out.size() + lines.str().size() + days.size() * 40);
    for (std::size_t d = 0; d < days.size(); ++d) {
        out += '\n';
        out += paint(
            style, "1",
            fmt::format("{} {}", report::weekday_name(days[d].date), format_date(days[d].date)));
        out += '\n';
        auto end = d + 1 < days.size() ? starts[d + 1] : lines.size();
        if (starts[d] == end) out += "  (nothing planned)\n";
        out += lines.lines(starts[d], end);
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
