// A problem found in one of the user's files, and the two ways it is printed:
// one line for commands that stop on it, and the full form (the line, a caret
// and a hint) that `touch check` gives.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

enum class Severity { warning, error };

struct Diagnostic {
    std::string path;
    int line = 0; // 1-based; 0 when the problem is with the file as a whole
    int col = 0;  // 1-based; 0 when unknown
    Severity severity = Severity::error;
    std::string message;
    std::string hint; // optional: what to do about it
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diags);

// "FILE:LINE:COL: error: message"
std::string format_diagnostic(const Diagnostic& d);

// The one-line form, then the offending line (`line_text`, when at hand) with
// a caret under the column, then the hint.
std::string format_diagnostic_long(const Diagnostic& d, std::string_view line_text);

// The source line `line` (1-based) of `text`, without its newline.
std::string_view source_line(std::string_view text, int line);

// The candidate closest to `word` by edit distance, if any is close enough to
// be a likely typo; empty otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "did you mean 'call'?" for the closest candidate, or empty: the one
// wording of the suggestion everywhere.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// did_you_mean for many words among the same names: each name's length and
// letters are read once, and most names are ruled out by those alone.
class NameGuesser {
public:
    explicit NameGuesser(std::vector<std::string> names);
    std::string did_you_mean(std::string_view word) const;

private:
    std::vector<std::string> names_;
    std::vector<std::uint64_t> letters_;
};

// The hint for an unknown name: did_you_mean, else every candidate after
// `label` ("channels: visit, call and note").
std::string did_you_mean_or_list(std::string_view word, const std::vector<std::string>& candidates,
                                 std::string_view label);

// Optimal string alignment distance: insertions, deletions, substitutions
// and swaps of two neighbours each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace touch
