#include "touch/platform/files.hpp"

#include "fd.hpp"
#include "touch/core/shared_work.hpp"
#include "touch/platform/system.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <sys/sysmacros.h>
#include <vector>

namespace touch::platform {

namespace detail {

Error failure(const std::string& path, const char* action, int err) {
    return {exit_system, fmt::format("{}: cannot {}: {}", path, action, errno_message(err))};
}

void fail(const std::string& path, const char* action, int err) {
    throw Fatal(failure(path, action, err));
}

// Opens a file to read; an invalid Fd when it does not exist. Only a regular
// file (or /dev/null) is read: /dev/zero never ends and a FIFO blocks until a writer comes,
// so the open does not wait (O_NONBLOCK) and what it finds is refused.
Error link_refused(const std::string& path) {
    return {exit_system, fmt::format("{}: not a regular file but a symbolic link; touch reads and "
                                     "writes a person's file only as a regular file inside "
                                     "the folder",
                                     path)};
}

Expected<Fd> open_to_read(const std::string& path, struct stat& st, bool no_follow) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | (no_follow ? O_NOFOLLOW : 0)));
    if (fd.get() < 0) {
        if (errno == ENOENT) return fd;
        if (no_follow && errno == ELOOP) return link_refused(path);
        return failure(path, "open", errno);
    }
    if (::fstat(fd.get(), &st) != 0) return failure(path, "read", errno);
    if (S_ISDIR(st.st_mode)) return failure(path, "read", EISDIR);
    // /dev/null is read as an empty file: `--log /dev/null` is "no log".
    bool is_null = S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3;
    if (!S_ISREG(st.st_mode) && !is_null)
        return Error{exit_system, fmt::format("{}: cannot read: not a regular file", path)};
    int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

} // namespace detail

using detail::fail;
using detail::failure;
using detail::Fd;
using detail::open_to_read;

namespace {

// A clients file is a few kilobytes; anything this large is a mistake.
constexpr off_t max_text_file = 16 * 1024 * 1024;

} // namespace

