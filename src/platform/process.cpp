#include "touch/platform/process.hpp"

#include "touch/core/error.hpp"
#include "touch/platform/system.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
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

std::optional<std::string> find_program(const std::string& name) {
    if (name.empty()) return std::nullopt;
    if (name[0] == '/')
        return ::access(name.c_str(), X_OK) == 0 ? std::optional(name) : std::nullopt;
    if (name.find('/') != std::string::npos) return std::nullopt; // relative paths: never
    auto path = env("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto colon = path.find(':', pos);
        auto dir = path.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
        if (!dir.empty() && dir[0] == '/') {
            auto candidate = dir + "/" + name;
            if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        }
        if (colon == std::string::npos) break;
        pos = colon + 1;
    }
    return std::nullopt;
}

namespace {

// Forks and executes argv (its program found by find_program); in the child,
// `in` and `err`, when not -1, become standard input and error.
Expected<pid_t> spawn(const std::vector<std::string>& argv, int in, int err) {
    auto program = find_program(argv.at(0));
    if (!program) return Error{exit_system, fmt::format("cannot run {}: not found", argv[0])};
    std::vector<char*> args;
    for (auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = ::fork();
    if (pid < 0)
        return Error{exit_system, fmt::format("cannot run {}: {}", *program, errno_message(errno))};
    if (pid == 0) {
        if (in >= 0) ::dup2(in, STDIN_FILENO);
        if (err >= 0) ::dup2(err, STDERR_FILENO);
        ::execv(program->c_str(), args.data());
        auto message = fmt::format("cannot run {}: {}\n", *program, errno_message(errno));
        [[maybe_unused]] auto n = ::write(STDERR_FILENO, message.data(), message.size());
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

} // namespace

Expected<ProcessResult> run_with_input(const std::vector<std::string>& argv,
                                       std::string_view input) {
    int in[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
        return Error{exit_system,
                     fmt::format("cannot run {}: {}", argv.at(0), errno_message(errno))};
    auto spawned = spawn(argv, in[0], err[1]);
    if (!spawned) {
        for (int fd : {in[0], in[1], err[0], err[1]})
            ::close(fd);
        return spawned.error();
    }
    pid_t pid = *spawned;
    ::close(in[0]);
    ::close(err[1]);
    // The program may stop reading early; its exit status tells, not SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    std::size_t done = 0;
    while (done < input.size()) {
        auto n = ::write(in[1], input.data() + done, input.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(in[1]);
    ProcessResult result;
    char buffer[4096];
    for (;;) {
        auto n = ::read(err[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (result.error_output.size() < 64 * 1024)
            result.error_output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(err[0]);
    result.status = wait_for(pid);
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
    return wait_for(spawn(argv, -1, -1).or_fatal());
}

} // namespace touch::platform
