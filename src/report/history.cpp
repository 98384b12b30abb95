// touch history: log lines, newest first.
#include "shared.hpp"

#include "touch/interval.hpp"
#include "touch/text.hpp"

namespace touch {

namespace {

std::string render_history_json(const Config& config, const std::vector<HistoryLine>& lines,
                                bool by_person) {
    JsonWriter json;
    json.begin_object().key("entries").begin_array();
    for (auto& l : lines) {
        const auto* client = report::find_client(config, l.client);
        json.begin_object();
        json.field("date", l.date);
        json.field("time", report::time_of(l));
        if (by_person) json.field("person", l.person);
        json.field("client", l.client);
        json.field("name", client ? client->name : l.client);
        json.field("known_client", client != nullptr);
        json.field("channel", l.channel);
        json.field("note", l.note);
        json.end_object();
    }
    json.end_array().end_object();
    return json.str();
}

} // namespace

std::string render_history(const Config& config, const std::vector<HistoryLine>& lines,
                           Format format, const Style& style, bool by_person) {
    if (format == Format::json) return render_history_json(config, lines, by_person);
    std::vector<Column> columns{{"date"},    {"time"},
                                {"client"},  {"name", Fit::fixed, Shown::csv},
                                {"channel"}, {"note", Fit::shorten}};
    // Who made each touch, in a folder of per-person logs.
    if (by_person) columns.insert(columns.begin() + 2, Column{"person"});
    Table table(std::move(columns));
    for (auto& l : lines) {
        const auto* client = report::find_client(config, l.client);
        std::vector<Cell> row{format_date(l.date),
                              report::time_of(l).value_or(""),
                              l.client,
                              escape_control(client ? client->name : l.client),
                              escape_control(l.channel),
                              escape_control(l.note)};
        if (by_person) row.insert(row.begin() + 2, Cell(escape_control(l.person)));
        table.add(std::move(row));
    }
    if (format == Format::csv) return table.csv();
    if (lines.empty()) return "No log entries match.\n";
    return table.text(style);
}

} // namespace touch
