// touch promise CLIENT CHANNEL WHEN [NOTE...] [--cancel]: a dated promise.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

namespace touch::cli {

namespace {

struct PromiseOptions {
    std::string client, channel, when;
    std::vector<std::string> note;
    bool cancel = false;
};

int run_promise(const PromiseOptions& opt, Context& ctx) {
    auto client = resolve_client(ctx.config, opt.client);
    auto channel = resolve_channel(ctx.config, opt.channel);
    const auto& c = ctx.config.clients[static_cast<std::size_t>(client)];
    auto name = ctx.config.channel_name(channel);
    if (opt.cancel) {
        if (!opt.when.empty() || !opt.note.empty())
            throw Fatal(exit_usage, "--cancel takes only CLIENT and CHANNEL");
        append_to_log(ctx, promise_cancel_line(ctx.today, c.id, name));
        print_stdout(
            fmt::format("Cancelled the open {} promises to {}.\n", name, escape_control(c.name)));
        return exit_ok;
    }
    if (opt.when.empty())
        throw Fatal(exit_usage,
                    "WHEN is required: a date, an interval (2w), tomorrow, a weekday name, next "
                    "week or next month");
    auto note = opt.note;
    auto when = when_as_written(ctx, opt.when, note);
    auto line = line_after_today(ctx, promise_line(ctx.today, c.id, name, when, note), when);
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
