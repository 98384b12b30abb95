// The log on disk: read through the log layer's parser into what the engine
// and the reports need. The one reader every command uses (due, history,
// check, show, stats), and the one place a large log is read in parallel.
#pragma once

#include "touch/engine/history.hpp"
#include "touch/log/log.hpp"
#include "touch/platform/files.hpp"
#include "touch/storage/log_location.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

using EntrySink = std::function<void(const Entry& entry, std::size_t line)>;

// A line the reader skips: `parsed` says why, or is null when the line is
// longer than max_line_length.
using ProblemSink =
    std::function<void(std::string_view text, std::size_t line, const ParsedLine* parsed)>;

// Reads one stretch of a log: every entry to `handler`, every other
// non-blank line counted (and passed to `on_problem` when one is given).
// Handler has `entry(const Entry&, std::size_t line)` for any entry, and
// `bool plain_entry` (same arguments) for the fields LineParser::read_fields
// cut: one client and a channel that is no snooze or promise, which is what
// nearly every line is, so a handler may skip the questions the others
// raise. It checks them with plain_ids_valid (or knows them valid) and
// returns false, having done nothing, when they are not: the line is then
// read the long way.
template <typename Handler> class LogReader {
public:
    explicit LogReader(Handler handler, bool at_file_start = true, ProblemSink on_problem = {})
        : handler_(std::move(handler))
        , on_problem_(std::move(on_problem))
        , splitter_(Lines{this}, at_file_start) {}
    LogReader(const LogReader&) = delete;
    LogReader& operator=(const LogReader&) = delete;
    ChunkSink& sink() { return splitter_; }
    std::size_t lines() const { return splitter_.lines(); }
    bool unterminated() const { return splitter_.unterminated(); }
    const LogProblems& problems() const { return problems_; }
    Handler& handler() { return handler_; }

private:
    struct Lines {
        LogReader* reader;
        void operator()(std::string_view line, std::size_t number, bool too_long) const {
            reader->read(line, number, too_long);
        }
    };
    Handler handler_;
    ProblemSink on_problem_;
    LineParser parser_;
    LogProblems problems_;
    Entry entry_;
    LineSplitter<Lines> splitter_;

    void read(std::string_view line, std::size_t number, bool too_long) {
        if (!too_long && parser_.read_fields(line, entry_) && handler_.plain_entry(entry_, number))
            return;
        read_other(line, number, too_long);
    }
    void read_other(std::string_view line, std::size_t number, bool too_long) {
        if (too_long) {
            skip(line, number, nullptr);
            return;
        }
        // The fast path did not take it: the reference reading says what it is.
        auto parsed = parse_log_line_reference(line);
        if (parsed.kind == LineKind::entry)
            handler_.entry(parsed.entry, number);
        else if (parsed.kind == LineKind::malformed)
            skip(line, number, &parsed);
    }
    void skip(std::string_view line, std::size_t number, const ParsedLine* parsed) {
        if (problems_.skipped++ == 0) problems_.first_line = number;
        if (on_problem_) on_problem_(line, number, parsed);
    }
};

// What reading a whole log found besides its entries.
struct LogScan {
    bool exists = false;       // a missing log is an empty one
    std::size_t lines = 0;     // lines read, blank ones included
    bool unterminated = false; // the last line has no newline
    LogProblems problems;
};

// Streams the log at `path` through `on_entry` (and `on_problem`).
LogScan scan_log_file(const std::string& path, const EntrySink& on_entry,
                      const ProblemSink& on_problem = {});

// The log at `path` streamed as scan_log_file streams it, but a large file in
// pieces at once, as `policy` says: piece i's entries and skipped lines go to
// the sinks `make(i)` gives (called on the piece's thread), with line numbers
// counted from the piece's start. Per piece in file order: its lines and
// whether it ends without a newline; `exists` is the file's.
struct LogPieceSinks {
    EntrySink on_entry;
    ProblemSink on_problem;
};
std::vector<LogScan> scan_log_pieces(const std::string& path, const ReadPolicy& policy,
                                     const std::function<LogPieceSinks(std::size_t)>& make);

