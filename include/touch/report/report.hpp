// Turning results into what people and scripts read: aligned text (with
// colour only when asked, fitted to a terminal), one JSON document, RFC 4180
// CSV, iCalendar. Each report lives in its own file under src/report/;
// everything taken from the user's files is escaped on the way out.
#pragma once

#include "touch/core/model.hpp"
#include "touch/engine/obligations.hpp"
#include "touch/engine/stats.hpp"
#include "touch/engine/suggest.hpp"
#include "touch/log/log.hpp"
#include "touch/report/json.hpp"
#include "touch/report/table.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

enum class Format { text, json, csv, ics };

// --- the due report --------------------------------------------------------

struct DueReport {
    Date today;
    Capped capped;
    // What the text's last lines tell the reader to run to see what the caps
    // hide: the same view (--for NAME) with --all.
    std::string show_all = "touch due --all";
    // Per shown row, what was said last time and what is promised
    // (context_line): a line under each row; empty, none is shown.
    std::vector<std::string> context = {};
};

// What to contact the client at for a channel: the phone for a call, the
// address for a note or visit, the email for email. Empty when unknown.
std::string_view contact_for(const Config& config, const Client& client, ChannelId channel);

// Why an obligation is owed, in words: "visit every 3mo, last visit 2026-07-01".
std::string describe(const Config& config, const Obligation& ob);
void append_description(std::string& out, const Config& config, const Obligation& ob);

// When: "due today", "12d overdue", "by 2026-11-25", "birthday in 3d".
std::string describe_when(const Obligation& ob, Date today);
void append_when(std::string& out, const Obligation& ob, Date today);
// The days a row is overdue as reports say it: the most of what it settles,
// counted from before any snooze (ranking uses Suggestion::overdue).
int days_late(const Suggestion& s, Date today);
// Where a cadence's overdue days are counted from when it is not a touch in
// the log: "owed since the log began DATE" for one never made, the `since`
// key's meaning for one counted from it; empty otherwise.
std::string describe_origin(const Obligation& ob);

std::string render_due(const Config& config, const DueReport& report, Format format,
                       const Style& style);

// `next` as text: one line a script can read and a person can act on. On a
// terminal the name and reason give way to the width, never the contact.
// `context` (context_line), when not empty, follows on a line of its own.
std::string render_next(const Config& config, const Suggestion& s, Date today, const Style& style,
                        std::string_view context = {});

// What `touch log` says a touch set in motion: "Next: call on DATE, thank-you
// note by DATE." and a newline; empty when it set nothing in motion.
std::string render_next_steps(const Config& config, const std::vector<NextStep>& steps);

// The colour of a "when": red once overdue or late, yellow while due.
const char* when_color(const Obligation& ob, Date today);

// "Nothing due today." and the like belong to the text format only.
std::string render_nothing_due(Date today);

const char* kind_name(ObligationKind kind); // "cadence", "rule", "birthday"

// One obligation's keys, into the object being written.
void write_obligation(JsonWriter& json, const Config& config, const Obligation& ob, Date today);

// One suggestion as a JSON object / a CSV row (see touch(1) for the keys),
// shared by due, next and plan.
// With `context` (due --context), a "context" key says what was said last time.
void write_suggestion(JsonWriter& json, const Config& config, const Suggestion& s, Date today,
                      const std::string* context = nullptr);
std::vector<Column> suggestion_columns();
void add_suggestion_cells(Table& table, const Config& config, const Suggestion& s, Date today);

// --- plan, history, clients, show, stats ------------------------------------

// Text, JSON, CSV, or RFC 5545 iCalendar (one all-day event per planned touch).
std::string render_plan(const Config& config, const std::vector<PlannedDay>& days, Date today,
                        Format format, const Style& style);

// --- plan --vdir: the plan as a calendar folder -----------------------------

// Every event touch plans is marked twice, by its UID's prefix and by an
// X-TOUCH-PLAN property: plan --vdir changes or removes only a file that
// carries both.
namespace report {

inline constexpr std::string_view plan_uid_prefix = "touch-plan+";
inline constexpr std::string_view plan_marker = "X-TOUCH-PLAN";

// One planned touch as a calendar holding that one event, and the file name
// a calendar folder keeps it under (its UID in safe characters, ".ics").
struct PlanEvent {
    std::string uid;
    std::string file;
    std::string text;
};
std::vector<PlanEvent> plan_events(const Config& config, const std::vector<PlannedDay>& days,
                                   Date today);
std::string vdir_file_name(std::string_view uid);
// The UID of a calendar file plan --vdir wrote (both marks); nothing for any other.
std::optional<std::string> touch_plan_uid(std::string_view ics_text);
// Whether two of those files say the same, their DTSTAMP aside (it is the day
// the plan was made, and an event that did not change is not written again).
bool same_plan_event(std::string_view a, std::string_view b);

} // namespace report

// `by_person`: the log is a folder of per-person logs, and each line says whose
// file holds it (a "person" column and JSON key).
// Written through `out` a buffer at a time: a million rows are not held as
// one text. `threads`: how many may format a pipe's or a file's rows at
// once; the text is the same however many.
void write_history(const Config& config, const LogLineList& lines, Format format,
                   const Style& style, bool by_person,
                   const std::function<void(std::string_view)>& out, std::size_t threads = 1);

std::string render_clients(const Config& config, const std::vector<ClientSummary>& clients,
                           Date today, Format format, const Style& style);

struct ClientView {
    int client = 0;
    ClientSummary summary;
    std::vector<Obligation> obligations;
    std::vector<LogLine> recent; // newest first
    // In a folder of per-person logs: the newest personal touch, and whose it was.
    std::optional<LogLine> last_seen;
    std::string context; // context_line: the last note, open promises
};
std::string render_show(const Config& config, const ClientView& view, Date today, Format format,
                        const Style& style);

std::string render_stats(const Config& config, const Stats& stats, Format format,
                         const Style& style);

} // namespace touch
