// touch log CLIENT CHANNEL [NOTE...]: append one line, then say what is next.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/platform/files.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch::cli {

namespace {

struct LogOptions {
    std::string client, channel, date, time, next;
    std::vector<std::string> note;
};

// CLIENT[,CLIENT...]: each resolved like one; one unknown refuses the line.
std::vector<int> resolve_clients(const Config& config, std::string_view field) {
    std::vector<int> out;
    for_each_client(field, [&](std::string_view query) {
        auto client = resolve_client(config, query);
        if (std::find(out.begin(), out.end(), client) == out.end()) out.push_back(client);
    });
    return out;
}

// What this touch set in motion for the client, in words. Logging for today
// never reads the log: the new line is the newest there is. A backdated line
// may not be, so then the whole log is read.
std::string whats_next(const Context& ctx, int client, ChannelId channel, Date date) {
    History history(ctx.config, ctx.today);
    if (date < ctx.today)
        history = load_history(ctx);
    else
        history.record(client, channel, date);
    return render_next_steps(ctx.config, next_steps(ctx.config, history, client, channel, date));
}

Date log_date(const LogOptions& opt, const Context& ctx) {
    if (opt.date.empty()) return ctx.today;
    auto date = date_option(ctx, "-d", opt.date);
    if (date > ctx.today)
        throw Fatal(exit_usage, fmt::format("-d: {} is in the future; log what has happened",
                                            format_date(date)));
    return date;
}

int log_minute(const LogOptions& opt, const Context& ctx) {
    if (!opt.time.empty()) {
        // "9:30" is read as "09:30"; the log always holds two digits.
        auto text = opt.time.size() == 4 && opt.time[1] == ':' ? "0" + opt.time : opt.time;
        auto parsed = parse_time(text);
        if (!parsed)
            throw Fatal(exit_usage,
                        fmt::format("-t: '{}' is not a time (HH:MM)", escape_control(opt.time)));
        return *parsed;
    }
    return opt.date.empty() ? minute_written(ctx) : -1;
}

// A touch logged after a follow-up it triggers was due (backfilling with
// -d): the line says when it was written, and so starts no stale follow-up.
bool follow_up_window_closed(const Context& ctx, ChannelId channel, Date date) {
    if (date >= ctx.today) return false;
    return std::any_of(ctx.config.rules.begin(), ctx.config.rules.end(), [&](const Rule& rule) {
        return rule.after == channel && add(date, rule.within) < ctx.today;
    });
}

int run_log(const LogOptions& opt, Context& ctx) {
    auto clients = resolve_clients(ctx.config, opt.client);
    if (snooze_scope(to_lower(opt.channel)))
        throw Fatal(exit_usage, "to snooze, use 'touch snooze CLIENT WHEN'");
    auto channel = resolve_channel(ctx.config, opt.channel);
    auto date = log_date(opt, ctx);
    auto minute = log_minute(opt, ctx);
    std::string field;
    for (auto client : clients)
        field +=
            (field.empty() ? "" : ",") + ctx.config.clients[static_cast<std::size_t>(client)].id;
    std::string note;
    for (auto& word : opt.note)
        note += (note.empty() ? "" : " ") + word;
    if (follow_up_window_closed(ctx, channel, date)) note = logged_late_note(ctx.today, note);
    auto name = ctx.config.channel_name(channel);
    auto line = format_log_line(date, minute, field, name, note);
    auto written = line;
    std::optional<DatedLine> next;
    if (!opt.next.empty()) {
        std::vector<std::string> none;
        auto when = when_as_written(ctx, opt.next, none);
        next = line_after_today(ctx, promise_line(ctx.today, field, name, when, {}), when);
        written += next->text;
    }
    // The same line twice (a command run again) counts once: say so. Only
    // the last line is compared, so logging stays as quick on a long log.
    // A log that cannot be read is the append's to report, as a write.
    auto own = ctx.log.own.or_fatal();
    auto last = platform::read_last_line(own, ctx.log.links());
    bool again = last && *last && (*last)->text + "\n" == line;
    append_to_log(ctx, written);
    if (again)
        warn(fmt::format("{}: this line is the same as the one before it; identical lines count "
                         "once",
                         own));
    auto out = fmt::format("Logged: {}\n", escape_control(line.substr(0, line.size() - 1)));
    if (next) out += fmt::format("Promised: the next {} by {}.\n", name, format_date(next->date));
    for (auto client : clients) {
        auto what = whats_next(ctx, client, channel, date);
        if (clients.size() > 1 && !what.empty())
            what = ctx.config.clients[static_cast<std::size_t>(client)].id + ": " + what;
        out += what;
    }
    print_stdout(out);
    return exit_ok;
}

} // namespace

Runner setup_log(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<LogOptions>();
    add_positional(sub, row, 0, opt->client);
    add_positional(sub, row, 1, opt->channel);
    add_positional(sub, row, 2, opt->note);
    sub.add_option("-d,--date", opt->date, "when it happened (default today)")->option_text("DATE");
    sub.add_option("-t,--time", opt->time, "time of day")->option_text("HH:MM");
    sub.add_option("--next", opt->next, "also promise the next touch on this channel by WHEN")
        ->option_text("WHEN");
    return bind_run(opt, run_log);
}

} // namespace touch::cli