// The log file at `path` folded into a History. A large file is read in
// pieces at once (as `policy` says), each into a History of its own; the
// pieces then merge into the History one pass gives, and their problems add
// up as if read in one pass.
History read_history_file(const std::string& path, const Config& config, Date today,
                          const ReadPolicy& policy, LogProblems& problems);

// The file at `path` read in pieces at once, as `policy` says (as
// read_history_file reads it), each piece through a LogReader of its own
// over the handler `make(i)` gives for piece i (on the piece's thread).
// The readers in file order, for their handlers to be merged in it; none
// when the file does not exist.
template <typename Handler, typename Make>
std::vector<std::unique_ptr<LogReader<Handler>>>
read_in_pieces(const std::string& path, const ReadPolicy& policy, const Make& make) {
    std::vector<std::unique_ptr<LogReader<Handler>>> readers;
    auto used = platform::read_lines_in_parts(
        path,
        [&](std::uint64_t size) {
            readers.resize(policy.pieces_for(size));
            return readers.size();
        },
        [&](std::size_t i) -> ChunkSink& {
            readers[i] = std::make_unique<LogReader<Handler>>(make(i), i == 0);
            return readers[i]->sink();
        });
    readers.resize(used);
    return readers;
}

// What the pieces of one file skipped, as one pass would have counted it:
// each piece's line numbers count from its own start.
template <typename Handler>
LogProblems pieces_problems(const std::vector<std::unique_ptr<LogReader<Handler>>>& readers) {
    LogProblems problems;
    std::size_t lines_before = 0;
    for (const auto& reader : readers) {
        const auto& piece = reader->problems();
        if (piece.skipped > 0 && problems.skipped == 0)
            problems.first_line = lines_before + piece.first_line;
        problems.skipped += piece.skipped;
        lines_before += reader->lines();
    }
    return problems;
}

// The persons of a line seen in several files of a folder: "pat" and "lee"
// make "pat,lee"; a person already named is not added again, and `more` may
// name several, joined the same way.
void add_persons(std::string& who, std::string_view more);

// What reading a log skipped, and in which file the first skipped line is.
struct LogFolderProblems {
    LogProblems problems;
    std::string first_path;
    std::size_t files = 0; // how many files had a skipped line

    void add(const LogProblems& found, const std::string& path);
};

// read_history_file for a log that may be a folder: its files are read at
// once, as `policy` shares them out, identical lines across files counted once.
History read_history_log(const LogLocation& log, const Config& config, Date today,
                         const ReadPolicy& policy, LogFolderProblems& problems);

// The entries `keep` accepts, identical lines once, newest first; at most
// `limit` (0: all) are kept while reading, so memory follows the limit, not
// the log.
// In a folder each line says whose file holds it (LogLine::person; an
// identical line in several files names each of them, joined by commas).
std::vector<LogLine> read_log_lines(const LogLocation& log,
                                    const std::function<bool(const Entry&)>& keep,
                                    std::size_t limit, LogProblems& problems,
                                    const ReadPolicy& policy = {});
std::vector<LogLine> read_log_lines(const LogLocation& log,
                                    const std::function<bool(const Entry&)>& keep,
                                    std::size_t limit, LogFolderProblems& problems,
                                    const ReadPolicy& policy = {});
// The same lines held where they were read, not copied a LogLine each: what
// a report of the whole log reads. A large file is read in pieces at once,
// as `policy` says, each sorted on its own thread; `keep` is called from each.
std::unique_ptr<LogLineList> read_log_line_list(const LogLocation& log,
                                                const std::function<bool(const Entry&)>& keep,
                                                std::size_t limit, const ReadPolicy& policy,
                                                LogFolderProblems& problems);

} // namespace touch
