// touch init [--team]: a commented starter clients file and an empty log,
// never overwriting either; with --team a folder of per-person logs that git
// or Syncthing can share without conflicts.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/platform/files.hpp"
#include "touch/storage/log_location.hpp"

#include <fmt/format.h>

#include <memory>

namespace touch::cli {

namespace {

struct InitOptions {
    bool team = false;
};

// Only the logs are merged by union: two edits of the clients file must
// conflict rather than be kept both.
constexpr std::string_view team_attributes =
    "# touch: each log line stands alone, so two devices' appends merge by union.\n"
    "*.log merge=union\n";

// The starter with settings.log naming the folder next to it.
std::string team_starter() {
    std::string text(starter_clients_file());
    auto at = text.find("[settings]\n");
    if (at != std::string::npos)
        text.insert(at + 11, "log = \"log/\"                        # a folder: each person "
                             "appends to log/NAME.log\n");
    return text;
}

std::string folder_of(const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// Moving from one log to a folder keeps every line (SPEC §1): the single log
// used before becomes the runner's own file in the folder, in one rename; or,
// where that cannot be, the command says exactly what to move and writes
// nothing.
std::string move_former_log(const Context& ctx, const Config* config, const LogLocation& log,
                            const std::string& mine) {
    auto former = former_single_log(ctx, config, log);
    if (!former) return {};
    if (auto why = platform::move_file(*former, mine))
        throw Fatal(exit_usage,
                    fmt::format("{} holds the log used before the folder {}, and it cannot become "
                                "{} ({}); nothing was written. Move its lines there yourself: cat "
                                "{} >> {} && rm {}",
                                *former, log.path, mine, *why, *former, mine, *former));
    return fmt::format("moved {} to {}: the single log is now your file in the folder, every "
                       "line kept\n",
                       *former, mine);
}

int run_init(const InitOptions& opt, Context& ctx) {
    const auto& clients = ctx.clients_path;
    if (!opt.team) {
        // A folder of logs is a team's setup: refused before anything is
        // written, rather than after the clients file is made.
        auto before = read_clients_file(clients, ClientsPolicy::lenient);
        auto log = log_location(ctx, before.exists ? &before.parsed.config : nullptr);
        if (log.folder)
            throw Fatal(exit_usage,
                        fmt::format("{}: the log is a folder of per-person logs; run 'touch init "
                                    "--team' to set up a team's files, or name one file as the "
                                    "log; nothing was written",
                                    log.path));
    }
    std::string out;
    if (platform::create_file(clients,
                              opt.team ? team_starter() : std::string(starter_clients_file())))
        out += fmt::format("created {}: add your clients there\n", clients);
    else
        out += fmt::format("kept {}: it exists already\n", clients);

    // An existing clients file may name its log; a broken one is check's business.
    auto file = read_clients_file(clients, ClientsPolicy::lenient);
    auto log = log_location(ctx, file.exists ? &file.parsed.config : nullptr);
    if (!opt.team) {
        if (platform::create_file(log.path, ""))
            out += fmt::format("created {}: 'touch log' appends here\n", log.path);
        else
            out += fmt::format("kept {}: it exists already\n", log.path);
        print_stdout(out);
        return exit_ok;
    }

    if (!log.folder)
        throw Fatal(exit_usage,
                    fmt::format("{}: the log is one file, not a folder; for a team set log = "
                                "\"log/\" in [settings] of {} (a path ending in '/'), then run "
                                "'touch init --team' again",
                                log.path, clients));
    // The runner's own file, so the folder is there (git keeps no empty folder).
    auto mine = log.own.or_fatal();
    auto moved = move_former_log(ctx, file.exists ? &file.parsed.config : nullptr, log, mine);
    if (!moved.empty())
        out += moved;
    else if (platform::create_file(mine, ""))
        out += fmt::format("created {}: 'touch log' appends here; each person has a file of "
                           "their own\n",
                           mine);
    else
        out += fmt::format("kept {}: it exists already\n", mine);
    auto attributes = folder_of(mine) + "/.gitattributes";
    if (platform::create_file(attributes, team_attributes))
        out += fmt::format("created {}: git merges the logs by union, never the clients file\n",
                           attributes);
    else if (auto kept = platform::read_file(attributes);
             kept && kept->find("merge=union") != std::string::npos)
        out += fmt::format("kept {}: it exists already\n", attributes);
    else
        out += fmt::format("kept {}: it exists already; add the line '*.log merge=union'\n",
                           attributes);
    auto root = folder_of(clients);
    out += fmt::format("Share it with git: cd {} && git init && git add . && git commit -m "
                       "'touch' && git remote add origin URL && git push -u origin HEAD\n",
                       root);
    out += fmt::format("Or with Syncthing: share the folder {}; on each device set TOUCH_USER to "
                       "the person and TOUCH_CLIENTS to its clients.toml\n",
                       root);
    print_stdout(out);
    return exit_ok;
}

} // namespace

Runner setup_init(CLI::App& sub, const Command&) {
    auto opt = std::make_shared<InitOptions>();
    sub.add_flag("--team", opt->team,
                 "a folder of per-person logs and a .gitattributes, to share with git or "
                 "Syncthing");
    return bind_run(opt, run_init);
}

} // namespace touch::cli
