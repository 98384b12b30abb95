// touch history: log lines, newest first.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/core/shared_work.hpp"
#include "touch/log/log.hpp"
#include "touch/util/text.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace touch {

namespace {

// What a line means, beyond a touch: a snooze or time away up to a day, a
// promise due on a day, or a promise cancelled.
struct Meaning {
    const char* kind = "touch"; // touch, snooze, away, promise, cancel or skip
    std::optional<Date> until;  // snooze, away
    std::optional<Date> due;    // promise
    std::string_view what;      // promise: what was promised
};

Meaning meaning_of(const LogLineView& l) {
    Entry e{l.date, l.minute, l.client, l.channel, l.note};
    Meaning m;
    if (snooze_scope(e.channel)) {
        m.kind = e.client == everyone ? "away" : "snooze";
        m.until = snooze_until(e);
    } else if (skip_scope(e.channel)) {
        m.kind = "skip";
    } else if (promise_scope(e.channel)) {
        auto note = promise_note(e);
        m.kind = note && note->cancel ? "cancel" : "promise";
        if (note && !note->cancel) {
            m.due = note->due;
            m.what = note->what;
        }
    }
    return m;
}

std::string readable_note(const LogLineView& l, const Meaning& m) {
    if (m.until) {
        auto rest = std::string(trim(l.note.substr(std::min(l.note.find(' '), l.note.size()))));
        return "until " + format_date(*m.until) + (rest.empty() ? "" : ": " + rest);
    }
    if (m.due)
        return "by " + format_date(*m.due) + (m.what.empty() ? "" : ": " + std::string(m.what));
    if (std::string_view(m.kind) == "cancel") return "cancelled";
    return std::string(l.note);
}

// The clients' names: one, or several joined with " + "; unknown ids as written.
std::string names_of(const Config& config, std::string_view field, bool& all_known) {
    std::string names;
    all_known = field != everyone;
    for_each_client(field, [&](std::string_view id) {
        const auto* client = report::find_client(config, id);
        all_known = all_known && client;
        if (!names.empty()) names += " + ";
        names += client ? client->name : std::string(id);
    });
    return names;
}

std::string render_history_json(const Config& config, const LogLineList& lines, bool by_person) {
    JsonWriter json;
    json.begin_object().key("entries").begin_array();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto l = lines[i];
        bool known = false;
        auto name = names_of(config, l.client, known);
        auto m = meaning_of(l);
        json.begin_object();
        json.field("date", l.date);
        json.field("time", l.minute < 0 ? std::nullopt : std::optional(format_time(l.minute)));
        if (by_person) json.field("person", l.person);
        json.field("client", l.client);
        json.field("name", name);
        json.field("known_client", known);
        json.key("clients").begin_array();
        if (l.client != everyone)
            for_each_client(l.client, [&](std::string_view id) { json.value(id); });
        json.end_array();
        json.field("channel", l.channel);
        json.field("note", l.note);
        json.field("kind", m.kind);
        json.field("until", m.until);
        json.field("due", m.due);
        json.field("promised", m.due ? std::optional(std::string(m.what)) : std::nullopt);
        json.end_object();
    }
    json.end_array().end_object();
    return json.str();
}

} // namespace

std::string report::readable_note(const LogLine& line) {
    LogLineView l{line.date, line.minute, line.client, line.channel, line.note, line.person};
    return touch::readable_note(l, meaning_of(l));
}

namespace {

// Clients by id: a report of a million lines looks each one up.
class ClientsById {
public:
    explicit ClientsById(const Config& config)
        : config_(config) {
        ids_.reserve(config.clients.size());
        for (const auto& c : config.clients)
            ids_.emplace(c.id, &c);
    }
    // The clients' names, as names_of gives them, appended to `out`.
    void append_names(std::string& out, std::string_view field) const {
        bool first = true;
        for_each_client(field, [&](std::string_view id) {
            auto found = ids_.find(id);
            // Not an id: whatever else find_client knows a client by.
            const auto* client =
                found != ids_.end() ? found->second : report::find_client(config_, id);
            if (!first) out += " + ";
            first = false;
            if (client)
                out += client->name;
            else
                out += id;
        });
    }

private:
    const Config& config_;
    std::unordered_map<std::string_view, const Client*> ids_;
};

// One row, a cell at a time into the table's buffer: no string per cell.
void add_history_row(Table& table, const ClientsById& clients, const LogLineView& l, Format format,
                     bool by_person) {
    auto escaped = [&](auto&& write) {
        auto& text = table.next_cell();
        auto from = text.size();
        write(text);
        escape_from(text, from);
        table.end_cell();
    };
    auto m = meaning_of(l);
    bool csv = format == Format::csv;
    auto day = [](const std::optional<Date>& d) { return d ? format_date(*d) : std::string(); };
    table.cell(format_date(l.date));
    table.cell(l.minute < 0 ? std::string() : format_time(l.minute));
    if (by_person) escaped([&](std::string& t) { t += l.person; });
    table.cell(l.client);
    // The name, kind and dates are CSV's only: text has no such columns.
    if (csv) escaped([&](std::string& t) { clients.append_names(t, l.client); });
    escaped([&](std::string& t) { t += l.channel; });
    // CSV keeps the note as written; text says what a snooze or promise means.
    escaped([&](std::string& t) {
        if (csv || (!m.until && !m.due && std::string_view(m.kind) != "cancel"))
            t += l.note;
        else
            t += readable_note(l, m);
    });
    if (!csv) return;
    table.cell(m.kind);
    table.cell(day(m.until));
    table.cell(day(m.due));
}

// Text for a pipe or a file: every column as wide as its widest cell, so
// the widths are measured in one pass over the lines and the rows are then
// written as they come, a buffer at a time. What Table::text draws for a
// Style of no width, byte for byte.
class PlainHistory {
public:
    PlainHistory(const LogLineList& lines, bool by_person)
        : lines_(lines)
        , by_person_(by_person) {}

