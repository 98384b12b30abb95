// What the report files share and nobody else needs.
#pragma once

#include "touch/report/report.hpp"

#include <string>
#include <vector>

namespace touch::report {

std::string weekday_name(Date d); // "Sun"
std::string compact_date(Date d); // 20261122

const Client* find_client(const Config& config, std::string_view id);
std::optional<std::string> tier_name(const Config& config, const Client& c);
std::string channel_list(const Config& config, const std::vector<ChannelId>& channels); // "a, b"
void append_channel_list(std::string& out, const Config& config,
                         const std::vector<ChannelId>& channels);
std::vector<std::string> channel_names(const Config& config, const std::vector<ChannelId>& ids);

// "covering for lena, away until 2027-02-14; " on a row of cover (SPEC
// §7), first, so that a narrow terminal never cuts it; else nothing.
void append_cover(std::string& out, const Config& config, const Obligation& ob);
// The reasons of a merged row: its own, then what else it takes care of.
void append_row_reasons(std::string& out, const Config& config, const Suggestion& s);
// Where a row settles several date-bound obligations (a follow-up, a
// birthday, a promise), shorter forms of its reasons for a narrow column,
// longest first, each naming every one of them; none for other rows.
std::vector<std::string> shorter_row_reasons(const Config& config, const Suggestion& s);
// Everything a touch settles, each reason in full: its "when" may come from any of it.
void append_settled_reasons(std::string& out, const Config& config, const Suggestion& s);

// The ids of the people whose [people] the client's `team` names, in its order.
std::vector<std::string> team_ids(const Config& config, const Client& c);

// The keys `clients` and `show` share: who the client is and how to reach
// them, and with [people] who looks after them (`team`, empty for everyone).
void write_profile(JsonWriter& json, const Config& config, const Client& c);

// The time of day of a log line, when it has one: "09:30".
std::optional<std::string> time_of(const LogLine& l);

// A log line's note as a reader wants it: a snooze or time away as "until
// 2026-12-01: holidays", a promise as "by 2026-12-11: the proposal", a cancel
// as "cancelled"; any other note as written.
std::string readable_note(const LogLine& l);

std::string render_plan_ics(const Config& config, const std::vector<PlannedDay>& days, Date today);

} // namespace touch::report
