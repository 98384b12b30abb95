#include "touch/core/diagnostic.hpp"

#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

bool has_errors(const Diagnostics& diags) {
    return std::any_of(diags.begin(), diags.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.path;
    if (d.line > 0) out += fmt::format(":{}", d.line);
    if (d.line > 0 && d.col > 0) out += fmt::format(":{}", d.col);
    out += d.severity == Severity::error ? ": error: " : ": warning: ";
    out += escape_control(d.message);
    return out;
}

std::string_view source_line(std::string_view text, int line) {
    if (line <= 0) return {};
    std::size_t pos = 0;
    for (int i = 1; i < line; ++i) {
        pos = text.find('\n', pos);
        if (pos == std::string_view::npos) return {};
        ++pos;
    }
    auto end = text.find('\n', pos);
    auto result = text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
    if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
    return result;
}

std::string format_diagnostic_long(const Diagnostic& d, std::string_view line_text) {
    std::string out = format_diagnostic(d);
    out += '\n';
    auto text = line_text;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (!text.empty()) {
        // Long lines (a 5 MB log line) are cut: the caret is what matters.
        constexpr std::size_t shown = 160;
        auto clipped = text.substr(0, shown);
        out += "    ";
        out += escape_control(clipped);
        if (text.size() > shown) out += "...";
        out += '\n';
        if (d.col > 0 && static_cast<std::size_t>(d.col) <= shown) {
            // Escaping widens some characters; count display columns the same way.
            auto before = escape_control(clipped.substr(0, static_cast<std::size_t>(d.col - 1)));
            out += "    ";
            out += std::string(display_width(before), ' ');
            out += "^\n";
        }
    }
    if (!d.hint.empty()) out += fmt::format("    hint: {}\n", d.hint);
    return out;
}

// Edits between two words, a swap of neighbours counting as one ("visti").
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = 0;
    for (const auto& c : candidates) {
        auto dist = edit_distance(word, c);
        if (best.empty() || dist < best_distance) {
            best = c;
            best_distance = dist;
        }
    }
    // A third of the word and one more letter may be wrong, at most three.
    auto allowed = std::clamp<std::size_t>(word.size() / 3 + 1, 1, 3);
    return best_distance <= allowed ? best : std::string{};
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    auto guess = closest_match(word, candidates);
    return guess.empty() ? std::string{} : "did you mean '" + guess + "'?";
}

std::string did_you_mean_or_list(std::string_view word, const std::vector<std::string>& candidates,
                                 std::string_view label) {
    auto guess = did_you_mean(word, candidates);
    return guess.empty() ? fmt::format("{}: {}", label, join_words(candidates, " and ")) : guess;
}

} // namespace touch
