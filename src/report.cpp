#include "touch/report.hpp"

#include "touch/interval.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace touch {

// --- JSON ------------------------------------------------------------------

std::string json_escape(std::string_view s) {
    // Valid UTF-8 passes through; escape_control's \xNN marks bytes that were
    // not, and those become U+FFFD so the document stays valid.
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20 || c == 0x7F) {
            switch (c) {
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += fmt::format("\\u{:04x}", c);
            }
            ++i;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
        } else {
            // Take one whole code point if it is valid UTF-8.
            int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
            auto piece = s.substr(i, static_cast<std::size_t>(std::max(len, 1)));
            bool valid = len > 0 && piece.size() == static_cast<std::size_t>(len) &&
                         escape_control(piece) == piece;
            if (valid) {
                out += piece;
                i += static_cast<std::size_t>(len);
            } else {
                out += "\xEF\xBF\xBD";
                ++i;
            }
        }
    }
    out += '"';
    return out;
}

void JsonWriter::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back()) out_ += ',';
        first_.back() = false;
        out_ += '\n';
        out_.append(first_.size() * 2, ' ');
    }
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    out_ += '{';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    bool empty = first_.back();
    first_.pop_back();
    if (!empty) {
        out_ += '\n';
        out_.append(first_.size() * 2, ' ');
    }
    out_ += bracket;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    return close('}');
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    out_ += '[';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    return close(']');
}

JsonWriter& JsonWriter::key(std::string_view k) {
    separate();
    out_ += json_escape(k);
    out_ += ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    separate();
    out_ += json_escape(s);
    return *this;
}

JsonWriter& JsonWriter::value(long long n) {
    separate();
    out_ += std::to_string(n);
    return *this;
}

JsonWriter& JsonWriter::value(double d) {
    separate();
    out_ += std::isfinite(d) ? fmt::format("{:.3f}", d) : "null";
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    separate();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    out_ += "null";
    return *this;
}

// --- CSV and text tables ---------------------------------------------------

std::string csv_record(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += ',';
        std::string cell = cells[i];
        if (!cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos) {
            // Numbers like -3 are safe and stay as they are.
            bool number = cell.size() > 1 && cell[0] == '-' &&
                          cell.find_first_not_of("0123456789.", 1) == std::string::npos;
            if (!number) cell.insert(0, "'");
        }
        if (cell.find_first_of(",\"\r\n") != std::string::npos) {
            std::string quoted = "\"";
            for (char c : cell) {
                if (c == '"') quoted += '"';
                quoted += c;
            }
            quoted += '"';
            cell = std::move(quoted);
        }
        out += cell;
    }
    out += "\r\n";
    return out;
}

