// touch remind [--to ADDR] [--dry-run]: one email when something is due.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "touch/interval.hpp"
#include "touch/mail.hpp"
#include "touch/platform.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>

#include <memory>

namespace touch::cli {

namespace {

struct RemindOptions {
    std::string to;
    bool dry_run = false;
};

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
    if (!owner && !to)
        throw Fatal(exit_invalid_data,
                    fmt::format("{}: set owner = \"Your Name <you@example.com>\" in "
                                "[settings], or give --to",
                                ctx.clients_path));

    DueReport report{ctx.today, apply_capacity(ctx.config, suggest(ctx.config, *ctx.history))};
    if (report.capped.shown.empty()) return exit_ok; // nothing due: no message at all

    const auto& first = report.capped.shown.front();
    const auto& first_client = ctx.config.clients[static_cast<std::size_t>(first.client())];
    Reminder mail;
    mail.to = to ? *to : *owner;
    mail.from = owner ? *owner : *to;
    if (mail.from.name.empty()) mail.from.name = "touch";
    mail.subject = fmt::format(
        "{} due on {}, first: {} {}", report.capped.shown.size(), format_date(ctx.today),
        ctx.config.channels[static_cast<std::size_t>(first.channel())].label, first_client.name);
    mail.body = render_due(ctx.config, report, Format::text, Style{});
    mail.date = platform::rfc5322_now(ctx.config.settings.timezone);
    mail.message_id = platform::new_message_id();
    auto message = compose_message(mail);

    if (opt.dry_run) {
        print_stdout(message);
        return exit_ok;
    }
    const auto& argv = ctx.config.settings.sendmail;
    // The usual first-day mistake: no mail transfer agent. Say where to point touch instead.
    if (!platform::find_program(argv.at(0)))
        throw Fatal(exit_system,
                    fmt::format("cannot run {}: not found; install a mail transfer agent (such as "
                                "msmtp-mta) or set sendmail = [\"PROGRAM\", ...] under [settings] "
                                "in {}",
                                escape_control(argv[0]), ctx.clients_path));
    auto result = platform::run_with_input(argv, message);
    if (result.status != 0) {
        auto said = std::string(trim(result.error_output));
        throw Fatal(exit_system, fmt::format("{} failed (exit status {}){}", argv[0], result.status,
                                             said.empty() ? "" : ": " + escape_control(said)));
    }
    return exit_ok;
}

} // namespace

Runner setup_remind(CLI::App& sub, const Command&) {
    auto opt = std::make_shared<RemindOptions>();
    sub.add_option("--to", opt->to, "send to this address instead of settings.owner")
        ->option_text("ADDR");
    sub.add_flag("--dry-run", opt->dry_run, "print the message instead of sending it");
    return bind_run(opt, run_remind);
}

} // namespace touch::cli
