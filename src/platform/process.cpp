#include "touch/platform/process.hpp"

#include "touch/core/error.hpp"
#include "touch/platform/system.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <initializer_list>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace touch::platform {

std::string new_message_id() {
    char host[256] = "localhost";
    if (::gethostname(host, sizeof host - 1) != 0 || !*host) std::strcpy(host, "localhost");
    std::string clean;
    for (char* p = host; *p; ++p)
        if (std::isalnum(static_cast<unsigned char>(*p)) || *p == '.' || *p == '-') clean += *p;
    auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    return fmt::format("touch.{}.{}@{}", nanos, ::getpid(), clean.empty() ? "localhost" : clean);
}

namespace {
// A file this process may execute: a directory with its x bit is not one.
bool executable(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}
} // namespace

std::optional<std::string> find_program(const std::string& name) {
    if (name.empty()) return std::nullopt;
    // With a slash it is a path, relative ones from the current folder, as a
    // shell takes it: EDITOR=./ed is the file the person is looking at.
    if (name.find('/') != std::string::npos)
        return executable(name) ? std::optional(name) : std::nullopt;
    // Without one, the absolute entries of PATH only: an empty or relative
    // entry would run whatever file of that name the current folder holds.
    auto path = env("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto colon = path.find(':', pos);
        auto dir = path.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
        if (!dir.empty() && dir[0] == '/') {
            auto candidate = dir + "/" + name;
            if (executable(candidate)) return candidate;
        }
        if (colon == std::string::npos) break;
        pos = colon + 1;
    }
    return std::nullopt;
}

namespace {

// A signal's disposition for as long as this lives; the one before comes back after.
class SignalDisposition {
public:
    SignalDisposition(int signal, void (*handler)(int))
        : signal_(signal) {
        struct sigaction action {};
        action.sa_handler = handler;
        sigemptyset(&action.sa_mask);
        active_ = ::sigaction(signal, &action, &previous_) == 0;
    }
    ~SignalDisposition() { restore(); }
    // In a child before exec: the disposition as it was, which exec keeps
    // when it is "ignore". Async-signal-safe.
    void restore() const {
        if (active_) ::sigaction(signal_, &previous_, nullptr);
    }
    SignalDisposition(const SignalDisposition&) = delete;
    SignalDisposition& operator=(const SignalDisposition&) = delete;

private:
    int signal_;
    bool active_ = false;
    struct sigaction previous_ {};
};

// Forks and executes argv (its program found by find_program); in the child,
// `in`, `out` and `err`, when not -1, become standard input, output and error,
// and each of `restore` is set back to what it was.
Expected<pid_t> spawn(const std::vector<std::string>& argv, int in, int out, int err,
                      std::initializer_list<const SignalDisposition*> restore = {}) {
    auto program = find_program(argv.at(0));
    if (!program) return Error{exit_system, fmt::format("cannot run {}: not found", argv[0])};
    std::vector<char*> args;
    for (auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    // The child allocates nothing: another thread of this process (a helper,
    // core/shared_work) may have held the allocator's lock at the fork.
    auto failed = fmt::format("cannot run {}: ", *program);
    pid_t pid = ::fork();
    if (pid < 0)
        return Error{exit_system, fmt::format("cannot run {}: {}", *program, errno_message(errno))};
    if (pid == 0) {
        for (auto* disposition : restore)
            disposition->restore();
        if (in >= 0) ::dup2(in, STDIN_FILENO);
        if (out >= 0) ::dup2(out, STDOUT_FILENO);
        if (err >= 0) ::dup2(err, STDERR_FILENO);
        ::execv(program->c_str(), args.data());
        const char* why = std::strerror(errno);
        [[maybe_unused]] auto n = ::write(STDERR_FILENO, failed.data(), failed.size());
        n = ::write(STDERR_FILENO, why, std::strlen(why));
        n = ::write(STDERR_FILENO, "\n", 1);
        ::_exit(127);
    }
    return pid;
}

// The exit status, or 128 + the signal that ended it.
int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// The exit status when the child has ended, nothing while it runs.
std::optional<int> try_wait(pid_t pid) {
    int status = 0;
    pid_t done;
    while ((done = ::waitpid(pid, &status, WNOHANG)) < 0 && errno == EINTR) {
    }
    if (done != pid) return std::nullopt;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Ends a child that outlived its time: SIGTERM, then SIGKILL when a short
// grace has not been enough (a mail transfer agent may be in a blocking call
// to a server that never answers).
void stop(pid_t pid) {
    ::kill(pid, SIGTERM);
    auto grace = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < grace) {
        if (try_wait(pid)) return;
        ::poll(nullptr, 0, 20);
    }
    ::kill(pid, SIGKILL);
    wait_for(pid);
}

// Appends what can be read from `fd` now (at most a pipe's 64 KiB, so that
// a program that never stops talking cannot keep this from writing or from
// seeing the time run out), keeping the first 64 KiB; closes `fd` at its end
// or on an error.
void read_available(int& fd, std::string& output) {
    char buffer[4096];
    for (int reads = 0; reads < 16; ++reads) {
        auto n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) return;
        if (n <= 0) {
            close_fd(fd);
            return;
        }
        constexpr std::size_t kept = 64 * 1024;
        if (output.size() < kept)
            output.append(buffer, std::min(static_cast<std::size_t>(n), kept - output.size()));
    }
}

} // namespace