Expected<std::optional<std::string>> try_read_file(const std::string& path) {
    struct stat st {};
    auto opened = open_to_read(path, st);
    if (!opened) return opened.error();
    Fd fd = std::move(opened).value();
    if (fd.get() < 0) return std::nullopt;
    if (st.st_size > max_text_file)
        return Error{exit_system, fmt::format("{}: too large ({} bytes)", path, st.st_size)};
    // Read straight into a string of the file's size (and a byte more, to
    // see the end): one allocation and one copy, where growing a string by
    // appending copies the text again at each doubling and leaves the old
    // copies' pages behind, to be faulted in for nothing (a megabyte of
    // clients file cost three).
    std::string text(static_cast<std::size_t>(st.st_size) + 1, '\0');
    std::size_t have = 0;
    for (;;) {
        if (have == text.size()) text.resize(2 * text.size()); // it grew meanwhile
        auto n = ::read(fd.get(), text.data() + have, text.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failure(path, "read", errno);
        if (n == 0) break;
        have += static_cast<std::size_t>(n);
        if (static_cast<off_t>(have) > max_text_file)
            return Error{exit_system, fmt::format("{}: too large", path)};
    }
    text.resize(have);
    return text;
}

std::optional<std::string> read_file(const std::string& path) {
    return try_read_file(path).or_fatal();
}

namespace {

// Feeds bytes [begin, end) of the file to `sink`; end == -1: to its end.
// The buffer is small and never filled beforehand: each of its pages is a
// page fault the first time it is written (2-3 microseconds here): a quarter
// MiB, filled with zeros as it was, was 64 of them for each piece of a log.
// `due` on 30,000 lines, 301 alternating runs: 4.49 ms with a quarter MiB
// unfilled, 4.38 ms with 64 KiB; a million lines no slower (README, Speed).
constexpr std::size_t read_buffer_size = 64 * 1024;

void feed_range(const std::string& path, int fd, off_t begin, off_t end, ChunkSink& sink) {
    auto buffer = std::make_unique_for_overwrite<char[]>(read_buffer_size);
    for (off_t at = begin; end < 0 || at < end;) {
        auto want =
            end < 0 ? read_buffer_size
                    : std::min<std::size_t>(read_buffer_size, static_cast<std::size_t>(end - at));
        auto n = ::pread(fd, buffer.get(), want, at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(path, "read", errno);
        if (n == 0) break;
        sink.feed(std::string_view(buffer.get(), static_cast<std::size_t>(n)));
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

Expected<std::vector<FolderFile>> files_in(const std::string& dir, std::string_view suffix,
                                           Listing listing) {
    std::vector<FolderFile> out;
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
        if (errno == ENOENT) return out;
        return failure(dir, "read", errno);
    }
    std::unique_ptr<DIR, int (*)(DIR*)> closer(d, ::closedir);
    auto folder = dir.empty() || dir.back() == '/' ? dir : dir + "/";
    for (;;) {
        errno = 0;
        auto* e = ::readdir(d);
        if (!e) {
            if (errno != 0) return failure(dir, "read", errno);
            break;
        }
        std::string_view name(e->d_name);
        if (name.empty() || name[0] == '.' || name.size() <= suffix.size()) continue;
        auto end = name.substr(name.size() - suffix.size());
        bool log = listing == Listing::log_folder;
        if (log ? end != suffix : !equals_ci(end, suffix)) continue;
        struct stat st {};
        auto path = folder + std::string(name);
        if ((log ? ::lstat(path.c_str(), &st) : ::stat(path.c_str(), &st)) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        out.push_back({std::string(name), st.st_size});
    }
    std::sort(out.begin(), out.end(),
              [](const FolderFile& a, const FolderFile& b) { return a.name < b.name; });
    return out;
}

Expected<int> open_for_library(const std::string& path) {
    struct stat st {};
    auto opened = open_to_read(path, st);
    if (!opened) return opened.error();
    return std::move(opened).value().release();
}

Expected<std::optional<std::string>> read_head(const std::string& path, std::size_t limit,
                                               std::string_view until) {
    struct stat st {};
    auto opened = open_to_read(path, st);
    if (!opened) return opened.error();
    Fd fd = std::move(opened).value();
    if (fd.get() < 0) return std::nullopt;
    // A step at a time, up to the end of what `until` ends: a message's
    // attachments are never read.
    std::string out;
    char buffer[16384];
    while (out.size() < limit) {
        auto n = ::read(fd.get(), buffer, std::min(sizeof buffer, limit - out.size()));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failure(path, "read", errno);
        if (n == 0) break;
        auto from = out.size() >= until.size() ? out.size() - until.size() : 0;
        out.append(buffer, static_cast<std::size_t>(n));
        if (!until.empty() && out.find(until, from) != std::string::npos) break;
    }
    return std::optional<std::string>{std::move(out)};
}

bool read_lines(const std::string& path, ChunkSink& sink) {
    struct stat st {};
    Fd fd = open_to_read(path, st).or_fatal();
    if (fd.get() < 0) return false;
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    feed_range(path, fd.get(), 0, -1, sink);
    return true;
}

std::size_t read_lines_in_parts(const std::string& path,
                                const std::function<std::size_t(std::uint64_t)>& parts_for,
                                const std::function<ChunkSink&(std::size_t)>& sink_for) {
    struct stat st {};
    Fd fd = open_to_read(path, st).or_fatal();
    if (fd.get() < 0) return 0;
    auto size = st.st_size;
    auto parts = std::max<std::size_t>(1, parts_for(static_cast<std::uint64_t>(size)));
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
    // Each thread, this one too, takes the next piece no one has taken until
    // none is left; which piece goes where changes nothing in what is read.
    share_work(parts, parts, [&](std::size_t i, std::size_t) {
        feed_range(path, fd.get(), cuts[i], cuts[i + 1], sink_for(i));
    });
    return parts;
}

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

std::optional<std::uint64_t> regular_file_size(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return static_cast<std::uint64_t>(st.st_size);
}

std::optional<std::string> move_file(const std::string& from, const std::string& to) {
    struct stat st {};
    if (::lstat(to.c_str(), &st) == 0 && (!S_ISREG(st.st_mode) || st.st_size != 0))
        return std::string("it exists and is not empty");
    make_parent_dirs(to);
    if (::rename(from.c_str(), to.c_str()) != 0) return std::string(std::strerror(errno));
    return std::nullopt;
}

} // namespace touch::platform
