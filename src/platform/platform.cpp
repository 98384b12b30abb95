#include "touch/platform/platform.hpp"

#include "touch/util/interval.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <exception>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <pwd.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

namespace touch::platform {

namespace {

// A clients file is a few kilobytes; anything this large is a mistake.
constexpr off_t max_text_file = 16 * 1024 * 1024;

class Fd {
public:
    explicit Fd(int fd)
        : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd(Fd&& other) noexcept
        : fd_(other.release()) {}
    Fd& operator=(Fd&&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    int release() {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

[[noreturn]] void fail(const std::string& path, const char* action, int err) {
    throw Fatal(exit_system, fmt::format("{}: cannot {}: {}", path, action, errno_message(err)));
}

std::chrono::sys_seconds now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Local wall-clock time as seconds since the epoch of the local calendar.
std::optional<std::chrono::seconds> local_seconds(std::chrono::sys_seconds t,
                                                  const std::optional<std::string>& timezone,
                                                  std::string* error) {
    if (timezone) {
        try {
            auto zoned = date::make_zoned(date::locate_zone(*timezone), t);
            return zoned.get_local_time().time_since_epoch();
        } catch (const std::exception&) {
            // date's tz library reports an unknown zone by exception only.
            if (error) *error = fmt::format("unknown time zone '{}'", *timezone);
            return std::nullopt;
        }
    }
    std::time_t raw = t.time_since_epoch().count();
    std::tm local{};
    if (!::localtime_r(&raw, &local)) return t.time_since_epoch();
    return std::chrono::seconds{raw + local.tm_gmtoff};
}

} // namespace

std::string errno_message(int err) {
    return std::strerror(err);
}

std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
}

std::optional<std::string> login_name() {
    const passwd* entry = getpwuid(getuid());
    if (!entry || !entry->pw_name || !*entry->pw_name) return std::nullopt;
    return std::string(entry->pw_name);
}

std::optional<Date> local_date(std::chrono::sys_seconds t,
                               const std::optional<std::string>& timezone, std::string* error) {
    auto secs = local_seconds(t, timezone, error);
    if (!secs) return std::nullopt;
    return Date{std::chrono::floor<Days>(*secs)};
}

std::optional<Date> today(const std::optional<std::string>& timezone, std::string* error) {
    return local_date(now(), timezone, error);
}

int minute_now(const std::optional<std::string>& timezone) {
    auto secs = local_seconds(now(), timezone, nullptr).value_or(std::chrono::seconds{0});
    auto in_day = secs - std::chrono::floor<Days>(secs);
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(in_day).count());
}

namespace {

// Opens a file to read; an invalid Fd when it does not exist. Only a regular
// file (or /dev/null) is read: /dev/zero never ends and a FIFO blocks until a writer comes,
// so the open does not wait (O_NONBLOCK) and what it finds is refused.
Fd open_to_read(const std::string& path, struct stat& st) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        if (errno == ENOENT) return fd;
        fail(path, "open", errno);
    }
    if (::fstat(fd.get(), &st) != 0) fail(path, "read", errno);
    if (S_ISDIR(st.st_mode)) fail(path, "read", EISDIR);
    // /dev/null is read as an empty file: `--log /dev/null` is "no log".
    bool is_null = S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3;
    if (!S_ISREG(st.st_mode) && !is_null)
        throw Fatal(exit_system, fmt::format("{}: cannot read: not a regular file", path));
    int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

} // namespace

std::optional<std::string> read_file(const std::string& path) {
    struct stat st {};
    Fd fd = open_to_read(path, st);
    if (fd.get() < 0) return std::nullopt;
    if (st.st_size > max_text_file)
        throw Fatal(exit_system, fmt::format("{}: too large ({} bytes)", path, st.st_size));
    std::string text;
    char buffer[65536];
    for (;;) {
        auto n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(path, "read", errno);
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (static_cast<off_t>(text.size()) > max_text_file)
            throw Fatal(exit_system, fmt::format("{}: too large", path));
    }
    return text;
}

namespace {

// Feeds bytes [begin, end) of the file to `sink`; end == -1: to its end.
void feed_range(const std::string& path, int fd, off_t begin, off_t end, ChunkSink& sink) {
    std::string buffer(256 * 1024, '\0');
    for (off_t at = begin; end < 0 || at < end;) {
        auto want = end < 0
                        ? buffer.size()
                        : std::min<std::size_t>(buffer.size(), static_cast<std::size_t>(end - at));
        auto n = ::pread(fd, buffer.data(), want, at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(path, "read", errno);
        if (n == 0) break;
        sink.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
        at += n;
    }
    sink.finish();
}

// The first line start at or after `at` (the file's size when none).
off_t line_start_from(const std::string& path, int fd, off_t at, off_t size) {
    if (at == 0) return 0;
    char block[4096];
    for (off_t pos = at - 1; pos < size;) {
        auto n = ::pread(fd, block, sizeof block, pos);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(path, "read", errno);
        if (n == 0) break;
        if (auto* nl =
                static_cast<const char*>(std::memchr(block, '\n', static_cast<std::size_t>(n))))
            return pos + (nl - block) + 1;
        pos += n;
    }
    return size;
}

} // namespace

bool is_directory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<FolderFile> files_in(const std::string& dir, std::string_view suffix) {
    std::vector<FolderFile> out;
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
        if (errno == ENOENT) return out;
        fail(dir, "read", errno);
    }
    std::unique_ptr<DIR, int (*)(DIR*)> closer(d, ::closedir);
    auto folder = dir.empty() || dir.back() == '/' ? dir : dir + "/";
    for (;;) {
        errno = 0;
        auto* e = ::readdir(d);
        if (!e) {
            if (errno != 0) fail(dir, "read", errno);
            break;
        }
        std::string_view name(e->d_name);
        if (name.empty() || name[0] == '.' || name.size() <= suffix.size() ||
            name.substr(name.size() - suffix.size()) != suffix)
            continue;
        struct stat st {};
        if (::stat((folder + std::string(name)).c_str(), &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        out.push_back({std::string(name), st.st_size});
    }
    std::sort(out.begin(), out.end(),
              [](const FolderFile& a, const FolderFile& b) { return a.name < b.name; });
    return out;
}

bool read_lines(const std::string& path, ChunkSink& sink) {
    struct stat st {};
    Fd fd = open_to_read(path, st);
    if (fd.get() < 0) return false;
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    feed_range(path, fd.get(), 0, -1, sink);
    return true;
}

std::size_t read_lines_in_parts(const std::string& path, std::size_t max_parts,
                                const std::function<ChunkSink&(std::size_t)>& sink_for) {
    struct stat st {};
    Fd fd = open_to_read(path, st);
    if (fd.get() < 0) return 0;
    // A piece of its own costs a thread, a buffer and a History to build and
    // merge: measured, a 0.6 MB log (12,000 lines) read in two pieces was no
    // quicker than in one, a 1.6 MB log (30,000 lines) was 5 to 10 % quicker
    // in all. So a log of a MiB or more is read in pieces of half a MiB or more.
    constexpr off_t min_part = 512 * 1024;
    auto size = st.st_size;
    auto parts = static_cast<std::size_t>(std::clamp<off_t>(
        size / min_part, 1, static_cast<off_t>(std::max<std::size_t>(max_parts, 1))));
    if (parts == 1) {
        ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
        feed_range(path, fd.get(), 0, -1, sink_for(0));
        return 1;
    }
    // Bytes appended while we read belong to the next reading.
    std::vector<off_t> cuts{0};
    for (std::size_t i = 1; i < parts; ++i)
        cuts.push_back(std::max(
            cuts.back(),
            line_start_from(path, fd.get(),
                            size * static_cast<off_t>(i) / static_cast<off_t>(parts), size)));
    cuts.push_back(size);
    std::vector<std::exception_ptr> errors(parts);
    std::vector<std::thread> threads;
    auto read_part = [&](std::size_t i) {
        try {
            feed_range(path, fd.get(), cuts[i], cuts[i + 1], sink_for(i));
        } catch (...) {
            errors[i] = std::current_exception();
        }
    };
    // A thread that cannot start (a limit on processes or memory) is no
    // error: its piece, and every later one, is read on this thread instead.
    std::size_t started = 1;
    for (; started < parts; ++started) {
        try {
            threads.emplace_back(read_part, started);
        } catch (const std::system_error&) {
            break;
        }
    }
    read_part(0);
    for (std::size_t i = started; i < parts; ++i)
        read_part(i);
    for (auto& t : threads)
        t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    return parts;
}

namespace {

// Creates the missing folders above `path` (0700), from the top down, without
// recursion or a copy of the path per level. Returns the folders it created,
// deepest last; when one cannot be created, those created so far are removed
// again and Fatal is thrown, so a failure leaves nothing behind.
std::vector<std::string> create_parent_dirs(const std::string& path) {
    if (path.size() >= PATH_MAX)
        throw Fatal(exit_system,
                    fmt::format("{}...: cannot create: the path is longer than {} bytes",
                                path.substr(0, 60), PATH_MAX - 1));
    auto end = path.find_last_of('/');
    std::vector<std::string> created;
    if (end == std::string::npos || end == 0) return created;
    // Walk up to the deepest folder that exists, then create downwards.
    std::vector<std::size_t> missing; // ends of the folders to create, deepest first
    for (auto at = end; at != std::string::npos && at > 0; at = path.find_last_of('/', at - 1)) {
        if (path[at - 1] == '/') continue; // "a//b": the same folder again
        struct stat st {};
        std::string dir(path, 0, at);
        if (::stat(dir.c_str(), &st) == 0) {
            if (!S_ISDIR(st.st_mode)) fail(dir, "create a folder there", ENOTDIR);
            break;
        }
        if (errno != ENOENT) fail(dir, "create folder", errno);
        missing.push_back(at);
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        std::string dir(path, 0, *it);
        if (::mkdir(dir.c_str(), 0700) == 0) {
            created.push_back(std::move(dir));
            continue;
        }
        if (errno == EEXIST) continue; // made meanwhile by another writer
        int err = errno;
        remove_dirs(created);
        fail(dir, "create folder", err);
    }
    return created;
}

} // namespace

void remove_dirs(const std::vector<std::string>& dirs) {
    for (auto it = dirs.rbegin(); it != dirs.rend(); ++it)
        ::rmdir(it->c_str()); // only ever empty folders; one made non-empty meanwhile stays
}

void make_parent_dirs(const std::string& path) {
    create_parent_dirs(path);
}

namespace {

// Opens `path` read-write with `flags`, takes its exclusive lock, and makes
// sure the path still names the file locked: one saved by rename (git, an
// editor, sed -i) or removed while we waited would take our write or our cut
// with it, unseen. Such a file is let go and the path opened again. `st` is
// the file's state under the lock.
Fd lock_for_writing(const std::string& path, int flags, struct stat& st) {
    for (int attempt = 0;; ++attempt) {
        Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC | O_NONBLOCK | flags, 0600));
        if (fd.get() < 0) fail(path, "open for writing", errno);
        if (::fstat(fd.get(), &st) != 0) fail(path, "write", errno);
        if (S_ISDIR(st.st_mode)) fail(path, "write", EISDIR);
        // A failed write is taken back by truncating, which only a file allows.
        if (!S_ISREG(st.st_mode))
            throw Fatal(exit_system, fmt::format("{}: cannot write: not a regular file", path));
        int fl = ::fcntl(fd.get(), F_GETFL);
        if (fl >= 0) ::fcntl(fd.get(), F_SETFL, fl & ~O_NONBLOCK);
        while (::flock(fd.get(), LOCK_EX) != 0)
            if (errno != EINTR) fail(path, "lock", errno);
        struct stat named {};
        if (::fstat(fd.get(), &st) != 0) fail(path, "write", errno);
        if (::stat(path.c_str(), &named) == 0 && named.st_dev == st.st_dev &&
            named.st_ino == st.st_ino)
            return fd;
        if (attempt == 100)
            throw Fatal(exit_system,
                        fmt::format("{}: cannot lock: the file is replaced faster than it can be "
                                    "locked",
                                    path));
    }
}

} // namespace

bool append_line(const std::string& path, std::string_view line) {
    // A write past RLIMIT_FSIZE must fail with EFBIG, not kill us mid-way.
    std::signal(SIGXFSZ, SIG_IGN);
    auto created = create_parent_dirs(path);
    struct stat st {};
    Fd fd = [&] {
        try {
            return lock_for_writing(path, O_APPEND | O_CREAT, st);
        } catch (...) {
            remove_dirs(created);
            throw;
        }
    }();

    // The size under the lock: another writer may have appended meanwhile.
    const off_t old_size = st.st_size;
    std::string data;
    if (old_size > 0) {
        char last = '\n';
        if (::pread(fd.get(), &last, 1, old_size - 1) != 1) fail(path, "read the last line", errno);
        if (last != '\n') data += '\n';
    }
    data.append(line);

    // One write(2) in all but failure cases; a short write is retried only to
    // learn its errno, and then everything is taken back.
    std::size_t done = 0;
    int err = 0;
    while (done < data.size()) {
        auto n = ::write(fd.get(), data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            err = n < 0 ? errno : ENOSPC;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (err == 0 && ::fsync(fd.get()) != 0) err = errno;
    if (err != 0) {
        if (done > 0 && ::ftruncate(fd.get(), old_size) != 0)
            throw Fatal(exit_system, fmt::format("{}: cannot write: {}; the end of the file may "
                                                 "hold part of a line",
                                                 path, errno_message(err)));
        fail(path, "write", err);
    }
    return data.size() > line.size();
}

namespace {

std::optional<LastLine> last_line_of(int fd, const std::string& path) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) fail(path, "read", errno);
    if (S_ISDIR(st.st_mode)) fail(path, "read", EISDIR);
    LastLine last;
    last.file_size = st.st_size;
    // The tail is enough: no valid line is longer than max_line_length.
    off_t from = std::max<off_t>(0, st.st_size - static_cast<off_t>(max_line_length) - 4096);
    std::string tail(static_cast<std::size_t>(st.st_size - from), '\0');
    std::size_t got = 0;
    while (got < tail.size()) {
        auto n = ::pread(fd, tail.data() + got, tail.size() - got, from + static_cast<off_t>(got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(path, "read", n < 0 ? errno : EIO);
        got += static_cast<std::size_t>(n);
    }
    auto end = tail.find_last_not_of(" \t\r\n");
    if (end == std::string::npos) {
        last.start = st.st_size;
        return last; // no line at all
    }
    auto nl = tail.rfind('\n', end);
    std::size_t begin = nl == std::string::npos ? 0 : nl + 1;
    if (nl == std::string::npos && from > 0) {
        last.text = std::string(max_line_length + 1, 'x'); // longer than any valid line
        last.start = from;
        return last;
    }
    last.text = tail.substr(begin, end + 1 - begin);
    last.start = from + static_cast<off_t>(begin);
    return last;
}

} // namespace

std::optional<LastLine> read_last_line(const std::string& path) {
    struct stat st {};
    Fd fd = open_to_read(path, st);
    if (fd.get() < 0) return std::nullopt;
    return last_line_of(fd.get(), path);
}

bool remove_last_line(const std::string& path, const LastLine& line) {
    struct stat st {};
    Fd fd = lock_for_writing(path, 0, st);
    auto now = last_line_of(fd.get(), path);
    if (!now || now->file_size != line.file_size || now->start != line.start ||
        now->text != line.text)
        return false;
    // A line appended by hand, without the lock, since the reading above would
    // be cut with ours: the size is looked at once more right before cutting.
    if (::fstat(fd.get(), &st) != 0) fail(path, "truncate", errno);
    if (st.st_size != line.file_size) return false;
    if (::ftruncate(fd.get(), line.start) != 0) fail(path, "truncate", errno);
    if (::fsync(fd.get()) != 0) fail(path, "sync", errno);
    return true;
}

bool create_file(const std::string& path, std::string_view contents) {
    auto created = create_parent_dirs(path);
    Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.get() < 0) {
        int err = errno;
        remove_dirs(created);
        if (err == EEXIST) return false;
        fail(path, "create", err);
    }
    std::signal(SIGXFSZ, SIG_IGN);
    auto written = ::write(fd.get(), contents.data(), contents.size());
    if (written != static_cast<ssize_t>(contents.size()) || ::fsync(fd.get()) != 0) {
        int err = written < 0 ? errno : ENOSPC;
        ::unlink(path.c_str());
        fail(path, "write", err);
    }
    return true;
}

bool is_terminal(int fd) {
    return ::isatty(fd) == 1;
}

std::size_t terminal_width(int fd) {
    if (!is_terminal(fd)) return 0;
    struct winsize ws {};
    if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (auto columns = env("COLUMNS")) return static_cast<std::size_t>(std::atoi(columns->c_str()));
    return 80;
}

bool use_color(ColorMode mode, int fd) {
    if (mode == ColorMode::always) return true;
    if (mode == ColorMode::never) return false;
    if (env("NO_COLOR")) return false;
    auto term = env("TERM");
    if (term && *term == "dumb") return false;
    return is_terminal(fd);
}

} // namespace touch::platform

namespace touch::platform {

std::string rfc5322_date(std::chrono::sys_seconds t, const std::optional<std::string>& timezone) {
    auto local = local_seconds(t, timezone, nullptr);
    if (!local) local = local_seconds(t, std::nullopt, nullptr);
    auto secs = *local;
    auto day = std::chrono::floor<Days>(secs);
    date::year_month_day ymd{Date{day}};
    date::hh_mm_ss<std::chrono::seconds> time{secs - day};
    date::weekday wd{Date{day}};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    long offset = static_cast<long>((secs - t.time_since_epoch()).count() / 60);
    char sign = offset < 0 ? '-' : '+';
    if (offset < 0) offset = -offset;
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} {}{:02}{:02}",
                       weekday_short(wd.c_encoding()), static_cast<unsigned>(ymd.day()),
                       months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                       time.hours().count(), time.minutes().count(), time.seconds().count(), sign,
                       offset / 60, offset % 60);
}

