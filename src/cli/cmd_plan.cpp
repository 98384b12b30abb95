// touch plan [--days N]: the coming workdays, within capacity.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/platform.hpp"

#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct PlanOptions {
    int days = 14;
    TableOptions table;
};

int run_plan(const PlanOptions& opt, const GlobalOptions& globals) {
    auto ctx = load_context(globals);
    auto days = plan(ctx.config, load_history(ctx), opt.days);
    bool nothing = true;
    for (auto& day : days)
        if (!day.items.empty()) nothing = false;
    if (!(nothing && opt.table.quiet))
        print_stdout(render_plan(ctx.config, days, ctx.today, parse_format(opt.table.format),
                                 ctx.style(STDOUT_FILENO)));
    return nothing && opt.table.exit_status ? exit_nothing_due : exit_ok;
}

} // namespace

void setup_plan(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<PlanOptions>();
    auto* sub =
        app.add_subcommand("plan", "the coming workdays, filled up to each channel's capacity");
    sub->add_option("--days", opt->days, "how many days ahead, today included (default 14)")
        ->check(CLI::Range(1, 366))
        ->option_text("N");
    add_format_option(*sub, opt->table, true, true);
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_plan(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
