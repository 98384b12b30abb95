// Whether relationships are staying personal: touches per channel and month,
// personal against digital, who was reached only digitally lately, and how
// well cadences are kept. Built by streaming the log, like History.
#pragma once

#include "touch/core/model.hpp"
#include "touch/engine/history.hpp"
#include "touch/engine/name_index.hpp"
#include "touch/util/u64_set.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

struct ClientStats {
    int personal = 0;
    int digital = 0;
    int unclassified = 0;    // on a custom channel that does not say whether it is personal
    int recent_personal = 0; // in the 90 days up to today
    int recent_digital = 0;
};

// Touches in the period made by one person: in a folder of per-person logs,
// the lines of that person's file.
struct PersonStats {
    std::string person;
    int personal = 0;
    int digital = 0;
    int unclassified = 0;
};

struct Stats {
    Date since, until, today;
    std::vector<Date> months;                // first day of each month in the period
    std::vector<std::vector<int>> per_month; // month x channel
    std::vector<int> per_channel;
    int personal = 0, digital = 0;
    std::vector<int> personal_per_month, digital_per_month;
    int unclassified = 0; // neither: see Channel::classified
    // The period's touches an importer wrote, by the kind of their marker
    // ("call", "ics", "mail"), in name order.
    std::map<std::string, int, std::less<>> imported;
    std::vector<ClientStats> clients;         // per config client
    std::vector<PersonStats> people;          // by name; empty for a single-file log
    std::vector<int> digital_only;            // clients reached only digitally in 90 days
    int cadences = 0, cadences_kept = 0;      // client-channel pairs within cadence today
    int intervals = 0, intervals_on_time = 0; // gaps between touches in the period
    // Promises made in the period (cancelled ones aside): kept by their date,
    // kept after it, and not kept yet.
    int promises = 0, promises_on_time = 0, promises_late = 0, promises_open = 0;
};

class StatsBuilder {
public:
    StatsBuilder(const Config& config, Date since, Date until, Date today);
    // `person`: whose file holds the line, in a folder of per-person logs. An
    // identical line counts once, and once for each person whose file holds it.
    void add(const Entry& entry, std::string_view person = {});
    // For a builder of a later piece of a log (read in pieces at once): it
    // keeps what it counted of each line (some 24 bytes a line), for merge.
    void keep_counted() { keep_counted_ = true; }
    // Adds what `later` (which keeps what it counted) counted of a later
    // piece of the same log, as if its lines had been added here after this
    // one's: a line both counted counts once. With `last`, its lines are not
    // remembered (a million of them take time): nothing may be added after.
    void merge(const StatsBuilder& later, bool last);
    // `history` is the usual summary of the same log, for today's adherence.
    Stats finish(const History& history) const;

private:
    const Config& config_;
    Stats stats_;
    // The days a line counts for anything on: the period, the 90 days up to
    // today, and the touch days up to the later of today and the period's end.
    std::int32_t first_day_ = 0, last_day_ = 0;
    NameIndex clients_;
    NameIndex channels_;
    U64Set seen_;    // identical lines count once
    U64Set seen_by_; // ... and once per person
    // client x channel: touch days up to today (the period's for adherence,
    // later ones for the promises made in it).
    std::vector<std::vector<std::int32_t>> days_;
    // What a line counted for, to take it off again.
    struct Counted {
        std::uint64_t hash = 0;
        std::int32_t day = 0;
        std::uint32_t clients_at = 0; // its clients in clients_of_
        std::uint16_t channel = 0;
        std::uint16_t clients = 0;
        bool in_period = false;
        std::uint8_t imported = 0; // 1 + its marker's kind in kinds_, or 0
    };
    bool keep_counted_ = false;
    std::vector<Counted> counted_;
    std::vector<int> clients_of_;
    std::vector<std::string> kinds_; // of the importers' markers, as first seen
    // The month month_of found last, and its days [from, to).
    std::ptrdiff_t month_ = -1;
    std::int32_t month_from_ = 1, month_to_ = 0;
    std::ptrdiff_t month_of(std::int32_t day);
    void tally(const Counted& line, const StatsBuilder& from, int sign);
    void tally_kind(std::size_t channel, int& personal, int& digital, int& unclassified,
                    int sign) const;
    void count_promises(const History& history, std::size_t client, Stats& stats) const;
};

} // namespace touch
