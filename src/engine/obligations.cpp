#include "touch/engine/obligations.hpp"

#include "collect.hpp"

#include "touch/config/config.hpp"
#include "touch/core/interval.hpp"

#include <algorithm>

namespace touch {

UrgencyWhy explain_urgency(const Obligation& ob, Date today) {
    UrgencyWhy why;
    switch (ob.kind) {
    case ObligationKind::rule:
    case ObligationKind::promise:
        why.from = *ob.last;
        why.length_days = length_in_days(why.from, ob.every);
        break;
    case ObligationKind::birthday:
        // 1.0 on the first day it is shown, with a lead or on the day itself.
        why.length_days = std::max(
            1, static_cast<int>((*ob.deadline - subtract(*ob.deadline, ob.every)).count()));
        why.from = *ob.deadline - Days{why.length_days};
        // Brought forward from a day off: counted from the day before it is shown.
        if (ob.before_day_off && ob.natural_due < why.from) {
            why.from = ob.natural_due - Days{1};
            why.length_days = static_cast<int>((*ob.deadline - why.from).count());
        }
        break;
    case ObligationKind::cadence:
    default:
        // Never touched and no `since`: as if touched one interval ago.
        why.from = ob.last ? *ob.last : subtract(ob.natural_due, ob.every);
        why.length_days = length_in_days(why.from, ob.every);
        break;
    }
    why.days_elapsed = static_cast<int>((today - why.from).count());
    why.urgency = static_cast<double>(why.days_elapsed) / std::max(1, why.length_days);
    return why;
}

double Obligation::urgency(Date day) const {
    return explain_urgency(*this, day).urgency;
}

namespace {

// A day as History keeps it in recent().
Date from_day_number(std::int32_t n) {
    return Date{Days{n}};
}

struct Latest {
    std::optional<Date> date;
    std::optional<ChannelId> channel;
};

// The newest touch that counts as `wanted`: on it or on a channel covering it.
Latest latest_counting(const Config& config, const History& history, int client, ChannelId wanted,
                       const Shortcuts* shortcuts = nullptr) {
    Latest best;
    auto consider = [&](ChannelId ch) {
        auto d = history.latest(client, ch);
        // Ties go to the channel asked for: "last call", not "last visit".
        if (d && (!best.date || *d > *best.date || (*d == *best.date && ch == wanted))) {
            best.date = d;
            best.channel = ch;
        }
    };
    if (shortcuts) {
        for (auto ch : shortcuts->counting(wanted))
            consider(ch);
        return best;
    }
    for (std::size_t k = 0; k < config.channels.size(); ++k)
        if (config.counts_as(static_cast<ChannelId>(k), wanted))
            consider(static_cast<ChannelId>(k));
    return best;
}

// What satisfies `any`: a personal touch (visit, call, note, or a custom
// channel marked personal), or one on the channel `any` suggests for this
// client, so that a client who prefers email is kept by email.
Latest latest_any(const Config& config, const History& history, int client, ChannelId suggested) {
    Latest best;
    for (std::size_t k = 0; k < config.channels.size(); ++k) {
        auto ch = static_cast<ChannelId>(k);
        if (!config.channels[k].personal && !config.counts_as(ch, suggested)) continue;
        auto d = history.latest(client, ch);
        if (d && (!best.date || *d > *best.date)) {
            best.date = d;
            best.channel = ch;
        }
    }
    return best;
}

// The newer of a touch and a skip line (`touch skip`) on `channel`: a skip
// settles a follow-up, birthday or promise, never a cadence.
std::optional<Date> settled_on(const History& history, int client, ChannelId channel,
                               std::optional<Date> touched) {
    auto skipped = history.skipped(client, channel);
    if (!skipped) return touched;
    return touched ? std::max(*touched, *skipped) : skipped;
}

// Moves `due` past a pause and any snooze that covers the obligation.
void hold_back(const Client& c, const History& history, int client, Obligation& ob) {
    ob.due = ob.natural_due;
    if (c.paused_until && *c.paused_until > ob.due) {
        ob.due = *c.paused_until;
        ob.paused = true;
    }
    ob.owed_since = ob.due;
    auto push = [&](const std::optional<Snooze>& s) {
        if (s && s->until > ob.due) {
            ob.due = s->until;
            ob.snoozed = true;
            ob.paused = false;
        }
    };
    push(history.away());
    push(history.client_snooze(client));
    push(history.channel_snooze(client, ob.channel));
    if (ob.kind == ObligationKind::cadence && ob.cadence_channel != any_channel &&
        ob.cadence_channel != ob.channel)
        push(history.channel_snooze(client, ob.cadence_channel));
}

void cadence_obligations(const Config& config, const History& history, int client,
                         std::vector<Obligation>& out, const Shortcuts* shortcuts) {
    const auto& c = config.clients[static_cast<std::size_t>(client)];
    auto cadence = [&](ChannelId ch) {
        return shortcuts ? shortcuts->cadence(c, ch) : effective_cadence(config, c, ch);
    };
    auto add_one = [&](ChannelId key, Interval every, ChannelId channel, Latest last) {
        auto& ob = out.emplace_back();
        ob.client = client;
        ob.kind = ObligationKind::cadence;
        ob.channel = channel;
        ob.cadence_channel = key;
        ob.every = every;
        ob.last = last.date;
        ob.last_channel = last.channel;
        if (!ob.last && c.since) {
            ob.last = c.since;
            ob.last_is_since = true;
        }
        // Never made: owed since the client's record began, and more
        // overdue every day; with no record at all, a new contact, due now.
        // Another client's lines say nothing of when this one began.
        if (ob.last) {
            ob.natural_due = add(*ob.last, every);
        } else if (auto start = history.record_start(client)) {
            ob.owed_from_record_start = true;
            ob.natural_due = *start;
        } else {
            ob.new_contact = true;
            ob.natural_due = history.read_on();
        }
        hold_back(c, history, client, ob);
    };
    if (auto every = cadence(any_channel))
        if (auto channel = preferred_channel(config, c))
            add_one(any_channel, *every, *channel, latest_any(config, history, client, *channel));
    for (std::size_t k = 0; k < config.channels.size(); ++k) {
        auto ch = static_cast<ChannelId>(k);
        if (auto every = cadence(ch))
            add_one(ch, *every, ch, latest_counting(config, history, client, ch, shortcuts));
    }
}

void rule_obligations(const Config& config, const History& history, int client,
                      std::vector<Obligation>& out, const Shortcuts* shortcuts) {
    const auto& c = config.clients[static_cast<std::size_t>(client)];
    for (std::size_t r = 0; r < config.rules.size(); ++r) {
        const auto& rule = config.rules[r];
        if (c.avoids(rule.then)) continue;
        auto done = settled_on(history, client, rule.then,
                               latest_counting(config, history, client, rule.then, shortcuts).date);
        // The earliest trigger not yet followed up and not yet dropped. A
        // rule is triggered by its own channel only: a lunch that covers a
        // visit does not owe the visit's thank-you note.
        std::optional<Date> trigger;
        std::uint64_t made_by = 0;
        for (auto touch : history.recent(client, rule.after)) {
            auto t = from_day_number(touch.day);
            if (done && *done >= t) continue;
            if (add(t, rule.within) + missed_follow_up_stays < history.today()) continue;
            trigger = t;
            made_by = touch.by;
            break; // recent() is sorted: the first that qualifies is the earliest
        }
        if (!trigger) continue;
        Obligation ob;
        ob.client = client;
        ob.kind = ObligationKind::rule;
        ob.channel = rule.then;
        ob.cadence_channel = rule.then;
        ob.rule = static_cast<int>(r);
        ob.last = trigger;
        ob.last_channel = rule.after;
        ob.every = rule.within;
        ob.natural_due = *trigger + Days{1};
        ob.deadline = add(*trigger, rule.within);
        ob.expires = *ob.deadline + missed_follow_up_stays;
        ob.made_by = made_by;
        hold_back(c, history, client, ob);
        out.push_back(std::move(ob));
    }
}

// The birthday on or after `from`; 29 February falls on the 28th in other years.
Date next_birthday(const Birthday& b, Date from) {
    date::year_month_day today{from};
    for (int add_years = 0; add_years < 2; ++add_years) {
        auto y = today.year() + date::years{add_years};
        auto ymd = date::year_month_day{y, date::month{b.month}, date::day{b.day}};
        if (!ymd.ok()) ymd = date::year_month_day{y / date::month{b.month} / date::last};
        if (date::sys_days{ymd} >= from) return date::sys_days{ymd};
    }
    return from; // unreachable: within two years there is always one
}

// The first day a birthday is shown: `lead` before it, and no later than
// the last workday on or before it, so that a birthday on a day off (a
// Sunday, a holiday) is not missed by someone who acts on workdays.
Date birthday_window_opens(const Config& config, Date birthday, Interval lead) {
    auto opens = subtract(birthday, lead);
    for (auto day = birthday; day >= opens && day > birthday - Days{14}; day -= Days{1})
        if (config.is_workday(day)) return opens;
    auto day = opens;
    for (int i = 0; i < 14 && !config.is_workday(day); ++i)
        day -= Days{1};
    return config.is_workday(day) ? day : opens;
}

void birthday_obligation(const Config& config, const History& history, int client,
                         std::vector<Obligation>& out, const Shortcuts* shortcuts) {
    const auto& c = config.clients[static_cast<std::size_t>(client)];
    if (!c.birthday) return;
    auto channel = config.settings.birthday_channel;
    auto lead = config.settings.birthday_lead;
    if (c.avoids(channel)) {
        // On the channel they prefer, on the day itself: the lead is for
        // a note that takes days to arrive, not for a call.
        auto preferred = preferred_channel(config, c);
        if (!preferred) return;
        channel = *preferred;
        lead = Interval::days(0);
    }
    auto done = latest_counting(config, history, client, channel, shortcuts);
    auto greeted = settled_on(history, client, channel, done.date);
    auto birthday = next_birthday(*c.birthday, history.today());
    // Greeted (or skipped) already this time round: the obligation is next year's.
    if (greeted && *greeted >= birthday_window_opens(config, birthday, lead))
        birthday = next_birthday(*c.birthday, birthday + Days{1});
    Obligation ob;
    ob.client = client;
    ob.kind = ObligationKind::birthday;
    ob.channel = channel;
    ob.cadence_channel = channel;
    ob.every = lead;
    ob.last = done.date;
    ob.last_channel = done.channel;
    ob.natural_due = birthday_window_opens(config, birthday, lead);
    ob.before_day_off = ob.natural_due < subtract(birthday, lead);
    ob.deadline = birthday;
    ob.expires = birthday;
    if (c.birthday->year)
        ob.turns = static_cast<int>(date::year_month_day{birthday}.year()) - *c.birthday->year;
    hold_back(c, history, client, ob);
    out.push_back(std::move(ob));
}

// Open promises: shown from the day they are due until a touch on their
// channel (or one covering it) after the day they were made keeps them.
// Never dropped: only a touch or a cancel line ends one.
void promise_obligations(const Config& config, const History& history, int client,
                         std::vector<Obligation>& out, const Shortcuts* shortcuts) {
    const auto& c = config.clients[static_cast<std::size_t>(client)];
    for (const auto* p : history.promises(client)) {
        auto done = latest_counting(config, history, client, p->channel, shortcuts);
        if (done.date && *done.date > p->made_on) continue;
        // A skip on the day the promise was made settles it too.
        if (auto skipped = history.skipped(client, p->channel); skipped && *skipped >= p->made_on)
            continue;
        Obligation ob;
        ob.client = client;
        ob.kind = ObligationKind::promise;
        ob.channel = p->channel;
        ob.cadence_channel = p->channel;
        ob.last = p->made_on;
        ob.every = Interval::days(std::max(1, static_cast<int>((p->due - p->made_on).count())));
        ob.natural_due = p->due;
        ob.deadline = p->due;
        ob.promised = p->what;
        hold_back(c, history, client, ob);
        out.push_back(std::move(ob));
    }
}

} // namespace

void collect_obligations(const Config& config, const History& history, int client,
                         std::vector<Obligation>& out, const Shortcuts* shortcuts) {
    promise_obligations(config, history, client, out, shortcuts);
    rule_obligations(config, history, client, out, shortcuts);
    birthday_obligation(config, history, client, out, shortcuts);
    cadence_obligations(config, history, client, out, shortcuts);
}

std::vector<Obligation> client_obligations(const Config& config, const History& history,
                                           int client) {
    std::vector<Obligation> out;
    collect_obligations(config, history, client, out);
    return out;
}

std::vector<Obligation> obligations(const Config& config, const History& history) {
    std::vector<Obligation> out;
    for (std::size_t i = 0; i < config.clients.size(); ++i)
        collect_obligations(config, history, static_cast<int>(i), out);
    return out;
}

const char* status_name(ClientStatus status) {
    switch (status) {
    case ClientStatus::ok:
        return "ok";
    case ClientStatus::due:
        return "due";
    case ClientStatus::overdue:
        return "overdue";
    case ClientStatus::paused:
        return "paused";
    case ClientStatus::snoozed:
        return "snoozed";
    }
    return "ok";
}

ClientSummary summarize(const Config& config, const History& history, int client) {
    ClientSummary summary;
    summary.client = client;
    for (std::size_t k = 0; k < config.channels.size(); ++k) {
        auto d = history.latest(client, static_cast<ChannelId>(k));
        if (d && (!summary.last || *d > *summary.last)) {
            summary.last = d;
            summary.last_channel = static_cast<ChannelId>(k);
        }
    }
    auto today = history.today();
    for (auto& ob : client_obligations(config, history, client)) {
        if (ob.expired(today)) continue;
        if (!summary.next || ob.due < summary.next->due) summary.next = ob;
    }
    const auto& c = config.clients[static_cast<std::size_t>(client)];
    if (c.paused_until && *c.paused_until > today)
        summary.status = ClientStatus::paused;
    else if (summary.next && summary.next->due < today)
        summary.status = ClientStatus::overdue;
    else if (summary.next && summary.next->due == today)
        summary.status = ClientStatus::due;
    else if (summary.next && summary.next->snoozed)
        summary.status = ClientStatus::snoozed;
    return summary;
}

bool counts_for_cadence(const Config& config, ChannelId key, ChannelId suggested, ChannelId line) {
    if (key == any_channel)
        return config.channels[static_cast<std::size_t>(line)].personal ||
               config.counts_as(line, suggested);
    return config.counts_as(line, key);
}

std::vector<Obligation> settled_by(const Config& config, const History& history, int client,
                                   ChannelId channel, Date date) {
    std::vector<Obligation> out;
    for (auto& ob : client_obligations(config, history, client)) {
        bool settles = ob.kind == ObligationKind::rule
                           ? ob.last == date &&
                                 config.counts_as(
                                     channel, config.rules[static_cast<std::size_t>(ob.rule)].after)
                       : ob.kind == ObligationKind::cadence
                           ? counts_for_cadence(config, ob.cadence_channel, ob.channel, channel)
                           : false;
        if (settles) out.push_back(ob);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Obligation& a, const Obligation& b) { return a.due < b.due; });
    return out;
}

std::vector<Obligation> open_obligations(const Config& config, const History& history, int client) {
    std::vector<Obligation> out;
    for (auto& ob : client_obligations(config, history, client))
        if (!ob.expired(history.today())) out.push_back(ob);
    std::stable_sort(out.begin(), out.end(),
                     [](const Obligation& a, const Obligation& b) { return a.due < b.due; });
    return out;
}

std::vector<NextStep> next_steps(const Config& config, const History& history, int client,
                                 ChannelId channel, Date date) {
    std::vector<NextStep> out;
    for (auto& ob : settled_by(config, history, client, channel, date)) {
        auto by = ob.deadline ? *ob.deadline : ob.due;
        out.push_back({std::move(ob), by});
    }
    return out;
}

} // namespace touch
