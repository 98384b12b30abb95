// Files: whole files and streams of lines read (a large log in pieces at
// once), folders listed, and the log's writes: appends of whole lines under
// an exclusive lock and fsync, the last line read and removed, a file created
// only when missing. What a caller may want to get past is an Error; the
// failures of a write, which end the command, are Fatal (core/error.hpp).
#pragma once

#include "touch/core/error.hpp"
#include "touch/log/log.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace touch::platform {

// Whole file as text; nothing when it does not exist. Other failures (a
// directory, no permission, too large) are an Error with exit_system.
Expected<std::optional<std::string>> try_read_file(const std::string& path);
// The same, for a caller whom such a failure stops: it is Fatal.
std::optional<std::string> read_file(const std::string& path);

// Streams a file through `sink` (a LineSplitter, say); false when the file does not exist.
bool read_lines(const std::string& path, ChunkSink& sink);

// Streams a file in parts_for(its size) consecutive pieces at once, each
// beginning at a line start and going through sink_for(i) on one of as many
// threads (this one among them): each thread takes the next piece not yet
// taken, so any piece may be read on any of them. The number of pieces, 0
// when the file does not exist. How many pieces is the caller's policy
// (storage's ReadPolicy).
std::size_t read_lines_in_parts(const std::string& path,
                                const std::function<std::size_t(std::uint64_t)>& parts_for,
                                const std::function<ChunkSink&(std::size_t)>& sink_for);

// A regular file opened to be read by a library that takes a descriptor and
// closes it (GMime's mbox parser); -1 when it does not exist.
Expected<int> open_for_library(const std::string& path);

// The first bytes of a file, through the first `until` ("\n\n": a message's
// headers) or `limit` bytes at most; nothing when it does not exist.
Expected<std::optional<std::string>> read_head(const std::string& path, std::size_t limit,
                                               std::string_view until);

// True when `path` names an existing directory (symbolic links followed).
bool is_directory(const std::string& path);

// Whether a write (or the read before it) may go through a symbolic link.
// A person's file in a folder of logs is used only as the regular file it is:
// a link, which git keeps, could lead out of the folder or into another
// person's file (SPEC §7). A single-file log may be a link the user made.
enum class Links { follow, refuse };

// A file in a folder of logs: its name (no folder) and its size.
struct FolderFile {
    std::string name;
    off_t size = 0;
};
// The regular files in `dir` whose names end in `suffix` (hidden ones, whose
// names begin with '.', left out), sorted by name. A missing folder has none;
// one that cannot be read is an Error with exit_system. A folder of logs is
// listed as SPEC §7 wants it: the suffix exact, symbolic links left out (a
// link in git could lead a read out of the folder). An importer's folder
// ("Card.VCF") takes the suffix in any case and follows links.
enum class Listing { log_folder, import_folder };
Expected<std::vector<FolderFile>> files_in(const std::string& dir, std::string_view suffix,
                                           Listing listing = Listing::log_folder);

// Appends one line: the file opened with O_APPEND (created 0600, its missing
// folders 0700), an exclusive flock, the missing newline of a hand-edited last
// line first, one write(2), then fsync. On any failure the file is truncated
// back to its old size and Fatal is thrown; folders it created are removed.
// The lock is taken on the file the path names once it is held: one
// replaced by rename meanwhile is opened again. True when the last line had
// no newline and one was added before `line`.
// With Links::refuse a link at `path` (dangling or not) is refused, naming it.
bool append_line(const std::string& path, std::string_view line, Links links = Links::follow);

// The last non-blank line of a file and where it starts (blank lines after
// it go with it). Nothing when the file does not exist; empty text when it
// holds no line. A file that cannot be read is an Error.
struct LastLine {
    std::string text;
    off_t start = 0;     // offset of its first byte
    off_t file_size = 0; // the size it was read at
};
Expected<std::optional<LastLine>> read_last_line(const std::string& path,
                                                 Links links = Links::follow);

// Cuts `path` back to where `line` starts, under the same lock as
// append_line (on the file the path names then), then fsync. False, and
// nothing changed, when the file is no longer exactly as read: its size and
// its last line are checked under the lock right before the cut.
bool remove_last_line(const std::string& path, const LastLine& line, Links links = Links::follow);

// Creates `path` with `contents` (0600, folders 0700) unless it exists: false
// then, and nothing is touched.
bool create_file(const std::string& path, std::string_view contents);

// Creates the missing folders above `path` (0700). A path of PATH_MAX bytes
// or more is refused; when a folder cannot be created, the ones it made are
// removed again before Fatal is thrown.
void make_parent_dirs(const std::string& path);

// Removes the empty folders `dirs` (listed from the top down), deepest first.
void remove_dirs(const std::vector<std::string>& dirs);

// A calendar folder's writes (plan --vdir), each whole or not at all: a new
// file's text goes first to a hidden temporary file in the same folder, synced,
// and only then is renamed over its name, so a reader (vdirsyncer) sees the
// old file or the new one, never half of one. Failures are Fatal, naming the
// file; a temporary file that failed is removed.
std::string stage_file(const std::string& dir, std::string_view name, std::string_view contents);
void commit_file(const std::string& staged, const std::string& path);
void discard_file(const std::string& staged) noexcept;
// Removes a file; one already gone is no failure.
void remove_file(const std::string& path);
// Syncs a folder, so the renames and removals in it last.
void sync_folder(const std::string& dir);
// Makes the folder `path` (0700) when it is missing and its parent is a
// folder: true when it made it. A missing parent, or a `path` that is
// something else than a folder, is an Error naming it.
Expected<bool> make_folder(const std::string& path);

// The size of the regular file at `path` (following links), or nothing
// when there is none.
std::optional<std::uint64_t> regular_file_size(const std::string& path);

// Moves the file `from` to `to` in one rename, making the folders above
// `to`: atomic, never half-written. An existing `to` is replaced only when
// it is empty. Why not, or nothing when it moved; across file systems it
// does not move (EXDEV).
std::optional<std::string> move_file(const std::string& from, const std::string& to);

// True when both paths name one existing file (same device and inode),
// also when one reaches it through a folder not yet made ("x/../c.toml").
bool same_file(const std::string& a, const std::string& b);

} // namespace touch::platform
