// Folding the log into what the engine needs of it, per client and channel:
// the newest touches, the recent ones a rule can follow up, snoozes, time
// away and promises. Its size follows the clients file, not the log.
#pragma once

#include "touch/core/model.hpp"
#include "touch/engine/name_index.hpp"
#include "touch/engine/people.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace touch {

struct Snooze {
    Date set_on;
    int minute = -1;
    Date until;
};

// A promise line: made on a day, due on a day, kept by the first touch on its
// channel (or one covering it) after the day it was made.
struct Promise {
    int client = 0;
    ChannelId channel = 0;
    Date made_on;
    int minute = -1; // of the line that made it, -1 when it has no time
    Date due;
    std::string what;
    friend bool operator==(const Promise&, const Promise&) = default;
};

// A touch that can still start a follow-up: its day, and who made it (SPEC
// §7), a bit per person of [people] by index; 0 when no one is known (one
// log for everyone, the file of someone not in [people], a 65th person).
struct RecentTouch {
    std::int32_t day = 0;
    std::uint64_t by = 0;
    friend bool operator==(const RecentTouch&, const RecentTouch&) = default;
};

// The bit of one person of [people] in RecentTouch::by; 0 past the 64th.
inline std::uint64_t person_bit(int person) {
    return person >= 0 && person < 64 ? std::uint64_t{1} << person : 0;
}

// A follow-up not made by its deadline stays on the list this long, then is
// dropped: a History keeps the touches that can still trigger one.
inline constexpr Days missed_follow_up_stays{30};

// What the engine needs of the log, in a size that does not grow with it: per
// client and channel the newest touch, the recent touches that can trigger a
// rule, and the newest snoozes. Lines dated after `today` are not counted, so
// `--today` in the past shows the past as it was.
class History {
public:
    History(const Config& config, Date today);

    // Records one touch on a known client and channel (indices into the
    // config). Inline: it runs for nearly every line of the log.
    void record(int client, ChannelId channel, Date date) {
        if (date > today_) return;
        auto day = days_of(date);
        count_touch(client, channel, day);
        if (recent_slot_[static_cast<std::size_t>(channel)] >= 0 && day >= cutoff_)
            keep_recent(client, channel, day);
    }
    // A touch logged after the fact (its line says when it was written): it
    // counts as any touch, but starts no follow-up whose window had closed
    // when it was logged.
    void record_logged_late(int client, ChannelId channel, Date date, Date written);
    // Who makes the touches recorded from now on (a person of [people], by
    // index; -1: no one known): the file being read.
    void set_maker(int person) { maker_ = person_bit(person); }
    void record_snooze(int client, std::optional<ChannelId> channel, const Snooze& snooze);
    // A `*` snooze: every client (time away).
    void record_away(const Snooze& snooze);
    void record_person_away(int person, const Snooze& snooze);
    void record_promise(Promise promise);
    // `cancel` on a promise channel: ends those made on or before `date`
    // (and `minute`), of every due date or, with `due`, of that one only.
    void record_cancel(int client, ChannelId channel, Date date, int minute = -1,
                       std::optional<Date> due = std::nullopt);
    // A `skip:CHANNEL` line: settles the follow-up, birthday or promise open
    // on that channel on `date`, without counting as a touch.
    void record_skip(int client, ChannelId channel, Date date);
    // Any line's date, of a client or channel the config knows or not.
    void record_line(Date date) {
        if (date <= today_) first_day_ = std::min(first_day_, days_of(date));
    }

    // Folds another History over the same config and day into this one.
    void merge(const History& other);

