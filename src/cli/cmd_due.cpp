// touch due: today's suggestions, capped per channel unless --all.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/platform.hpp"

#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct DueOptions {
    std::string channel, tag, city;
    bool all = false;
    TableOptions table;
};

int run_due(const DueOptions& opt, const GlobalOptions& globals) {
    auto ctx = load_context(globals);
    SuggestFilter filter;
    if (!opt.channel.empty()) filter.channel = resolve_channel(ctx.config, opt.channel);
    filter.tag = opt.tag;
    filter.city = opt.city;
    auto history = load_history(ctx);
    auto ranked = suggest(ctx.config, history, filter);
    DueReport report{ctx.today, {}};
    if (opt.all)
        report.capped.shown = std::move(ranked);
    else
        report.capped = apply_capacity(ctx.config, std::move(ranked));
    bool nothing = report.capped.shown.empty();
    if (!(nothing && opt.table.quiet))
        print_stdout(render_due(ctx.config, report, parse_format(opt.table.format),
                                ctx.style(STDOUT_FILENO)));
    return nothing && opt.table.exit_status ? exit_nothing_due : exit_ok;
}

} // namespace

void setup_due(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<DueOptions>();
    auto* sub = app.add_subcommand("due", "today's suggestions: who to call, write to or visit");
    sub->add_option("--channel", opt->channel, "only suggestions on this channel")
        ->option_text("C");
    sub->add_option("--tag", opt->tag, "only clients with this tag")->option_text("T");
    sub->add_option("--city", opt->city, "only clients in this city")->option_text("X");
    sub->add_flag("--all", opt->all, "show everything, past each channel's per_day");
    add_format_option(*sub, opt->table, true);
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_due(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
