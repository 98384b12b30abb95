// touch snooze CLIENT WHEN [NOTE...] [--channel C]: append a snooze line.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

namespace touch::cli {

namespace {

struct SnoozeOptions {
    std::string client, when, channel;
    std::vector<std::string> note;
};

int run_snooze(const SnoozeOptions& opt, Context& ctx) {
    auto client = resolve_client(ctx.config, opt.client);
    std::string channel;
    if (!opt.channel.empty())
        channel = ctx.config.channel_name(resolve_channel(ctx.config, opt.channel));

    const auto& c = ctx.config.clients[static_cast<std::size_t>(client)];
    auto note = opt.note;
    auto when = when_as_written(ctx, opt.when, note);
    auto line = line_after_today(ctx, snooze_line(ctx.today, c.id, channel, when, note), when);
    append_to_log(ctx, line.text);
    print_stdout(fmt::format("Snoozed {}{} until {}.\n", escape_control(c.name),
                             channel.empty() ? "" : " (" + channel + ")", format_date(line.date)));
    return exit_ok;
}

} // namespace

std::string when_as_written(const Context& ctx, std::string_view when,
                            std::vector<std::string>& note) {
    std::string text(when);
    if (to_lower(text) == "next" && !note.empty() &&
        (to_lower(note.front()) == "week" || to_lower(note.front()) == "month")) {
        text += " " + note.front();
        note.erase(note.begin());
    }
    auto workday = [&](Date d) { return ctx.config.is_workday(d); };
    if (auto day = parse_when_word(text, ctx.today, workday)) return format_date(*day);
    return text;
}

DatedLine line_after_today(const Context& ctx, const std::optional<DatedLine>& line,
                           std::string_view when) {
    if (!line || when.find_first_of(" \t") != std::string_view::npos)
        throw Fatal(exit_usage, fmt::format("'{}' is not a date (YYYY-MM-DD), an interval (2w, "
                                            "10d, 1mo), tomorrow, a weekday name, next week or "
                                            "next month",
                                            escape_control(when)));
    if (line->date <= ctx.today)
        throw Fatal(exit_usage, fmt::format("{} is not after today", format_date(line->date)));
    return *line;
}

Runner setup_snooze(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<SnoozeOptions>();
    add_positional(sub, row, 0, opt->client);
    add_positional(sub, row, 1, opt->when);
    add_positional(sub, row, 2, opt->note);
    sub.add_option("--channel", opt->channel, "snooze only this channel")->option_text("C");
    return bind_run(opt, run_snooze);
}

} // namespace touch::cli