    // With `threads` of two or more and enough rows, the widths of each half
    // are measured and its rows formatted on a thread of their own: the
    // later half into memory, written when the earlier one is out.
    void write(const std::function<void(std::string_view)>& out, std::size_t threads) {
        auto n = lines_.size();
        auto measured = lines_.widths();
        if (measured)
            columns_ = {measured->date,   measured->time,    measured->person,
                        measured->client, measured->channel, 0};
        if (threads < 2 || n < parallel_rows) {
            if (!measured) measure(0, n);
            format(0, n, &out);
            return;
        }
        auto mid = n / 2;
        PlainHistory later = *this;
        if (!measured) {
            share_work(2, 2, [&](std::size_t half, std::size_t) {
                half == 0 ? measure(0, mid) : later.measure(mid, n);
            });
            widen(later);
            later.columns_ = columns_;
        }
        // The newer half is written as it is formatted; the older is kept.
        share_work(2, 2, [&](std::size_t half, std::size_t) {
            half == 0 ? format(0, mid, &out) : later.format(mid, n, nullptr);
        });
        for (const auto& text : later.kept_)
            out(text);
    }

private:
    // A cell's text as the table shows it, escaped, and its width; `scratch`
    // holds it when escaping changed it.
    struct Shown {
        std::string_view text;
        std::size_t width = 0;
    };
    static Shown shown(std::string_view s, std::string& scratch) {
        if (is_printable_ascii(s)) return {s, s.size()};
        scratch.assign(s);
        escape_from(scratch, 0);
        return {scratch, display_width(scratch)};
    }

    static constexpr std::size_t buffer = 256 * 1024;
    // A short run of padding is written as a fixed run of spaces, which may
    // reach this far past it: a call to memset a cell costs more.
    static constexpr std::size_t padding_slack = 32;
    static void pad(char* out, std::size_t n) {
        static constexpr char spaces[padding_slack + 1] = "                                ";
        if (n <= padding_slack)
            std::memcpy(out, spaces, padding_slack);
        else
            std::memset(out, ' ', n);
    }
    // Fewer rows are not worth a thread's start.
    static constexpr std::size_t parallel_rows = 8192;
    const LogLineList& lines_;
    bool by_person_;
    // The widest date, time, person, client and channel; the note is last
    // and is not padded.
    std::size_t date_ = 0, time_ = 0, person_ = 0, client_ = 0, channel_ = 0;
    std::array<std::size_t, 6> columns_{}; // the same, in the order of the row
    std::array<Shown, 6> cells_;
    std::string scratch_, person_text_, channel_text_, note_text_, readable_, time_long_;
    std::optional<Date> day_;
    std::string day_text_;
    std::size_t day_width_ = 0;
    char time_text_[5] = {};
    // Without an `out` to write to, the buffers formatted, in order.
    std::vector<std::string> kept_;

    // A cell's text as the table shows it: control characters escaped.
    std::string_view escaped(std::string_view s) {
        if (is_printable_ascii(s)) return s;
        scratch_.assign(s);
        escape_from(scratch_, 0);
        return scratch_;
    }
    std::size_t width(std::string_view s, bool escape) {
        if (is_printable_ascii(s)) return s.size();
        return display_width(escape ? escaped(s) : s);
    }
    // The date as format_date writes it, once for each run of lines of one day.
    std::string_view date(Date d) {
        if (day_ != d) {
            day_ = d;
            day_text_.clear();
            append_date(day_text_, d);
            day_width_ = display_width(day_text_);
        }
        return day_text_;
    }
    // The time as format_time writes it ("09:30"), without a string.
    std::string_view time(int minute) {
        auto hours = minute / 60, minutes = minute % 60;
        if (hours > 99) return {};
        time_text_[0] = static_cast<char>('0' + hours / 10);
        time_text_[1] = static_cast<char>('0' + hours % 10);
        time_text_[2] = ':';
        time_text_[3] = static_cast<char>('0' + minutes / 10);
        time_text_[4] = static_cast<char>('0' + minutes % 10);
        return {time_text_, 5};
    }

