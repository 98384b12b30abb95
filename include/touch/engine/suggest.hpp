// Ranking and settling: today's suggestions, one row per touch (a covering
// channel shown once with what it also counts as), each channel's per_day
// applied, and the workdays ahead planned the same way.
#pragma once

#include "touch/core/model.hpp"
#include "touch/engine/history.hpp"
#include "touch/engine/obligations.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace touch {

struct Suggestion {
    Obligation primary;           // what to do and the main reason
    std::vector<Obligation> also; // merged in because `primary` covers them
    bool time_bound = false;      // a rule or birthday is among them
    double urgency = 0;           // the highest of what it settles
    int overdue = 0;              // days since it fell due: the most overdue of what it settles
    Date day{};                   // the day it was suggested for

    int client() const { return primary.client; }
    ChannelId channel() const { return primary.channel; }
    // What the row's "when" speaks of: of everything it settles, the
    // obligation that fell due first (`primary` on a tie).
    const Obligation& most_overdue() const;
};

struct SuggestFilter {
    std::optional<ChannelId> channel;
    std::string_view tag;
    std::string_view city;
    std::optional<int> person; // only the clients shown_to this person
};

// Today's suggestions, most urgent first: due on or before today, filtered,
// one row per client and channel, a covering channel shown once with what it
// also counts as. Nothing is capped: apply_capacity takes these rows apart
// again where a covering row is not shown.
// With `threads` of two or more and at least suggest_parallel_clients
// clients, each half of the clients is read on a thread of its own.
std::vector<Suggestion> suggest(const Config& config, const History& history,
                                const SuggestFilter& filter = {}, std::size_t threads = 1);
inline constexpr std::size_t suggest_parallel_clients = 200;

// Sorting: time-bound first, then urgency, overdue days, client id, channel.
bool ranks_before(const Config& config, const Suggestion& a, const Suggestion& b);

struct Capped {
    std::vector<Suggestion> shown;
    std::vector<std::pair<ChannelId, int>> hidden; // channel -> how many more, in channel order
};

// Applies each channel's per_day to ranked suggestions. A covered suggestion
// is folded into a covering row of the same client only where that row is
// shown; otherwise it stays a row of its own, under its own channel's cap.
// The shown rows come back most urgent first. The commands call
// suggest_capped; this states, for the unit tests, what it must give.
Capped apply_capacity(const Config& config, std::vector<Suggestion> ranked);

// apply_capacity(suggest(...)), without making the uncapped rows first: the
// rows of one touch each, ranked, are what apply_capacity takes those apart
// into. What `due`, `next` and `remind` show.
Capped suggest_capped(const Config& config, const History& history,
                      const SuggestFilter& filter = {}, std::size_t threads = 1);

struct PlannedDay {
    Date date;
    std::vector<Suggestion> items; // most urgent first, within each channel's per_day
};

// The workdays of the `days` days from history.today() on: each day takes
// what is due by then, most urgent first, up to each channel's per_day; the
// rest rolls over to the next workday. Every planned item is assumed done on
// its day, so a cadence that comes round twice in the window appears twice
// and a planned visit brings its follow-up. With `threads` of two or more and
// at least plan_parallel_clients clients, each day's clients are read in two
// halves at once; the plan is the same either way.
std::vector<PlannedDay> plan(const Config& config, History history, int days,
                             const SuggestFilter& filter = {}, std::size_t threads = 1);

// Below this many clients a day's reading is short (some 600 instructions a
// client): a second thread's start and a hand-over each day would take much
// of what sharing it saves. Chosen, not measured: 5,000 clients gain.
inline constexpr std::size_t plan_parallel_clients = 1000;

// From this many clients on, a plan's day makes rows only for the clients
// that could rank where the day before stopped taking rows, and reads the day
// again whole when it reaches further: 5,000 clients take some 10,000 rows a
// day of which the caps show a few dozen. Below it a day is short and a
// second reading of it costs more than leaving clients out saves (50 clients,
// 7.50 to 7.63 M instructions in all).
inline constexpr std::size_t plan_limited_clients = 1000;

// plan() as first written, every client's obligations worked out again each
// day: plan() keeps them from day to day and works out again only what a day
// or a planned touch changed. Slower; kept so that tests can hold the two
// side by side.
std::vector<PlannedDay> plan_day_by_day(const Config& config, History history, int days,
                                        const SuggestFilter& filter = {});

} // namespace touch
