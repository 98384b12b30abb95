#include "cli/passthrough.hpp"

#include "cli/command_table.hpp"
#include "touch/core/diagnostic.hpp"
#include "touch/core/error.hpp"
#include "touch/platform/system.hpp"
#include "touch/platform/terminal.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <optional>
#include <string>
#include <string_view>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace touch::cli {

namespace {

// A loop is impossible by construction. Every hop adds to this variable the
// identity (device:inode) of the program running and of the program it hands
// over to, and nothing listed is tried again: a second copy of this program
// on PATH, or a wrapper script named touch that runs this program, is passed
// over when the chain comes back. That holds even when this program cannot
// tell its own identity (no /proc): the hop before it listed it.
constexpr const char* visited_variable = "TOUCH_PASSTHROUGH_SEEN";
// And the hops are counted: past a few, only /usr/bin/touch is tried, once.
constexpr const char* hops_variable = "TOUCH_PASSTHROUGH_HOPS";
constexpr int max_hops = 8;
constexpr const char* system_touch = "/usr/bin/touch";

std::string identity(const struct stat& st) {
    return fmt::format("{}:{}", st.st_dev, st.st_ino);
}

// This program's identity: from /proc when it is there, else from the path
// it was started by (the kernel keeps it for us; it is relative to the
// folder we started in, which has not changed).
std::optional<std::string> own_identity() {
    struct stat st {};
    if (::stat("/proc/self/exe", &st) == 0) return identity(st);
    auto* started_as = reinterpret_cast<const char*>(::getauxval(AT_EXECFN));
    if (started_as && ::stat(started_as, &st) == 0) return identity(st);
    return std::nullopt;
}

bool listed(const std::string& seen, const std::string& id) {
    for (std::size_t pos = 0; pos <= seen.size();) {
        auto comma = seen.find(',', pos);
        if (seen.compare(pos, comma == std::string::npos ? std::string::npos : comma - pos, id) ==
            0)
            return true;
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return false;
}

// The identity of an executable regular file at `path` that is none of the
// programs in `seen`.
std::optional<std::string> other_touch(const std::string& path, const std::string& seen) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    if (::access(path.c_str(), X_OK) != 0) return std::nullopt;
    auto id = identity(st);
    if (listed(seen, id)) return std::nullopt;
    return id;
}

// The command `word` is a likely misspelling of (one or two edits), if any.
std::optional<std::string_view> misspelled_command(std::string_view word) {
    if (word.size() < 3 || word.front() == '-') return std::nullopt;
    std::optional<std::string_view> best;
    std::size_t best_distance = 3;
    for (auto& c : commands()) {
        auto d = edit_distance(word, c.name);
        if (d < best_distance) {
            best = c.name;
            best_distance = d;
        }
    }
    return best;
}

// Runs the system's touch as a child and waits, so that a hint can follow it;
// its exit status, or its signal, becomes ours.
int run_then_hint(const std::string& program, char** argv, std::string_view command) {
    pid_t pid = ::fork();
    if (pid < 0) {
        ::execv(program.c_str(), argv); // no hint then, but the same touch
        return exit_system;
    }
    if (pid == 0) {
        ::execv(program.c_str(), argv);
        auto message =
            fmt::format("touch: cannot run {}: {}\n", program, platform::errno_message(errno));
        [[maybe_unused]] auto n = ::write(STDERR_FILENO, message.data(), message.size());
        ::_exit(exit_system);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status)) {
        std::signal(WTERMSIG(status), SIG_DFL);
        ::raise(WTERMSIG(status));
        return 128 + WTERMSIG(status);
    }
    struct stat st {};
    if (::lstat(argv[1], &st) == 0) {
        std::string meant = fmt::format("touch {}", command);
        for (char** a = argv + 2; *a; ++a)
            meant += fmt::format(" {}", *a);
        auto line = fmt::format("touch: created '{}'; did you mean '{}'?\n",
                                escape_control(argv[1]), escape_control(meant));
        [[maybe_unused]] auto n = ::write(STDERR_FILENO, line.data(), line.size());
    }
    return WEXITSTATUS(status);
}

} // namespace

bool is_ours(int argc, char** argv) {
    // Under make, `touch check` is a recipe's touch(1), whatever its argument.
    if (platform::env("MAKELEVEL")) return false;
    if (argc < 2) return true;
    std::string_view first = argv[1];
    for (auto& c : commands())
        if (first == c.name) return true;
    if (first == "-h") return argc == 2;
    auto is = [&](std::string_view option) {
        return first == option ||
               (first.size() > option.size() && first.substr(0, option.size()) == option &&
                first[option.size()] == '=');
    };
    if (is("--help") || is("--version")) return true;
    for (auto& g : global_options())
        if (is(g.name)) return true;
    return false;
}

int run_system_touch(char** argv) {
    std::string seen = platform::env(visited_variable).value_or("");
    auto add_seen = [&](const std::string& id) {
        if (!listed(seen, id)) seen += (seen.empty() ? "" : ",") + id;
    };
    if (auto self = own_identity()) add_seen(*self);
    int hops = 0;
    if (auto text = platform::env(hops_variable)) hops = std::atoi(text->c_str());
    hops = std::max(hops, 0) + 1;

    std::string found;
    std::optional<std::string> found_id;
    if (hops <= max_hops) {
        auto path = platform::env("PATH").value_or("");
        for (std::size_t pos = 0; pos <= path.size() && found.empty();) {
            auto colon = path.find(':', pos);
            auto dir =
                path.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
            // Relative entries ("." or empty) are never used: they would run
            // whatever `touch` the current folder holds.
            if (!dir.empty() && dir[0] == '/' && dir.size() < 4096)
                if ((found_id = other_touch(dir + "/touch", seen))) found = dir + "/touch";
            if (colon == std::string::npos) break;
            pos = colon + 1;
        }
    }
    if (found.empty() && (found_id = other_touch(system_touch, seen))) found = system_touch;
    if (found.empty()) {
        fmt::print(stderr,
                   "touch: '{}' is not a touch command, and no system touch(1) was found "
                   "to hand it to\n",
                   argv[1] ? escape_control(argv[1]) : std::string());
        return exit_usage;
    }
    add_seen(*found_id);
    ::setenv(visited_variable, seen.c_str(), 1);
    ::setenv(hops_variable, std::to_string(hops).c_str(), 1);
    // Its messages should read "touch: ...", as they would without us.
    char name[] = "touch";
    argv[0] = name;
    // On a terminal, a misspelled command that creates a file says so after.
    if (auto command = argv[1] ? misspelled_command(argv[1]) : std::nullopt;
        command && platform::is_terminal(STDERR_FILENO)) {
        struct stat st {};
        if (::lstat(argv[1], &st) != 0 && errno == ENOENT)
            return run_then_hint(found, argv, *command);
    }
    ::execv(found.c_str(), argv);
    fmt::print(stderr, "touch: cannot run {}: {}\n", found, platform::errno_message(errno));
    return exit_system;
}

} // namespace touch::cli
