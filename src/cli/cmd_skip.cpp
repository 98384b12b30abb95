// touch skip CLIENT CHANNEL [NOTE...]: settle what is open on a channel
// (a follow-up, a birthday, a promise) without counting it as a touch.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/obligations.hpp"
#include "touch/report/report.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

namespace touch::cli {

namespace {

struct SkipOptions {
    std::string client, channel;
    std::vector<std::string> note;
};

// What a skip on `channel` today would settle: a follow-up not yet dropped,
// a birthday whose window is open, a promise not yet kept. Never a cadence:
// skipping a call does not make the next one later.
std::vector<Obligation> skippable(const Context& ctx, const History& history, int client,
                                  ChannelId channel) {
    std::vector<Obligation> out;
    for (auto& ob : open_obligations(ctx.config, history, client)) {
        if (ob.channel != channel || ob.kind == ObligationKind::cadence) continue;
        if (ob.kind == ObligationKind::birthday && ob.natural_due > ctx.today) continue;
        out.push_back(std::move(ob));
    }
    return out;
}

int run_skip(const SkipOptions& opt, Context& ctx) {
    auto client = resolve_client(ctx.config, opt.client);
    auto channel = resolve_channel(ctx.config, opt.channel);
    const auto& c = ctx.config.clients[static_cast<std::size_t>(client)];
    auto name = ctx.config.channel_name(channel);
    auto history = load_history(ctx);
    auto settled = skippable(ctx, history, client, channel);
    if (settled.empty())
        throw Fatal(exit_usage,
                    fmt::format("nothing open on {} for {} to skip (a follow-up, a birthday or a "
                                "promise); a cadence is kept by a touch, or put off with snooze",
                                name, escape_control(c.name)));
    std::string note;
    for (auto& word : opt.note)
        note += (note.empty() ? "" : " ") + word;
    auto minute = minute_written(ctx);
    append_to_log(ctx, skip_line(ctx.today, minute, c.id, name, note));
    std::string what;
    for (auto& ob : settled)
        what += (what.empty() ? "" : "; ") + describe(ctx.config, ob);
    print_stdout(fmt::format("Skipped: {} to {} ({}), not counted as a touch.\n", name,
                             escape_control(c.name), what));
    return exit_ok;
}

} // namespace

Runner setup_skip(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<SkipOptions>();
    add_positional(sub, row, 0, opt->client);
    add_positional(sub, row, 1, opt->channel);
    add_positional(sub, row, 2, opt->note);
    return bind_run(opt, run_skip);
}

} // namespace touch::cli