    Date today() const { return today_; }
    // The day the log begins: its earliest line on or before today, whatever
    // client or channel it names; today for an empty log. A touch never made
    // is owed from it.
    Date log_start() const { return from_day_number(first_day_); }
    // The day a client's own record begins: its earliest line on or before
    // today (a touch, snooze, promise or skip). Nothing when the log has no
    // line for it: another client's lines never say when it began.
    std::optional<Date> record_start(int client) const;
    // The newest skip line of a client on a channel.
    std::optional<Date> skipped(int client, ChannelId channel) const;
    // Moves "today" forward, for planning the days ahead: touches recorded
    // after this count from their date.
    void advance_to(Date day) { today_ = std::max(today_, day); }
    // The day this History was read for, before any advance_to: a new
    // contact is owed from it, so one a plan makes wait grows overdue.
    Date read_on() const { return read_on_; }
    std::optional<Date> latest(int client, ChannelId channel) const;
    const std::vector<RecentTouch>& recent(int client, ChannelId channel) const;
    // Who made any of a client's recent touches, as RecentTouch::by: whose
    // follow-ups it may owe.
    std::uint64_t follow_up_makers(int client) const {
        return makers_[static_cast<std::size_t>(client)];
    }
    const std::optional<Snooze>& client_snooze(int client) const;
    std::optional<Snooze> channel_snooze(int client, ChannelId channel) const;
    const std::optional<Snooze>& away() const { return away_; }
    // Time away of one person of [people], from a `*` snooze in their own file.
    const std::optional<Snooze>& person_away(int person) const;
    // The open promises of a client: not cancelled (kept ones are the
    // engine's to tell), identical lines once.
    std::vector<const Promise*> promises(int client) const;

private:
    std::size_t index(int client, ChannelId channel) const {
        return static_cast<std::size_t>(client) * channel_count_ +
               static_cast<std::size_t>(channel);
    }
    static constexpr std::int32_t none = INT32_MIN;
    static Date from_day_number(std::int32_t n) { return Date{Days{n}}; }
    static std::int32_t days_of(Date d) {
        return static_cast<std::int32_t>(d.time_since_epoch().count());
    }
    void keep_recent(int client, ChannelId channel, std::int32_t day);
    void begin_record(int client, std::int32_t day) {
        auto& start = record_start_[static_cast<std::size_t>(client)];
        start = std::min(start, day);
    }
    // What every touch counts for, however it was logged: the log's and the
    // client's first day, and the channel's latest.
    void count_touch(int client, ChannelId channel, std::int32_t day) {
        first_day_ = std::min(first_day_, day);
        begin_record(client, day);
        auto i = index(client, channel);
        latest_[i] = std::max(latest_[i], day);
    }
    Date today_;
    Date read_on_;
    std::int32_t first_day_; // log_start()
    std::int32_t cutoff_;    // recent() keeps touches from this day on
    std::size_t channel_count_;
    // Per client and channel only what nearly every pair has, the newest
    // touch and skip; the rest only where it is: a History is made for each
    // piece of a log, and with 5,000 clients one filled over a MB with room
    // for snoozes and recent touches few pairs have (README, Speed).
    std::vector<std::pair<ChannelId, Interval>> rule_windows_; // each rule's after and within
    std::vector<std::int32_t> latest_;                         // client x channel
    // Per channel: its place among the channels a rule follows (their recent
    // touches are kept), or -1.
    std::vector<int> recent_slot_;
    std::size_t recent_channels_ = 0;
    std::vector<std::vector<RecentTouch>> recent_; // client x those channels, sorted, unique days
    std::vector<std::uint64_t> makers_;            // per client: follow_up_makers
    std::uint64_t maker_ = 0;                      // set_maker
    std::vector<std::optional<Snooze>> client_snooze_;
    std::unordered_map<std::size_t, Snooze> channel_snooze_; // by index(client, channel)
    std::optional<Snooze> away_;
    std::vector<std::optional<Snooze>> person_away_; // per config.people
    std::vector<std::vector<Promise>> promises_;     // per client, as written
    // A cancel line: made on (date, minute), of one due date or of all.
    struct Cancel {
        int client = 0;
        ChannelId channel = 0;
        Date date;
        int minute = -1;
        std::optional<Date> due;
    };
    std::vector<Cancel> cancels_;
    std::vector<std::int32_t> record_start_; // per client; INT32_MAX: no line
    std::vector<std::int32_t> skipped_;      // client x channel: the newest skip
};

