// touch next [CHANNEL]: the single most urgent suggestion.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace touch::cli {

namespace {

struct NextOptions {
    std::string channel;
    TableOptions table;
};

// One line a script can read and a person can act on.
std::string one_line(const Config& config, const Suggestion& s, Date today) {
    const auto& c = config.clients[static_cast<std::size_t>(s.client())];
    auto how = contact_for(config, c, s.channel());
    return fmt::format("{} {} ({}): {}; {}{}\n",
                       config.channels[static_cast<std::size_t>(s.channel())].label,
                       escape_control(c.name), c.id, describe_when(s.primary, today),
                       describe(config, s.primary), how.empty() ? "" : " — " + escape_control(how));
}

int run_next(const NextOptions& opt, Context& ctx) {
    SuggestFilter filter;
    if (!opt.channel.empty()) filter.channel = resolve_channel(ctx.config, opt.channel);
    auto ranked = suggest(ctx.config, *ctx.history, filter);
    DueReport report{ctx.today, {}};
    if (!ranked.empty()) report.capped.shown.push_back(std::move(ranked.front()));
    bool nothing = report.capped.shown.empty();
    if (nothing && opt.table.quiet) return opt.table.status(nothing);
    auto format = opt.table.output();
    if (format != Format::text || nothing)
        print_stdout(render_due(ctx.config, report, format, ctx.style(STDOUT_FILENO)));
    else
        print_stdout(one_line(ctx.config, report.capped.shown.front(), ctx.today));
    return opt.table.status(nothing);
}

} // namespace

Runner setup_next(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<NextOptions>();
    add_positional(sub, row, 0, opt->channel);
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_next);
}

} // namespace touch::cli
