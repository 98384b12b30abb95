// The step every importer shares (SPEC §8): which clients a record of another
// program names (by address, else by words), what the log already has, and
// the log lines for what it does not. Pure: the config and log entries in,
// lines out.
#pragma once

#include "touch/core/model.hpp"

#include <date/tz.h>

#include <functional>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace touch {

// Where an instant falls on the calendar of `zone` (null: UTC): the day and
// the minute of that day an imported line is written with. Every importer
// writes its times so.
inline std::pair<Date, int> local_day_minute(const date::time_zone* zone, date::sys_seconds utc) {
    auto local = zone ? zone->to_local(utc) : date::local_seconds{utc.time_since_epoch()};
    auto day = date::floor<date::days>(local);
    auto minute = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
    return {Date{day.time_since_epoch()}, static_cast<int>(minute)};
}

// The zone imported lines are written in: `configured` (settings.timezone;
// null: none), else the system's zone as the C library sees it, `tz` (the
// TZ variable, null when unset; a POSIX rule such as "CET-1CEST" is no IANA
// name), else the one /etc/localtime names; null (UTC) when none can be read
// (an unknown settings.timezone is reported by every command that reads the
// clients file). The modules call it for the binary (readers.hpp), which
// does not link date's tz library.
inline const date::time_zone* output_zone(const char* configured, const char* tz) noexcept {
    try {
        if (configured) return date::locate_zone(configured);
        if (tz) {
            std::string_view name = tz;
            if (!name.empty() && name.front() == ':') name.remove_prefix(1);
            try {
                return date::locate_zone(name);
            } catch (const std::runtime_error&) {
            }
        }
        return date::current_zone();
    } catch (...) {
        return nullptr;
    }
}

// One touch another program recorded, matched to its clients.
struct FoundTouch {
    Date date;
    int minute = -1;
    std::vector<int> clients; // indices into Config::clients, in the config's order
    ChannelId channel = 0;
    std::string text;   // the note: what the record says (a summary)
    std::string marker; // what recognises the record again ("ics:1a2b3c4d5e6f")
    std::string source; // "FILE:LINE", for -v
};

// What an importer leaves out, and why.
struct LeftOut {
    std::string source; // "FILE:LINE"
    Date date{};
    std::string text;
    std::string reason;
};

class ClientMatcher {
public:
    explicit ClientMatcher(const Config& config);

    // The clients one of whose emails (any of the list) is one of
    // `addresses` (lower case), in the config's order.
    std::vector<int> by_address(std::span<const std::string> addresses) const;
    // The clients whose id, an alias or name (before " (") stands in `text`
    // as whole words, ignoring case, in the config's order.
    std::vector<int> by_words(std::string_view text) const;
    // Indexes every client's phones as `normalise` writes them (E.164);
    // one it cannot read is left out. Done once, by the calls importer.
    void add_phones(const std::function<std::optional<std::string>(std::string_view)>& normalise);
    // The clients one of whose phones is `number` (as add_phones wrote it).
    std::vector<int> by_phone(const std::string& number) const;

private:
    struct Phrase {
        std::vector<std::string> words;
        int client;
    };
    std::unordered_map<std::string, std::vector<int>> emails_;
    std::unordered_map<std::string, std::vector<int>> phones_;
    const Config& config_;
    std::unordered_map<std::string, std::vector<Phrase>> phrases_; // by their first word
};

// The words of `text` as matching sees them: runs of letters and digits
// (every byte of a UTF-8 sequence counts as a letter), ASCII lower case.
std::vector<std::string> match_words(std::string_view text);

// Whether one of `words` (lower case) stands in `text` as a whole word;
// the position of the first one found (npos: none), for choosing between channels.
std::size_t first_word_at(std::string_view text, std::span<const std::string> words);

// What the log already has: the markers its notes carry, and each client's
// touches by day and channel.
class LoggedTouches {
public:
    explicit LoggedTouches(const Config& config);
    void add(const Entry& entry);
    bool has_marker(std::string_view marker) const { return markers_.count(std::string(marker)); }
    // A touch on `client` that day on `channel` or on one covering it.
    bool has_touch(int client, Date date, ChannelId channel) const;
    void record(int client, Date date, ChannelId channel);
    void record_marker(std::string_view marker) { markers_.emplace(marker); }

private:
    const Config& config_;
    std::unordered_map<std::string, int> ids_; // lower-case id or alias -> client
    std::unordered_set<std::string> markers_;
    std::set<std::tuple<int, int, ChannelId>> touches_; // client, day number, channel
};

// "KIND:" and the first 12 hex digits of the 64-bit FNV-1a hash of `key`:
// what an imported line carries to be recognised again.
std::string import_marker(std::string_view kind, std::string_view key);

// The lines to add for `found` (sorted by date, time and text): a record
// the log recognises, or a client it has that day on that channel (or a
// covering one) is left out, with the reason in `left_out`. `logged` learns
// every line, so a touch found twice is one line.
std::vector<std::string> new_log_lines(std::vector<FoundTouch> found, const Config& config,
                                       LoggedTouches& logged, std::vector<LeftOut>& left_out);

} // namespace touch