    void measure(std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            auto l = lines_[i];
            date(l.date);
            date_ = std::max(date_, day_width_);
            if (l.minute >= 0)
                time_ = std::max(time_, time(l.minute).empty() ? format_time(l.minute).size() : 5);
            if (by_person_) person_ = std::max(person_, width(l.person, true));
            client_ = std::max(client_, width(l.client, false));
            channel_ = std::max(channel_, width(l.channel, true));
        }
        columns_ = {date_, time_, person_, client_, channel_, 0};
    }
    // Each column as wide as in either half.
    void widen(const PlainHistory& other) {
        for (std::size_t i = 0; i < columns_.size(); ++i)
            columns_[i] = std::max(columns_[i], other.columns_[i]);
    }

    // Rows `from` to `to`, a buffer at a time: written through `out`, or,
    // without `out`, kept in kept_ (each buffer filled once, none copied as
    // a growing one would be).
    void format(std::size_t from, std::size_t to,
                const std::function<void(std::string_view)>* out) {
        std::string text(buffer, '\0');
        std::size_t used = 0;
        auto done = [&] {
            if (used == 0) return;
            if (out) {
                (*out)(std::string_view(text).substr(0, used));
            } else {
                text.resize(used);
                kept_.push_back(std::move(text));
                text.assign(buffer, '\0');
            }
            used = 0;
        };
        for (std::size_t i = from; i < to; ++i) {
            auto need = cells(lines_[i]);
            if (used + need > text.size()) {
                done();
                if (need > text.size()) text.resize(need);
            }
            used = static_cast<std::size_t>(row(text.data() + used) - text.data());
        }
        done();
    }

    // The cells of a row; at most how many bytes it takes.
    std::size_t cells(const LogLineView& l) {
        cells_ = {};
        date(l.date);
        cells_[0] = {day_text_, day_width_};
        if (l.minute >= 0) {
            auto hhmm = time(l.minute);
            if (hhmm.empty()) hhmm = time_long_ = format_time(l.minute);
            cells_[1] = {hhmm, hhmm.size()};
        }
        if (by_person_) cells_[2] = shown(l.person, person_text_);
        if (l.plain) {
            cells_[3] = {l.client, l.client.size()};
            cells_[4] = {l.channel, l.channel.size()};
            cells_[5] = {l.note, l.note.size()};
            return most();
        }
        cells_[3] = {l.client, width(l.client, false)};
        cells_[4] = shown(l.channel, channel_text_);
        // The note, last and so not padded: what a snooze or promise means.
        auto m = meaning_of(l);
        if (m.until || m.due || std::string_view(m.kind) == "cancel") {
            readable_ = readable_note(l, m);
            cells_[5] = shown(readable_, note_text_);
        } else {
            cells_[5] = shown(l.note, note_text_);
        }
        return most();
    }
    // At most how many bytes the row of cells_ takes, padding as row() writes it.
    std::size_t most() const {
        std::size_t bytes = 1;
        for (std::size_t i = 0; i < cells_.size(); ++i)
            bytes += cells_[i].text.size() + columns_[i] + 2 + padding_slack;
        return bytes;
    }

    // The row, each cell padded to its column's width: an empty one writes
    // nothing, and the padding before a cell only when something follows.
    // Returns where it ends.
    char* row(char* out) const {
        std::size_t pending = 0;
        for (std::size_t i = 0; i < cells_.size(); ++i) {
            if (i == 2 && !by_person_) continue;
            const auto& cell = cells_[i];
            if (!cell.text.empty()) {
                pad(out, pending);
                out += pending;
                std::memcpy(out, cell.text.data(), cell.text.size());
                out += cell.text.size();
                pending = 0;
            }
            pending += columns_[i] - std::min(columns_[i], cell.width) + 2;
        }
        *out++ = '\n';
        return out;
    }
};

} // namespace

void write_history(const Config& config, const LogLineList& lines, Format format,
                   const Style& style, bool by_person,
                   const std::function<void(std::string_view)>& out, std::size_t threads) {
    if (format == Format::json) {
        out(render_history_json(config, lines, by_person));
        return;
    }
    if (format != Format::csv && lines.empty()) {
        out("No log entries match.\n");
        return;
    }
    if (format != Format::csv && style.width == 0) {
        PlainHistory(lines, by_person).write(out, threads);
        return;
    }
    std::vector<Column> columns{{"date"},
                                {"time"},
                                {"client"},
                                {"name", Fit::fixed, Shown::csv},
                                {"channel"},
                                {"note", Fit::shorten},
                                {"kind", Fit::fixed, Shown::csv},
                                {"until", Fit::fixed, Shown::csv},
                                {"due", Fit::fixed, Shown::csv}};
    // Who made each touch, in a folder of per-person logs.
    if (by_person) columns.insert(columns.begin() + 2, Column{"person"});
    // Text shows no CSV-only column.
    if (format != Format::csv)
        std::erase_if(columns, [](const Column& c) { return c.shown == Shown::csv; });
    Table table(std::move(columns));
    table.reserve(lines.size());
    ClientsById clients(config);
    for (std::size_t i = 0; i < lines.size(); ++i)
        add_history_row(table, clients, lines[i], format, by_person);
    out(format == Format::csv ? table.csv() : table.text(style));
}

} // namespace touch
