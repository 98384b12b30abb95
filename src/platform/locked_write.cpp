#include "fd.hpp"
#include "touch/log/log.hpp"
#include "touch/platform/files.hpp"
#include "touch/platform/system.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <vector>

namespace touch::platform {

using detail::fail;
using detail::failure;
using detail::Fd;
using detail::link_refused;
using detail::open_to_read;

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
Fd lock_for_writing(const std::string& path, int flags, struct stat& st, Links links) {
    if (links == Links::refuse) flags |= O_NOFOLLOW;
    for (int attempt = 0;; ++attempt) {
        Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC | O_NONBLOCK | flags, 0600));
        if (fd.get() < 0 && links == Links::refuse && errno == ELOOP)
            throw Fatal(link_refused(path));
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
        int named_state =
            links == Links::refuse ? ::lstat(path.c_str(), &named) : ::stat(path.c_str(), &named);
        if (named_state == 0 && named.st_dev == st.st_dev && named.st_ino == st.st_ino) return fd;
        if (attempt == 100)
            throw Fatal(exit_system,
                        fmt::format("{}: cannot lock: the file is replaced faster than it can be "
                                    "locked",
                                    path));
    }
}

} // namespace

bool append_line(const std::string& path, std::string_view line, Links links) {
    // A write past RLIMIT_FSIZE must fail with EFBIG, not kill us mid-way.
    std::signal(SIGXFSZ, SIG_IGN);
    auto created = create_parent_dirs(path);
    struct stat st {};
    Fd fd = [&] {
        try {
            return lock_for_writing(path, O_APPEND | O_CREAT, st, links);
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

Expected<LastLine> last_line_of(int fd, const std::string& path) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return failure(path, "read", errno);
    if (S_ISDIR(st.st_mode)) return failure(path, "read", EISDIR);
    LastLine last;
    last.file_size = st.st_size;
    // The tail is enough: no valid line is longer than max_line_length.
    off_t from = std::max<off_t>(0, st.st_size - static_cast<off_t>(max_line_length) - 4096);
    std::string tail(static_cast<std::size_t>(st.st_size - from), '\0');
    std::size_t got = 0;
    while (got < tail.size()) {
        auto n = ::pread(fd, tail.data() + got, tail.size() - got, from + static_cast<off_t>(got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return failure(path, "read", n < 0 ? errno : EIO);
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

Expected<std::optional<LastLine>> read_last_line(const std::string& path, Links links) {
    struct stat st {};
    auto opened = open_to_read(path, st, links == Links::refuse);
    if (!opened) return opened.error();
    if (opened->get() < 0) return std::nullopt;
    auto last = last_line_of(opened->get(), path);
    if (!last) return last.error();
    return std::optional<LastLine>(std::move(last).value());
}

bool remove_last_line(const std::string& path, const LastLine& line, Links links) {
    struct stat st {};
    Fd fd = lock_for_writing(path, 0, st, links);
    auto now = last_line_of(fd.get(), path).or_fatal();
    if (now.file_size != line.file_size || now.start != line.start || now.text != line.text)
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

} // namespace touch::platform

namespace touch::platform {

std::string stage_file(const std::string& dir, std::string_view name, std::string_view contents) {
    auto folder = dir.empty() || dir.back() == '/' ? dir : dir + "/";
    // Hidden and without the calendar's suffix: vdirsyncer and khal list
    // only "*.ics", so a temporary file is never read as an event.
    std::string staged = fmt::format("{}.{}.XXXXXX", folder, name);
    std::vector<char> buffer(staged.begin(), staged.end());
    buffer.push_back('\0');
    Fd fd(::mkstemp(buffer.data()));
    if (fd.get() < 0) fail(folder + std::string(name), "write", errno);
    staged.assign(buffer.data());
    std::signal(SIGXFSZ, SIG_IGN);
    std::size_t done = 0;
    int err = 0;
    while (done < contents.size() && err == 0) {
        auto n = ::write(fd.get(), contents.data() + done, contents.size() - done);
        if (n > 0)
            done += static_cast<std::size_t>(n);
        else if (n == 0 || errno != EINTR)
            err = n == 0 ? ENOSPC : errno;
    }
    if (err == 0 && ::fsync(fd.get()) != 0) err = errno;
    if (err != 0) {
        discard_file(staged);
        fail(folder + std::string(name), "write", err);
    }
    return staged;
}

void commit_file(const std::string& staged, const std::string& path) {
    if (::rename(staged.c_str(), path.c_str()) != 0) {
        int err = errno;
        discard_file(staged);
        fail(path, "write", err);
    }
}

void discard_file(const std::string& staged) noexcept {
    ::unlink(staged.c_str());
}

void remove_file(const std::string& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail(path, "remove", errno);
}

void sync_folder(const std::string& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) fail(dir, "sync", errno);
}

Expected<bool> make_folder(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return false;
        return failure(path, "use it as a calendar folder", ENOTDIR);
    }
    if (errno != ENOENT) return failure(path, "open", errno);
    std::string trimmed = path;
    while (trimmed.size() > 1 && trimmed.back() == '/')
        trimmed.pop_back();
    auto slash = trimmed.rfind('/');
    std::string parent = slash == std::string::npos ? "."
                         : slash == 0               ? "/"
                                                    : trimmed.substr(0, slash);
    if (::stat(parent.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return Error{exit_system,
                     fmt::format("{}: cannot create the calendar folder: its parent folder {} "
                                 "does not exist",
                                 path, parent)};
    if (::mkdir(path.c_str(), 0700) != 0) return failure(path, "create folder", errno);
    return true;
}

} // namespace touch::platform
