#include "touch/engine/history.hpp"

#include "touch/config/config.hpp"
#include "touch/core/diagnostic.hpp"
#include "touch/core/interval.hpp"
#include "touch/core/shared_work.hpp"
#include "touch/log/log.hpp"
#include "touch/util/text.hpp"

#include <algorithm>
#include <tuple>

namespace touch {

namespace {

std::int32_t day_number(Date d) {
    return static_cast<std::int32_t>(d.time_since_epoch().count());
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

// The touches of both, by day; a day in both was made by the makers of each.
void merge_recent(std::vector<RecentTouch>& into, const std::vector<RecentTouch>& other) {
    std::vector<RecentTouch> merged;
    merged.reserve(into.size() + other.size());
    auto a = into.begin();
    auto b = other.begin();
    while (a != into.end() || b != other.end()) {
        if (b == other.end() || (a != into.end() && a->day < b->day)) {
            merged.push_back(*a++);
        } else if (a == into.end() || b->day < a->day) {
            merged.push_back(*b++);
        } else {
            merged.push_back({a->day, a->by | b->by});
            ++a;
            ++b;
        }
    }
    into = std::move(merged);
}

bool newer(const Snooze& a, const std::optional<Snooze>& b) {
    if (!b) return true;
    return std::tie(a.set_on, a.minute, a.until) > std::tie(b->set_on, b->minute, b->until);
}

} // namespace

History::History(const Config& config, Date today)
    : today_(today)
    , read_on_(today)
    , first_day_(day_number(today))
    , cutoff_(day_number(rule_cutoff(config, today)))
    , channel_count_(config.channels.size())
    , latest_(config.clients.size() * channel_count_, none)
    , recent_slot_(channel_count_, -1)
    , makers_(config.clients.size(), 0)
    , client_snooze_(config.clients.size())
    , person_away_(config.people.size())
    , promises_(config.clients.size())
    , record_start_(config.clients.size(), INT32_MAX)
    , skipped_(config.clients.size() * channel_count_, none) {
    for (auto& rule : config.rules) {
        auto& slot = recent_slot_[static_cast<std::size_t>(rule.after)];
        if (slot < 0) slot = static_cast<int>(recent_channels_++);
        rule_windows_.emplace_back(rule.after, rule.within);
    }
    recent_.resize(config.clients.size() * recent_channels_);
}

void History::record_logged_late(int client, ChannelId channel, Date date, Date written) {
    if (date > today_) return;
    auto day = days_of(date);
    count_touch(client, channel, day);
    bool window_open = std::any_of(rule_windows_.begin(), rule_windows_.end(), [&](auto& rule) {
        return rule.first == channel && add(date, rule.second) >= written;
    });
    if (window_open && day >= cutoff_) keep_recent(client, channel, day);
}

void History::keep_recent(int client, ChannelId channel, std::int32_t day) {
    auto& days = recent_[static_cast<std::size_t>(client) * recent_channels_ +
                         static_cast<std::size_t>(recent_slot_[static_cast<std::size_t>(channel)])];
    auto at = std::lower_bound(days.begin(), days.end(), day,
                               [](const RecentTouch& t, std::int32_t d) { return t.day < d; });
    if (at == days.end() || at->day != day)
        days.insert(at, {day, maker_});
    else
        at->by |= maker_;
    makers_[static_cast<std::size_t>(client)] |= maker_;
}

void History::record_snooze(int client, std::optional<ChannelId> channel, const Snooze& snooze) {
    if (snooze.set_on > today_) return;
    record_line(snooze.set_on);
    begin_record(client, day_number(snooze.set_on));
    if (!channel) {
        auto& slot = client_snooze_[static_cast<std::size_t>(client)];
        if (newer(snooze, slot)) slot = snooze;
        return;
    }
    auto [at, added] = channel_snooze_.try_emplace(index(client, *channel), snooze);
    if (!added && newer(snooze, at->second)) at->second = snooze;
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
    begin_record(promise.client, day_number(promise.made_on));
    promises_[static_cast<std::size_t>(promise.client)].push_back(std::move(promise));
}

void History::record_cancel(int client, ChannelId channel, Date date, int minute,
                            std::optional<Date> due) {
    if (date > today_) return;
    cancels_.push_back({client, channel, date, minute, due});
}

void History::record_skip(int client, ChannelId channel, Date date) {
    if (date > today_) return;
    begin_record(client, day_number(date));
    auto& newest = skipped_[index(client, channel)];
    newest = std::max(newest, day_number(date));
}

namespace {

// Whether a cancel made at (date, minute) came after a promise made at
// (made_on, made_minute). The lines stand in any order, so only what they
// carry can tell: on one day without a time on both, the cancel counts as
// later, as it did before lines carried their time.
bool said_after(Date date, int minute, Date made_on, int made_minute) {
    if (date != made_on) return date > made_on;
    if (minute < 0 || made_minute < 0) return true;
    return minute >= made_minute;
}

} // namespace

std::vector<const Promise*> History::promises(int client) const {
    std::vector<const Promise*> out;
    for (auto& p : promises_[static_cast<std::size_t>(client)]) {
        bool cancelled = std::any_of(cancels_.begin(), cancels_.end(), [&](const Cancel& c) {
            return c.client == client && c.channel == p.channel && (!c.due || *c.due == p.due) &&
                   said_after(c.date, c.minute, p.made_on, p.minute);
        });
        bool again = std::any_of(out.begin(), out.end(), [&](const Promise* q) { return *q == p; });
        if (!cancelled && !again) out.push_back(&p);
    }
    return out;
}

std::optional<Date> History::record_start(int client) const {
    auto start = record_start_[static_cast<std::size_t>(client)];
    if (start == INT32_MAX) return std::nullopt;
    return from_day_number(start);
}

std::optional<Date> History::skipped(int client, ChannelId channel) const {
    auto v = skipped_[index(client, channel)];
    if (v == none) return std::nullopt;
    return from_day_number(v);
}

void History::merge(const History& other) {
    first_day_ = std::min(first_day_, other.first_day_);
    for (std::size_t i = 0; i < latest_.size(); ++i)
        latest_[i] = std::max(latest_[i], other.latest_[i]);
    for (std::size_t i = 0; i < recent_.size(); ++i)
        if (!other.recent_[i].empty()) merge_recent(recent_[i], other.recent_[i]);
    for (std::size_t i = 0; i < makers_.size(); ++i)
        makers_[i] |= other.makers_[i];
    for (std::size_t i = 0; i < client_snooze_.size(); ++i)
        if (other.client_snooze_[i] && newer(*other.client_snooze_[i], client_snooze_[i]))
            client_snooze_[i] = other.client_snooze_[i];
    for (auto& [i, snooze] : other.channel_snooze_) {
        auto [at, added] = channel_snooze_.try_emplace(i, snooze);
        if (!added && newer(snooze, at->second)) at->second = snooze;
    }
    if (other.away_ && newer(*other.away_, away_)) away_ = other.away_;
    for (std::size_t i = 0; i < person_away_.size(); ++i)
        if (other.person_away_[i] && newer(*other.person_away_[i], person_away_[i]))
            person_away_[i] = other.person_away_[i];
    for (std::size_t i = 0; i < promises_.size(); ++i)
        promises_[i].insert(promises_[i].end(), other.promises_[i].begin(),
                            other.promises_[i].end());
    cancels_.insert(cancels_.end(), other.cancels_.begin(), other.cancels_.end());
    for (std::size_t i = 0; i < record_start_.size(); ++i)
        record_start_[i] = std::min(record_start_[i], other.record_start_[i]);
    for (std::size_t i = 0; i < skipped_.size(); ++i)
        skipped_[i] = std::max(skipped_[i], other.skipped_[i]);
}

std::optional<Date> History::latest(int client, ChannelId channel) const {
    auto v = latest_[index(client, channel)];
    if (v == none) return std::nullopt;
    return from_day_number(v);
}

const std::vector<RecentTouch>& History::recent(int client, ChannelId channel) const {
    static const std::vector<RecentTouch> none_kept;
    auto slot = recent_slot_[static_cast<std::size_t>(channel)];
    if (slot < 0) return none_kept;
    return recent_[static_cast<std::size_t>(client) * recent_channels_ +
                   static_cast<std::size_t>(slot)];
}

const std::optional<Snooze>& History::client_snooze(int client) const {
    return client_snooze_[static_cast<std::size_t>(client)];
}

std::optional<Snooze> History::channel_snooze(int client, ChannelId channel) const {
    if (channel_snooze_.empty()) return std::nullopt;
    auto at = channel_snooze_.find(index(client, channel));
    if (at == channel_snooze_.end()) return std::nullopt;
    return at->second;
}

std::optional<Snooze> time_away(const History& history, std::optional<int> person) {
    auto away = history.away();
    if (person)
        if (const auto& own = history.person_away(*person);
            own && (!away || own->until > away->until))
            away = own;
    return away;
}

HistoryBuilder::HistoryBuilder(const Config& config, Date today)
    : history_(config, today)
    , clients_(client_index(config))
    , channels_(channel_index(config))
    , config_(&config) {}

void HistoryBuilder::unknown_client(std::string_view id) {
    ++unknown_;
    // A client removed long ago is history, said by check only; a near miss
    // of a known id is a typo the reader counts: which is which is decided
    // once the reading is done (near_misses).
    auto it = unknown_ids_.find(id);
    if (it == unknown_ids_.end())
        it = unknown_ids_.emplace(std::string(id), UnknownId{0, unknown_ids_.size()}).first;
    ++it->second.lines;
}

void HistoryBuilder::absorb_unknown_names(const HistoryBuilder& later) {
    if (unknown_channel_lines_ == 0) first_unknown_channel_ = later.first_unknown_channel_;
    unknown_channel_lines_ += later.unknown_channel_lines_;
    // Met in the later piece: after every id met in this one.
    auto base = unknown_ids_.size();
    for (auto& [id, seen] : later.unknown_ids_) {
        auto [it, added] = unknown_ids_.try_emplace(id, UnknownId{0, base + seen.first});
        it->second.lines += seen.lines;
    }
    near_misses_.reset();
}

const HistoryBuilder::NearMisses& HistoryBuilder::near_misses() const {
    if (near_misses_) return *near_misses_;
    NearMisses found;
    if (unknown_ids_.empty()) return near_misses_.emplace(std::move(found));
    std::vector<std::string> ids;
    for (auto& c : config_->clients)
        ids.push_back(c.id);
    NameGuesser guesser(std::move(ids));
    // Each id measured against every client's: the two halves of the ids on
    // two threads, the guesses then read in the ids' order.
    std::vector<std::string_view> unknown;
    unknown.reserve(unknown_ids_.size());
    for (auto& entry : unknown_ids_)
        unknown.push_back(entry.first);
    std::vector<std::string> guesses(unknown.size());
    auto n = unknown.size();
    std::size_t halves = n >= 8 ? 2 : 1;
    share_work(halves, 2, [&](std::size_t half, std::size_t) {
        for (auto i = half * n / halves; i < (half + 1) * n / halves; ++i)
            guesses[i] = guesser.did_you_mean(unknown[i]);
    });
    std::size_t first = 0, k = 0;
    for (auto& [id, seen] : unknown_ids_) {
        auto& guess = guesses[k++];
        if (guess.empty()) continue;
        if (found.lines == 0 || seen.first < first) {
            first = seen.first;
            found.first = id;
            found.guess = std::move(guess);
        }
        found.lines += seen.lines;
    }
    return near_misses_.emplace(std::move(found));
}

void HistoryBuilder::unknown_channel(std::string_view name) {
    if (unknown_channel_lines_++ == 0) first_unknown_channel_ = name;
}

void HistoryBuilder::add(const Entry& entry) {
    history_.record_line(entry.date);
    bool counted_unknown = false; // a line with several clients is one line
    auto channel_of = [&](std::string_view name) -> std::optional<ChannelId> {
        auto ch = channels_.find_any_case(name);
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
        // One person's time away hides no client from the others: their
        // clients go to the rest of the team meanwhile (shown_while_away).
        if (away_scope_->person >= 0) history_.record_person_away(away_scope_->person, *snooze);
        return;
    }
    for_each_client(entry.client, [&](std::string_view id) {
        auto client = clients_.find(id);
        if (client < 0) {
            unknown_client(id);
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
                history_.record_cancel(client, *ch, entry.date, entry.minute, note->cancel_due);
            else
                history_.record_promise(
                    {client, *ch, entry.date, entry.minute, note->due, std::string(note->what)});
            return;
        }
        if (auto skipped = skip_scope(entry.channel)) {
            if (auto ch = channel_of(*skipped)) history_.record_skip(client, *ch, entry.date);
            return;
        }
        // A channel the clients file no longer defines is history of no cadence.
        if (auto ch = channel_of(entry.channel)) {
            if (auto written = logged_late_on(entry.note))
                history_.record_logged_late(client, *ch, entry.date, *written);
            else
                history_.record(client, *ch, entry.date);
        }
    });
}

bool HistoryBuilder::add_noted(const Entry& entry, int client, ChannelId channel) {
    if (auto written = logged_late_on(entry.note))
        history_.record_logged_late(client, channel, entry.date, *written);
    else
        history_.record(client, channel, entry.date);
    return true;
}

// add_plain's rare case: a client or channel the index does not know.
bool HistoryBuilder::add_unknown(const Entry& entry, int client, int channel) {
    if ((client < 0 && !is_valid_id(entry.client)) || (channel < 0 && !is_valid_id(entry.channel)))
        return false;
    history_.record_line(entry.date);
    if (client < 0)
        unknown_client(entry.client);
    else
        unknown_channel(entry.channel);
    return true;
}

} // namespace touch
