// Where the log is: one file or a folder of per-person logs (SPEC §1), the
// files it is read from, and the file the runner appends to. Decided once,
// when a command's context loads, so no reader or writer looks at the path
// again; and the one place a large log's parallel reading is decided.
#pragma once

#include "touch/core/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

// One file of a log and whose it is: in a folder, the file's name without
// ".log"; empty for a single-file log.
struct LogFile {
    std::string path;
    std::string person;
    std::uint64_t size = 0;
};

struct LogLocation {
    std::string path;    // as named: --log, $TOUCH_LOG, settings.log or the XDG folder
    bool folder = false; // a folder of per-person logs
    // The files it is read from: a folder's `*.log` files sorted by name (none
    // when the folder is missing), else the one file; or why the folder
    // cannot be listed.
    Expected<std::vector<LogFile>> files;
    // The file the runner appends to and undoes in: the log itself, or in a
    // folder FOLDER/PERSON.log; or why not (the runner is not known, or the
    // name is no safe file name), a usage error.
    Expected<std::string> own;

    // The files to read; a folder that cannot be listed ends the command.
    const std::vector<LogFile>& readable_files() const { return files.or_fatal(); }
    // After an append: a folder's files again, the runner's perhaps new among them.
    void appended();
};

// The location of the log at `path` for the runner named `runner` (nothing:
// not known), whose name came from `runner_source` ("TOUCH_USER", say).
LogLocation locate_log(std::string path, const std::optional<std::string>& runner = std::nullopt,
                       std::string_view runner_source = {});

// A log is a folder (SPEC §1) when its path ends in '/' or names an existing
// directory. Then every `*.log` file in it is read as one log, and a person
// appends to FOLDER/PERSON.log.
bool is_log_folder(const std::string& path);

// FOLDER/PERSON.log.
std::string person_log_path(const std::string& folder, std::string_view person);

// Why `person` cannot name a file in a folder of logs (empty, a '/', a
// leading '.', a control character, too long), or nothing when it can.
std::optional<std::string> unsafe_person_reason(std::string_view person);

// How many threads read a log at once, and in how many pieces a file is cut.
// Why these numbers: a piece of its own costs a thread, a buffer and a
// History to build and merge. Measured, a 0.6 MB log (12,000 lines) read in
// two pieces was no quicker than in one and a 1.6 MB log (30,000 lines) was
// 5 to 10 % quicker, so a file is cut only into pieces of half a MiB or more;
// past eight threads reading is bound by memory, not cores, so one thread a
// core, at most eight. In a folder a file larger than one thread's share is
// read alone in pieces; the others are shared out whole among the threads.
struct ReadPolicy {
    static constexpr std::uint64_t min_piece = 512 * 1024;
    static constexpr std::size_t max_threads = 8;
    std::size_t threads = 1;

    // One thread per core of this machine, at most max_threads.
    static ReadPolicy of_this_machine();
    // How many pieces a file of `size` bytes is read in.
    std::size_t pieces_for(std::uint64_t size) const;
    // Whether a file of `size` bytes, of `count` files holding `total`, is read
    // alone in pieces rather than whole by one of the threads.
    bool read_alone(std::uint64_t size, std::uint64_t total, std::size_t count) const;
};

} // namespace touch
