// touch snooze CLIENT WHEN [NOTE...] [--channel C]: append a snooze line.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/util/interval.hpp"
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
    std::string scope(snooze_channel);
    if (!opt.channel.empty())
        scope += ":" + ctx.config.channel_name(resolve_channel(ctx.config, opt.channel));

    const auto& c = ctx.config.clients[static_cast<std::size_t>(client)];
    auto line = dated_line(ctx, c.id, scope, opt.when, opt.note);
    append_to_log(ctx, line.text);
    print_stdout(
        fmt::format("Snoozed {}{} until {}.\n", escape_control(c.name),
                    opt.channel.empty() ? "" : " (" + scope.substr(snooze_channel.size() + 1) + ")",
                    format_date(line.date)));
    return exit_ok;
}

} // namespace

DatedLine dated_line(const Context& ctx, std::string_view client, std::string_view channel,
                     const std::string& when, const std::vector<std::string>& note) {
    std::string text = when;
    for (auto& word : note)
        text += " " + word;
    Entry entry{ctx.today, -1, client, channel, text};
    std::optional<Date> date;
    if (snooze_scope(channel))
        date = snooze_until(entry);
    else if (auto promised = promise_note(entry); promised && !promised->cancel)
        date = promised->due;
    if (!date || when.find_first_of(" \t") != std::string::npos)
        throw Fatal(exit_usage, fmt::format("'{}' is not an interval (2w, 10d, 1mo) or a date "
                                            "(YYYY-MM-DD)",
                                            escape_control(when)));
    if (*date <= ctx.today)
        throw Fatal(exit_usage, fmt::format("{} is not after today", format_date(*date)));
    return {format_log_line(ctx.today, -1, client, channel, text), *date};
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
