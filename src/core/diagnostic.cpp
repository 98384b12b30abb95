#include "touch/core/diagnostic.hpp"

#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

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

namespace {

// Edits between two words, a swap of neighbours counting as one ("visti"),
// by the table, three rows at a time: for words longer than a machine word.
std::size_t edit_distance_by_table(std::string_view a, std::string_view b) {
    const std::size_t n = b.size() + 1;
    std::vector<std::size_t> rows(3 * n);
    std::size_t* before = rows.data(); // row i - 2
    std::size_t* prev = before + n;    // row i - 1
    std::size_t* cur = prev + n;       // row i
    for (std::size_t j = 0; j < n; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j < n; ++j) {
            cur[j] = std::min(
                {prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], before[j - 2] + 1);
        }
        std::swap(before, prev);
        std::swap(prev, cur);
    }
    return prev[n - 1];
}

// The same distance from a word of 1 to 64 bytes to any other, a column of
// the table per 64-bit word (Hyyrö, 2003). An unknown id in the log is
// measured against every client's, so this is done once per word and then
// costs a dozen instructions a letter.
class WordPattern {
public:
    explicit WordPattern(std::string_view word)
        : size_(word.size()) {
        for (std::size_t i = 0; i < word.size(); ++i)
            positions_[static_cast<unsigned char>(word[i])] |= std::uint64_t{1} << i;
    }

    std::size_t distance_to(std::string_view other) const {
        std::uint64_t vp = ~std::uint64_t{0}, vn = 0, d0 = 0, pm_before = 0;
        const std::uint64_t last = std::uint64_t{1} << (size_ - 1);
        std::size_t dist = size_;
        for (char ch : other) {
            std::uint64_t pm = positions_[static_cast<unsigned char>(ch)];
            std::uint64_t swapped = ((~d0 & pm) << 1) & pm_before;
            d0 = (((pm & vp) + vp) ^ vp) | pm | vn | swapped;
            std::uint64_t hp = vn | ~(d0 | vp);
            std::uint64_t hn = d0 & vp;
            dist += (hp & last) ? 1 : 0;
            dist -= (hn & last) ? 1 : 0;
            hp = (hp << 1) | 1;
            vp = (hn << 1) | ~(d0 | hp);
            vn = hp & d0;
            pm_before = pm;
        }
        return dist;
    }

    static bool fits(std::string_view word) { return !word.empty() && word.size() <= 64; }

    // The letters of a word as bits of one word, a few letters sharing a bit.
    static std::uint64_t letters(std::string_view word) {
        std::uint64_t bits = 0;
        for (char ch : word)
            bits |= std::uint64_t{1} << (static_cast<unsigned char>(ch) & 63);
        return bits;
    }

private:
    std::array<std::uint64_t, 256> positions_{};
    std::size_t size_;
};

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    if (WordPattern::fits(a)) return WordPattern(a).distance_to(b);
    if (a.empty()) return b.size();
    return edit_distance_by_table(a, b);
}

namespace {

// Whether more than `n` bits are set: cheaper than counting them all where
// the processor has no instruction for it.
bool more_bits(std::uint64_t bits, std::size_t n) {
    for (std::size_t i = 0; i < n && bits; ++i)
        bits &= bits - 1;
    return bits != 0;
}

// The first of the closest names, if within a third of the word and one more
// letter (at most three); `letters_of(i)` is the letters of names[i].
template <class Letters>
std::string closest_of(std::string_view word, const std::vector<std::string>& names,
                       const Letters& letters_of) {
    auto allowed = std::clamp<std::size_t>(word.size() / 3 + 1, 1, 3);
    std::optional<WordPattern> pattern;
    if (WordPattern::fits(word)) pattern.emplace(word);
    const auto letters = WordPattern::letters(word);
    const std::string* best = nullptr;
    std::size_t best_distance = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto& c = names[i];
        // Words whose lengths differ by more than that cannot be the answer,
        // nor those with more letters the other lacks: each edit adds or
        // removes at most one, a swap none.
        auto longer = std::max(word.size(), c.size()), shorter = std::min(word.size(), c.size());
        if (longer - shorter > allowed) continue;
        auto theirs = letters_of(i);
        if (more_bits(letters & ~theirs, allowed) || more_bits(theirs & ~letters, allowed))
            continue;
        auto dist = pattern ? pattern->distance_to(c) : edit_distance(word, c);
        if (!best || dist < best_distance) {
            best = &c;
            best_distance = dist;
        }
    }
    return best && best_distance <= allowed ? *best : std::string{};
}

std::string in_question(const std::string& guess) {
    return guess.empty() ? std::string{} : "did you mean '" + guess + "'?";
}

} // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    return closest_of(word, candidates,
                      [&](std::size_t i) { return WordPattern::letters(candidates[i]); });
}

NameGuesser::NameGuesser(std::vector<std::string> names)
    : names_(std::move(names)) {
    letters_.reserve(names_.size());
    for (auto& name : names_)
        letters_.push_back(WordPattern::letters(name));
}

std::string NameGuesser::did_you_mean(std::string_view word) const {
    return in_question(closest_of(word, names_, [&](std::size_t i) { return letters_[i]; }));
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    return in_question(closest_match(word, candidates));
}

std::string did_you_mean_or_list(std::string_view word, const std::vector<std::string>& candidates,
                                 std::string_view label) {
    auto guess = did_you_mean(word, candidates);
    return guess.empty() ? fmt::format("{}: {}", label, join_words(candidates, " and ")) : guess;
}

} // namespace touch
