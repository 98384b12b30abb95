// touch remind [--to ADDR] [--dry-run] [--for NAME | --everyone | --each]:
// one email when something is due; with --each, one for every person of the
// team who has something due.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/platform/clock.hpp"
#include "touch/platform/process.hpp"
#include "touch/util/mail.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <chrono>
#include <memory>

namespace touch::cli {

namespace {

struct RemindOptions {
    std::string to;
    bool dry_run = false;
    bool each = false;
    TeamOptions team;
};

// Today's list for one view, capped as `due` shows it.
DueReport due_for(const Context& ctx, std::optional<int> person) {
    SuggestFilter filter;
    filter.person = person;
    DueReport report{ctx.today, suggest_capped(ctx.config, *ctx.history, filter,
                                               ReadPolicy::of_this_machine().threads)};
    // Each client with what was said last time: the email is read away from the log.
    report.context = row_contexts(ctx, report.capped.shown);
    return report;
}

// The message of a non-empty report: as sent, or to proofread (--dry-run).
std::string compose(const Context& ctx, const DueReport& report, Mailbox from, Mailbox to,
                    bool preview) {
    const auto& first = report.capped.shown.front();
    const auto& first_client = ctx.config.clients[static_cast<std::size_t>(first.client())];
    Reminder mail;
    mail.to = std::move(to);
    mail.from = std::move(from);
    if (mail.from.name.empty()) mail.from.name = "touch";
    mail.subject = fmt::format(
        "{} due on {}, first: {} {}", report.capped.shown.size(), format_date(ctx.today),
        ctx.config.channels[static_cast<std::size_t>(first.channel())].label, first_client.name);
    mail.body = render_due(ctx.config, report, Format::text, Style{});
    mail.date = platform::rfc5322_now(ctx.config.settings.timezone);
    mail.message_id = platform::new_message_id();
    return preview ? preview_message(mail) : compose_message(mail);
}

// Pipes `message` to settings.sendmail: nothing when it went, else why not.
std::optional<std::string> send(const Context& ctx, const std::string& message) {
    const auto& argv = ctx.config.settings.sendmail;
    // The usual first-day mistake: no mail transfer agent. Say where to point touch instead.
    if (!platform::find_program(argv.at(0)))
        return fmt::format("cannot run {}: not found; install a mail transfer agent (such as "
                           "msmtp-mta) or set sendmail = [\"PROGRAM\", ...] under [settings] in {}",
                           escape_control(argv[0]), ctx.clients_path);
    // From the current folder, as find_program takes it, a relative path would
    // name another program in each folder remind runs in (cron's is the home
    // folder), while the same file's `log` is relative to the file's folder.
    if (argv.at(0).find('/') != std::string::npos && argv[0][0] != '/')
        return fmt::format("cannot run {}: a relative path is never used for "
                           "sendmail; give the program's absolute path, or a name to find on "
                           "PATH, in sendmail = [...] under [settings] in {}",
                           escape_control(argv[0]), ctx.clients_path);
    auto result = platform::run_with_input(
        argv, message, std::chrono::seconds(ctx.config.settings.sendmail_timeout));
    if (!result) return result.error().message;
    if (result->status == 0) return std::nullopt;
    // What it said, line by line: msmtp explains itself over several.
    std::vector<std::string> lines;
    auto said = trim(result->output);
    for (std::size_t pos = 0; pos < said.size();) {
        auto end = std::min(said.find('\n', pos), said.size());
        if (auto one = trim(said.substr(pos, end - pos)); !one.empty())
            lines.push_back(escape_control(one));
        pos = end + 1;
    }
    auto head = fmt::format("{} failed (exit status {})", argv[0], result->status);
    if (lines.size() == 1) return head + ": " + lines[0];
    for (auto& line : lines)
        head += "\n  " + line;
    return head;
}

// --each: every person with something due gets their own list at their own
// address; a person who cannot be mailed is reported and the rest still go.
int remind_each(const RemindOptions& opt, const Context& ctx, const std::optional<Mailbox>& owner) {
    if (ctx.config.people.empty())
        throw Fatal(exit_usage, fmt::format("--each: {} has no [people]", ctx.clients_path));
    bool failed = false, unaddressed = false;
    for (std::size_t i = 0; i < ctx.config.people.size(); ++i) {
        const auto& person = ctx.config.people[i];
        auto report = due_for(ctx, static_cast<int>(i));
        if (report.capped.shown.empty()) continue;
        auto to = parse_mailbox(person.email);
        if (!to) {
            print_error(fmt::format("{}:{}: {} has {} due but no email in [people.{}]: not sent",
                                    ctx.clients_path, person.line, person.id,
                                    report.capped.shown.size(), person.id));
            unaddressed = true;
            continue;
        }
        if (to->name.empty()) to->name = person.name;
        auto message = compose(ctx, report, owner ? *owner : *to, *to, opt.dry_run);
        if (opt.dry_run) {
            print_stdout(message + "\r\n");
            continue;
        }
        if (auto why = send(ctx, message)) {
            print_error(fmt::format("{} ({}): not sent: {}", person.id, to->address, *why));
            failed = true;
        }
    }
    return failed ? exit_system : unaddressed ? exit_invalid_data : exit_ok;
}

int run_remind(const RemindOptions& opt, Context& ctx) {
    std::optional<Mailbox> to;
    if (!opt.to.empty()) {
        to = parse_mailbox(opt.to);
        if (!to)
            throw Fatal(exit_usage,
                        fmt::format("--to: '{}' is not an email address", escape_control(opt.to)));
    }
    // The loader has refused an owner that is not an address.
    auto owner = parse_mailbox(ctx.config.settings.owner);
    if (opt.each) {
        if (to || !opt.team.for_person.empty() || opt.team.everyone)
            throw Fatal(exit_usage, "--each mails every person at their own address: it takes no "
                                    "--to, --for or --everyone");
        return remind_each(opt, ctx, owner);
    }
    if (!owner && !to)
        throw Fatal(exit_invalid_data,
                    fmt::format("{}: set owner = \"Your Name <you@example.com>\" in "
                                "[settings], or give --to",
                                ctx.clients_path));

    auto report = due_for(ctx, opt.team.person(ctx));
    if (report.capped.shown.empty()) return exit_ok; // nothing due: no message at all
    auto message = compose(ctx, report, owner ? *owner : *to, to ? *to : *owner, opt.dry_run);
    if (opt.dry_run) {
        print_stdout(message);
        return exit_ok;
    }
    if (auto why = send(ctx, message)) throw Fatal(exit_system, *why);
    return exit_ok;
}

} // namespace

Runner setup_remind(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<RemindOptions>();
    sub.add_option("--to", opt->to, "send to this address instead of settings.owner")
        ->option_text("ADDR");
    sub.add_flag("--dry-run", opt->dry_run, "print the message instead of sending it");
    add_team_options(sub, row, opt->team);
    sub.add_flag("--each", opt->each,
                 "send every person of [people] their own list at their email");
    return bind_run(opt, run_remind);
}

} // namespace touch::cli