std::string rfc5322_now(const std::optional<std::string>& timezone) {
    return rfc5322_date(now(), timezone);
}

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
pid_t spawn(const std::vector<std::string>& argv, int in, int err) {
    auto program = find_program(argv.at(0));
    if (!program) throw Fatal(exit_system, fmt::format("cannot run {}: not found", argv[0]));
    std::vector<char*> args;
    for (auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = ::fork();
    if (pid < 0)
        throw Fatal(exit_system, fmt::format("cannot run {}: {}", *program, errno_message(errno)));
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

ProcessResult run_with_input(const std::vector<std::string>& argv, std::string_view input) {
    int in[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
        throw Fatal(exit_system,
                    fmt::format("cannot run {}: {}", argv.at(0), errno_message(errno)));
    pid_t pid;
    try {
        pid = spawn(argv, in[0], err[1]);
    } catch (...) {
        for (int fd : {in[0], in[1], err[0], err[1]})
            ::close(fd);
        throw;
    }
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

} // namespace touch::platform

namespace touch::platform {

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
    return wait_for(spawn(argv, -1, -1));
}

} // namespace touch::platform

namespace touch::platform {

bool same_file(const std::string& a, const std::string& b) {
    // "x/../c.toml" names c.toml once x exists, and a write would create x.
    auto identify = [](const std::string& path, struct stat& st) {
        if (::stat(path.c_str(), &st) == 0) return true;
        std::error_code error;
        auto normal = std::filesystem::weakly_canonical(path, error);
        return !error && ::stat(normal.c_str(), &st) == 0;
    };
    struct stat sa {
    }, sb{};
    return identify(a, sa) && identify(b, sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

} // namespace touch::platform
