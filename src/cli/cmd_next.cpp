// touch next [CHANNEL]: the single most urgent suggestion.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/platform.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct NextOptions {
    std::string channel;
    TableOptions table;
};

int run_next(const NextOptions& opt, const GlobalOptions& globals) {
    auto ctx = load_context(globals);
    SuggestFilter filter;
    if (!opt.channel.empty()) filter.channel = resolve_channel(ctx.config, opt.channel);
    auto ranked = suggest(ctx.config, load_history(ctx), filter);
    DueReport report{ctx.today, {}};
    if (!ranked.empty()) report.capped.shown.push_back(std::move(ranked.front()));
    bool nothing = report.capped.shown.empty();
    auto format = parse_format(opt.table.format);
    if (nothing && opt.table.quiet) return opt.table.exit_status ? exit_nothing_due : exit_ok;
    if (format != Format::text || nothing)
        print_stdout(render_due(ctx.config, report, format, ctx.style(STDOUT_FILENO)));
    else
        print_stdout(render_next(ctx.config, report.capped.shown.front(), ctx.today,
                                 ctx.style(STDOUT_FILENO)));
    return nothing && opt.table.exit_status ? exit_nothing_due : exit_ok;
}

} // namespace

void setup_next(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<NextOptions>();
    auto* sub = app.add_subcommand("next", "the single most urgent suggestion");
    sub->add_option("channel", opt->channel, "only this channel")->option_text("CHANNEL");
    add_format_option(*sub, opt->table, true);
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_next(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