Expected<ProcessResult> run_with_input(const std::vector<std::string>& argv, std::string_view input,
                                       std::chrono::seconds time_limit) {
    using Clock = std::chrono::steady_clock;
    auto deadline = Clock::now() + time_limit;
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0)
        return Error{exit_system,
                     fmt::format("cannot run {}: {}", argv.at(0), errno_message(errno))};
    if (::pipe2(out, O_CLOEXEC) != 0) {
        auto error = errno;
        ::close(in[0]);
        ::close(in[1]);
        return Error{exit_system,
                     fmt::format("cannot run {}: {}", argv.at(0), errno_message(error))};
    }
    // Standard output too: a program that is stopped may leave a child
    // behind, which must not hold this program's standard output open.
    auto spawned = spawn(argv, in[0], out[1], out[1]);
    ::close(in[0]);
    ::close(out[1]);
    if (!spawned) {
        ::close(in[1]);
        ::close(out[0]);
        return spawned.error();
    }
    pid_t pid = *spawned;
    int to_child = in[1], from_child = out[0];
    ::fcntl(to_child, F_SETFL, O_NONBLOCK);
    ::fcntl(from_child, F_SETFL, O_NONBLOCK);
    // A program that stops reading must show as EPIPE on the write, not end
    // this program; only while writing, as output to a closed pipe ends it.
    SignalDisposition no_sigpipe(SIGPIPE, SIG_IGN);
    ProcessResult result;
    std::size_t written = 0;
    if (input.empty()) close_fd(to_child);
    std::optional<int> status;
    bool timed_out = false;
    // Until the input is written and the output read to its end, or the
    // program has ended: then what is left in the pipe is read, and a
    // program it left behind holding the pipe is not waited for. Every
    // 100 ms at most, it is asked whether it ended.
    while (!status && (to_child >= 0 || from_child >= 0)) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            break;
        }
        pollfd fds[2];
        nfds_t count = 0;
        if (to_child >= 0) fds[count++] = {to_child, POLLOUT, 0};
        if (from_child >= 0) fds[count++] = {from_child, POLLIN, 0};
        auto ready = ::poll(fds, count, static_cast<int>(std::min<long long>(left.count(), 100)));
        if (ready < 0 && errno != EINTR) {
            auto error = errno;
            close_fd(to_child);
            close_fd(from_child);
            stop(pid);
            return Error{exit_system,
                         fmt::format("cannot run {}: {}", argv[0], errno_message(error))};
        }
        for (nfds_t i = 0; ready > 0 && i < count; ++i) {
            if (fds[i].revents == 0) continue;
            if (fds[i].fd == to_child) {
                auto n = ::write(to_child, input.data() + written, input.size() - written);
                if (n > 0) written += static_cast<std::size_t>(n);
                if (written == input.size() || (n < 0 && errno != EAGAIN && errno != EINTR))
                    close_fd(to_child); // done, or it will read no more (EPIPE)
            } else {
                read_available(from_child, result.output);
            }
        }
        status = try_wait(pid);
    }
    close_fd(to_child);
    if (from_child >= 0 && !timed_out) read_available(from_child, result.output);
    close_fd(from_child);
    // The pipes are closed; the program may still be finishing.
    while (!status && !timed_out) {
        status = try_wait(pid);
        if (status) break;
        if (Clock::now() >= deadline)
            timed_out = true;
        else
            ::poll(nullptr, 0, 20);
    }
    if (timed_out) {
        stop(pid);
        return Error{exit_system,
                     fmt::format("{} did not finish within {} second{} and was stopped", argv[0],
                                 time_limit.count(), time_limit.count() == 1 ? "" : "s")};
    }
    result.status = *status;
    // A program that failed says why by its status and output, whether it
    // read everything or not (which would only depend on how fast it failed).
    if (written < input.size() && result.status == 0) {
        auto said = trim(result.output);
        return Error{exit_system,
                     fmt::format("{} did not take the whole message ({} of {} bytes) but exited "
                                 "with status 0{}",
                                 argv[0], written, input.size(),
                                 said.empty() ? "" : ": " + escape_control(said))};
    }
    return result;
}

std::optional<std::vector<std::string>> split_command(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word) words.push_back(std::move(word));
            word.clear();
            in_word = false;
        } else if (c == '\'') {
            auto end = text.find('\'', i + 1);
            if (end == std::string_view::npos) return std::nullopt;
            word.append(text.substr(i + 1, end - i - 1));
            i = end;
            in_word = true;
        } else if (c == '"') {
            ++i;
            for (; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\' && i + 1 < text.size() &&
                    (text[i + 1] == '"' || text[i + 1] == '\\'))
                    ++i;
                word += text[i];
            }
            if (i >= text.size()) return std::nullopt;
            in_word = true;
        } else if (c == '\\' && i + 1 < text.size()) {
            word += text[++i];
            in_word = true;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) words.push_back(std::move(word));
    return words;
}

int run_interactive(const std::vector<std::string>& argv) {
    // Ctrl-C and Ctrl-\ at the terminal go to the whole foreground process
    // group. They are the editor's (vi cancels a command with them): touch
    // must not die under it, leaving it to fight the shell for the terminal
    // and never checking what was edited. As git does for its editor. Set
    // before the fork, so that no moment is left uncovered.
    SignalDisposition interrupt(SIGINT, SIG_IGN), quit(SIGQUIT, SIG_IGN);
    return wait_for(spawn(argv, -1, -1, -1, {&interrupt, &quit}).or_fatal());
}

} // namespace touch::platform
