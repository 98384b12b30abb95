// touch promise CLIENT CHANNEL WHEN [NOTE...] [--cancel]: a dated promise.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/obligations.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch::cli {

namespace {

struct PromiseOptions {
    std::string client, channel, when;
    std::vector<std::string> note;
    bool cancel = false;
};

// Ends the open promises on the channel, each by its due date; with none
// open, says so and writes nothing.
int cancel_promises(const PromiseOptions& opt, Context& ctx, int client, ChannelId channel) {
    if (!opt.when.empty() || !opt.note.empty())
        throw Fatal(exit_usage, "--cancel takes only CLIENT and CHANNEL");
    const auto& c = ctx.config.clients[static_cast<std::size_t>(client)];
    auto name = ctx.config.channel_name(channel);
    auto history = load_history(ctx);
    std::vector<Date> dues;
    for (const auto& ob : client_obligations(ctx.config, history, client))
        if (ob.kind == ObligationKind::promise && ob.channel == channel &&
            std::find(dues.begin(), dues.end(), ob.natural_due) == dues.end())
            dues.push_back(ob.natural_due);
    if (dues.empty())
        throw Fatal(exit_usage, fmt::format("no open {} promise to {} to cancel", name,
                                            escape_control(c.name)));
    std::sort(dues.begin(), dues.end());
    std::string lines;
    auto minute = minute_written(ctx);
    for (auto due : dues)
        lines += promise_cancel_line(ctx.today, minute, c.id, name, due);
    append_to_log(ctx, lines);
    print_stdout(
        fmt::format("Cancelled the open {} promises to {}.\n", name, escape_control(c.name)));
    return exit_ok;
}

int run_promise(const PromiseOptions& opt, Context& ctx) {
    auto client = resolve_client(ctx.config, opt.client);
    auto channel = resolve_channel(ctx.config, opt.channel);
    if (opt.cancel) return cancel_promises(opt, ctx, client, channel);
    const auto& c = ctx.config.clients[static_cast<std::size_t>(client)];
    auto name = ctx.config.channel_name(channel);
    if (opt.when.empty())
        throw Fatal(exit_usage,
                    "WHEN is required: a date, an interval (2w), tomorrow, a weekday name, next "
                    "week or next month");
    auto note = opt.note;
    auto when = when_as_written(ctx, opt.when, note);
    auto line = line_after_today(
        ctx, promise_line(ctx.today, c.id, name, when, note, minute_written(ctx)), when);
    append_to_log(ctx, line.text);
    print_stdout(fmt::format("Promised: {} to {} by {}.\n", name, escape_control(c.name),
                             format_date(line.date)));
    return exit_ok;
}

} // namespace

Runner setup_promise(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<PromiseOptions>();
    add_positional(sub, row, 0, opt->client);
    add_positional(sub, row, 1, opt->channel);
    add_positional(sub, row, 2, opt->when);
    add_positional(sub, row, 3, opt->note);
    sub.add_flag("--cancel", opt->cancel, "end the open promises on CHANNEL instead");
    return bind_run(opt, run_promise);
}

} // namespace touch::cli
