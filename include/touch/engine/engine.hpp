// What is owed to whom: from the clients file, what the log says happened and
// a day, the engine works out every obligation (cadences, follow-up rules,
// birthdays) and which of them are due. Pure: no clock, no files, no
// environment; "today" is an argument.
#pragma once

#include "touch/core/model.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
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

// A fixed set of names and their indices, for the two look-ups per log line:
// open addressing over a power-of-two table. A name of up to eight bytes (ids
// nearly always are) is held whole in its slot as one word, so a look-up is a
// multiply to hash it and one comparison, with nothing to follow: with
// thousands of clients, a pointer into each client's own id would miss the
// cache on every line. Longer names keep their first eight bytes there and
// the rest side by side in the index.
class NameIndex {
public:
    void add(std::string_view name, int value);
    // -1 when absent. Always inlined: it runs twice for every line of the log.
    [[gnu::always_inline]] int find(std::string_view name) const {
        if (slots_.empty()) return -1;
        auto key = key_of(name);
        for (auto i = home(key, name);; i = (i + 1) & mask_) {
            const auto& slot = slots_[i];
            if (slot.value < 0 || holds(i, key, name)) return slot.value;
        }
    }

private:
    struct Slot {
        std::uint64_t key = 0; // key_of the name
        std::uint32_t size = 0;
        std::int32_t value = -1; // -1: empty
    };
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> offsets_; // per slot: where its name is in names_
    std::string names_;
    std::size_t mask_ = 0;
    int shift_ = 64;
    std::size_t used_ = 0;

    [[gnu::always_inline]] static std::uint64_t load64(const char* p) {
        std::uint64_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    [[gnu::always_inline]] static std::uint64_t load32(const char* p) {
        std::uint32_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    // Up to eight bytes: the name itself, read without going past its end
    // (overlapping loads; together with the size they say every byte).
    // Longer: its first eight bytes.
    [[gnu::always_inline]] static std::uint64_t key_of(std::string_view name) {
        const char* p = name.data();
        auto n = name.size();
        if (n >= 8) return load64(p);
        if (n >= 4) return load32(p) | load32(p + n - 4) << 32;
        if (n == 0) return 0;
        return std::uint64_t{static_cast<unsigned char>(p[0])} |
               std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
               std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
    }
    // The slot a name's search begins at: the top bits of a multiplicative
    // hash, which every bit of the key reaches.
    [[gnu::always_inline]] std::size_t home(std::uint64_t key, std::string_view name) const {
        auto h = key ^ name.size() * 0xFF51AFD7ED558CCDull;
        if (name.size() > 8) h = hash_tail(h, name);
        h ^= h >> 32; // ids often differ only in their last bytes, the key's top ones
        return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ull) >> shift_);
    }
    [[gnu::always_inline]] bool holds(std::size_t i, std::uint64_t key,
                                      std::string_view name) const {
        return slots_[i].key == key && slots_[i].size == name.size() &&
               (name.size() <= 8 || same_tail(i, name));
    }
    static std::uint64_t hash_tail(std::uint64_t h, std::string_view name);
    bool same_tail(std::size_t slot, std::string_view name) const;
    // The slot that holds `name`, or the empty one where it would go.
    std::size_t slot_for(std::string_view name) const;
    void grow();
};

// Client ids to their index in config.clients; channel ids to their ChannelId.
// Only valid ids, which are all a clients file can hold (so a name the index
// finds is one).
NameIndex client_index(const Config& config);
NameIndex channel_index(const Config& config);

// What a `*` snooze in one person's file covers (SPEC §3): that person's
// clients (indices into config.clients), and the person (into config.people).
struct AwayScope {
    int person = -1;
    std::vector<int> clients;
};

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

private:
    History history_;
    NameIndex clients_;
    NameIndex channels_;
    std::size_t unknown_ = 0;
    std::size_t unknown_channel_lines_ = 0;
    std::string first_unknown_channel_;
    void unknown_channel(std::string_view name);
    bool add_unknown(const Entry& entry, int client, int channel);
    const AwayScope* away_scope_ = nullptr;
};

