// touch clients: every client with tier, preferences, last touch, next due, status.
#include "shared.hpp"

#include "touch/interval.hpp"
#include "touch/text.hpp"

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
std::string when_and_channel(const std::optional<Date>& d, const std::optional<std::string>& ch) {
    return d ? format_date(*d) + " " + ch.value_or("") : std::string("-");
}

} // namespace

std::string render_clients(const Config& config, const std::vector<ClientSummary>& clients,
                           Date today, Format format, const Style& style) {
    if (format == Format::json) return render_clients_json(config, clients, today);
    // CSV has last and next as date and channel apart; text as "date channel".
    Table table({{"client"},
                 {"name", Fit::shorten},
                 {"tier", Fit::fixed, Shown::both, "-"},
                 {"prefers", Fit::shorten, Shown::both, "-"},
                 {"last", Fit::fixed, Shown::csv},
                 {"last_channel", Fit::fixed, Shown::csv},
                 {"next_due", Fit::fixed, Shown::csv},
                 {"next_channel", Fit::fixed, Shown::csv},
                 {"last", Fit::fixed, Shown::text},
                 {"next", Fit::fixed, Shown::text},
                 {"status"}});
    for (auto& s : clients) {
        const auto& c = config.clients[static_cast<std::size_t>(s.client)];
        auto last_channel = channel_of(config, s.last_channel);
        auto next_due = map_optional(s.next, [](const Obligation& ob) { return ob.due; });
        auto next_channel = map_optional(
            s.next, [&](const Obligation& ob) { return config.channel_name(ob.channel); });
        table.add({c.id, escape_control(c.name), report::tier_name(config, c).value_or(""),
                   report::channel_list(config, c.prefers), s.last ? format_date(*s.last) : "",
                   last_channel.value_or(""), next_due ? format_date(*next_due) : "",
                   next_channel.value_or(""), when_and_channel(s.last, last_channel),
                   when_and_channel(next_due, next_channel), status_name(s.status)});
    }
    if (format == Format::csv) return table.csv();
    if (clients.empty()) return "No clients.\n";
    auto lines = table.lines(style, "", true);
    std::string out = paint(style, "1", lines.front()) + '\n';
    for (std::size_t i = 1; i < lines.size(); ++i)
        out += lines[i] + '\n';
    return out;
}

} // namespace touch
