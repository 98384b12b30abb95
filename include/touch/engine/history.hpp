// Folding the log into what the engine needs of it, per client and channel:
// the newest touches, the recent ones a rule can follow up, snoozes, time
// away and promises. Its size follows the clients file, not the log.
#pragma once

#include "touch/core/model.hpp"
#include "touch/engine/name_index.hpp"
#include "touch/engine/people.hpp"

#include <algorithm>
#include <cstdint>
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
    Date due;
    std::string what;
    friend bool operator==(const Promise&, const Promise&) = default;
};

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
        first_day_ = std::min(first_day_, day);
        auto i = index(client, channel);
        latest_[i] = std::max(latest_[i], day);
        if (keep_recent_[static_cast<std::size_t>(channel)] && day >= cutoff_) keep_recent(i, day);
    }
    void record_snooze(int client, std::optional<ChannelId> channel, const Snooze& snooze);
    // A `*` snooze: every client (time away).
    void record_away(const Snooze& snooze);
    void record_person_away(int person, const Snooze& snooze);
    void record_promise(Promise promise);
    // `cancel` on a promise channel: ends those made on or before `date`.
    void record_cancel(int client, ChannelId channel, Date date);
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
    // Moves "today" forward, for planning the days ahead: touches recorded
    // after this count from their date.
    void advance_to(Date day) { today_ = std::max(today_, day); }
    std::optional<Date> latest(int client, ChannelId channel) const;
    const std::vector<std::int32_t>& recent(int client, ChannelId channel) const;
    const std::optional<Snooze>& client_snooze(int client) const;
    const std::optional<Snooze>& channel_snooze(int client, ChannelId channel) const;
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
    void keep_recent(std::size_t i, std::int32_t day);
    Date today_;
    std::int32_t first_day_; // log_start()
    std::int32_t cutoff_;    // recent() keeps touches from this day on
    std::size_t channel_count_;
    std::vector<std::uint8_t> keep_recent_;         // per channel: can trigger a rule
    std::vector<std::int32_t> latest_;              // client x channel
    std::vector<std::vector<std::int32_t>> recent_; // client x channel, sorted, unique
    std::vector<std::optional<Snooze>> client_snooze_;
    std::vector<std::optional<Snooze>> channel_snooze_;
    std::optional<Snooze> away_;
    std::vector<std::optional<Snooze>> person_away_; // per config.people
    std::vector<std::vector<Promise>> promises_;     // per client, as written
    std::vector<std::int32_t> cancelled_;            // client x channel: the newest cancel
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
        history_.record(client, static_cast<ChannelId>(ch), entry.date);
        return true;
    }
    // In a folder of per-person logs a `*` snooze covers only the clients of
    // the person whose file holds it (SPEC §3): those of `scope` from now
    // on; nullptr (the default) is every client, time away.
    void set_away_scope(const AwayScope* scope) { away_scope_ = scope; }
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
    std::size_t near_miss_lines() const { return near_miss_lines_; }
    const std::string& first_near_miss() const { return first_near_miss_; }
    const std::string& near_miss_guess() const { return near_miss_guess_; }

private:
    History history_;
    NameIndex clients_;
    NameIndex channels_;
    std::size_t unknown_ = 0;
    std::size_t unknown_channel_lines_ = 0;
    std::string first_unknown_channel_;
    std::size_t near_miss_lines_ = 0;
    std::string first_near_miss_, near_miss_guess_;
    std::vector<std::string> client_ids_;
    std::unordered_map<std::string, std::string> guessed_; // unknown id -> its guess, or ""
    void unknown_channel(std::string_view name);
    void unknown_client(std::string_view id);
    bool add_unknown(const Entry& entry, int client, int channel);
    const AwayScope* away_scope_ = nullptr;
};

} // namespace touch
