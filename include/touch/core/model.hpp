// The plain data every layer speaks: dates, intervals, channels, clients, the
// whole clients file as a Config, and one log line as an Entry. No behaviour
// beyond small lookups lives here.
#pragma once

#include <date/date.h>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

using Date = date::sys_days;
using Days = date::days;

// A cadence, a rule's `within`, a birthday lead or a snooze: a whole number of
// days or of calendar months, or "off".
struct Interval {
    enum class Unit : std::uint8_t { off, days, months };
    Unit unit = Unit::off;
    int count = 0;

    static constexpr Interval days(int n) { return {Unit::days, n}; }
    static constexpr Interval months(int n) { return {Unit::months, n}; }
    constexpr bool is_off() const { return unit == Unit::off; }
    friend bool operator==(const Interval&, const Interval&) = default;
};

using ChannelId = int;
inline constexpr ChannelId any_channel = -1; // the `any` key of a cadence

// Which contact detail a channel needs: a phone number for a call, an address
// for a note or a visit, an email address for email.
enum class Contact : std::uint8_t { none, phone, email, address };

struct Channel {
    std::string id;
    std::string label;             // shown in reports; defaults to id
    std::vector<ChannelId> covers; // as written; Config::counts_as has the closure
    std::optional<int> per_day;    // daily capacity; none = unlimited
    bool personal = false;         // counts as personal contact: visit/call/note do
    bool classified = false;       // built in, or says `personal = true|false`
    Contact contact = Contact::none;
    bool builtin = false;
};

// channel (or any_channel) -> interval; Interval::off switches a channel off
// and so overrides the levels below it.
struct CadenceEntry {
    ChannelId channel;
    Interval every;
};
using CadenceTable = std::vector<CadenceEntry>;

struct Tier {
    std::string name;
    CadenceTable cadence;
};

struct Rule {
    ChannelId after = 0;
    ChannelId then = 0;
    Interval within = Interval::days(3);
    std::string reason;
};

struct Birthday {
    unsigned month = 1;
    unsigned day = 1;
    std::optional<int> year;
};

struct Client {
    std::string id;
    std::string name;
    std::vector<std::string> aliases;
    std::optional<int> tier; // index into Config::tiers
    std::vector<ChannelId> prefers;
    std::vector<ChannelId> avoid;
    CadenceTable cadence;
    std::optional<Date> since;
    std::optional<Date> paused_until;
    std::optional<Birthday> birthday;
    std::string city, phone, email, address, notes; // phone, email: the first, shown
    // `phone` and `email` may be lists (SPEC §2): the ones after the first,
    // matched by the importers but never shown. Empty for nearly every client.
    std::vector<std::string> other_phones, other_emails;
    std::vector<std::string> tags;
    std::vector<int> team; // indices into Config::people
    std::string vcard_uid; // the UID of the vCard it was imported from
    int line = 0;          // where its [[clients]] table starts, for messages

    bool avoids(ChannelId ch) const;
    bool has_tag(std::string_view tag) const;
};

// One item of settings.holidays: a day every year (MM-DD), days every year
// (MM-DD..MM-DD, over New Year when the end comes first), or the days from
// `from` to `to`, both included (one date, or FROM..TO).
struct HolidaySpec {
    std::optional<date::month_day> every_year;
    std::optional<date::month_day> every_year_to; // the range's last day, when a range
    Date from{}, to{};

    bool covers(Date d) const;
};

// [people.NAME]: one member of the team (SPEC §7).
struct Person {
    std::string id; // NAME
    std::string name;
    std::string email;
    int line = 0;
};

struct Settings {
    std::optional<std::string> timezone;
    int timezone_line = 0, timezone_col = 0;
    std::array<bool, 7> workdays{false, true, true, true, true, true, false}; // [0] = Sunday
    ChannelId default_channel = 1;                                            // call
    std::string owner;
    std::vector<std::string> sendmail{"/usr/sbin/sendmail", "-t", "-i"};
    int sendmail_timeout = 60;      // seconds: a hung mail transfer agent must not hang a cron job
    std::optional<std::string> log; // as written; relative to the clients file's folder
    ChannelId birthday_channel = 2; // note
    Interval birthday_lead = Interval::days(7);
    std::vector<HolidaySpec> holidays;
    std::optional<int> per_day; // touches a day over all channels together; none = unlimited
    std::string region;         // ISO 3166 ("DE"), upper case: how national phone numbers are read
};

// [import.ics]: how calendar events become touches (SPEC §8). The defaults
// are the SPEC's: a meeting is a visit, one that says call/phone/video or
// carries a video-meeting link or a tel: is a call, and an all-day event
// counts only when a client is an attendee.
struct CalendarImport {
    enum class AllDay : std::uint8_t { attendees, all, none };
    ChannelId channel = 0;        // visit: what a meeting is when nothing else says
    ChannelId online_channel = 1; // call: a video-meeting link or a tel: in the event
    struct Words {
        ChannelId channel;
        std::vector<std::string> words; // lower case; whole words of the summary
    };
    std::vector<Words> words{{1, {"call", "phone", "video"}}};
    AllDay all_day = AllDay::attendees;
};

// [import.vcard]: contacts never to import again, by vCard UID, email or the
// client id the contact would get (a client deleted from the clients file).
struct ContactImport {
    std::vector<std::string> ignore; // as written
};

struct Config {
    Settings settings;
    CalendarImport calendar;
    ContactImport contacts;
    std::vector<Channel> channels; // the five built-ins first, in a fixed order
    CadenceTable cadence;          // [cadence]: defaults for every client
    std::vector<Tier> tiers;
    std::vector<Rule> rules;
    std::vector<Client> clients;
    std::vector<Person> people;

    // Holidays are never workdays; a workday is one of settings.workdays that is not.
    bool is_holiday(Date d) const;
    bool is_workday(Date d) const;

    // counts_as(a, b): a touch on a also counts as one on b (reflexive and
    // transitive closure of `covers`).
    bool counts_as(ChannelId line, ChannelId wanted) const {
        auto bit = static_cast<std::size_t>(wanted);
        auto word = covers_closure[static_cast<std::size_t>(line) * closure_words + bit / 64];
        return ((word >> (bit % 64)) & 1U) != 0;
    }
    std::optional<ChannelId> find_channel(std::string_view id) const;
    const std::string& channel_name(ChannelId ch) const;
    // Appends a channel and indexes its id for find_channel.
    ChannelId add_channel(Channel channel);

    // One row of channels.size() bits per channel, closure_words words each:
    // 2 MB for 4,000 channels.
    std::vector<std::uint64_t> covers_closure;
    std::size_t closure_words = 0;
    // Channel id -> ChannelId of every channel added by add_channel; a
    // Config whose channels were pushed by hand is searched in order instead.
    std::map<std::string, ChannelId, std::less<>> channel_index;
};

// One line of the log. Views point into the caller's buffer.
struct Entry {
    Date date;
    int minute = -1; // minutes after midnight, or -1 when no time was logged
    std::string_view client;
    std::string_view channel; // "call", or "snooze" / "snooze:call"
    std::string_view note;
};

// The reserved channels of a snooze line, a promise line and a skip line.
inline constexpr std::string_view snooze_channel = "snooze";
inline constexpr std::string_view promise_channel = "promise";
inline constexpr std::string_view skip_channel = "skip";

} // namespace touch
