// touch import vcard FILE|DIR...: [[clients]] blocks for the contacts in vCard
// files and folders of them that the clients file does not have yet.
// touch import ics FILE|DIR..., calls FILE..., mail DIR|FILE...: log lines for
// the touches in calendars, call logs and mailboxes that the log does not
// have yet; --apply appends them to the runner's own file.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/core/interval.hpp"
#include "touch/import/calls.hpp"
#include "touch/import/contacts.hpp"
#include "touch/import/ics.hpp"
#include "touch/import/mail.hpp"
#include "touch/import/vcard.hpp"
#include "touch/platform/clock.hpp"
#include "touch/platform/files.hpp"
#include "touch/platform/module.hpp"
#include "touch/platform/system.hpp"
#include "touch/util/mail.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <iterator>
#include <memory>

namespace touch::cli {

namespace {

struct ImportOptions {
    std::string kind;
    std::vector<std::string> files;
    std::string since;
    bool apply = false;
    bool verbose = false;
};

// A folder (a vdir, as khard, khal and vdirsyncer keep contacts and events)
// is its files ending in `extension` (of any case), in name order; anything
// else is one file.
Expected<std::vector<std::string>> files_in(const std::string& arg, std::string_view extension) {
    if (!platform::is_directory(arg)) return std::vector<std::string>{arg};
    auto listed = platform::files_in(arg, extension, platform::Listing::import_folder);
    if (!listed) return listed.error();
    auto folder = arg.back() == '/' ? arg : arg + "/";
    std::vector<std::string> files;
    for (auto& f : *listed)
        files.push_back(folder + f.name);
    return files;
}

// A file's text, or why not: a missing one is an Error as any other.
Expected<std::string> read_source(const std::string& path) {
    auto text = platform::try_read_file(path);
    if (!text) return text.error();
    if (!*text)
        return Error{exit_system, fmt::format("{}: cannot open: No such file or directory", path)};
    return std::move(**text);
}

// A vCard file read as a stream, its photos dropped as they pass: a phone's
// export of a few hundred contacts is tens of MB of them.
Expected<std::string> read_contacts(const std::string& path) {
    VcardWithoutBinaries reader;
    if (!platform::read_lines(path, reader))
        return Error{exit_system, fmt::format("{}: cannot open: No such file or directory", path)};
    if (reader.too_large())
        return Error{exit_system, fmt::format("{}: too large: over {} MiB besides photos and keys",
                                              path, VcardWithoutBinaries::limit >> 20)};
    return reader.text();
}

// "FILE:LINE: 'Anna Lindqvist' looks like client 'anna-lindqvist' (the same
// phone); not imported: ..." with what the card has that may be new.
std::string resembling_text(const ImportedContact& c, const KnownMatch& match,
                            const std::string& file) {
    std::string details;
    if (!c.email.empty()) details += fmt::format(", email {}", c.email);
    if (!c.phone.empty() && match.by != MatchedBy::phone)
        details += fmt::format(", phone {}", c.phone);
    if (!c.uid.empty()) details += fmt::format(", vcard_uid {}", c.uid);
    return fmt::format(
        "{}:{}: '{}' looks like client '{}' (the same {}); not imported: update "
        "that client{}, or add this one by hand if it is someone else",
        file, c.line, escape_control(c.name), match.id,
        match.by == MatchedBy::phone ? "phone" : "name",
        details.empty() ? "" : " (the card has" + escape_control(details.substr(1)) + ")");
}

int run_vcard(const ImportOptions& opt, Context& ctx) {
    // What the clients file has: ids and aliases are taken, known contacts
    // skipped; without a usable clients file nothing is known.
    KnownClients known;
    const auto& path = ctx.clients_path;
    auto file = read_clients_file(path, ClientsPolicy::lenient);
    // A broken clients file cannot say which contacts are new: its errors
    // are said, and nothing is printed that might repeat a client.
    if (file.exists && !file.usable()) {
        for (auto& d : file.parsed.diagnostics)
            print_error(format_diagnostic(d));
        throw Fatal(exit_invalid_data,
                    fmt::format("{} has errors: fix them first, so that the contacts it already "
                                "has are not imported again",
                                path));
    }
    for (auto& c : file.parsed.config.clients) {
        known.add(c);
    }
    for (auto& word : file.parsed.config.contacts.ignore)
        known.ignore(word);
    std::vector<ImportedContact> contacts;
    std::vector<std::string> sources; // the file of each contact
    bool failed = false;
    for (auto& arg : opt.files) {
        for (auto& file : files_in(arg, ".vcf").or_fatal()) {
            auto text = read_contacts(file).or_fatal();
            auto result = parse_vcards(text, file);
            for (auto& d : result.diagnostics)
                print_error(format_diagnostic(d));
            failed = failed || has_errors(result.diagnostics);
            for (auto& c : result.contacts) {
                contacts.push_back(std::move(c));
                sources.push_back(file);
            }
        }
    }
    auto today =
        resolve_today(ctx.globals, ctx.env, clock_today(file.parsed.config, path, nullptr));
    auto output = clients_toml(contacts, known, today.date);
    for (auto& r : output.resembling)
        print_error(resembling_text(
            *r.contact, r.match, sources[static_cast<std::size_t>(r.contact - contacts.data())]));
    if (output.skipped > 0)
        print_error(fmt::format("{} {} already in {}, skipped", output.skipped,
                                output.skipped == 1 ? "contact" : "contacts", path));
    if (output.ignored > 0)
        print_error(fmt::format("{} {} left out by [import.vcard] ignore", output.ignored,
                                output.ignored == 1 ? "contact" : "contacts"));
    print_stdout(output.toml);
    return failed ? exit_invalid_data : exit_ok;
}

// Whose declining leaves an event out: the owner, and the runner in [people].
std::vector<std::string> owner_emails(const Context& ctx) {
    std::vector<std::string> out;
    if (auto owner = parse_mailbox(ctx.config.settings.owner))
        out.push_back(to_lower(owner->address));
    if (auto who = runner_name(ctx.env))
        for (auto& p : ctx.config.people)
            if (p.id == *who && !p.email.empty()) out.push_back(to_lower(p.email));
    return out;
}

// The zone imported lines are written in (touches.hpp's output_zone), found
// by the module that reads them: the binary does not link date's tz library.
template <class Module>
const date::time_zone* output_zone(const Module& module, const Config& config) {
    auto tz = platform::env("TZ");
    return module.output_zone(config.settings.timezone ? config.settings.timezone->c_str()
                                                       : nullptr,
                              tz ? tz->c_str() : nullptr);
}

// The touches in every source named, and what was left out of them. A
// source that cannot be read is reported, and the others are still read.
struct FoundTouches {
    std::vector<FoundTouch> found;
    std::vector<LeftOut> left_out;
    int status = exit_ok;
};

FoundTouches read_calendars(const CalendarReader& reader, const std::vector<std::string>& args,
                            const Config& config, const IcsWindow& window) {
    ClientMatcher matcher(config);
    FoundTouches out;
    auto report = [&](const Error& e) {
        print_error(e.message);
        out.status = e.status;
    };
    for (auto& arg : args) {
        auto files = files_in(arg, ".ics");
        if (!files) {
            report(files.error());
            continue;
        }
        for (auto& file : *files) {
            auto text = read_source(file);
            if (!text) {
                report(text.error());
                continue;
            }
            auto result = reader.read_ics(*text, file, window);
            for (auto& d : result.diagnostics)
                print_error(format_diagnostic(d));
            if (has_errors(result.diagnostics) && out.status == exit_ok)
                out.status = exit_invalid_data;
            for (auto& s : result.skipped)
                out.left_out.push_back(
                    {fmt::format("{}:{}", file, s.line), s.date, s.summary, s.reason});
            auto touches = ics_touches(result.events, config, matcher, file, out.left_out);
            out.found.insert(out.found.end(), std::make_move_iterator(touches.begin()),
                             std::make_move_iterator(touches.end()));
        }
    }
    return out;
}

// What every importer does with what it found: the lines the log does not
// have, printed, or appended in one locked append when --apply is given and
// every source could be read.
int write_found(const ImportOptions& given, Context& ctx, FoundTouches touches) {
    auto& [found, left_out, status] = touches;
    LoggedTouches logged(ctx.config);
    scan_log(ctx, [&](const Entry& entry, std::size_t) { logged.add(entry); });
    auto lines = new_log_lines(std::move(found), ctx.config, logged, left_out);

    if (given.verbose)
        for (auto& l : left_out)
            print_error(fmt::format("{}: left out, {}: {} {}", l.source, l.reason,
                                    l.date == Date{} ? "(no date)" : format_date(l.date), l.text));
    std::string text;
    for (auto& line : lines)
        text += line;
    // A source that could not be read leaves the log as it was: run again
    // once it can be, and nothing is logged twice.
    if (given.apply && status != exit_ok && !lines.empty())
        print_error(fmt::format("nothing was added to {}: a source could not be read",
                                ctx.log.own.or_fatal()));
    if (!given.apply || status != exit_ok || lines.empty()) {
        print_stdout(text);
        return status;
    }
    append_to_log(ctx, text);
    std::string out;
    for (auto& line : lines)
        out += "Logged: " + line;
    print_stdout(out);
    return status;
}

Date since_of(const ImportOptions& given, const Context& ctx) {
    return given.since.empty() ? ctx.today - Days{30} : date_option(ctx, "--since", given.since);
}

int run_ics(const ImportOptions& given, Context& loaded) {
    auto ctx = load_context(loaded.globals, loaded.env, Needs::clients);
    const auto& reader = platform::calendar_reader("import ics");
    IcsWindow window;
    window.until = ctx.today;
    window.until_minute =
        ctx.today_given ? 24 * 60 : platform::minute_now(ctx.config.settings.timezone);
    window.since = since_of(given, ctx);
    window.zone = output_zone(reader, ctx.config);
    window.owner_emails = owner_emails(ctx);
    return write_found(given, ctx, read_calendars(reader, given.files, ctx.config, window));
}

// The phone's call logs: answered calls with a client's number. A backup cut
// short (still being synced) is an error, and nothing of it is applied.
int run_calls(const ImportOptions& given, Context& loaded) {
    auto ctx = load_context(loaded.globals, loaded.env, Needs::clients);
    const auto& readers = platform::readers("import calls");
    const auto& region = ctx.config.settings.region;
    if (!region.empty() && !readers.known_region(region))
        throw Fatal(exit_invalid_data,
                    fmt::format("settings.region '{}' is not a country the phone number library "
                                "knows (an ISO 3166 code such as DE or US)",
                                region));
    CallsWindow window{since_of(given, ctx), ctx.today, output_zone(readers, ctx.config)};
    NormalisePhone e164 = [&](std::string_view number) { return readers.e164(region, number); };
    ClientMatcher matcher(ctx.config);
    matcher.add_phones(e164);
    FoundTouches out;
    for (auto& file : given.files) {
        if (platform::is_directory(file)) {
            print_error(fmt::format("{}: a folder: name the call-log backup file", file));
            out.status = exit_system;
            continue;
        }
        std::unique_ptr<ChunkSink, void (*)(ChunkSink*)> reader(readers.open_call_log(file, window),
                                                                readers.close_call_log);
        if (!platform::read_lines(file, *reader)) {
            print_error(fmt::format("{}: cannot open: No such file or directory", file));
            out.status = exit_system;
            continue;
        }
        auto& result = readers.call_log_result(*reader);
        for (auto& d : result.diagnostics)
            print_error(format_diagnostic(d));
        if (has_errors(result.diagnostics)) {
            if (out.status == exit_ok) out.status = exit_invalid_data;
            continue;
        }
        auto touches = call_touches(result.calls, ctx.config, matcher, e164, file, out.left_out);
        out.found.insert(out.found.end(), std::make_move_iterator(touches.begin()),
                         std::make_move_iterator(touches.end()));
    }
    return write_found(given, ctx, std::move(out));
}

// Whose mail is the runner's: with [people], the runner's own address
// (another member's mail is not the runner's touch); else settings.owner.
std::vector<std::string> mail_senders(const Context& ctx) {
    if (!ctx.config.people.empty()) {
        auto who = runner_name(ctx.env);
        for (auto& p : ctx.config.people)
            if (who && p.id == *who && !p.email.empty()) return {to_lower(p.email)};
        throw Fatal(exit_usage,
                    fmt::format("import mail: your address is not known: set people.{}.email "
                                "in the clients file",
                                who ? *who : std::string("NAME")));
    }
    if (auto owner = parse_mailbox(ctx.config.settings.owner)) return {to_lower(owner->address)};
    throw Fatal(exit_usage, "import mail: whose mail is it? set settings.owner = \"Your Name "
                            "<you@example.com>\" in the clients file");
}

// A Maildir's messages (its cur and new), else an mbox.
void read_mailbox(const Readers& readers, const std::string& arg, const MailWindow& window,
                  MailResult& out, int& status) {
    auto add = [&](MailResult r) {
        for (auto& d : r.diagnostics)
            out.diagnostics.push_back(std::move(d));
        for (auto& m : r.messages)
            out.messages.push_back(std::move(m));
    };
    if (!platform::is_directory(arg)) {
        auto fd = platform::open_for_library(arg).or_fatal();
        if (fd < 0) {
            print_error(fmt::format("{}: cannot open: No such file or directory", arg));
            status = exit_system;
            return;
        }
        add(readers.read_mbox(fd, arg, window));
        return;
    }
    auto folder = arg.back() == '/' ? arg : arg + "/";
    if (!platform::is_directory(folder + "cur") && !platform::is_directory(folder + "new")) {
        print_error(fmt::format("{}: not a Maildir (it has no cur or new folder)", arg));
        status = exit_system;
        return;
    }
    for (const char* sub : {"cur/", "new/"}) {
        for (auto& f :
             platform::files_in(folder + sub, "", platform::Listing::import_folder).or_fatal()) {
            auto path = folder + sub + f.name;
            auto head = platform::read_head(path, max_header_bytes, "\n\n").or_fatal();
            if (head) add(readers.read_message_headers(*head, path, window));
        }
    }
}

int run_mail(const ImportOptions& given, Context& loaded) {
    auto ctx = load_context(loaded.globals, loaded.env, Needs::clients);
    auto senders = mail_senders(ctx);
    const auto& readers = platform::readers("import mail");
    MailWindow window{since_of(given, ctx), ctx.today, output_zone(readers, ctx.config)};
    ClientMatcher matcher(ctx.config);
    FoundTouches out;
    for (auto& arg : given.files) {
        MailResult result;
        read_mailbox(readers, arg, window, result, out.status);
        for (auto& d : result.diagnostics)
            print_error(format_diagnostic(d));
        if (has_errors(result.diagnostics)) {
            if (out.status == exit_ok) out.status = exit_invalid_data;
            continue;
        }
        auto touches = mail_touches(result.messages, ctx.config, matcher, senders, out.left_out);
        out.found.insert(out.found.end(), std::make_move_iterator(touches.begin()),
                         std::make_move_iterator(touches.end()));
    }
    return write_found(given, ctx, std::move(out));
}

int run_import(const ImportOptions& opt, Context& ctx) {
    if (opt.kind == "ics") return run_ics(opt, ctx);
    if (opt.kind == "calls") return run_calls(opt, ctx);
    if (opt.kind == "mail") return run_mail(opt, ctx);
    if (opt.apply || opt.verbose || !opt.since.empty())
        throw Fatal(exit_usage, "import vcard: --apply, --since and -v are for import ics, calls "
                                "and mail; import vcard only prints");
    return run_vcard(opt, ctx);
}

} // namespace

Runner setup_import(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<ImportOptions>();
    add_positional(sub, row, 0, opt->kind);
    add_positional(sub, row, 1, opt->files);
    sub.add_option("--since", opt->since,
                   "ics, calls, mail: read from this day on (default: 30 days ago)")
        ->option_text("DATE");
    sub.add_flag("--apply", opt->apply,
                 "ics, calls, mail: append the lines to the log, in one locked append");
    sub.add_flag("-v,--verbose", opt->verbose, "ics, calls, mail: list what was left out, and why");
    return bind_run(opt, run_import);
}

} // namespace touch::cli