std::vector<std::string> aligned_lines(const std::vector<std::vector<std::string>>& rows,
                                       const std::string& indent) {
    std::vector<std::size_t> widths;
    for (auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    std::vector<std::string> lines;
    for (auto& row : rows) {
        std::string line = indent;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line.append(widths[i] - display_width(row[i]) + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string align_columns(const std::vector<std::vector<std::string>>& rows,
                          const std::string& indent) {
    std::string out;
    for (auto& line : aligned_lines(rows, indent))
        out += line + '\n';
    return out;
}

std::string fit_to_width(const std::string& text, const Style& style) {
    if (style.width == 0) return text;
    std::string out;
    for (std::size_t pos = 0; pos < text.size();) {
        auto nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        out += clip_to_width(std::string_view(text).substr(pos, nl - pos), style.width);
        out += '\n';
        pos = nl + 1;
    }
    return out;
}

std::string paint(const Style& style, std::string_view sgr, std::string_view text) {
    if (!style.color || text.empty()) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
}

// --- due -------------------------------------------------------------------

std::string contact_for(const Config& config, const Client& client, ChannelId channel) {
    if (channel < 0) return {};
    switch (config.channels[static_cast<std::size_t>(channel)].contact) {
    case Contact::phone:
        return client.phone;
    case Contact::email:
        return client.email;
    case Contact::address:
        return client.address;
    case Contact::none:
        break;
    }
    return {};
}

const char* kind_name(ObligationKind kind) {
    switch (kind) {
    case ObligationKind::rule:
        return "rule";
    case ObligationKind::birthday:
        return "birthday";
    case ObligationKind::promise:
        return "promise";
    case ObligationKind::cadence:
        break;
    }
    return "cadence";
}

namespace {

std::string last_touch(const Config& config, const Obligation& ob) {
    if (!ob.last) return "never yet";
    if (ob.last_is_since) return "since " + format_date(*ob.last);
    auto channel = ob.last_channel ? config.channel_name(*ob.last_channel) : std::string("touch");
    return fmt::format("last {} {}", channel, format_date(*ob.last));
}

} // namespace

std::string describe(const Config& config, const Obligation& ob) {
    std::string text;
    switch (ob.kind) {
    case ObligationKind::rule: {
        const auto& rule = config.rules[static_cast<std::size_t>(ob.rule)];
        text = fmt::format("{} after {} {}", rule.reason,
                           config.channel_name(ob.last_channel.value_or(rule.after)),
                           format_date(*ob.last));
        break;
    }
    case ObligationKind::birthday: {
        date::year_month_day ymd{*ob.deadline};
        text = fmt::format("birthday {:02}-{:02}", static_cast<unsigned>(ymd.month()),
                           static_cast<unsigned>(ymd.day()));
        break;
    }
    case ObligationKind::promise:
        text = fmt::format("promised {}{}", format_date(*ob.last),
                           ob.promised.empty() ? "" : ": " + ob.promised);
        break;
    case ObligationKind::cadence:
        text =
            fmt::format("{} every {}, {}",
                        ob.cadence_channel == any_channel ? std::string("contact")
                                                          : config.channel_name(ob.cadence_channel),
                        format_interval(ob.every), last_touch(config, ob));
        break;
    }
    if (ob.snoozed) text += ", snoozed to " + format_date(ob.due);
    return escape_control(text);
}

std::string describe_when(const Obligation& ob, Date today) {
    auto days = [](Days d) { return static_cast<long>(d.count()); };
    switch (ob.kind) {
    case ObligationKind::rule:
    case ObligationKind::promise:
        if (*ob.deadline >= today) return "by " + format_date(*ob.deadline);
        return fmt::format("{}d late", days(today - *ob.deadline));
    case ObligationKind::birthday:
        if (*ob.deadline == today) return "birthday today";
        if (*ob.deadline > today) return fmt::format("birthday in {}d", days(*ob.deadline - today));
        return "birthday " + format_date(*ob.deadline);
    case ObligationKind::cadence:
        break;
    }
    if (ob.due >= today) return ob.due == today ? "due today" : "due " + format_date(ob.due);
    return fmt::format("{}d overdue", days(today - ob.due));
}

namespace {

// The reasons of a merged row: its own, then what else it takes care of.
std::string describe_row(const Config& config, const Suggestion& s) {
    auto text = describe(config, s.primary);
    std::vector<std::string> counts_as;
    for (auto& ob : s.also) {
        if (ob.channel != s.channel()) {
            auto name = config.channel_name(ob.channel);
            if (std::find(counts_as.begin(), counts_as.end(), name) == counts_as.end())
                counts_as.push_back(name);
        } else {
            text += "; " + describe(config, ob);
        }
    }
    if (!counts_as.empty()) text += "; also counts as " + join_words(counts_as, " and ");
    return text;
}

std::string plural_label(const Channel& ch, int n) {
    if (n == 1) return ch.label;
    auto ends = [&](std::string_view suffix) {
        return ch.label.size() >= suffix.size() &&
               ch.label.compare(ch.label.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return ch.label + (ends("s") || ends("x") || ends("ch") || ends("sh") ? "es" : "s");
}

std::string capitalized(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string render_due_text(const Config& config, const DueReport& report, const Style& style) {
    const auto& shown = report.capped.shown;
    std::string out;
    auto day = format_date(report.today);
    static constexpr const char* weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    const auto& first = shown.front();
    const auto& first_client = config.clients[static_cast<std::size_t>(first.client())];
    out += fmt::format("{} {}: {} due. Start with: {} {}.\n", weekdays[weekday_index(report.today)],
                       day, shown.size(),
                       config.channels[static_cast<std::size_t>(first.channel())].label,
                       escape_control(first_client.name));

    // Group by channel, groups in the order of their most urgent row.
    std::vector<ChannelId> order;
    for (auto& s : shown)
        if (std::find(order.begin(), order.end(), s.channel()) == order.end())
            order.push_back(s.channel());

    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> group_start;
    for (auto ch : order) {
        group_start.push_back(rows.size());
        for (auto& s : shown) {
            if (s.channel() != ch) continue;
            const auto& c = config.clients[static_cast<std::size_t>(s.client())];
            auto how = contact_for(config, c, ch);
            rows.push_back({c.id, escape_control(c.name), describe_when(s.primary, report.today),
                            how.empty() ? "-" : escape_control(how), describe_row(config, s)});
        }
    }
    // One table for all groups, so columns line up; headings go between.
    auto lines = aligned_lines(rows, "  ");
    for (std::size_t g = 0; g < order.size(); ++g) {
        const auto& ch = config.channels[static_cast<std::size_t>(order[g])];
        auto end = g + 1 < order.size() ? group_start[g + 1] : lines.size();
        out += '\n';
        out +=
            paint(style, "1",
                  fmt::format("{} ({})", capitalized(plural_label(ch, 2)), end - group_start[g]));
        out += '\n';
        for (auto i = group_start[g]; i < end; ++i) {
            auto line = lines[i];
            if (style.width > 0) line = std::string(clip_to_width(line, style.width));
            if (style.color) {
                // Overdue in red, due today in yellow: the "when" column.
                const auto& when = rows[i][2];
                auto at = line.find(when, rows[i][0].size() + 2);
                if (at != std::string::npos) {
                    auto sgr = when.find("overdue") != std::string::npos ||
                                       when.find("late") != std::string::npos
                                   ? "31"
                                   : "33";
                    line.replace(at, when.size(), paint(style, sgr, when));
                }
            }
            out += line;
            out += '\n';
        }
    }
    if (!report.capped.hidden.empty()) {
        out += '\n';
        for (auto [ch, n] : report.capped.hidden)
            out += fmt::format("+{} more {} — touch due --all\n", n,
                               plural_label(config.channels[static_cast<std::size_t>(ch)], n));
    }
    return out;
}

} // namespace

void write_obligation(JsonWriter& json, const Config& config, const Obligation& ob, Date today) {
    json.field("kind", kind_name(ob.kind));
    json.field("channel", config.channel_name(ob.channel));
    json.key("cadence_channel");
    if (ob.kind == ObligationKind::cadence)
        json.value(config.channel_name(ob.cadence_channel));
    else
        json.null();
    json.key("interval").value(format_interval(ob.every));
    json.field("due", format_date(ob.due));
    json.field("overdue_days", static_cast<long long>((today - ob.due).count()));
    json.field("urgency", ob.urgency(today));
    json.key("deadline");
    if (ob.deadline)
        json.value(format_date(*ob.deadline));
    else
        json.null();
    json.key("last");
    if (ob.last)
        json.value(format_date(*ob.last));
    else
        json.null();
    json.key("last_channel");
    if (ob.last_channel)
        json.value(config.channel_name(*ob.last_channel));
    else
        json.null();
    json.field("last_is_since", ob.last_is_since);
    json.field("snoozed", ob.snoozed);
    json.key("rule");
    if (ob.rule >= 0)
        json.value(config.rules[static_cast<std::size_t>(ob.rule)].reason);
    else
        json.null();
    json.field("reason", describe(config, ob));
}

namespace {

std::string render_due_json(const Config& config, const DueReport& report) {
    JsonWriter json;
    json.begin_object();
    json.field("today", format_date(report.today));
    json.key("suggestions").begin_array();
    for (auto& s : report.capped.shown)
        write_suggestion(json, config, s, report.today);
    json.end_array();
    json.key("hidden").begin_object();
    for (auto [ch, n] : report.capped.hidden)
        json.field(config.channel_name(ch), n);
    json.end_object();
    json.end_object();
    return json.str();
}

std::string render_due_csv(const Config& config, const DueReport& report) {
    std::string out = csv_record(suggestion_csv_header());
    for (auto& s : report.capped.shown)
        out += csv_record(suggestion_csv_cells(config, s, report.today));
    return out;
}

} // namespace

std::string render_due(const Config& config, const DueReport& report, Format format,
                       const Style& style) {
    switch (format) {
    case Format::json:
        return render_due_json(config, report);
    case Format::csv:
        return render_due_csv(config, report);
    case Format::text:
    case Format::ics:
        break;
    }
    if (report.capped.shown.empty()) return render_nothing_due(report.today);
    return render_due_text(config, report, style);
}

void write_suggestion(JsonWriter& json, const Config& config, const Suggestion& s, Date today) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    json.begin_object();
    json.field("client", c.id);
    json.field("name", c.name);
    json.field("channel", config.channel_name(s.channel()));
    json.field("label", config.channels[static_cast<std::size_t>(s.channel())].label);
    json.field("when", describe_when(s.primary, today));
    json.field("urgency", s.urgency);
    json.field("overdue_days", s.overdue);
    json.field("time_bound", s.time_bound);
    json.field("contact", contact_for(config, c, s.channel()));
    json.field("phone", c.phone);
    json.field("email", c.email);
    json.field("address", c.address);
    json.field("city", c.city);
    json.key("reasons").begin_array();
    auto one = [&](const Obligation& ob) {
        json.begin_object();
        write_obligation(json, config, ob, today);
        json.end_object();
    };
    one(s.primary);
    for (auto& ob : s.also)
        one(ob);
    json.end_array();
    json.end_object();
}

std::vector<std::string> suggestion_csv_header() {
    return {"client",  "name",     "channel", "kind",         "when",   "due",    "overdue_days",
            "urgency", "deadline", "last",    "last_channel", "reason", "contact"};
}

std::vector<std::string> suggestion_csv_cells(const Config& config, const Suggestion& s,
                                              Date today) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    const auto& ob = s.primary;
    return {c.id,
            escape_control(c.name),
            config.channel_name(s.channel()),
            kind_name(ob.kind),
            describe_when(ob, today),
            format_date(ob.due),
            std::to_string(s.overdue),
            fmt::format("{:.3f}", s.urgency),
            ob.deadline ? format_date(*ob.deadline) : "",
            ob.last ? format_date(*ob.last) : "",
            ob.last_channel ? config.channel_name(*ob.last_channel) : "",
            describe_row(config, s),
            escape_control(contact_for(config, c, s.channel()))};
}

std::string render_nothing_due(Date today) {
    return fmt::format("Nothing due on {}.\n", format_date(today));
}

} // namespace touch
