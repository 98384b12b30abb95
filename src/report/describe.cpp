// What every report says about an obligation and a suggestion: why it is owed,
// when, how to reach the client, and its JSON and CSV forms.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

using namespace std::string_view_literals;

std::string_view contact_for(const Config& config, const Client& client, ChannelId channel) {
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

// The people of a RecentTouch::by, in the order of [people].
std::vector<std::string> makers(const Config& config, std::uint64_t made_by) {
    std::vector<std::string> names;
    for (std::size_t p = 0; p < config.people.size() && p < 64; ++p)
        if (made_by & (std::uint64_t{1} << p)) names.push_back(config.people[p].id);
    return names;
}

void append_number(std::string& out, long n) {
    auto digits = fmt::format_int(n);
    out.append(digits.data(), digits.size());
}

void append_last_touch(std::string& out, const Config& config, const Obligation& ob) {
    if (!ob.last) {
        out += "never yet"sv;
        return;
    }
    if (ob.last_is_since) {
        out += "since "sv;
    } else {
        out += "last "sv;
        out += ob.last_channel ? std::string_view(config.channel_name(*ob.last_channel))
                               : std::string_view("touch");
        out += ' ';
    }
    append_date(out, *ob.last);
}

} // namespace

// Who made a touch (RecentTouch::by): " by lena", " by lena and ole".
void append_makers(std::string& out, const Config& config, std::uint64_t made_by) {
    auto names = makers(config, made_by);
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += i == 0 ? " by "sv : i + 1 == names.size() ? " and "sv : ", "sv;
        append_escaped(out, names[i]);
    }
}

