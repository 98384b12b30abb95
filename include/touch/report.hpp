// Turning results into what people and scripts read: aligned text (with
// colour only when asked), one JSON document, RFC 4180 CSV. Everything taken
// from the user's files is escaped on the way out.
#pragma once

#include "touch/engine.hpp"
#include "touch/model.hpp"
#include "touch/stats.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace touch {

enum class Format { text, json, csv, ics };

struct Style {
    bool color = false;
    std::size_t width = 0; // terminal columns; 0 = do not clip
};

// --- building blocks -------------------------------------------------------

// A JSON document written as it is built. Strings are escaped per RFC 8259;
// invalid UTF-8 becomes U+FFFD, so the output always parses.
class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(long long n);
    JsonWriter& value(int n) { return value(static_cast<long long>(n)); }
    JsonWriter& value(std::size_t n) { return value(static_cast<long long>(n)); }
    JsonWriter& value(double d);
    JsonWriter& value(bool b);
    JsonWriter& null();
    template <typename T> JsonWriter& field(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }
    std::string str() const { return out_ + "\n"; }

private:
    std::string out_;
    std::vector<bool> first_; // per open container: nothing written yet
    bool after_key_ = false;
    void separate();
    JsonWriter& close(char bracket);
};

std::string json_escape(std::string_view s);

// One CSV record, CRLF-terminated (RFC 4180). Text cells that a spreadsheet
// would run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe.
std::string csv_record(const std::vector<std::string>& cells);

// Columns padded to their widest cell; the last column is not padded.
// aligned_lines gives the same lines without their newlines, for reports that
// put headings between the rows of one table.
std::vector<std::string> aligned_lines(const std::vector<std::vector<std::string>>& rows,
                                       const std::string& indent = "");
std::string align_columns(const std::vector<std::vector<std::string>>& rows,
                          const std::string& indent = "");

// Each line cut to the terminal's width (a no-op when style.width is 0).
std::string fit_to_width(const std::string& text, const Style& style);

// ANSI styling that is a no-op without colour.
std::string paint(const Style& style, std::string_view sgr, std::string_view text);

// --- the due report --------------------------------------------------------

struct DueReport {
    Date today;
    Capped capped;
};

// What to contact the client at for a channel: the phone for a call, the
// address for a note or visit, the email for email. Empty when unknown.
std::string contact_for(const Config& config, const Client& client, ChannelId channel);

// Why an obligation is owed, in words: "visit every 3mo, last visit 2026-07-01".
std::string describe(const Config& config, const Obligation& ob);

// When: "due today", "12d overdue", "by 2026-11-25", "birthday in 3d".
std::string describe_when(const Obligation& ob, Date today);

std::string render_due(const Config& config, const DueReport& report, Format format,
                       const Style& style);

// "Nothing due today." and the like belong to the text format only.
std::string render_nothing_due(Date today);

const char* kind_name(ObligationKind kind); // "cadence", "rule", "birthday"

// One obligation's keys, into the object being written.
void write_obligation(JsonWriter& json, const Config& config, const Obligation& ob, Date today);

// One suggestion as a JSON object / CSV record (see touch(1) for the keys).
void write_suggestion(JsonWriter& json, const Config& config, const Suggestion& s, Date today);
std::vector<std::string> suggestion_csv_header();
std::vector<std::string> suggestion_csv_cells(const Config& config, const Suggestion& s,
                                              Date today);

// --- plan, history, clients, show, stats ------------------------------------

// Text, JSON, CSV, or RFC 5545 iCalendar (one all-day event per planned touch).
std::string render_plan(const Config& config, const std::vector<PlannedDay>& days, Date today,
                        Format format, const Style& style);

struct HistoryLine {
    Date date;
    int minute = -1;
    std::string client, channel, note;
};
std::string render_history(const Config& config, const std::vector<HistoryLine>& lines,
                           Format format, const Style& style);

std::string render_clients(const Config& config, const std::vector<ClientSummary>& clients,
                           Date today, Format format, const Style& style);

struct ClientView {
    int client = 0;
    ClientSummary summary;
    std::vector<Obligation> obligations;
    std::vector<HistoryLine> recent; // newest first
};
std::string render_show(const Config& config, const ClientView& view, Date today, Format format,
                        const Style& style);

std::string render_stats(const Config& config, const Stats& stats, Format format,
                         const Style& style);

} // namespace touch
