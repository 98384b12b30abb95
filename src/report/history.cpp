// touch history: log lines, newest first.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/log/log.hpp"
#include "touch/util/text.hpp"

#include <unordered_map>

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

Meaning meaning_of(const LogLine& l) {
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

std::string readable_note(const LogLine& l, const Meaning& m) {
    if (m.until) {
        auto rest = std::string(trim(l.note.substr(std::min(l.note.find(' '), l.note.size()))));
        return "until " + format_date(*m.until) + (rest.empty() ? "" : ": " + rest);
    }
    if (m.due)
        return "by " + format_date(*m.due) + (m.what.empty() ? "" : ": " + std::string(m.what));
    if (std::string_view(m.kind) == "cancel") return "cancelled";
    return l.note;
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

std::string render_history_json(const Config& config, const std::vector<LogLine>& lines,
                                bool by_person) {
    JsonWriter json;
    json.begin_object().key("entries").begin_array();
    for (auto& l : lines) {
        bool known = false;
        auto name = names_of(config, l.client, known);
        auto m = meaning_of(l);
        json.begin_object();
        json.field("date", l.date);
        json.field("time", report::time_of(l));
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

std::string report::readable_note(const LogLine& l) {
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
void add_history_row(Table& table, const ClientsById& clients, const LogLine& l, Format format,
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

} // namespace

std::string render_history(const Config& config, const std::vector<LogLine>& lines, Format format,
                           const Style& style, bool by_person) {
    if (format == Format::json) return render_history_json(config, lines, by_person);
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
    // Text shows no CSV-only column: a million rows need not hold them.
    if (format != Format::csv)
        std::erase_if(columns, [](const Column& c) { return c.shown == Shown::csv; });
    Table table(std::move(columns));
    table.reserve(lines.size());
    ClientsById clients(config);
    for (auto& l : lines)
        add_history_row(table, clients, l, format, by_person);
    if (format == Format::csv) return table.csv();
    if (lines.empty()) return "No log entries match.\n";
    return table.text(style);
}

} // namespace touch