void append_description(std::string& out, const Config& config, const Obligation& ob) {
    auto start = out.size();
    switch (ob.kind) {
    case ObligationKind::rule: {
        const auto& rule = config.rules[static_cast<std::size_t>(ob.rule)];
        out += rule.reason;
        out += " after "sv;
        out += config.channel_name(ob.last_channel.value_or(rule.after));
        out += ' ';
        append_date(out, *ob.last);
        if (ob.say_who) append_makers(out, config, ob.made_by);
        break;
    }
    case ObligationKind::birthday: {
        date::year_month_day ymd{*ob.deadline};
        fmt::format_to(std::back_inserter(out), "birthday {:02}-{:02}",
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        if (ob.turns) {
            out += ", turns "sv;
            append_number(out, *ob.turns);
        }
        break;
    }
    case ObligationKind::promise:
        out += "promised "sv;
        append_date(out, *ob.last);
        if (!ob.promised.empty()) {
            out += ": "sv;
            out += ob.promised;
        }
        break;
    case ObligationKind::cadence:
        out += ob.cadence_channel == any_channel
                   ? std::string_view("contact")
                   : std::string_view(config.channel_name(ob.cadence_channel));
        out += " every "sv;
        append_interval(out, ob.every);
        out += ", "sv;
        append_last_touch(out, config, ob);
        break;
    }
    if (ob.snoozed) {
        out += ", snoozed to "sv;
        append_date(out, ob.due);
    }
    escape_from(out, start);
}

std::string describe(const Config& config, const Obligation& ob) {
    std::string text;
    append_description(text, config, ob);
    return text;
}

std::string describe_origin(const Obligation& ob) {
    if (ob.kind != ObligationKind::cadence) return {};
    if (ob.owed_from_record_start)
        return "owed since its first line " + format_date(ob.natural_due);
    if (ob.new_contact) return "nothing logged yet and no since: due until the first touch";
    if (ob.last_is_since) return "counted from since, the day the relationship began";
    return {};
}

void append_when(std::string& out, const Obligation& ob, Date today) {
    auto days = [&](Days d, std::string_view unit) {
        append_number(out, static_cast<long>(d.count()));
        out += unit;
    };
    switch (ob.kind) {
    case ObligationKind::rule:
    case ObligationKind::promise:
        if (*ob.deadline >= today) {
            out += "by "sv;
            append_date(out, *ob.deadline);
        } else {
            days(today - *ob.deadline, "d late");
        }
        return;
    case ObligationKind::birthday:
        if (*ob.deadline == today) {
            out += "birthday today"sv;
        } else if (*ob.deadline > today) {
            out += "birthday in "sv;
            days(*ob.deadline - today, "d");
        } else {
            out += "birthday "sv;
            append_date(out, *ob.deadline);
        }
        return;
    case ObligationKind::cadence:
        break;
    }
    // A snooze hides a suggestion until its day; shown again, it says how
    // late it truly is.
    auto late = ob.days_late(today);
    if (ob.due > today) {
        out += "due "sv;
        append_date(out, ob.due);
    } else if (late == 0) {
        out += "due today"sv;
    } else {
        days(Days{late}, "d overdue");
    }
}

int days_late(const Suggestion& s, Date today) {
    auto late = s.primary.days_late(today);
    for (auto& ob : s.also)
        late = std::max(late, ob.days_late(today));
    return late;
}

std::string describe_when(const Obligation& ob, Date today) {
    std::string text;
    append_when(text, ob, today);
    return text;
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
    return ob.days_late(today) > 0 ? red : yellow;
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
    json.field("overdue_days", static_cast<long long>(ob.days_late(today)));
    json.field("urgency", ob.urgency(today));
    json.field("deadline", ob.deadline);
    json.field("last", ob.last);
    json.field("last_channel", map_optional(ob.last_channel, channel_name));
    json.field("last_is_since", ob.last_is_since);
    json.field("snoozed", ob.snoozed);
    json.field("rule", ob.rule >= 0
                           ? std::optional(config.rules[static_cast<std::size_t>(ob.rule)].reason)
                           : std::nullopt);
    if (ob.made_by != 0) json.field("made_by", makers(config, ob.made_by)); // a team's follow-up
    json.field("reason", describe(config, ob));
}

void write_suggestion(JsonWriter& json, const Config& config, const Suggestion& s, Date today,
                      const std::string* context) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    json.begin_object();
    json.field("client", c.id);
    json.field("name", c.name);
    json.field("channel", config.channel_name(s.channel()));
    json.field("label", config.channels[static_cast<std::size_t>(s.channel())].label);
    json.field("when", describe_when(s.most_overdue(), today));
    json.field("urgency", s.urgency);
    json.field("overdue_days", days_late(s, today));
    json.field("time_bound", s.time_bound);
    if (s.primary.cover_for >= 0) { // only on a row of cover
        json.field("covering_for", config.people[static_cast<std::size_t>(s.primary.cover_for)].id);
        json.field("covering_until", s.primary.cover_until);
    }
    json.field("contact", contact_for(config, c, s.channel()));
    json.field("phone", c.phone);
    json.field("email", c.email);
    json.field("address", c.address);
    json.field("city", c.city);
    if (context) json.field("context", *context);
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

void add_suggestion_cells(Table& table, const Config& config, const Suggestion& s, Date today) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    const auto& ob = s.primary;
    auto in_place = [&](auto write) {
        write(table.next_cell());
        table.end_cell();
    };
    auto date_or_empty = [&](const std::optional<Date>& d) {
        in_place([&](std::string& out) {
            if (d) append_date(out, *d);
        });
    };
    table.cell(c.id);
    in_place([&](std::string& out) { append_escaped(out, c.name); });
    table.cell(config.channel_name(s.channel()));
    table.cell(kind_name(ob.kind));
    in_place([&](std::string& out) { append_when(out, s.most_overdue(), today); });
    date_or_empty(s.most_overdue().due);
    in_place([&](std::string& out) { append_number(out, days_late(s, today)); });
    in_place([&](std::string& out) { append_fixed(out, s.urgency, 3); });
    date_or_empty(ob.deadline);
    date_or_empty(ob.last);
    table.cell(ob.last_channel ? std::string_view(config.channel_name(*ob.last_channel)) : "");
    in_place([&](std::string& out) { report::append_row_reasons(out, config, s); });
    in_place([&](std::string& out) { append_escaped(out, contact_for(config, c, s.channel())); });
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
    // A log line may name a client by an alias (SPEC §3).
    for (auto& c : config.clients)
        for (auto& alias : c.aliases)
            if (equals_ci(alias, id)) return &c;
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
    std::string list;
    append_channel_list(list, config, channels);
    return list;
}

void append_channel_list(std::string& out, const Config& config,
                         const std::vector<ChannelId>& channels) {
    for (std::size_t i = 0; i < channels.size(); ++i) {
        if (i > 0) out += ", ";
        out += config.channel_name(channels[i]);
    }
}

void append_cover(std::string& out, const Config& config, const Obligation& ob) {
    if (ob.cover_for < 0) return;
    out += "covering for "sv;
    append_escaped(out, config.people[static_cast<std::size_t>(ob.cover_for)].id);
    out += ", away until "sv;
    append_date(out, ob.cover_until);
    out += "; "sv;
}

