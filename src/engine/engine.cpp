#include "touch/engine/engine.hpp"

#include "touch/config/config.hpp"
#include "touch/log/log.hpp"
#include "touch/util/interval.hpp"
#include "touch/util/text.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>
#include <span>
#include <tuple>

namespace touch {

namespace {

std::int32_t day_number(Date d) {
    return static_cast<std::int32_t>(d.time_since_epoch().count());
}
Date from_day_number(std::int32_t n) {
    return Date{Days{n}};
}

// How far back a touch can still matter to a rule: its deadline plus the
// days a missed follow-up stays on the list, and a day to spare for month
// arithmetic that subtract() and add() do not mirror exactly.
Date rule_cutoff(const Config& config, Date today) {
    Date earliest = today;
    for (auto& rule : config.rules)
        earliest =
            std::min(earliest, subtract(today, rule.within) - missed_follow_up_stays - Days{1});
    return earliest;
}

bool newer(const Snooze& a, const std::optional<Snooze>& b) {
    if (!b) return true;
    return std::tie(a.set_on, a.minute, a.until) > std::tie(b->set_on, b->minute, b->until);
}

} // namespace

History::History(const Config& config, Date today)
    : today_(today)
    , first_day_(day_number(today))
    , cutoff_(day_number(rule_cutoff(config, today)))
    , channel_count_(config.channels.size())
    , keep_recent_(channel_count_, 0)
    , latest_(config.clients.size() * channel_count_, none)
    , recent_(config.clients.size() * channel_count_)
    , client_snooze_(config.clients.size())
    , channel_snooze_(config.clients.size() * channel_count_)
    , person_away_(config.people.size())
    , promises_(config.clients.size())
    , cancelled_(config.clients.size() * channel_count_, none) {
    for (auto& rule : config.rules)
        keep_recent_[static_cast<std::size_t>(rule.after)] = 1;
}

void History::keep_recent(std::size_t i, std::int32_t day) {
    auto& days = recent_[i];
    auto at = std::lower_bound(days.begin(), days.end(), day);
    if (at == days.end() || *at != day) days.insert(at, day);
}

void History::record_snooze(int client, std::optional<ChannelId> channel, const Snooze& snooze) {
    if (snooze.set_on > today_) return;
    record_line(snooze.set_on);
    auto& slot = channel ? channel_snooze_[index(client, *channel)]
                         : client_snooze_[static_cast<std::size_t>(client)];
    if (newer(snooze, slot)) slot = snooze;
}

void History::record_person_away(int person, const Snooze& snooze) {
    if (snooze.set_on > today_) return;
    auto& slot = person_away_.at(static_cast<std::size_t>(person));
    if (newer(snooze, slot)) slot = snooze;
}

const std::optional<Snooze>& History::person_away(int person) const {
    return person_away_.at(static_cast<std::size_t>(person));
}

void History::record_away(const Snooze& snooze) {
    if (snooze.set_on > today_) return;
    record_line(snooze.set_on);
    if (newer(snooze, away_)) away_ = snooze;
}

void History::record_promise(Promise promise) {
    if (promise.made_on > today_) return;
    promises_[static_cast<std::size_t>(promise.client)].push_back(std::move(promise));
}

void History::record_cancel(int client, ChannelId channel, Date date) {
    if (date > today_) return;
    auto& newest = cancelled_[index(client, channel)];
    newest = std::max(newest, day_number(date));
}

std::vector<const Promise*> History::promises(int client) const {
    std::vector<const Promise*> out;
    for (auto& p : promises_[static_cast<std::size_t>(client)]) {
        bool cancelled = cancelled_[index(client, p.channel)] >= day_number(p.made_on);
        bool again = std::any_of(out.begin(), out.end(), [&](const Promise* q) { return *q == p; });
        if (!cancelled && !again) out.push_back(&p);
    }
    return out;
}

void History::merge(const History& other) {
    first_day_ = std::min(first_day_, other.first_day_);
    for (std::size_t i = 0; i < latest_.size(); ++i)
        latest_[i] = std::max(latest_[i], other.latest_[i]);
    for (std::size_t i = 0; i < recent_.size(); ++i) {
        if (other.recent_[i].empty()) continue;
        std::vector<std::int32_t> merged;
        std::set_union(recent_[i].begin(), recent_[i].end(), other.recent_[i].begin(),
                       other.recent_[i].end(), std::back_inserter(merged));
        recent_[i] = std::move(merged);
    }
    for (std::size_t i = 0; i < client_snooze_.size(); ++i)
        if (other.client_snooze_[i] && newer(*other.client_snooze_[i], client_snooze_[i]))
            client_snooze_[i] = other.client_snooze_[i];
    for (std::size_t i = 0; i < channel_snooze_.size(); ++i)
        if (other.channel_snooze_[i] && newer(*other.channel_snooze_[i], channel_snooze_[i]))
            channel_snooze_[i] = other.channel_snooze_[i];
    if (other.away_ && newer(*other.away_, away_)) away_ = other.away_;
    for (std::size_t i = 0; i < person_away_.size(); ++i)
        if (other.person_away_[i] && newer(*other.person_away_[i], person_away_[i]))
            person_away_[i] = other.person_away_[i];
    for (std::size_t i = 0; i < promises_.size(); ++i)
        promises_[i].insert(promises_[i].end(), other.promises_[i].begin(),
                            other.promises_[i].end());
    for (std::size_t i = 0; i < cancelled_.size(); ++i)
        cancelled_[i] = std::max(cancelled_[i], other.cancelled_[i]);
}

std::optional<Date> History::latest(int client, ChannelId channel) const {
    auto v = latest_[index(client, channel)];
    if (v == none) return std::nullopt;
    return from_day_number(v);
}

const std::vector<std::int32_t>& History::recent(int client, ChannelId channel) const {
    return recent_[index(client, channel)];
}

const std::optional<Snooze>& History::client_snooze(int client) const {
    return client_snooze_[static_cast<std::size_t>(client)];
}

const std::optional<Snooze>& History::channel_snooze(int client, ChannelId channel) const {
    return channel_snooze_[index(client, channel)];
}

std::uint64_t NameIndex::hash_tail(std::uint64_t h, std::string_view name) {
    // A word at a time, overlapping loads covering the end.
    const char* p = name.data();
    auto n = name.size();
    for (std::size_t i = 8; i + 8 < n; i += 8)
        h = (h ^ load64(p + i)) * 0xC4CEB9FE1A85EC53ull;
    h = (h ^ load64(p + n - 8)) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
}

bool NameIndex::same_tail(std::size_t slot, std::string_view name) const {
    return std::string_view(names_).substr(offsets_[slot] + 8, name.size() - 8) == name.substr(8);
}

std::size_t NameIndex::slot_for(std::string_view name) const {
    auto key = key_of(name);
    auto i = home(key, name);
    while (slots_[i].value >= 0 && !holds(i, key, name))
        i = (i + 1) & mask_;
    return i;
}

void NameIndex::grow() {
    auto old = std::move(slots_);
    auto old_offsets = std::move(offsets_);
    auto size = std::max<std::size_t>(16, old.size() * 2);
    slots_.assign(size, Slot{});
    offsets_.assign(size, 0);
    mask_ = size - 1;
    shift_ = 64 - std::countr_zero(size);
    for (std::size_t i = 0; i < old.size(); ++i) {
        if (old[i].value < 0) continue;
        auto j = slot_for(std::string_view(names_).substr(old_offsets[i], old[i].size));
        slots_[j] = old[i];
        offsets_[j] = old_offsets[i];
    }
}

void NameIndex::add(std::string_view name, int value) {
    // At most half full: a search ends soon at an empty slot.
    if ((used_ + 1) * 2 > slots_.size()) grow();
    auto i = slot_for(name);
    auto& slot = slots_[i];
    if (slot.value < 0) {
        ++used_;
        slot.key = key_of(name);
        slot.size = static_cast<std::uint32_t>(name.size());
        offsets_[i] = static_cast<std::uint32_t>(names_.size());
        names_.append(name);
    }
    slot.value = value;
}

NameIndex client_index(const Config& config) {
    NameIndex index;
    for (std::size_t i = 0; i < config.clients.size(); ++i)
        if (is_valid_id(config.clients[i].id)) index.add(config.clients[i].id, static_cast<int>(i));
    return index;
}

NameIndex channel_index(const Config& config) {
    NameIndex index;
    for (std::size_t i = 0; i < config.channels.size(); ++i)
        if (is_valid_id(config.channels[i].id))
            index.add(config.channels[i].id, static_cast<int>(i));
    return index;
}

HistoryBuilder::HistoryBuilder(const Config& config, Date today)
    : history_(config, today)
    , clients_(client_index(config))
    , channels_(channel_index(config)) {}

void HistoryBuilder::unknown_channel(std::string_view name) {
    if (unknown_channel_lines_++ == 0) first_unknown_channel_ = name;
}

void HistoryBuilder::add(const Entry& entry) {
    history_.record_line(entry.date);
    bool counted_unknown = false; // a line with several clients is one line
    auto channel_of = [&](std::string_view name) -> std::optional<ChannelId> {
        auto ch = channels_.find(name);
        if (ch >= 0) return static_cast<ChannelId>(ch);
        if (!counted_unknown) unknown_channel(name);
        counted_unknown = true;
        return std::nullopt;
    };
    auto snooze_scope_of = snooze_scope(entry.channel);
    std::optional<Snooze> snooze;
    if (snooze_scope_of) {
        auto until = snooze_until(entry);
        if (!until) return;
        snooze = Snooze{entry.date, entry.minute, *until};
    }
    if (entry.client == everyone) {
        if (!snooze || !snooze_scope_of->empty()) return;
        if (!away_scope_) {
            history_.record_away(*snooze);
            return;
        }
        for (auto client : away_scope_->clients)
            history_.record_snooze(client, std::nullopt, *snooze);
        history_.record_person_away(away_scope_->person, *snooze);
        return;
    }
    for_each_client(entry.client, [&](std::string_view id) {
        auto client = clients_.find(id);
        if (client < 0) {
            ++unknown_;
            return;
        }
        if (snooze) {
            if (snooze_scope_of->empty())
                history_.record_snooze(client, std::nullopt, *snooze);
            else if (auto ch = channel_of(*snooze_scope_of))
                history_.record_snooze(client, ch, *snooze);
            return;
        }
        if (auto promised = promise_scope(entry.channel)) {
            auto ch = channel_of(*promised);
            auto note = promise_note(entry);
            if (!ch || !note) return;
            if (note->cancel)
                history_.record_cancel(client, *ch, entry.date);
            else
                history_.record_promise(
                    {client, *ch, entry.date, note->due, std::string(note->what)});
            return;
        }
        // A channel the clients file no longer defines is history of no cadence.
        if (auto ch = channel_of(entry.channel)) history_.record(client, *ch, entry.date);
    });
}

// add_plain's rare case: a client or channel the index does not know.
bool HistoryBuilder::add_unknown(const Entry& entry, int client, int channel) {
    if ((client < 0 && !is_valid_id(entry.client)) || (channel < 0 && !is_valid_id(entry.channel)))
        return false;
    history_.record_line(entry.date);
    if (client < 0)
        ++unknown_;
    else
        unknown_channel(entry.channel);
    return true;
}

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

struct Latest {
    std::optional<Date> date;
    std::optional<ChannelId> channel;
};

// What is the same for every client, worked out once when the obligations
// of many are wanted (due_rows): the channels that count as each channel,
// and the cadence each tier gives each channel, [cadence] under it.
class Shortcuts {
public:
    explicit Shortcuts(const Config& config)
        : config_(config)
        , width_(config.channels.size() + 1)
        , counting_start_(config.channels.size() + 1, 0)
        , tier_cadence_((config.tiers.size() + 1) * width_, nullptr) {
        auto n = config.channels.size();
        for (std::size_t wanted = 0; wanted < n; ++wanted) {
            for (std::size_t k = 0; k < n; ++k)
                if (config.counts_as(static_cast<ChannelId>(k), static_cast<ChannelId>(wanted)))
                    counting_.push_back(static_cast<ChannelId>(k));
            counting_start_[wanted + 1] = counting_.size();
        }
        for (std::size_t t = 0; t <= config.tiers.size(); ++t)
            for (std::size_t i = 0; i < width_; ++i) {
                auto ch = static_cast<ChannelId>(i) - 1; // any_channel first
                const Interval* found =
                    t > 0 ? find_cadence(config.tiers[t - 1].cadence, ch) : nullptr;
                tier_cadence_[t * width_ + i] = found ? found : find_cadence(config.cadence, ch);
            }
    }

