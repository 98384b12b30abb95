// What every report says about an obligation and a suggestion: why it is owed,
// when, how to reach the client, and its JSON and CSV forms.
#include "shared.hpp"

#include "touch/interval.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

std::string contact_for(const Config& config, const Client& client, ChannelId channel) {
    if (channel < 0) return {};
    switch (config.channels[static_cast<std::size_t>(channel)].contact) {
    case Contact::phone:
        return client.phone;
    case Contact::email:
        return client.email;
    case Contact::address:
        return client.address;
    case Contact::none:
        break;
    }
    return {};
}

const char* kind_name(ObligationKind kind) {
    switch (kind) {
    case ObligationKind::rule:
        return "rule";
    case ObligationKind::birthday:
        return "birthday";
    case ObligationKind::promise:
        return "promise";
    case ObligationKind::cadence:
        break;
    }
    return "cadence";
}

namespace {

std::string last_touch(const Config& config, const Obligation& ob) {
    if (!ob.last) return "never yet";
    if (ob.last_is_since) return "since " + format_date(*ob.last);
    auto channel = ob.last_channel ? config.channel_name(*ob.last_channel) : std::string("touch");
    return fmt::format("last {} {}", channel, format_date(*ob.last));
}

} // namespace

std::string describe(const Config& config, const Obligation& ob) {
    std::string text;
    switch (ob.kind) {
    case ObligationKind::rule: {
        const auto& rule = config.rules[static_cast<std::size_t>(ob.rule)];
        text = fmt::format("{} after {} {}", rule.reason,
                           config.channel_name(ob.last_channel.value_or(rule.after)),
                           format_date(*ob.last));
        break;
    }
    case ObligationKind::birthday: {
        date::year_month_day ymd{*ob.deadline};
        text = fmt::format("birthday {:02}-{:02}", static_cast<unsigned>(ymd.month()),
                           static_cast<unsigned>(ymd.day()));
        if (ob.turns) text += fmt::format(", turns {}", *ob.turns);
        break;
    }
    case ObligationKind::promise:
        text = fmt::format("promised {}{}", format_date(*ob.last),
                           ob.promised.empty() ? "" : ": " + ob.promised);
        break;
    case ObligationKind::cadence:
        text =
            fmt::format("{} every {}, {}",
                        ob.cadence_channel == any_channel ? std::string("contact")
                                                          : config.channel_name(ob.cadence_channel),
                        format_interval(ob.every), last_touch(config, ob));
        break;
    }
    if (ob.snoozed) text += ", snoozed to " + format_date(ob.due);
    return escape_control(text);
}

std::string describe_origin(const Obligation& ob) {
    if (ob.kind != ObligationKind::cadence) return {};
    if (ob.owed_from_log_start) return "owed since the log began " + format_date(ob.natural_due);
    if (ob.last_is_since) return "counted from since, the day the relationship began";
    return {};
}

std::string describe_when(const Obligation& ob, Date today) {
    auto days = [](Days d) { return static_cast<long>(d.count()); };
    switch (ob.kind) {
    case ObligationKind::rule:
    case ObligationKind::promise:
        if (*ob.deadline >= today) return "by " + format_date(*ob.deadline);
        return fmt::format("{}d late", days(today - *ob.deadline));
    case ObligationKind::birthday:
        if (*ob.deadline == today) return "birthday today";
        if (*ob.deadline > today) return fmt::format("birthday in {}d", days(*ob.deadline - today));
        return "birthday " + format_date(*ob.deadline);
    case ObligationKind::cadence:
        break;
    }
    if (ob.due >= today) return ob.due == today ? "due today" : "due " + format_date(ob.due);
    return fmt::format("{}d overdue", days(today - ob.due));
}

const char* when_color(const Obligation& ob, Date today) {
    constexpr const char* red = "31";
    constexpr const char* yellow = "33";
    switch (ob.kind) {
    case ObligationKind::rule:
    case ObligationKind::promise:
        return *ob.deadline < today ? red : yellow;
    case ObligationKind::birthday:
        return yellow;
    case ObligationKind::cadence:
        break;
    }
    return ob.due < today ? red : yellow;
}