void append_row_reasons(std::string& out, const Config& config, const Suggestion& s) {
    append_cover(out, config, s.primary);
    append_description(out, config, s.primary);
    // The row's "when" speaks of one of them: its name says why, so it
    // never reads as the bare name of another (channel ids have no spaces).
    const auto* first = &s.most_overdue();
    auto same_name = [&](const Obligation& a, const Obligation& b) {
        return &a != first && &b != first &&
               config.channel_name(a.channel) == config.channel_name(b.channel);
    };
    std::vector<const Obligation*> counts_as; // other channels, each name once
    for (auto& ob : s.also) {
        if (ob.channel != s.channel()) {
            if (std::none_of(counts_as.begin(), counts_as.end(),
                             [&](const Obligation* o) { return same_name(*o, ob); }))
                counts_as.push_back(&ob);
        } else {
            out += "; "sv;
            append_description(out, config, ob);
        }
    }
    for (std::size_t i = 0; i < counts_as.size(); ++i) {
        out += i == 0 ? "; also counts as "sv : i + 1 == counts_as.size() ? " and "sv : ", "sv;
        out += config.channel_name(counts_as[i]->channel);
        if (counts_as[i] == first) {
            out += " ("sv;
            append_description(out, config, *first);
            out += ')';
        }
    }
}

std::vector<std::string> shorter_row_reasons(const Config& config, const Suggestion& s) {
    std::vector<const Obligation*> bound;
    auto consider = [&](const Obligation& ob) {
        if (ob.kind != ObligationKind::cadence) bound.push_back(&ob);
    };
    consider(s.primary);
    for (auto& ob : s.also)
        consider(ob);
    if (bound.size() < 2) return {};
    std::string whole, heads, names;
    for (const auto* ob : bound) {
        auto sep = whole.empty() ? ""sv : "; "sv;
        whole += sep;
        heads += sep;
        names += sep;
        append_description(whole, config, *ob);
        switch (ob->kind) {
        case ObligationKind::rule: {
            auto reason = escape_control(config.rules[static_cast<std::size_t>(ob->rule)].reason);
            heads += reason;
            names += reason;
            break;
        }
        case ObligationKind::birthday: {
            date::year_month_day ymd{*ob->deadline};
            heads += fmt::format("birthday {:02}-{:02}", static_cast<unsigned>(ymd.month()),
                                 static_cast<unsigned>(ymd.day()));
            names += "birthday"sv;
            break;
        }
        case ObligationKind::promise:
            heads += "promised "sv;
            append_date(heads, *ob->deadline);
            names += "promise"sv;
            break;
        case ObligationKind::cadence:
            break;
        }
    }
    return {whole, heads, names};
}

void append_settled_reasons(std::string& out, const Config& config, const Suggestion& s) {
    append_cover(out, config, s.primary);
    append_description(out, config, s.primary);
    for (auto& also : s.also) {
        out += "; "sv;
        append_description(out, config, also);
    }
}

std::optional<std::string> time_of(const LogLine& l) {
    if (l.minute < 0) return std::nullopt;
    return format_time(l.minute);
}

std::vector<std::string> team_ids(const Config& config, const Client& c) {
    std::vector<std::string> ids;
    for (auto person : c.team)
        ids.push_back(config.people[static_cast<std::size_t>(person)].id);
    return ids;
}

void write_profile(JsonWriter& json, const Config& config, const Client& c) {
    json.field("client", c.id);
    json.field("name", c.name);
    json.field("tier", tier_name(config, c));
    json.field("prefers", channel_names(config, c.prefers));
    json.field("avoid", channel_names(config, c.avoid));
    json.field("tags", c.tags);
    json.field("city", c.city);
    // Who looks after the client, only where the clients file has a team.
    if (!config.people.empty()) json.field("team", team_ids(config, c));
}

} // namespace report

std::string render_next_steps(const Config& config, const std::vector<NextStep>& steps) {
    std::vector<std::string> parts;
    for (const auto& step : steps) {
        const auto& ob = step.obligation;
        bool rule = ob.kind == ObligationKind::rule;
        std::string what = rule ? config.rules[static_cast<std::size_t>(ob.rule)].reason
                                : config.channel_name(ob.channel);
        if (!rule && ob.cadence_channel == any_channel) what = "contact (" + what + ")";
        parts.push_back(fmt::format("{} {} {}", escape_control(what), rule ? "by" : "on",
                                    format_date(step.by)));
    }
    if (parts.empty()) return {};
    return "Next: " + join_words(parts, ", ") + ".\n";
}

} // namespace touch
