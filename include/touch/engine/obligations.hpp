// What is owed to whom: from the clients file and the log folded into a
// History, every obligation of a client (cadences, follow-up rules,
// birthdays, promises), when each falls due and why its urgency is what it
// is. Pure: "today" is the History's.
#pragma once

#include "touch/core/model.hpp"
#include "touch/engine/history.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touch {

// Rule follow-ups and birthdays are time-bound and rank above cadences.
enum class ObligationKind : std::uint8_t { rule, birthday, cadence, promise };

struct Obligation {
    int client = 0;
    ObligationKind kind = ObligationKind::cadence;
    ChannelId channel = 0;                 // what to do
    ChannelId cadence_channel = 0;         // cadence: its key (any_channel for `any`)
    int rule = -1;                         // rule: index into config.rules
    std::optional<Date> last;              // cadence: the last touch or `since`; rule: the trigger
    std::optional<ChannelId> last_channel; // the channel of that touch when it came from the log
    bool last_is_since = false;
    // Never made and no `since`: owed from the day the client's own record
    // begins (natural_due), so its overdue days grow from then.
    bool owed_from_record_start = false;
    // Never made, no `since`, and no line of the client in the log: a new
    // contact, due today and ranked as due today (urgency 1), never above a
    // client really overdue.
    bool new_contact = false;
    Interval every;               // cadence interval, rule `within`, birthday lead
    Date natural_due;             // when it falls due by the rules alone
    Date due;                     // first day it is shown: after pauses and snoozes
    Date owed_since;              // when it fell due, after a pause but before any
                                  // snooze: what its days overdue count from
    std::optional<Date> deadline; // rule: trigger + within; birthday: the birthday
    std::optional<Date> expires;  // last day it is shown (rules, birthdays)
    std::optional<int> turns;     // birthday with a year of birth: the age it turns
    bool snoozed = false;         // a snooze moved `due`
    bool paused = false;          // paused_until moved `due`
    bool before_day_off = false;  // birthday: brought forward to the last workday before it
    std::string promised;         // promise: what was promised (`last` is the day it was made)
    // Cover (SPEC §7): shown because this person of [people] (an index) is
    // away until `cover_until`; -1 when not.
    int cover_for = -1;
    Date cover_until{};
    // Rule: who made the touch it follows up (RecentTouch::by; 0: no one
    // known), and whether the row says so (in a view of everyone).
    std::uint64_t made_by = 0;
    bool say_who = false;

    // (day - last) / interval length: 1.0 on the day it falls due.
    double urgency(Date day) const;
    // Past its last day (a follow-up dropped, a birthday gone by).
    bool expired(Date day) const { return expires && *expires < day; }
    // Days overdue on `day` as reports say them: a snooze hides a
    // suggestion, it does not make it less late (negative: not due yet).
    int days_late(Date day) const {
        return static_cast<int>((day - (snoozed && due <= day ? owed_since : due)).count());
    }
};

// Every obligation of every client, due or not, in config order.
std::vector<Obligation> obligations(const Config& config, const History& history);

// The obligations of one client.
std::vector<Obligation> client_obligations(const Config& config, const History& history,
                                           int client);

enum class ClientStatus { ok, due, overdue, paused, snoozed };
const char* status_name(ClientStatus status);

struct ClientSummary {
    int client = 0;
    std::optional<Date> last; // newest touch on any channel the config knows
    std::optional<ChannelId> last_channel;
    std::optional<Obligation> next; // the obligation falling due first
    ClientStatus status = ClientStatus::ok;
};

ClientSummary summarize(const Config& config, const History& history, int client);

// Whether a touch on `line` counts for a cadence keyed `key` (any_channel for
// `any`, whose suggested channel is `suggested`): for `any`, a personal
// channel or one counting as the suggested one; else a channel counting as
// the key.
bool counts_for_cadence(const Config& config, ChannelId key, ChannelId suggested, ChannelId line);

// What a touch on `channel` on `date` settles or sets in motion for the
// client, in `history` that already holds it: every cadence it counts for
// and every follow-up it triggered, soonest due first.
std::vector<Obligation> settled_by(const Config& config, const History& history, int client,
                                   ChannelId channel, Date date);

// What `show` lists for a client: everything not expired, soonest due first.
std::vector<Obligation> open_obligations(const Config& config, const History& history, int client);

// Why an obligation's urgency is what it is: the days since `from` (the last
// touch; never touched, one interval before it first fell due; a birthday,
// the start of its lead) against the length of its interval in days.
struct UrgencyWhy {
    Date from;
    int days_elapsed = 0; // negative while its window has not opened
    int length_days = 0;
    double urgency = 0;
};
UrgencyWhy explain_urgency(const Obligation& ob, Date today);

// What a touch set in motion, as `touch log` tells it: each obligation it
// settled or triggered (settled_by), and the day it is owed again by: a
// follow-up's deadline, else the day it falls due.
struct NextStep {
    Obligation obligation;
    Date by;
};
std::vector<NextStep> next_steps(const Config& config, const History& history, int client,
                                 ChannelId channel, Date date);

} // namespace touch