    // The channels that count as `wanted`, in channel order.
    std::span<const ChannelId> counting(ChannelId wanted) const {
        auto w = static_cast<std::size_t>(wanted);
        return std::span(counting_).subspan(counting_start_[w],
                                            counting_start_[w + 1] - counting_start_[w]);
    }

    // effective_cadence(), with the tier's table looked up once for all.
    std::optional<Interval> cadence(const Client& c, ChannelId channel) const {
        if (!c.cadence.empty()) return effective_cadence(config_, c, channel);
        if (channel != any_channel && c.avoids(channel)) return std::nullopt;
        auto tier = c.tier ? static_cast<std::size_t>(*c.tier) + 1 : 0;
        const auto* found = tier_cadence_[tier * width_ + static_cast<std::size_t>(channel + 1)];
        if (!found || found->is_off()) return std::nullopt;
        return *found;
    }

private:
    const Config& config_;
    std::size_t width_;                         // channels and `any`
    std::vector<ChannelId> counting_;           // every channel's list, one after another
    std::vector<std::size_t> counting_start_;   // where each channel's list starts
    std::vector<const Interval*> tier_cadence_; // (no tier, tiers...) x (any, channels...)
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

// Moves `due` past a pause and any snooze that covers the obligation.
void hold_back(const Client& c, const History& history, int client, Obligation& ob) {
    ob.due = ob.natural_due;
    if (c.paused_until && *c.paused_until > ob.due) {
        ob.due = *c.paused_until;
        ob.paused = true;
    }
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
        // Never made: owed since the log began, and more overdue every day.
        ob.owed_from_log_start = !ob.last;
        ob.natural_due = ob.last ? add(*ob.last, every) : history.log_start();
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
        auto done = latest_counting(config, history, client, rule.then, shortcuts).date;
        // The earliest trigger not yet followed up and not yet dropped. A
        // rule is triggered by its own channel only: a lunch that covers a
        // visit does not owe the visit's thank-you note.
        std::optional<Date> trigger;
        for (auto day : history.recent(client, rule.after)) {
            auto t = from_day_number(day);
            if (done && *done >= t) continue;
            if (add(t, rule.within) + missed_follow_up_stays < history.today()) continue;
            trigger = t;
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
    auto birthday = next_birthday(*c.birthday, history.today());
    // Greeted already this time round: the obligation is next year's.
    if (done.date && *done.date >= subtract(birthday, lead))
        birthday = next_birthday(*c.birthday, birthday + Days{1});
    Obligation ob;
    ob.client = client;
    ob.kind = ObligationKind::birthday;
    ob.channel = channel;
    ob.cadence_channel = channel;
    ob.every = lead;
    ob.last = done.date;
    ob.last_channel = done.channel;
    ob.natural_due = subtract(birthday, lead);
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

// Appends the obligations of one client to `out`: due_rows reuses one
// vector for all of them, and its shortcuts.
void collect_obligations(const Config& config, const History& history, int client,
                         std::vector<Obligation>& out, const Shortcuts* shortcuts = nullptr) {
    promise_obligations(config, history, client, out, shortcuts);
    rule_obligations(config, history, client, out, shortcuts);
    birthday_obligation(config, history, client, out, shortcuts);
    cadence_obligations(config, history, client, out, shortcuts);
}

} // namespace

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

namespace {

// What ranks_before compares, taken from a row once: a sort compares each
// row many times. Time-bound first, then urgency and overdue days, highest
// first, are packed into two words that compare as the three do; the
// client's id and the channel decide the rest.
struct RankKey {
    std::uint64_t high; // not time-bound, then the top 63 bits of -urgency
    std::uint64_t low;  // the last bit of -urgency, then -overdue
    std::string_view client;
    ChannelId channel;

    friend bool operator<(const RankKey& a, const RankKey& b) {
        if (a.high != b.high) return a.high < b.high;
        if (a.low != b.low) return a.low < b.low;
        return std::tie(a.client, a.channel) < std::tie(b.client, b.channel);
    }
};

// A double's bits as an unsigned number in the double's own order.
std::uint64_t ordered_bits(double x) {
    if (x == 0) x = 0; // -0 and +0 rank alike
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

RankKey make_rank_key(bool time_bound, double urgency, int overdue, std::string_view client,
                      ChannelId channel) {
    auto u = ordered_bits(-urgency);
    auto o = static_cast<std::uint32_t>(-static_cast<std::int64_t>(overdue)) ^ 0x80000000U;
    return {(time_bound ? 0 : std::uint64_t{1} << 63) | (u >> 1),
            (u & 1) << 63 | std::uint64_t{o} << 31, client, channel};
}

RankKey rank_key(const Config& config, const Suggestion& s) {
    return make_rank_key(s.time_bound, s.urgency, s.overdue,
                         config.clients[static_cast<std::size_t>(s.client())].id, s.channel());
}

} // namespace

bool ranks_before(const Config& config, const Suggestion& a, const Suggestion& b) {
    return rank_key(config, a) < rank_key(config, b);
}

std::optional<int> find_person(const Config& config, std::string_view id) {
    for (std::size_t i = 0; i < config.people.size(); ++i)
        if (config.people[i].id == id) return static_cast<int>(i);
    return std::nullopt;
}

bool shown_to(const Client& client, std::optional<int> person) {
    return !person || client.team.empty() ||
           std::find(client.team.begin(), client.team.end(), *person) != client.team.end();
}

View choose_view(const Config& config, const ViewRequest& request) {
    if (!request.for_person.empty()) {
        if (auto person = find_person(config, request.for_person)) return {person};
        return {std::nullopt, View::Problem::unknown_person};
    }
    if (request.everyone || config.people.empty()) return {};
    if (request.runner)
        if (auto person = find_person(config, *request.runner)) return {person};
    return {std::nullopt, View::Problem::runner_not_listed};
}

const Obligation& Suggestion::most_overdue() const {
    const Obligation* first = &primary;
    for (auto& ob : also)
        if (ob.due < first->due) first = &ob;
    return *first;
}

namespace {

bool matches(const Config& config, const Client& c, const SuggestFilter& filter) {
    (void)config;
    if (!shown_to(c, filter.person)) return false;
    if (!filter.tag.empty() && !c.has_tag(filter.tag)) return false;
    if (!filter.city.empty() && !equals_ci(c.city, filter.city)) return false;
    return true;
}

// Appends the row of one obligation, made in its place.
void add_single(std::vector<Suggestion>& rows, Obligation&& ob, Date day) {
    bool time_bound = ob.kind != ObligationKind::cadence;
    auto urgency = ob.urgency(day);
    auto overdue = static_cast<int>((day - ob.due).count());
    rows.push_back(Suggestion{std::move(ob), {}, time_bound, urgency, overdue, day});
}

// `keep` settles what `gone` asked for too.
void absorb(Suggestion& keep, Suggestion&& gone) {
    keep.also.push_back(std::move(gone.primary));
    for (auto& ob : gone.also)
        keep.also.push_back(std::move(ob));
    keep.time_bound = keep.time_bound || gone.time_bound;
    keep.urgency = std::max(keep.urgency, gone.urgency);
    keep.overdue = std::max(keep.overdue, gone.overdue);
}

std::vector<RankKey> rank_keys(const Config& config, const std::vector<Suggestion>& rows) {
    std::vector<RankKey> keys;
    keys.reserve(rows.size());
    for (auto& row : rows)
        keys.push_back(rank_key(config, row));
    return keys;
}

// Rows of a ranked list put together: some rows (heads) absorb others, as
// absorb() does, and the heads are ranked again. Worked out on positions and
// keys, so that each Suggestion is moved once, when the result is made.
class Combined {
public:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    Combined(const Config& config, const std::vector<Suggestion>& rows)
        : keys_(rank_keys(config, rows))
        , first_(rows.size(), none)
        , last_(rows.size(), none)
        , next_(rows.size(), none) {
        ranks_.reserve(rows.size());
        for (auto& row : rows)
            ranks_.push_back({row.time_bound, row.urgency, row.overdue});
    }

    const RankKey& key(std::size_t row) const { return keys_[row]; }

    void add_head(std::size_t row) {
        heads_.push_back(row);
        risen_.push_back(0);
    }
    std::size_t heads() const { return heads_.size(); }
    std::size_t head(std::size_t h) const { return heads_[h]; }

    // Head h absorbs `row`, after what it absorbed before.
    void absorb(std::size_t h, std::size_t row) {
        auto head = heads_[h];
        auto& rank = ranks_[head];
        const auto& gone = ranks_[row];
        // As absorb() combines them.
        rank.time_bound = rank.time_bound || gone.time_bound;
        rank.urgency = std::max(rank.urgency, gone.urgency);
        rank.overdue = std::max(rank.overdue, gone.overdue);
        auto& key = keys_[head];
        key = make_rank_key(rank.time_bound, rank.urgency, rank.overdue, key.client, key.channel);
        risen_[h] = 1;
        if (last_[head] == none)
            first_[head] = row;
        else
            next_[last_[head]] = row;
        last_[head] = row;
    }

    // The heads in rank order, made whole from `rows`. A head is one client
    // and channel, so no two rank alike and any sort gives rank()'s order.
    // When the heads came in rank order (`in_order`), absorbing only raised
    // some (bound, urgency and overdue days only grow) and the others are in
    // order still: only the risen are sorted, then merged in.
    std::vector<Suggestion> make(std::vector<Suggestion>& rows, bool in_order) const {
        std::vector<std::size_t> stayed, rose;
        for (std::size_t h = 0; h < heads_.size(); ++h)
            (risen_[h] || !in_order ? rose : stayed).push_back(heads_[h]);
        auto by_key = [&](std::size_t a, std::size_t b) { return keys_[a] < keys_[b]; };
        std::sort(rose.begin(), rose.end(), by_key);
        std::vector<std::size_t> order(heads_.size());
        std::merge(stayed.begin(), stayed.end(), rose.begin(), rose.end(), order.begin(), by_key);
        std::vector<Suggestion> out;
        out.reserve(order.size());
        for (auto head : order) {
            auto& s = out.emplace_back(std::move(rows[head]));
            for (auto row = first_[head]; row != none; row = next_[row])
                touch::absorb(s, std::move(rows[row]));
        }
        return out;
    }

private:
    struct Rank {
        bool time_bound;
        double urgency;
        int overdue;
    };
    std::vector<Rank> ranks_; // a head's: with what it absorbed
    std::vector<RankKey> keys_;
    std::vector<std::size_t> first_, last_, next_; // what each head absorbed, in order
    std::vector<std::size_t> heads_;
    std::vector<char> risen_; // per head: absorbed something
};

// The rows of each client in the order they were added: a list per client
// threaded through the rows, with no vector of its own for each client.
class ClientRows {
public:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    explicit ClientRows(std::size_t clients)
        : first_(clients, none)
        , last_(clients, none) {}
    std::size_t first(std::size_t client) const { return first_[client]; }
    std::size_t next(std::size_t row) const { return next_[row]; }
    // Rows are appended in increasing order.
    void append(std::size_t client, std::size_t row) {
        if (next_.size() <= row) next_.resize(row + 1, none);
        if (last_[client] == none)
            first_[client] = row;
        else
            next_[last_[client]] = row;
        last_[client] = row;
    }

private:
    std::vector<std::size_t> first_, last_, next_;
};

// One row per obligation, then rows of one client on the same channel (or on
// channels that cover each other) made one: they are the same touch. Ranked.
std::vector<Suggestion> same_touch_rows(const Config& config, std::vector<Suggestion> singles) {
    Combined rows(config, singles);
    // A row takes in only rows of its own client, in rank order: so the
    // singles are grouped by client, keeping their order (a counting sort),
    // and each group is ranked on its own, ties in the order they came.
    auto clients = config.clients.size();
    std::vector<std::size_t> start(clients + 1, 0);
    for (auto& s : singles)
        ++start[static_cast<std::size_t>(s.client()) + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<std::size_t> order(singles.size());
    {
        auto next = start;
        for (std::size_t i = 0; i < singles.size(); ++i)
            order[next[static_cast<std::size_t>(singles[i].client())]++] = i;
    }
    auto ranks_first = [&](std::size_t a, std::size_t b) {
        if (rows.key(a) < rows.key(b)) return true;
        return !(rows.key(b) < rows.key(a)) && a < b;
    };
    for (std::size_t client = 0; client < clients; ++client) {
        auto begin = order.begin() + static_cast<std::ptrdiff_t>(start[client]);
        auto end = order.begin() + static_cast<std::ptrdiff_t>(start[client + 1]);
        std::sort(begin, end, ranks_first);
        auto first_head = rows.heads(); // this client's heads are the last made
        for (auto it = begin; it != end; ++it) {
            auto ch = singles[*it].channel();
            auto same = first_head;
            while (same < rows.heads()) {
                auto head_ch = singles[rows.head(same)].channel();
                if (config.counts_as(head_ch, ch) && config.counts_as(ch, head_ch)) break;
                ++same;
            }
            if (same < rows.heads())
                rows.absorb(same, *it);
            else
                rows.add_head(*it);
        }
    }
    return rows.make(singles, false);
}

struct SettleMode {
    bool capped = false;         // apply per_day
    bool one_per_client = false; // plan: one touch per client a day
};

// Decides which rows are shown and folds covered rows into shown covering
// rows of the same client. `rows` are ranked and hold one touch each. Folding
// frees a place under the covered channel's cap, so the two steps repeat
// until nothing more folds; every round folds at least one row, and a row
// once folded stays folded, so this ends.
Capped settle(const Config& config, std::vector<Suggestion> rows, SettleMode mode) {
    auto n = rows.size();
    auto strictly_covers = [&](std::size_t a, std::size_t b) {
        return config.counts_as(rows[a].channel(), rows[b].channel()) &&
               !config.counts_as(rows[b].channel(), rows[a].channel());
    };
    ClientRows of_client(config.clients.size());
    for (std::size_t i = 0; i < n; ++i)
        of_client.append(static_cast<std::size_t>(rows[i].client()), i);
    constexpr std::size_t none = ClientRows::none;
    std::vector<std::size_t> into(n, none);
    std::vector<char> shown(n, 0);
    for (;;) {
        bool changed = false;
        std::fill(shown.begin(), shown.end(), 0);
        std::vector<int> used(config.channels.size(), 0);
        int used_all = 0;
        const auto& cap_all = config.settings.per_day;
        std::vector<std::size_t> client_row(config.clients.size(), none);
        for (std::size_t i = 0; i < n && !changed; ++i) {
            if (into[i] != none) continue;
            auto ch = static_cast<std::size_t>(rows[i].channel());
            const auto& cap = config.channels[ch].per_day;
            if (mode.capped && cap && used[ch] >= *cap) continue;
            if (mode.capped && cap_all && used_all >= *cap_all) continue;
            auto& mine = client_row[static_cast<std::size_t>(rows[i].client())];
            if (mode.one_per_client && mine != none) {
                // The client has a touch today already: this one waits,
                // unless it settles that one too.
                if (strictly_covers(i, mine)) {
                    into[mine] = i;
                    changed = true;
                }
                continue;
            }
            shown[i] = 1;
            ++used[ch];
            ++used_all;
            mine = i;
        }
        if (changed) continue;
        for (std::size_t client = 0; client < config.clients.size(); ++client) {
            for (auto i = of_client.first(client); i != none; i = of_client.next(i)) {
                if (into[i] != none) continue;
                for (auto j = of_client.first(client); j != none; j = of_client.next(j)) {
                    if (shown[j] && strictly_covers(j, i)) {
                        into[i] = j; // j ranks best of the shown that cover i
                        changed = true;
                        break;
                    }
                }
            }
        }
        if (!changed) break;
    }
    auto root = [&](std::size_t i) {
        while (into[i] != none)
            i = into[i];
        return i;
    };
    Capped out;
    Combined combined(config, rows);
    std::vector<int> hidden(config.channels.size(), 0);
    std::vector<std::size_t> head_of(n, none);
    for (std::size_t i = 0; i < n; ++i) {
        if (into[i] != none) continue;
        if (!shown[i]) {
            ++hidden[static_cast<std::size_t>(rows[i].channel())];
            continue;
        }
        head_of[i] = combined.heads();
        combined.add_head(i);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (into[i] == none) continue;
        auto r = root(i);
        if (head_of[r] == none) continue; // counted with its root
        combined.absorb(head_of[r], i);
    }
    for (std::size_t ch = 0; ch < hidden.size(); ++ch)
        if (hidden[ch] > 0) out.hidden.emplace_back(static_cast<ChannelId>(ch), hidden[ch]);
    // A combined row ranks by the most urgent of what it settles.
    out.shown = combined.make(rows, true);
    return out;
}

// Every obligation due on history.today(), one row each.
std::vector<Suggestion> due_rows(const Config& config, const History& history,
                                 const SuggestFilter& filter) {
    // The obligations first, then the rows in a vector of the right size:
    // a row is larger than an obligation, and costlier to move.
    std::vector<Obligation> due;
    Shortcuts shortcuts(config);
    auto today = history.today();
    auto not_shown = [&](const Obligation& ob) {
        return ob.due > today || ob.expired(today) ||
               (filter.channel && ob.channel != *filter.channel);
    };
    for (std::size_t i = 0; i < config.clients.size(); ++i) {
        if (!matches(config, config.clients[i], filter)) continue;
        auto mine = due.size();
        collect_obligations(config, history, static_cast<int>(i), due, &shortcuts);
        due.erase(
            std::remove_if(due.begin() + static_cast<std::ptrdiff_t>(mine), due.end(), not_shown),
            due.end());
    }
    std::vector<Suggestion> rows;
    rows.reserve(due.size());
    for (auto& ob : due)
        add_single(rows, std::move(ob), today);
    return rows;
}

} // namespace

std::vector<Suggestion> suggest(const Config& config, const History& history,
                                const SuggestFilter& filter) {
    auto rows = same_touch_rows(config, due_rows(config, history, filter));
    return settle(config, std::move(rows), {}).shown;
}

Capped apply_capacity(const Config& config, std::vector<Suggestion> ranked) {
    // Taken apart into one row per obligation, so that what a hidden row
    // would have settled can be shown on its own.
    std::vector<Suggestion> singles;
    for (auto& s : ranked) {
        add_single(singles, Obligation(s.primary), s.day);
        for (auto& ob : s.also)
            add_single(singles, Obligation(ob), s.day);
    }
    return settle(config, same_touch_rows(config, std::move(singles)), {true, false});
}

} // namespace touch

namespace touch {

std::vector<PlannedDay> plan(const Config& config, History history, int days,
                             const SuggestFilter& filter) {
    std::vector<PlannedDay> out;
    auto first = history.today();
    for (int i = 0; i < days; ++i) {
        Date day = first + Days{i};
        if (!config.is_workday(day)) continue;
        history.advance_to(day);
        auto capped = settle(config, same_touch_rows(config, due_rows(config, history, filter)),
                             {true, true});
        for (auto& s : capped.shown)
            history.record(s.client(), s.channel(), day);
        out.push_back({day, std::move(capped.shown)});
    }
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

} // namespace touch
