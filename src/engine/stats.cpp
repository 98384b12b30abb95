#include "touch/engine/stats.hpp"

#include "touch/config/config.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/obligations.hpp"
#include "touch/log/log.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <optional>

namespace touch {

namespace {

Date month_start(Date d) {
    date::year_month_day ymd{d};
    return date::sys_days{ymd.year() / ymd.month() / 1};
}

// The line's identity for counting it once: its bytes eight at a time, by
// xxHash64's round and finish (not for security; std::hash's byte loop was a
// sixth of the work).
std::uint64_t hash_bytes(std::string_view s, std::uint64_t h) {
    constexpr std::uint64_t p1 = 0x9e3779b185ebca87ULL, p2 = 0xc2b2ae3d27d4eb4fULL;
    auto round = [&](std::uint64_t word) {
        h ^= std::rotl(word * p2, 31) * p1;
        h = std::rotl(h, 27) * p1 + 0x85ebca77c2b2ae63ULL;
    };
    const char* p = s.data();
    auto n = s.size();
    h += n;
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        round(word);
    }
    // The last bytes by two loads, not a byte at a time: the last eight
    // (some hashed already) of a long field, else its first and last four, or
    // its first, middle and last byte; the length, added above, tells them apart.
    std::uint64_t tail = 0;
    if (n > 0 && s.size() >= 8) {
        std::memcpy(&tail, s.data() + s.size() - 8, 8);
    } else if (n >= 4) {
        std::uint32_t first, last;
        std::memcpy(&first, p, 4);
        std::memcpy(&last, p + n - 4, 4);
        tail = std::uint64_t{first} << 32 | last;
    } else if (n > 0) {
        tail = std::uint64_t{static_cast<unsigned char>(p[0])} << 16 |
               std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
               static_cast<unsigned char>(p[n - 1]);
    }
    round(tail);
    return h;
}

std::uint64_t finish_hash(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xc2b2ae3d27d4eb4fULL;
    h ^= h >> 29;
    h *= 0x165667b19e3779f9ULL;
    return h ^ (h >> 32);
}

std::uint64_t line_hash(const Entry& e) {
    std::uint64_t v = static_cast<std::uint64_t>(e.date.time_since_epoch().count()) * 1441 +
                      static_cast<std::uint64_t>(e.minute + 1);
    v = hash_bytes(e.client, v);
    v = hash_bytes(e.channel, v);
    return finish_hash(hash_bytes(e.note, v));
}

} // namespace

StatsBuilder::StatsBuilder(const Config& config, Date since, Date until, Date today)
    : config_(config)
    , days_(config.clients.size() * config.channels.size()) {
    stats_.since = since;
    stats_.until = until;
    stats_.today = today;
    for (Date m = month_start(since); m <= until; m = touch::add(m, Interval::months(1)))
        stats_.months.push_back(m);
    stats_.per_month.assign(stats_.months.size(), std::vector<int>(config.channels.size(), 0));
    stats_.per_channel.assign(config.channels.size(), 0);
    stats_.personal_per_month.assign(stats_.months.size(), 0);
    stats_.digital_per_month.assign(stats_.months.size(), 0);
    stats_.clients.assign(config.clients.size(), {});
    clients_ = client_index(config);
    channels_ = channel_index(config);
    first_day_ =
        static_cast<std::int32_t>(std::min(since, today - Days{89}).time_since_epoch().count());
    last_day_ = static_cast<std::int32_t>(std::max(until, today).time_since_epoch().count());
}