// The time away that holds back what a view shows: the whole log's (a `*`
// snooze in a single-file log), or, in the view of one person (an index into
// config.people), their own from their file, whichever ends later.
std::optional<Snooze> time_away(const History& history, std::optional<int> person);

// Feeds log entries into a History, resolving ids by name. Entries for
// clients the config does not know are history, and counted.
class HistoryBuilder {
public:
    HistoryBuilder(const Config& config, Date today);
    void add(const Entry& entry);
    // The fields LineParser::read_fields cut (one client, a channel that is
    // no snooze or promise): the same as add, asking only what such a line
    // can need, for nearly every line of a log (inline, for the reader's
    // loop). Their characters are checked only when the index does not know
    // them (it holds only valid ids): false, and nothing done, when one is no
    // valid id.
    bool add_plain(const Entry& entry) {
        auto client = clients_.find(entry.client);
        auto ch = channels_.find(entry.channel);
        if (client < 0 || ch < 0) return add_unknown(entry, client, ch);
        if (!entry.note.empty() && entry.note[0] == '(') [[unlikely]]
            return add_noted(entry, client, static_cast<ChannelId>(ch));
        history_.record(client, static_cast<ChannelId>(ch), entry.date);
        return true;
    }
    // In a folder of per-person logs a `*` snooze covers only the clients of
    // the person whose file holds it (SPEC §3): those of `scope` from now
    // on; nullptr (the default) is every client, time away.
    // The person of that file also made its touches: their follow-ups are theirs.
    void set_away_scope(const AwayScope* scope) {
        away_scope_ = scope;
        history_.set_maker(scope ? scope->person : -1);
    }
    History& history() { return history_; }
    std::size_t unknown_clients() const { return unknown_; }
    // Lines of a known client on a channel the clients file does not define
    // (a typo such as `cal`, or a channel since removed): they count for
    // nothing, so the reader says so.
    std::size_t unknown_channel_lines() const { return unknown_channel_lines_; }
    const std::string& first_unknown_channel() const { return first_unknown_channel_; }
    // Lines naming an id the clients file does not know but nearly does (a
    // typo such as `elbdruk`): history of no one, so the reader says so; the
    // first such id and its guess ("did you mean 'elbdruck'?").
    // What `later` (a builder of the log's next piece) counted of no use,
    // added to this one's as if one builder had read both: each id is then
    // guessed once.
    void absorb_unknown_names(const HistoryBuilder& later);
    // Guessed once the reading is done, once per distinct id: the ids of
    // clients long removed are many lines but few names.
    std::size_t near_miss_lines() const { return near_misses().lines; }
    const std::string& first_near_miss() const { return near_misses().first; }
    const std::string& near_miss_guess() const { return near_misses().guess; }

private:
    History history_;
    NameIndex clients_;
    NameIndex channels_;
    std::size_t unknown_ = 0;
    std::size_t unknown_channel_lines_ = 0;
    std::string first_unknown_channel_;
    const Config* config_;
    struct UnknownId {
        std::size_t lines = 0, first = 0; // its lines, and the order it was first met in
    };
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::unordered_map<std::string, UnknownId, Hash, std::equal_to<>> unknown_ids_;
    struct NearMisses {
        std::size_t lines = 0;
        std::string first, guess;
    };
    mutable std::optional<NearMisses> near_misses_;
    const NearMisses& near_misses() const;
    void unknown_channel(std::string_view name);
    void unknown_client(std::string_view id);
    bool add_unknown(const Entry& entry, int client, int channel);
    // A touch whose note may say when it was logged (logged_late_note).
    bool add_noted(const Entry& entry, int client, ChannelId channel);
    const AwayScope* away_scope_ = nullptr;
};

} // namespace touch
