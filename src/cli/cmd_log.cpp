// touch log CLIENT CHANNEL [NOTE...]: append one line, then say what is next.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/interval.hpp"
#include "touch/platform.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace touch::cli {

namespace {

struct LogOptions {
    std::string client, channel, date, time;
    std::vector<std::string> note;
};

// What this touch set in motion for the client: the next date of every
// cadence it counts for, and any follow-up it triggered. Logging for today
// never reads the log: the new line is the newest there is. A backdated line
// may not be, so then the whole log is read.
std::string whats_next(const Context& ctx, int client, ChannelId channel, Date date) {
    History history(ctx.config, ctx.today);
    if (date < ctx.today) {
        history = load_history(ctx);
    } else {
        history.record(client, channel, date);
    }
    std::vector<Obligation> relevant;
    for (auto& ob : client_obligations(ctx.config, history, client)) {
        bool counts =
            ob.kind == ObligationKind::rule
                ? ob.last == date &&
                      ctx.config.counts_as(
                          channel, ctx.config.rules[static_cast<std::size_t>(ob.rule)].after)
            : ob.kind == ObligationKind::cadence
                ? ob.cadence_channel == any_channel ||
                      ctx.config.counts_as(channel, ob.cadence_channel)
                : false;
        if (counts) relevant.push_back(ob);
    }
    std::sort(relevant.begin(), relevant.end(),
              [](const Obligation& a, const Obligation& b) { return a.due < b.due; });
    std::vector<std::string> parts;
    for (auto& ob : relevant) {
        std::string what = ob.kind == ObligationKind::rule
                               ? ctx.config.rules[static_cast<std::size_t>(ob.rule)].reason
                               : ctx.config.channel_name(ob.channel);
        if (ob.kind == ObligationKind::cadence && ob.cadence_channel == any_channel)
            what = "contact (" + what + ")";
        auto when = ob.deadline ? *ob.deadline : ob.due;
        parts.push_back(fmt::format("{} {} {}", escape_control(what),
                                    ob.kind == ObligationKind::rule ? "by" : "on",
                                    format_date(when)));
    }
    if (parts.empty()) return {};
    return "Next: " + join_words(parts, ", ") + ".\n";
}

int run_log(const LogOptions& opt, const GlobalOptions& globals) {
    auto ctx = load_context(globals);
    auto client = resolve_client(ctx.config, opt.client);
    if (snooze_scope(to_lower(opt.channel)))
        throw Fatal(exit_usage, "to snooze, use 'touch snooze CLIENT WHEN'");
    auto channel = resolve_channel(ctx.config, opt.channel);

    Date date = ctx.today;
    std::string error;
    if (!opt.date.empty()) {
        auto parsed = parse_date_arg(opt.date, ctx.today, &error);
        if (!parsed) throw Fatal(exit_usage, "-d: " + error);
        date = *parsed;
    }
    if (date > ctx.today)
        throw Fatal(exit_usage, fmt::format("-d: {} is in the future; log what has happened",
                                            format_date(date)));
    int minute = -1;
    if (!opt.time.empty()) {
        auto parsed = parse_time(opt.time);
        if (!parsed)
            throw Fatal(exit_usage,
                        fmt::format("-t: '{}' is not a time (HH:MM)", escape_control(opt.time)));
        minute = *parsed;
    } else if (opt.date.empty() && !ctx.today_given) {
        minute = platform::minute_now(ctx.config.settings.timezone);
    }

    std::string note;
    for (auto& word : opt.note) {
        if (!note.empty()) note += ' ';
        note += word;
    }
    const auto& c = ctx.config.clients[static_cast<std::size_t>(client)];
    auto line = format_log_line(date, minute, c.id, ctx.config.channel_name(channel), note);
    append_to_log(ctx, line);

    std::string out = fmt::format("Logged: {}", escape_control(line.substr(0, line.size() - 1)));
    out += '\n';
    out += whats_next(ctx, client, channel, date);
    print_stdout(out);
    return exit_ok;
}

} // namespace

void setup_log(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<LogOptions>();
    auto* sub = app.add_subcommand("log", "record a touch: touch log CLIENT CHANNEL [NOTE...]");
    sub->add_option("client", opt->client, "id, alias, name or a unique prefix")
        ->required()
        ->option_text("CLIENT");
    sub->add_option("channel", opt->channel, "visit, call, note, email, text or your own")
        ->required()
        ->option_text("CHANNEL");
    sub->add_option("note", opt->note, "what happened (the rest of the line)")
        ->option_text("NOTE...");
    sub->add_option("-d,--date", opt->date, "when it happened (default today)")
        ->option_text("DATE");
    sub->add_option("-t,--time", opt->time, "time of day")->option_text("HH:MM");
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_log(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