void StatsBuilder::add(const Entry& entry, std::string_view person) {
    // A line of another day counts for nothing, and so does any copy of it
    // (which has its date): it is neither hashed nor remembered. Most of a
    // long log is years before the period.
    auto day = static_cast<std::int32_t>(entry.date.time_since_epoch().count());
    if (day < first_day_ || day > last_day_) return;
    if (snooze_scope(entry.channel) || promise_scope(entry.channel) || skip_scope(entry.channel))
        return;
    auto ch = channels_.find(entry.channel);
    if (ch < 0) ch = channels_.find_any_case(entry.channel);
    if (ch < 0) return; // a channel no longer defined: neither kind
    auto hash = line_hash(entry);
    Counted line;
    line.hash = hash;
    line.day = day;
    line.channel = static_cast<std::uint16_t>(ch);
    line.in_period = entry.date >= stats_.since && entry.date <= stats_.until;
    if (!person.empty() && line.in_period &&
        seen_by_.insert(hash ^ (std::hash<std::string_view>{}(person)*0x9e3779b97f4a7c15ULL))) {
        auto at = std::lower_bound(
            stats_.people.begin(), stats_.people.end(), person,
            [](const PersonStats& p, std::string_view name) { return p.person < name; });
        if (at == stats_.people.end() || at->person != person)
            at = stats_.people.insert(at, PersonStats{std::string(person), 0, 0});
        tally_kind(line.channel, at->personal, at->digital, at->unclassified, 1);
    }
    if (!seen_.insert(hash)) return;
    // An imported line says where from by its marker; one with two counts once.
    if (line.in_period && entry.note.find('[') != std::string_view::npos) {
        auto markers = note_markers(entry.note);
        if (!markers.empty()) {
            auto kind_of = markers.front().substr(0, markers.front().find(':'));
            auto at = stats_.imported.find(kind_of);
            if (at == stats_.imported.end()) {
                at = stats_.imported.emplace(std::string(kind_of), 0).first;
                kinds_.emplace_back(kind_of);
            }
            auto k = std::find(kinds_.begin(), kinds_.end(), kind_of) - kinds_.begin();
            line.imported = static_cast<std::uint8_t>(k + 1);
        }
    }
    line.clients_at = static_cast<std::uint32_t>(clients_of_.size());
    auto last =
        static_cast<std::int32_t>(std::max(stats_.today, stats_.until).time_since_epoch().count());
    auto first = static_cast<std::int32_t>(stats_.since.time_since_epoch().count());
    for_each_client(entry.client, [&](std::string_view id) {
        auto client = clients_.find(id);
        if (client < 0) return;
        clients_of_.push_back(client);
        ++line.clients;
        if (line.day < first || line.day > last) return;
        auto& days =
            days_[static_cast<std::size_t>(client) * config_.channels.size() + line.channel];
        // A log in date order adds each day at the end.
        if (days.empty() || days.back() < line.day) {
            days.push_back(line.day);
            return;
        }
        auto at = std::lower_bound(days.begin(), days.end(), line.day);
        if (*at != line.day) days.insert(at, line.day);
    });
    tally(line, *this, 1);
    // Only a later piece's lines are kept: for merge to take off those an
    // earlier piece counted.
    if (keep_counted_)
        counted_.push_back(line);
    else
        clients_of_.resize(line.clients_at);
}

// A custom channel that does not say is neither personal nor digital.
void StatsBuilder::tally_kind(std::size_t channel, int& personal, int& digital, int& unclassified,
                              int sign) const {
    const auto& kind = config_.channels[channel];
    (!kind.classified ? unclassified : kind.personal ? personal : digital) += sign;
}

// The period's month of `day` (-1 before it): the last one found again
// when it holds the day, as it does for line after line of a log in date order.
std::ptrdiff_t StatsBuilder::month_of(std::int32_t day) {
    if (day < month_from_ || day >= month_to_) {
        const auto& months = stats_.months;
        auto at = std::upper_bound(months.begin(), months.end(), Date{Days{day}});
        month_ = at - months.begin() - 1;
        if (month_ < 0) return month_;
        month_from_ = static_cast<std::int32_t>(at[-1].time_since_epoch().count());
        month_to_ = at == months.end() ? std::numeric_limits<std::int32_t>::max()
                                       : static_cast<std::int32_t>(at->time_since_epoch().count());
    }
    return month_;
}

// One interaction counts once in the totals, and as a touch for each of its clients.
void StatsBuilder::tally(const Counted& line, const StatsBuilder& from, int sign) {
    const auto* clients = from.clients_of_.data() + line.clients_at;
    const auto& kind = config_.channels[line.channel];
    Date date{Days{line.day}};
    if (line.in_period) {
        auto month = month_of(line.day);
        if (month >= 0) {
            auto m = static_cast<std::size_t>(month);
            stats_.per_month[m][line.channel] += sign;
            if (kind.classified)
                (kind.personal ? stats_.personal_per_month : stats_.digital_per_month)[m] += sign;
        }
        stats_.per_channel[line.channel] += sign;
        tally_kind(line.channel, stats_.personal, stats_.digital, stats_.unclassified, sign);
        if (line.imported) stats_.imported.find(from.kinds_[line.imported - 1u])->second += sign;
    }
    for (std::size_t i = 0; i < line.clients; ++i) {
        auto& cs = stats_.clients[static_cast<std::size_t>(clients[i])];
        // Who was reached how lately does not depend on the period asked for.
        if (date <= stats_.today && date > stats_.today - Days{90} && kind.classified)
            (kind.personal ? cs.recent_personal : cs.recent_digital) += sign;
        if (line.in_period)
            tally_kind(line.channel, cs.personal, cs.digital, cs.unclassified, sign);
    }
}

namespace {

void add_counts(std::vector<int>& to, const std::vector<int>& from) {
    for (std::size_t i = 0; i < to.size(); ++i)
        to[i] += from[i];
}

} // namespace