void write_obligation(JsonWriter& json, const Config& config, const Obligation& ob, Date today) {
    auto channel_name = [&](ChannelId ch) { return config.channel_name(ch); };
    json.field("kind", kind_name(ob.kind));
    json.field("channel", config.channel_name(ob.channel));
    json.field("cadence_channel", ob.kind == ObligationKind::cadence
                                      ? std::optional(config.channel_name(ob.cadence_channel))
                                      : std::nullopt);
    json.field("interval", format_interval(ob.every));
    json.field("due", ob.due);
    json.field("overdue_days", static_cast<long long>((today - ob.due).count()));
    json.field("urgency", ob.urgency(today));
    json.field("deadline", ob.deadline);
    json.field("last", ob.last);
    json.field("last_channel", map_optional(ob.last_channel, channel_name));
    json.field("last_is_since", ob.last_is_since);
    json.field("snoozed", ob.snoozed);
    json.field("rule", ob.rule >= 0
                           ? std::optional(config.rules[static_cast<std::size_t>(ob.rule)].reason)
                           : std::nullopt);
    json.field("reason", describe(config, ob));
}

void write_suggestion(JsonWriter& json, const Config& config, const Suggestion& s, Date today) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    json.begin_object();
    json.field("client", c.id);
    json.field("name", c.name);
    json.field("channel", config.channel_name(s.channel()));
    json.field("label", config.channels[static_cast<std::size_t>(s.channel())].label);
    json.field("when", describe_when(s.most_overdue(), today));
    json.field("urgency", s.urgency);
    json.field("overdue_days", s.overdue);
    json.field("time_bound", s.time_bound);
    json.field("contact", contact_for(config, c, s.channel()));
    json.field("phone", c.phone);
    json.field("email", c.email);
    json.field("address", c.address);
    json.field("city", c.city);
    json.key("reasons").begin_array();
    auto one = [&](const Obligation& ob) {
        json.begin_object();
        write_obligation(json, config, ob, today);
        json.end_object();
    };
    one(s.primary);
    for (auto& ob : s.also)
        one(ob);
    json.end_array();
    json.end_object();
}

std::vector<Column> suggestion_columns() {
    return {{"client"},       {"name"},         {"channel"}, {"kind"},     {"when"},
            {"due"},          {"overdue_days"}, {"urgency"}, {"deadline"}, {"last"},
            {"last_channel"}, {"reason"},       {"contact"}};
}

std::vector<Cell> suggestion_cells(const Config& config, const Suggestion& s, Date today) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    const auto& ob = s.primary;
    return {c.id,
            escape_control(c.name),
            config.channel_name(s.channel()),
            kind_name(ob.kind),
            describe_when(s.most_overdue(), today),
            format_date(s.most_overdue().due),
            std::to_string(s.overdue),
            fmt::format("{:.3f}", s.urgency),
            ob.deadline ? format_date(*ob.deadline) : "",
            ob.last ? format_date(*ob.last) : "",
            ob.last_channel ? config.channel_name(*ob.last_channel) : "",
            report::describe_row(config, s),
            escape_control(contact_for(config, c, s.channel()))};
}

namespace report {

std::string weekday_name(Date d) {
    return weekday_short(weekday_index(d));
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

std::optional<std::string> tier_name(const Config& config, const Client& c) {
    return map_optional(c.tier,
                        [&](auto t) { return config.tiers[static_cast<std::size_t>(t)].name; });
}

std::vector<std::string> channel_names(const Config& config, const std::vector<ChannelId>& ids) {
    std::vector<std::string> names;
    for (auto ch : ids)
        names.push_back(config.channel_name(ch));
    return names;
}

std::string channel_list(const Config& config, const std::vector<ChannelId>& channels) {
    return join_words(channel_names(config, channels), ", ");
}

std::string describe_row(const Config& config, const Suggestion& s) {
    auto text = describe(config, s.primary);
    std::vector<std::string> counts_as;
    for (auto& ob : s.also) {
        if (ob.channel != s.channel()) {
            auto name = config.channel_name(ob.channel);
            // The row's "when" speaks of this one: say why.
            if (&ob == &s.most_overdue()) name += " (" + describe(config, ob) + ")";
            if (std::find(counts_as.begin(), counts_as.end(), name) == counts_as.end())
                counts_as.push_back(name);
        } else {
            text += "; " + describe(config, ob);
        }
    }
    if (!counts_as.empty()) text += "; also counts as " + join_words(counts_as, " and ");
    return text;
}

std::optional<std::string> time_of(const HistoryLine& l) {
    if (l.minute < 0) return std::nullopt;
    return format_time(l.minute);
}

void write_profile(JsonWriter& json, const Config& config, const Client& c) {
    json.field("client", c.id);
    json.field("name", c.name);
    json.field("tier", tier_name(config, c));
    json.field("prefers", channel_names(config, c.prefers));
    json.field("avoid", channel_names(config, c.avoid));
    json.field("tags", c.tags);
    json.field("city", c.city);
}

} // namespace report

} // namespace touch
