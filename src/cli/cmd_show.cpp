// touch show CLIENT: details, what is owed and why, recent history.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/storage/log_file.hpp"
#include "touch/util/text.hpp"

#include <unistd.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace touch::cli {

namespace {

struct ShowOptions {
    std::string client;
    int recent = 10;
    TableOptions table;
};

// A line of the log naming the client, as read: its person, and where it
// stands in reading order.
struct Held {
    LogLine line;
    std::size_t order = 0;
};

// One piece of a log file: the History of all of it, and the lines naming
// the client. Another client's line is told by its client field's bytes.
struct ShowPiece {
    std::unique_ptr<HistoryBuilder> history;
    std::string_view id;
    std::string_view person;
    std::unique_ptr<std::vector<Held>> held;
    void entry(const Entry& e, std::size_t) {
        history->add(e);
        hold(e);
    }
    bool plain_entry(const Entry& e, std::size_t) {
        if (!history->add_plain(e)) return false;
        hold(e);
        return true;
    }
    // names_client, asking first what the field's length allows: nearly
    // every line is one id, of another client.
    bool names(std::string_view field) const {
        if (field.size() == id.size()) return field == id;
        return field.size() > id.size() && field.find(',') != std::string_view::npos &&
               names_client(field, id);
    }
    void hold(const Entry& e) {
        if (!names(e.client)) return;
        held->push_back({LogLine{e.date, e.minute, std::string(e.client), std::string(e.channel),
                                 std::string(e.note), std::string(person)},
                         held->size()});
    }
};

// What show reads of the log, in one pass: the History, and the client's lines
// in reading order (each file in turn, a large one in pieces at once).
struct ShowLog {
    History history;
    std::vector<Held> lines;
};

ShowLog read_show_log(const Context& ctx, std::string_view id) {
    ShowLog out{History(ctx.config, ctx.today), {}};
    LogFolderProblems found;
    for (const auto& file : ctx.log.readable_files()) {
        auto away = file.person.empty() ? std::nullopt : away_clients(ctx.config, file.person);
        auto readers =
            read_in_pieces<ShowPiece>(file.path, ReadPolicy::of_this_machine(), [&](std::size_t) {
                ShowPiece piece{std::make_unique<HistoryBuilder>(ctx.config, ctx.today), id,
                                file.person, std::make_unique<std::vector<Held>>()};
                piece.history->set_away_scope(away ? &*away : nullptr);
                return piece;
            });
        auto problems = pieces_problems(readers);
        for (const auto& reader : readers) {
            auto& piece = reader->handler();
            const auto& builder = *piece.history;
            problems.add_unknown_channels(builder.unknown_channel_lines(),
                                          builder.first_unknown_channel());
            problems.add_near_misses(builder.near_miss_lines(), builder.first_near_miss(),
                                     builder.near_miss_guess());
            out.history.merge(piece.history->history());
            for (auto& h : *piece.held)
                out.lines.push_back({std::move(h.line), out.lines.size()});
        }
        found.add(problems, file.path);
    }
    warn_log_read(ctx, found);
    return out;
}

// The lines `keep` accepts, as read_log_lines gives them: newest first (in
// reading order within a minute), an identical line once with the persons
// of every file that holds it, at most `limit` (0: all).
std::vector<LogLine> newest(const std::vector<Held>& lines,
                            const std::function<bool(const LogLine&)>& keep, std::size_t limit) {
    std::vector<const Held*> kept;
    for (const auto& h : lines)
        if (keep(h.line)) kept.push_back(&h);
    std::sort(kept.begin(), kept.end(), [](const Held* a, const Held* b) {
        if (a->line.date != b->line.date) return b->line.date < a->line.date;
        if (a->line.minute != b->line.minute) return a->line.minute > b->line.minute;
        return a->order < b->order;
    });
    std::vector<LogLine> out;
    std::size_t minute_from = 0; // where the lines of the current minute begin in out
    for (const auto* h : kept) {
        const auto& l = h->line;
        if (!out.empty() && (out.back().date != l.date || out.back().minute != l.minute))
            minute_from = out.size();
        auto same = std::find_if(
            out.begin() + static_cast<long>(minute_from), out.end(), [&](const LogLine& o) {
                return o.client == l.client && o.channel == l.channel &&
                       (o.note == l.note || sanitize_note(o.note) == sanitize_note(l.note));
            });
        if (same != out.end())
            add_persons(same->person, l.person);
        else
            out.push_back(l);
    }
    if (limit > 0 && out.size() > limit) out.resize(limit);
    return out;
}

int run_show(const ShowOptions& opt, Context& ctx) {
    ClientView view;
    try {
        view.client = resolve_client(ctx.config, opt.client);
    } catch (const Fatal&) {
        (void)load_history(ctx); // what it says of the log comes first, as it always did
        throw;
    }
    const auto& id = ctx.config.clients[static_cast<std::size_t>(view.client)].id;
    auto log = read_show_log(ctx, id);
    LastNotes notes(ctx.config, ctx.today);
    for (const auto& h : log.lines)
        notes.add(Entry{h.line.date, h.line.minute, h.line.client, h.line.channel, h.line.note});
    view.summary = summarize(ctx.config, log.history, view.client);
    view.obligations = open_obligations(ctx.config, log.history, view.client);
    view.context = context_line(ctx.config, log.history, notes, view.client);
    auto until_today = [&](const LogLine& l) { return l.date <= ctx.today; };
    view.recent = newest(log.lines, until_today, static_cast<std::size_t>(opt.recent));
    // Who last saw the client: the newest touch on a personal channel, in a
    // folder of per-person logs.
    if (ctx.log.folder) {
        auto seen = newest(
            log.lines,
            [&](const LogLine& l) {
                if (l.date > ctx.today) return false;
                auto ch = ctx.config.find_channel(l.channel);
                return ch && ctx.config.channels[*ch].personal;
            },
            1);
        if (!seen.empty()) view.last_seen = seen.front();
    }
    print_stdout(
        render_show(ctx.config, view, ctx.today, opt.table.output(), ctx.style(STDOUT_FILENO)));
    return exit_ok;
}

} // namespace

Runner setup_show(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<ShowOptions>();
    add_positional(sub, row, 0, opt->client);
    sub.add_option("--recent", opt->recent, "how many recent log entries (default 10)")
        ->check(CLI::NonNegativeNumber)
        ->option_text("N");
    add_table_options(sub, row, opt->table);
    return bind_run(opt, run_show);
}

} // namespace touch::cli
