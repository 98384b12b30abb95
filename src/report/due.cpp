// touch due: today's suggestions grouped by channel, with why and how.
#include "shared.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

namespace {

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

// "Sun 2026-11-22: 8 due. Start with: call Granite Property Management."
// On a terminal a long name is shortened to fit the line.
std::string summary_line(const Config& config, const DueReport& report, const Style& style) {
    const auto& first = report.capped.shown.front();
    const auto& client = config.clients[static_cast<std::size_t>(first.client())];
    auto head = fmt::format("{} {}: {} due. Start with: {} ", report::weekday_name(report.today),
                            format_date(report.today), report.capped.shown.size(),
                            config.channels[static_cast<std::size_t>(first.channel())].label);
    auto name = escape_control(client.name);
    auto used = display_width(head) + 1;
    if (style.width > used + 10) name = shorten_to_width(name, style.width - used);
    // The sentence's full stop, unless the name has one ("Nachf.") or was
    // shortened ("…").
    bool stopped = name.ends_with('.') || name.ends_with("…");
    return fit_to_width(head + name + (stopped ? "\n" : ".\n"), style);
}

// What was said last time, under its row; shortened to a terminal's width.
std::string context_below(const std::string& context, const Style& style) {
    if (context.empty()) return {};
    constexpr std::string_view indent = "      ";
    auto text = style.width > indent.size() + 10
                    ? shorten_to_width(context, style.width - indent.size())
                    : context;
    return std::string(indent) + text + '\n';
}

std::string render_due_text(const Config& config, const DueReport& report, const Style& style) {
    const auto& shown = report.capped.shown;

    // Group by channel, groups in the order of their most urgent row.
    std::vector<ChannelId> order;
    for (auto& s : shown)
        if (std::find(order.begin(), order.end(), s.channel()) == order.end())
            order.push_back(s.channel());

    // One table for all groups, so columns line up; headings go between.
    Table table({{"client"},
                 {"name", Fit::shorten},
                 {"when"},
                 {"contact", Fit::whole, Shown::both, "-"},
                 {"reason", Fit::shorten}});
    table.reserve(shown.size());
    std::vector<std::size_t> group_start;
    std::vector<std::size_t> shown_of; // table row -> index into shown
    shown_of.reserve(shown.size());
    for (auto ch : order) {
        group_start.push_back(shown_of.size());
        for (std::size_t i = 0; i < shown.size(); ++i)
            if (shown[i].channel() == ch) shown_of.push_back(i);
    }
    fill_rows(table, shown_of.size(), [&](Table& rows, std::size_t row) {
        const auto& s = shown[shown_of[row]];
        const auto& c = config.clients[static_cast<std::size_t>(s.client())];
        const auto& when = s.most_overdue();
        rows.cell(c.id);
        append_escaped(rows.next_cell(), c.name);
        rows.end_cell();
        append_when(rows.next_cell(), when, report.today);
        rows.end_cell(when_color(when, report.today));
        append_escaped(rows.next_cell(), contact_for(config, c, s.channel()));
        rows.end_cell();
        report::append_row_reasons(rows.next_cell(), config, s);
        rows.end_cell_shorter(report::shorter_row_reasons(config, s));
    });
    auto lines = table.lines(style, "  ");
    std::string out = summary_line(config, report, style);
    out.reserve(out.size() + lines.str().size() + order.size() * 32);
    for (std::size_t g = 0; g < order.size(); ++g) {
        const auto& ch = config.channels[static_cast<std::size_t>(order[g])];
        auto end = g + 1 < order.size() ? group_start[g + 1] : lines.size();
        out += '\n';
        out +=
            paint(style, "1",
                  fmt::format("{} ({})", capitalized(plural_label(ch, 2)), end - group_start[g]));
        out += '\n';
        if (report.context.empty()) {
            out += lines.lines(group_start[g], end);
            continue;
        }
        for (auto row = group_start[g]; row < end; ++row) {
            out += lines.lines(row, row + 1);
            out += context_below(report.context[shown_of[row]], style);
        }
    }
    if (!report.capped.hidden.empty()) {
        out += '\n';
        for (auto [ch, n] : report.capped.hidden)
            out += fmt::format("+{} more {} — {}\n", n,
                               plural_label(config.channels[static_cast<std::size_t>(ch)], n),
                               report.show_all);
    }
    return out;
}

std::string render_due_json(const Config& config, const DueReport& report) {
    JsonWriter json;
    json.begin_object();
    json.field("today", report.today);
    json.key("suggestions").begin_array();
    for (std::size_t i = 0; i < report.capped.shown.size(); ++i)
        write_suggestion(json, config, report.capped.shown[i], report.today,
                         report.context.empty() ? nullptr : &report.context[i]);
    json.end_array();
    json.key("hidden").begin_object();
    for (auto [ch, n] : report.capped.hidden)
        json.field(config.channel_name(ch), n);
    json.end_object();
    json.end_object();
    return json.str();
}

std::string render_due_csv(const Config& config, const DueReport& report) {
    Table table(suggestion_columns());
    table.reserve(report.capped.shown.size());
    for (auto& s : report.capped.shown)
        add_suggestion_cells(table, config, s, report.today);
    return table.csv();
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

namespace {
std::string render_next_line(const Config& config, const Suggestion& s, Date today,
                             const Style& style);
} // namespace

std::string render_next(const Config& config, const Suggestion& s, Date today, const Style& style,
                        std::string_view context) {
    auto out = render_next_line(config, s, today, style);
    if (context.empty()) return out;
    auto line = "  " + std::string(context);
    if (style.width > 12) line = "  " + shorten_to_width(context, style.width - 2);
    return out + line + '\n';
}

namespace {

std::string render_next_line(const Config& config, const Suggestion& s, Date today,
                             const Style& style) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    const auto& label = config.channels[static_cast<std::size_t>(s.channel())].label;
    auto name = escape_control(c.name);
    // The "when" is the most overdue of what the touch settles: the reason says why.
    const auto& first = s.most_overdue();
    auto when = describe_when(first, today);
    std::string reason;
    report::append_cover(reason, config, s.primary);
    reason += describe(config, s.primary);
    if (&first != &s.primary)
        reason += first.channel == s.channel()
                      ? "; " + describe(config, first)
                      : fmt::format("; also counts as {} ({})", config.channel_name(first.channel),
                                    describe(config, first));
    auto how = escape_control(contact_for(config, c, s.channel()));
    auto line = [&](const std::string& shown_name, const std::string& shown_reason, bool contact) {
        return fmt::format("{} {} ({}): {}; {}{}{}", label, shown_name, c.id, when, shown_reason,
                           contact && !how.empty() ? " — " : "", contact ? how : "");
    };
    auto full = line(name, reason, true);
    if (style.width == 0 || display_width(full) <= style.width) return full + '\n';
    // Name and reason give way; the contact goes on a line of its own before
    // either is shortened past recognition.
    bool apart = false;
    auto fixed = display_width(line("", "", true));
    if (fixed + 2 * 10 > style.width && !how.empty()) {
        apart = true;
        fixed = display_width(line("", "", false));
    }
    auto room = style.width > fixed ? style.width - fixed : 0;
    auto widths = share_width({display_width(name), display_width(reason)}, room);
    auto out =
        wrap_to_width(line(shorten_to_width(name, std::max<std::size_t>(widths[0], 1)),
                           shorten_to_width(reason, std::max<std::size_t>(widths[1], 1)), !apart),
                      style.width);
    if (apart) {
        out += '\n';
        out += wrap_to_width("  " + how, style.width);
    }
    return out + '\n';
}

} // namespace

std::string render_nothing_due(Date today) {
    return fmt::format("Nothing due on {}.\n", format_date(today));
}

} // namespace touch
