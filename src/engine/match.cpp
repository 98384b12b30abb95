#include "touch/engine/match.hpp"

#include "touch/core/diagnostic.hpp"
#include "touch/util/text.hpp"

#include <algorithm>
#include <utility>

namespace touch {

std::vector<std::string_view> name_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t start = 0;
    auto word_char = [](unsigned char c) { return c >= 0x80 || std::isalnum(c); };
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && word_char(static_cast<unsigned char>(text[i]))) continue;
        if (i > start) words.push_back(text.substr(start, i - start));
        start = i + 1;
    }
    return words;
}

namespace {

template <typename Pred> std::vector<int> clients_where(const Config& config, Pred pred) {
    std::vector<int> out;
    for (std::size_t i = 0; i < config.clients.size(); ++i)
        if (pred(config.clients[i])) out.push_back(static_cast<int>(i));
    return out;
}

bool any_name(const Client& c, bool with_id, bool (*test)(std::string_view, std::string_view),
              std::string_view query) {
    if (with_id && test(c.id, query)) return true;
    if (test(c.name, query)) return true;
    return std::any_of(c.aliases.begin(), c.aliases.end(),
                       [&](const std::string& a) { return test(a, query); });
}

bool word_prefix(const Client& c, std::string_view query) {
    for (auto text : {std::string_view(c.id), std::string_view(c.name)})
        for (auto word : name_words(text))
            if (starts_with_ci(word, query)) return true;
    return false;
}

std::vector<int> spelled_alike(const Config& config, std::string_view query) {
    auto lower = to_lower(query);
    auto allowed = std::clamp<std::size_t>(lower.size() / 3 + 1, 1, 3);
    std::vector<std::pair<std::size_t, int>> scored;
    for (std::size_t i = 0; i < config.clients.size(); ++i) {
        const auto& c = config.clients[i];
        std::vector<std::string_view> names{c.id};
        names.insert(names.end(), c.aliases.begin(), c.aliases.end());
        for (auto w : name_words(c.name))
            names.push_back(w);
        std::size_t best = allowed + 1;
        for (auto n : names)
            best = std::min(best, edit_distance(lower, to_lower(n)));
        if (best <= allowed) scored.emplace_back(best, static_cast<int>(i));
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](auto& a, auto& b) { return a.first < b.first; });
    std::vector<int> out;
    for (std::size_t i = 0; i < scored.size() && i < 5; ++i)
        out.push_back(scored[i].second);
    return out;
}

} // namespace

ClientMatch match_client(const Config& config, std::string_view query) {
    ClientMatch match;
    if (query.empty()) return match;
    std::vector<int> found;
    auto steps = {
        +[](const Config& cfg, std::string_view q) {
            return clients_where(cfg, [&](const Client& c) { return c.id == q; });
        },
        +[](const Config& cfg, std::string_view q) {
            return clients_where(cfg,
                                 [&](const Client& c) { return any_name(c, true, equals_ci, q); });
        },
        +[](const Config& cfg, std::string_view q) {
            return clients_where(
                cfg, [&](const Client& c) { return any_name(c, true, starts_with_ci, q); });
        },
        +[](const Config& cfg, std::string_view q) {
            return clients_where(cfg, [&](const Client& c) { return word_prefix(c, q); });
        },
    };
    for (auto step : steps) {
        found = step(config, query);
        if (!found.empty()) break;
    }
    if (found.size() == 1)
        match.client = found.front();
    else if (!found.empty())
        match.ambiguous = std::move(found);
    else
        match.close = spelled_alike(config, query);
    return match;
}

} // namespace touch
