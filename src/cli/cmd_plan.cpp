// touch plan [--days N] [--vdir DIR]: the coming workdays, within capacity,
// printed, or kept as events in a calendar folder.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/platform/files.hpp"
#include "touch/storage/log_location.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

namespace touch::cli {

namespace {

struct PlanOptions {
    int days = 14;
    std::string vdir;
    TableOptions table;
    TeamOptions team;
};

// A file of the folder that plan --vdir wrote earlier.
struct OurFile {
    std::string name;
    std::string text;
};

struct VdirChanges {
    std::vector<std::pair<std::string, const std::string*>> writes; // path, text
    std::vector<std::string> removals;
    int written = 0, updated = 0, unchanged = 0;
};

// The folder's files that carry both of touch's marks, by UID; a second file
// with a UID already seen is no longer planned.
std::map<std::string, OurFile> our_files(const std::string& dir, std::vector<std::string>& extra) {
    std::map<std::string, OurFile> ours;
    for (auto& f : platform::files_in(dir, ".ics").or_fatal()) {
        auto path = dir + "/" + f.name;
        auto text = platform::try_read_file(path).or_fatal();
        if (!text) continue;
        auto uid = report::touch_plan_uid(*text);
        if (!uid) continue;
        if (ours.contains(*uid))
            extra.push_back(path);
        else
            ours.emplace(*uid, OurFile{f.name, std::move(*text)});
    }
    return ours;
}

// What has to change in `dir` for it to hold exactly `events`: decided whole
// before anything is written, so a file in the way stops it with nothing done.
VdirChanges vdir_changes(const std::string& dir, const std::vector<report::PlanEvent>& events) {
    VdirChanges out;
    auto ours = our_files(dir, out.removals);
    for (auto& e : events) {
        auto it = ours.find(e.uid);
        if (it == ours.end()) {
            auto path = dir + "/" + e.file;
            // lstat: a link by that name, even a dangling one, is not touch's either.
            struct stat st {};
            if (::lstat(path.c_str(), &st) == 0)
                throw Fatal(exit_invalid_data,
                            fmt::format("{}: not an event touch planned; touch writes no file "
                                        "it did not write itself, so nothing was changed",
                                        path));
            out.writes.emplace_back(path, &e.text);
            ++out.written;
            continue;
        }
        if (report::same_plan_event(it->second.text, e.text)) {
            ++out.unchanged;
        } else {
            out.writes.emplace_back(dir + "/" + it->second.name, &e.text);
            ++out.updated;
        }
        ours.erase(it);
    }
    for (auto& [uid, file] : ours)
        out.removals.push_back(dir + "/" + file.name);
    return out;
}

// Every new text is staged before the first rename: a folder that takes no
// file stops the command with the folder as it was.
void apply_changes(const std::string& dir, const VdirChanges& changes) {
    if (changes.writes.empty() && changes.removals.empty()) return;
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        throw Fatal(exit_system, fmt::format("{}: cannot write in this calendar folder: {}", dir,
                                             std::strerror(errno)));
    std::vector<std::string> staged;
    try {
        for (auto& [path, text] : changes.writes)
            staged.push_back(platform::stage_file(dir, path.substr(dir.size() + 1), *text));
    } catch (const Fatal&) {
        for (auto& s : staged)
            platform::discard_file(s);
        throw;
    }
    for (std::size_t i = 0; i < staged.size(); ++i)
        platform::commit_file(staged[i], changes.writes[i].first);
    for (auto& path : changes.removals)
        platform::remove_file(path);
    platform::sync_folder(dir);
}

void write_vdir(const std::string& folder, const std::vector<report::PlanEvent>& events) {
    auto dir = folder;
    while (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    (void)platform::make_folder(dir).or_fatal();
    auto changes = vdir_changes(dir, events);
    apply_changes(dir, changes);
    print_stdout(fmt::format("{}: {} written, {} updated, {} removed, {} unchanged\n",
                             escape_control(dir), changes.written, changes.updated,
                             changes.removals.size(), changes.unchanged));
}

int run_plan(const PlanOptions& opt, Context& ctx) {
    SuggestFilter filter;
    filter.person = opt.team.person(ctx);
    auto days =
        plan(ctx.config, *ctx.history, opt.days, filter, ReadPolicy::of_this_machine().threads);
    bool nothing = std::all_of(days.begin(), days.end(),
                               [](const PlannedDay& day) { return day.items.empty(); });
    if (!opt.vdir.empty())
        write_vdir(opt.vdir, report::plan_events(ctx.config, days, ctx.today));
    else if (!(nothing && opt.table.quiet))
        print_stdout(
            render_plan(ctx.config, days, ctx.today, opt.table.output(), ctx.style(STDOUT_FILENO)));
    return opt.table.status(nothing);
}

} // namespace

Runner setup_plan(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<PlanOptions>();
    sub.add_option("--days", opt->days, "how many days ahead, today included (default 14)")
        ->check(CLI::Range(1, 366))
        ->option_text("N");
    add_team_options(sub, row, opt->team);
    add_table_options(sub, row, opt->table);
    sub.add_option("--vdir", opt->vdir,
                   "keep the plan as events in this calendar folder, one .ics file each")
        ->excludes("--format")
        ->option_text("DIR");
    return bind_run(opt, run_plan);
}

} // namespace touch::cli