void StatsBuilder::merge(const StatsBuilder& later, bool last) {
    auto& to = stats_;
    const auto& from = later.stats_;
    for (std::size_t m = 0; m < to.per_month.size(); ++m)
        add_counts(to.per_month[m], from.per_month[m]);
    add_counts(to.per_channel, from.per_channel);
    add_counts(to.personal_per_month, from.personal_per_month);
    add_counts(to.digital_per_month, from.digital_per_month);
    to.personal += from.personal;
    to.digital += from.digital;
    to.unclassified += from.unclassified;
    for (const auto& [kind, n] : from.imported)
        to.imported[kind] += n;
    for (std::size_t i = 0; i < to.clients.size(); ++i) {
        auto& c = to.clients[i];
        const auto& o = from.clients[i];
        c.personal += o.personal;
        c.digital += o.digital;
        c.unclassified += o.unclassified;
        c.recent_personal += o.recent_personal;
        c.recent_digital += o.recent_digital;
    }
    for (const auto& p : from.people) {
        auto at = std::lower_bound(
            to.people.begin(), to.people.end(), p.person,
            [](const PersonStats& q, const std::string& name) { return q.person < name; });
        if (at == to.people.end() || at->person != p.person)
            at = to.people.insert(at, PersonStats{p.person, 0, 0, 0});
        at->personal += p.personal;
        at->digital += p.digital;
        at->unclassified += p.unclassified;
    }
    for (std::size_t i = 0; i < days_.size(); ++i) {
        if (later.days_[i].empty()) continue;
        std::vector<std::int32_t> both;
        std::set_union(days_[i].begin(), days_[i].end(), later.days_[i].begin(),
                       later.days_[i].end(), std::back_inserter(both));
        days_[i] = std::move(both);
    }
    // A line both counted counts once: later's count of it is taken off.
    for (const auto& line : later.counted_)
        if (seen_.contains(line.hash)) tally(line, later, -1);
    if (!last) {
        seen_.insert_all(later.seen_);
        seen_by_.insert_all(later.seen_by_);
    }
}

Stats StatsBuilder::finish(const History& history) const {
    Stats stats = stats_;
    for (std::size_t i = 0; i < config_.clients.size(); ++i) {
        const auto& cs = stats.clients[i];
        if (cs.recent_digital > 0 && cs.recent_personal == 0)
            stats.digital_only.push_back(static_cast<int>(i));
    }
    auto n = config_.channels.size();
    for (std::size_t i = 0; i < config_.clients.size(); ++i) {
        const auto& c = config_.clients[i];
        if (c.paused_until && *c.paused_until > stats.today) continue;
        for (auto& ob : client_obligations(config_, history, static_cast<int>(i))) {
            if (ob.kind != ObligationKind::cadence) continue;
            ++stats.cadences;
            if (ob.natural_due > stats.today) ++stats.cadences_kept;
            // The touches that kept this cadence during the period, in order.
            std::vector<std::int32_t> touches;
            auto last = static_cast<std::int32_t>(stats.until.time_since_epoch().count());
            for (std::size_t k = 0; k < n; ++k) {
                if (!counts_for_cadence(config_, ob.cadence_channel, ob.channel,
                                        static_cast<ChannelId>(k)))
                    continue;
                const auto& days = days_[i * n + k];
                touches.insert(touches.end(), days.begin(),
                               std::upper_bound(days.begin(), days.end(), last));
            }
            std::sort(touches.begin(), touches.end());
            touches.erase(std::unique(touches.begin(), touches.end()), touches.end());
            for (std::size_t t = 1; t < touches.size(); ++t) {
                ++stats.intervals;
                Date previous{Days{touches[t - 1]}};
                if (Date{Days{touches[t]}} <= touch::add(previous, ob.every))
                    ++stats.intervals_on_time;
            }
        }
    }
    for (std::size_t i = 0; i < config_.clients.size(); ++i)
        count_promises(history, i, stats);
    return stats;
}

// A promise is kept by the first touch on its channel (or one covering it)
// after the day it was made: on time when that is by its date.
void StatsBuilder::count_promises(const History& history, std::size_t client, Stats& stats) const {
    auto n = config_.channels.size();
    for (const auto* p : history.promises(static_cast<int>(client))) {
        if (p->made_on < stats.since || p->made_on > stats.until) continue;
        ++stats.promises;
        auto made = static_cast<std::int32_t>(p->made_on.time_since_epoch().count());
        std::optional<std::int32_t> kept;
        for (std::size_t k = 0; k < n; ++k) {
            if (!config_.counts_as(static_cast<ChannelId>(k), p->channel)) continue;
            const auto& days = days_[client * n + k];
            auto after = std::upper_bound(days.begin(), days.end(), made);
            if (after != days.end() && (!kept || *after < *kept)) kept = *after;
        }
        auto due = static_cast<std::int32_t>(p->due.time_since_epoch().count());
        if (!kept)
            ++stats.promises_open;
        else
            ++(*kept <= due ? stats.promises_on_time : stats.promises_late);
    }
}

} // namespace touch
