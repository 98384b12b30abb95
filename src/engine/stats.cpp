#include "touch/engine/stats.hpp"

#include "touch/config/config.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/obligations.hpp"
#include "touch/log/log.hpp"

#include <algorithm>
#include <functional>
#include <optional>

namespace touch {

namespace {

Date month_start(Date d) {
    date::year_month_day ymd{d};
    return date::sys_days{ymd.year() / ymd.month() / 1};
}

std::uint64_t line_hash(const Entry& e) {
    std::hash<std::string_view> h;
    auto mix = [](std::uint64_t a, std::uint64_t b) {
        return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    };
    std::uint64_t v = static_cast<std::uint64_t>(e.date.time_since_epoch().count()) * 1441 +
                      static_cast<std::uint64_t>(e.minute + 1);
    v = mix(v, h(e.client));
    v = mix(v, h(e.channel));
    return mix(v, h(e.note));
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
}

void StatsBuilder::add(const Entry& entry, std::string_view person) {
    if (snooze_scope(entry.channel) || promise_scope(entry.channel) || skip_scope(entry.channel))
        return;
    auto ch = channels_.find_any_case(entry.channel);
    if (ch < 0) return; // a channel no longer defined: neither kind
    auto hash = line_hash(entry);
    auto channel = static_cast<std::size_t>(ch);
    const auto& kind = config_.channels[channel];
    // A custom channel that does not say is neither personal nor digital.
    auto count = [&](int& personal, int& digital, int& unclassified) {
        (!kind.classified ? unclassified : kind.personal ? personal : digital) += 1;
    };
    bool in_period = entry.date >= stats_.since && entry.date <= stats_.until;
    if (!person.empty() && in_period &&
        seen_by_.insert(hash ^ (std::hash<std::string_view>{}(person)*0x9e3779b97f4a7c15ULL))) {
        auto at = std::lower_bound(
            stats_.people.begin(), stats_.people.end(), person,
            [](const PersonStats& p, std::string_view name) { return p.person < name; });
        if (at == stats_.people.end() || at->person != person)
            at = stats_.people.insert(at, PersonStats{std::string(person), 0, 0});
        count(at->personal, at->digital, at->unclassified);
    }
    if (!seen_.insert(hash)) return;
    // One interaction counts once in the totals, and as a touch for each of its clients.
    if (in_period) {
        auto month = std::upper_bound(stats_.months.begin(), stats_.months.end(), entry.date) -
                     stats_.months.begin() - 1;
        if (month >= 0) {
            auto m = static_cast<std::size_t>(month);
            stats_.per_month[m][channel] += 1;
            if (kind.classified)
                (kind.personal ? stats_.personal_per_month : stats_.digital_per_month)[m] += 1;
        }
        stats_.per_channel[channel] += 1;
        count(stats_.personal, stats_.digital, stats_.unclassified);
        // An imported line says where from by its marker; one with two counts once.
        auto markers = note_markers(entry.note);
        if (!markers.empty()) {
            auto kind_of = markers.front().substr(0, markers.front().find(':'));
            auto at = stats_.imported.find(kind_of);
            if (at == stats_.imported.end())
                at = stats_.imported.emplace(std::string(kind_of), 0).first;
            at->second += 1;
        }
    }
    for_each_client(entry.client, [&](std::string_view id) {
        auto client = clients_.find(id);
        if (client < 0) return;
        auto& cs = stats_.clients[static_cast<std::size_t>(client)];
        // Who was reached how lately does not depend on the period asked for.
        if (entry.date <= stats_.today && entry.date > stats_.today - Days{90} && kind.classified)
            (kind.personal ? cs.recent_personal : cs.recent_digital) += 1;
        if (in_period) count(cs.personal, cs.digital, cs.unclassified);
        if (entry.date < stats_.since || entry.date > std::max(stats_.today, stats_.until)) return;
        auto& days = days_[static_cast<std::size_t>(client) * config_.channels.size() + channel];
        auto day = static_cast<std::int32_t>(entry.date.time_since_epoch().count());
        auto at = std::lower_bound(days.begin(), days.end(), day);
        if (at == days.end() || *at != day) days.insert(at, day);
    });
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
