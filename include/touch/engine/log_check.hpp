// Checking a log against the clients file, for `touch check`: the lines the
// reader skips, names the clients file does not know, a last line without a
// newline and lines dated after today, each a Diagnostic at its line. Pure:
// the lines are fed in (a file is read by the storage layer) or given as text.
#pragma once

#include "touch/core/diagnostic.hpp"
#include "touch/core/model.hpp"
#include "touch/engine/name_index.hpp"
#include "touch/log/log.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

// A huge broken log should not print a million errors.
inline constexpr std::size_t max_line_reports = 50;

struct LogCheck {
    // The first max_line_reports malformed lines (errors), then the warnings.
    Diagnostics diagnostics;
    // Per diagnostic: the line to show under it, when there is one; else empty.
    std::vector<std::string> sources;
    std::size_t entries = 0;
    std::size_t errors = 0;     // every malformed line, reported or not
    std::size_t unreported = 0; // malformed lines past max_line_reports
    std::size_t warnings = 0;
};

class LogChecker {
public:
    // The clients' and channels' names a log's are checked against, looked
    // up through indexes made once for all the checkers of one log.
    struct Names {
        NameIndex clients, channels;
        explicit Names(const Config& config);
    };
    // `config`: the clients file whose names the log's are checked against;
    // null when it has errors, and then the names are not checked. `names`:
    // its Names, made here when not given.
    LogChecker(std::string path, const Config* config, Date today,
               std::shared_ptr<const Names> names = nullptr);
    void entry(const Entry& entry, std::size_t line);
    // A line the reader skips: `parsed` says why; null when it is longer than
    // max_line_length.
    void malformed(std::string_view text, std::size_t line, const ParsedLine* parsed);
    // After the last line: how many lines there were, and whether the last
    // had no newline.
    LogCheck finish(std::size_t lines, bool unterminated);
    // What `later` found in the next piece of the same file, whose line
    // numbers count from that piece's start, after `lines_before` lines:
    // the two as one checker of both pieces would have found it.
    void absorb(LogChecker&& later, std::size_t lines_before);

private:
    struct UnknownName {
        std::size_t first_line = 0;
        std::size_t count = 0;
    };
    using UnknownNames = std::map<std::string, UnknownName, std::less<>>;

    std::string path_;
    const Config* config_;
    Date today_;
    std::shared_ptr<const Names> names_;
    LogCheck check_;
    UnknownNames unknown_clients_, unknown_channels_;
    std::size_t future_ = 0, first_future_ = 0;

    static void note_unknown(UnknownNames& names, std::string_view name, std::size_t line);
    void note_names(const Entry& entry, std::size_t line);
    void warn(std::size_t line, std::string message, std::string hint);
    void warn_names();
};

// The check of a whole log held as text.
LogCheck check_log_text(std::string path, std::string_view text, const Config* config, Date today);

} // namespace touch
