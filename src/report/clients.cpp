// touch clients: every client with tier, preferences, last touch, next due, status.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

namespace touch {

namespace {

std::optional<std::string> channel_of(const Config& config, const std::optional<ChannelId>& ch) {
    return map_optional(ch, [&](ChannelId id) { return config.channel_name(id); });
}

std::string render_clients_json(const Config& config, const std::vector<ClientSummary>& clients,
                                Date today) {
    JsonWriter json;
    json.begin_object();
    json.field("today", today);
    json.key("clients").begin_array();
    for (auto& s : clients) {
        const auto& c = config.clients[static_cast<std::size_t>(s.client)];
        json.begin_object();
        report::write_profile(json, config, c);
        json.field("last", s.last);
        json.field("last_channel", channel_of(config, s.last_channel));
        json.field("next_due", map_optional(s.next, [](const Obligation& ob) { return ob.due; }));
        json.field("next_channel", map_optional(s.next, [&](const Obligation& ob) {
                       return config.channel_name(ob.channel);
                   }));
        json.field("status", status_name(s.status));
        json.end_object();
    }
    json.end_array().end_object();
    return json.str();
}

// Text: last and next as "date channel", empty cells as "-".
void append_when_and_channel(std::string& out, const std::optional<Date>& d,
                             std::string_view channel) {
    if (!d) {
        out += '-';
        return;
    }
    append_date(out, *d);
    out += ' ';
    out += channel;
}

} // namespace

std::string render_clients(const Config& config, const std::vector<ClientSummary>& clients,
                           Date today, Format format, const Style& style) {
    if (format == Format::json) return render_clients_json(config, clients, today);
    // CSV has last and next as date and channel apart; text as "date channel".
    // With [people], who looks after each client, after its preferences.
    bool team = !config.people.empty();
    std::vector<Column> columns{{"client"},
                                {"name", Fit::shorten},
                                {"tier", Fit::fixed, Shown::both, "-"},
                                {"prefers", Fit::shorten, Shown::both, "-"},
                                {"last", Fit::fixed, Shown::csv},
                                {"last_channel", Fit::fixed, Shown::csv},
                                {"next_due", Fit::fixed, Shown::csv},
                                {"next_channel", Fit::fixed, Shown::csv},
                                {"last", Fit::fixed, Shown::text},
                                {"next", Fit::fixed, Shown::text},
                                {"status"}};
    if (team) columns.insert(columns.begin() + 4, Column{"team", Fit::shorten, Shown::both, "-"});
    Table table(std::move(columns));
    table.reserve(clients.size());
    auto date_cell = [&](const std::optional<Date>& d) {
        if (d) append_date(table.next_cell(), *d);
        table.end_cell();
    };
    for (auto& s : clients) {
        const auto& c = config.clients[static_cast<std::size_t>(s.client)];
        std::string_view last_channel, next_channel;
        if (s.last_channel) last_channel = config.channel_name(*s.last_channel);
        std::optional<Date> next_due;
        if (s.next) {
            next_due = s.next->due;
            next_channel = config.channel_name(s.next->channel);
        }
        table.cell(c.id);
        append_escaped(table.next_cell(), c.name);
        table.end_cell();
        table.cell(report::tier_name(config, c).value_or(""));
        report::append_channel_list(table.next_cell(), config, c.prefers);
        table.end_cell();
        if (team) {
            for (std::size_t i = 0; i < c.team.size(); ++i)
                table.next_cell() +=
                    (i == 0 ? "" : ",") + config.people[static_cast<std::size_t>(c.team[i])].id;
            table.end_cell();
        }
        date_cell(s.last);
        table.cell(last_channel);
        date_cell(next_due);
        table.cell(next_channel);
        append_when_and_channel(table.next_cell(), s.last, last_channel);
        table.end_cell();
        append_when_and_channel(table.next_cell(), next_due, next_channel);
        table.end_cell();
        table.cell(status_name(s.status));
    }
    if (format == Format::csv) return table.csv();
    if (clients.empty()) return "No clients.\n";
    auto lines = table.lines(style, "", true);
    std::string out = paint(style, "1", lines[0]) + '\n';
    out += lines.lines(1, lines.size());
    return out;
}

} // namespace touch