// A follow-up not made by its deadline stays on the list this long, then is dropped.
inline constexpr Days missed_follow_up_stays{30};

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
    // Never made and no `since`: owed from the day the log begins
    // (natural_due), so its overdue days grow from then.
    bool owed_from_log_start = false;
    Interval every;               // cadence interval, rule `within`, birthday lead
    Date natural_due;             // when it falls due by the rules alone
    Date due;                     // first day it is shown: after pauses and snoozes
    std::optional<Date> deadline; // rule: trigger + within; birthday: the birthday
    std::optional<Date> expires;  // last day it is shown (rules, birthdays)
    std::optional<int> turns;     // birthday with a year of birth: the age it turns
    bool snoozed = false;         // a snooze moved `due`
    bool paused = false;          // paused_until moved `due`
    std::string promised;         // promise: what was promised (`last` is the day it was made)

    // (day - last) / interval length: 1.0 on the day it falls due.
    double urgency(Date day) const;
    // Past its last day (a follow-up dropped, a birthday gone by).
    bool expired(Date day) const { return expires && *expires < day; }
};

// Every obligation of every client, due or not, in config order.
std::vector<Obligation> obligations(const Config& config, const History& history);

// The obligations of one client.
std::vector<Obligation> client_obligations(const Config& config, const History& history,
                                           int client);

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

// --- who looks after whom (SPEC §7) -------------------------------------------

// The index of [people.ID] in config.people, or nothing.
std::optional<int> find_person(const Config& config, std::string_view id);

// Whether the view of `person` (an index into config.people; nothing:
// everyone) shows `client`: for everyone, every client; for a person, the
// clients whose team names them and the ones with no team, which no one
// else's view would show either. The one answer due, next, plan, remind and
// clients --for give.
bool shown_to(const Client& client, std::optional<int> person);

// What a command was asked for: --for NAME, --everyone, or neither (the
// runner's view), and who runs it ($TOUCH_USER, else the login name).
struct ViewRequest {
    std::string_view for_person; // empty: no --for
    bool everyone = false;
    std::optional<std::string_view> runner;
};

struct View {
    enum class Problem {
        none,
        unknown_person,    // --for names no one in [people]: a usage error
        runner_not_listed, // the runner is not in [people], or unknown: they see everything
    };
    std::optional<int> person; // whose clients; nothing: every client
    Problem problem = Problem::none;
};

// Whose clients a report shows. Without [people] everything is one person's:
// every client, whoever runs it (and --for names no one).
View choose_view(const Config& config, const ViewRequest& request);

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
std::vector<Suggestion> suggest(const Config& config, const History& history,
                                const SuggestFilter& filter = {});

// Sorting: time-bound first, then urgency, overdue days, client id, channel.
bool ranks_before(const Config& config, const Suggestion& a, const Suggestion& b);

struct Capped {
    std::vector<Suggestion> shown;
    std::vector<std::pair<ChannelId, int>> hidden; // channel -> how many more, in channel order
};

// Applies each channel's per_day to ranked suggestions. A covered suggestion
// is folded into a covering row of the same client only where that row is
// shown; otherwise it stays a row of its own, under its own channel's cap.
// The shown rows come back most urgent first.
Capped apply_capacity(const Config& config, std::vector<Suggestion> ranked);

struct PlannedDay {
    Date date;
    std::vector<Suggestion> items; // most urgent first, within each channel's per_day
};

// The workdays of the `days` days from history.today() on: each day takes
// what is due by then, most urgent first, up to each channel's per_day; the
// rest rolls over to the next workday. Every planned item is assumed done on
// its day, so a cadence that comes round twice in the window appears twice
// and a planned visit brings its follow-up.
std::vector<PlannedDay> plan(const Config& config, History history, int days,
                             const SuggestFilter& filter = {});

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

// --- questions the commands ask ----------------------------------------------

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

} // namespace touch
