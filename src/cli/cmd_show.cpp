// touch show CLIENT: details, what is owed and why, recent history.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/platform.hpp"

#include <memory>
#include <unistd.h>

namespace touch::cli {

namespace {

struct ShowOptions {
    std::string client;
    std::size_t recent = 10;
    TableOptions table;
};

int run_show(const ShowOptions& opt, const GlobalOptions& globals) {
    auto ctx = load_context(globals);
    ClientView view;
    view.client = resolve_client(ctx.config, opt.client);
    const auto& id = ctx.config.clients[static_cast<std::size_t>(view.client)].id;
    auto history = load_history(ctx);
    view.summary = summarize(ctx.config, history, view.client);
    for (auto& ob : client_obligations(ctx.config, history, view.client))
        if (!ob.expired(ctx.today)) view.obligations.push_back(ob);
    std::stable_sort(view.obligations.begin(), view.obligations.end(),
                     [](const Obligation& a, const Obligation& b) { return a.due < b.due; });
    view.recent = read_history(
        ctx, [&](const Entry& e) { return e.client == id; }, opt.recent);
    print_stdout(render_show(ctx.config, view, ctx.today, parse_format(opt.table.format),
                             ctx.style(STDOUT_FILENO)));
    return exit_ok;
}

} // namespace

void setup_show(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<ShowOptions>();
    auto* sub =
        app.add_subcommand("show", "one client: details, what is owed and why, recent history");
    sub->add_option("client", opt->client, "id, alias, name or a unique prefix")
        ->required()
        ->option_text("CLIENT");
    sub->add_option("--recent", opt->recent, "how many recent log entries (default 10)")
        ->option_text("N");
    add_format_option(*sub, opt->table, false);
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_show(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
