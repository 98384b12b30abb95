// The only layer that touches the outside world: the clock, the environment,
// the terminal and the file system. Appends are atomic lines under a lock.
// Failures that stop the program are thrown as Fatal (touch/error.hpp).
#pragma once

#include "touch/core/error.hpp"
#include "touch/core/model.hpp"
#include "touch/log/log.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace touch {

namespace platform {

std::optional<std::string> env(const char* name); // unset and empty are both nothing
// The name of the process's real user in the password file, if it has one.
std::optional<std::string> login_name();

// Today in `timezone` (an IANA name), or in the system's zone when none is
// given. An unknown zone name is reported in *error and gives nothing.
std::optional<Date> today(const std::optional<std::string>& timezone, std::string* error);

// The calendar date at instant `now` in `timezone` (or the system's zone):
// what today() computes from the clock, separated out so it can be tested.
std::optional<Date> local_date(std::chrono::sys_seconds now,
                               const std::optional<std::string>& timezone, std::string* error);

// Minutes after midnight now, in the same zone.
int minute_now(const std::optional<std::string>& timezone);

// Whole file as text; nothing when it does not exist. Other failures (a
// directory, no permission, too large) are Fatal with exit_system.
std::optional<std::string> read_file(const std::string& path);

// Streams a file through `sink` (a LineSplitter, say); false when the file does not exist.
bool read_lines(const std::string& path, ChunkSink& sink);

// Streams a large file in up to `max_parts` consecutive pieces at once, each
// beginning at a line start and going through sink_for(i) on a thread of
// its own (piece 0 on this one). The number of pieces, 0 when the file does
// not exist; a small file is one piece.
std::size_t read_lines_in_parts(const std::string& path, std::size_t max_parts,
                                const std::function<ChunkSink&(std::size_t)>& sink_for);

// True when `path` names an existing directory (symbolic links followed).
bool is_directory(const std::string& path);

// A file in a folder of logs: its name (no folder) and its size.
struct FolderFile {
    std::string name;
    off_t size = 0;
};
// The regular files in `dir` whose names end in `suffix` (hidden ones, whose
// names begin with '.', left out), sorted by name. A missing folder has none;
// one that cannot be read is Fatal with exit_system.
std::vector<FolderFile> files_in(const std::string& dir, std::string_view suffix);

// Appends one line: the file opened with O_APPEND (created 0600, its missing
// folders 0700), an exclusive flock, the missing newline of a hand-edited last
// line first, one write(2), then fsync. On any failure the file is truncated
// back to its old size and Fatal is thrown; folders it created are removed.
// The lock is taken on the file the path names once it is held: one
// replaced by rename meanwhile is opened again. True when the last line had
// no newline and one was added before `line`.
bool append_line(const std::string& path, std::string_view line);

// The last non-blank line of a file and where it starts (blank lines after
// it go with it). Nothing when the file does not exist; empty text when it
// holds no line.
struct LastLine {
    std::string text;
    off_t start = 0;     // offset of its first byte
    off_t file_size = 0; // the size it was read at
};
std::optional<LastLine> read_last_line(const std::string& path);

// Cuts `path` back to where `line` starts, under the same lock as
// append_line (on the file the path names then), then fsync. False, and
// nothing changed, when the file is no longer exactly as read: its size and
// its last line are checked under the lock right before the cut.
bool remove_last_line(const std::string& path, const LastLine& line);

// Creates `path` with `contents` (0600, folders 0700) unless it exists: false
// then, and nothing is touched.
bool create_file(const std::string& path, std::string_view contents);

// Creates the missing folders above `path` (0700). A path of PATH_MAX bytes
// or more is refused; when a folder cannot be created, the ones it made are
// removed again before Fatal is thrown.
void make_parent_dirs(const std::string& path);

// Removes the empty folders `dirs` (listed from the top down), deepest first.
void remove_dirs(const std::vector<std::string>& dirs);

bool is_terminal(int fd);
std::size_t terminal_width(int fd); // 0 when not a terminal

enum class ColorMode { automatic, always, never };
// The one place the colour decision is made, in this order: --color always or
// never wins; then NO_COLOR (set and non-empty) turns it off; then it is on
// only when `fd` is a terminal and TERM is not "dumb".
bool use_color(ColorMode mode, int fd);

std::string errno_message(int err);

// `t` as an RFC 5322 date-time in `timezone` (settings.timezone; none: the
// system's zone, as is an unknown one): "Sun, 22 Nov 2026 07:00:00 +0000".
std::string rfc5322_date(std::chrono::sys_seconds t, const std::optional<std::string>& timezone);
std::string rfc5322_now(const std::optional<std::string>& timezone);

// A unique Message-ID (without brackets): time, process and host.
std::string new_message_id();

// A program named in argv[0]: an absolute path as it is, else the first
// match in the absolute entries of $PATH (relative entries are never used).
std::optional<std::string> find_program(const std::string& name);

// Splits a command line as a shell would split words: blanks separate,
// single quotes keep everything, double quotes keep all but \" and \\, a
// backslash escapes the next character. Nothing is expanded. Nothing when a
// quote is left open.
std::optional<std::vector<std::string>> split_command(std::string_view text);

// Runs argv (no shell) on this terminal and waits: its exit status.
int run_interactive(const std::vector<std::string>& argv);

struct ProcessResult {
    int status = 0; // exit status, or 128 + signal
    std::string error_output;
};

// Runs argv (no shell) with `input` on its standard input and its standard
// error captured; throws Fatal(exit_system) when it cannot be started.
ProcessResult run_with_input(const std::vector<std::string>& argv, std::string_view input);

// True when both paths name one existing file (same device and inode),
// also when one reaches it through a folder not yet made ("x/../c.toml").
bool same_file(const std::string& a, const std::string& b);

} // namespace platform
} // namespace touch
