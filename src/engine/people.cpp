#include "touch/engine/people.hpp"

#include "touch/util/text.hpp"

#include <algorithm>

namespace touch {

std::optional<int> find_person(const Config& config, std::string_view id) {
    for (std::size_t i = 0; i < config.people.size(); ++i)
        if (config.people[i].id == id) return static_cast<int>(i);
    return std::nullopt;
}

bool shown_to(const Client& client, std::optional<int> person) {
    return !person || client.team.empty() ||
           std::find(client.team.begin(), client.team.end(), *person) != client.team.end();
}

InView shown_while_away(const Client& client, std::optional<int> person,
                        const std::vector<char>& away) {
    auto is_away = [&](int p) { return away.at(static_cast<std::size_t>(p)) != 0; };
    if (person && is_away(*person)) return {};
    int first_away = -1;
    bool someone_here = false;
    for (auto p : client.team) {
        if (p == person) continue;
        if (is_away(p)) {
            if (first_away < 0) first_away = p;
        } else {
            someone_here = true;
        }
    }
    bool mine = !person || client.team.empty() ||
                std::find(client.team.begin(), client.team.end(), *person) != client.team.end();
    // Not one's own: shown only when all of its team are away.
    if (!mine && someone_here) return {};
    return {true, first_away};
}

InView follow_up_in_view(const Client& client, std::uint64_t made_by, std::optional<int> person,
                         const std::vector<char>& away) {
    auto bit = [](int p) { return p < 64 ? std::uint64_t{1} << p : 0; };
    std::uint64_t away_bits = 0;
    int first_away = -1;
    for (std::size_t p = 0; p < away.size(); ++p) {
        if (!away[p]) continue;
        away_bits |= bit(static_cast<int>(p));
        if (first_away < 0 && (made_by & bit(static_cast<int>(p))))
            first_away = static_cast<int>(p);
    }
    if (person && (away_bits & bit(*person))) return {};
    bool all_away = (made_by & ~away_bits) == 0;
    if (!person) return {true, all_away ? first_away : -1};
    if (!all_away) return {(made_by & bit(*person)) != 0, -1};
    // Cover: the rest of the client's team who are here, else everyone.
    bool team_here = false;
    for (auto p : client.team)
        team_here = team_here || !(bit(p) & (made_by | away_bits));
    bool on_team = std::find(client.team.begin(), client.team.end(), *person) != client.team.end();
    return {!team_here || on_team, first_away};
}

View choose_view(const Config& config, const ViewRequest& request) {
    if (!request.for_person.empty()) {
        // A person's name as typed: `--for Tom` is [people.tom], as client
        // names match whatever their case. The runner's own name stays exact:
        // it names their file in a folder of logs.
        if (auto person = find_person(config, request.for_person)) return {person};
        for (std::size_t i = 0; i < config.people.size(); ++i)
            if (equals_ci(config.people[i].id, request.for_person)) return {static_cast<int>(i)};
        return {std::nullopt, View::Problem::unknown_person};
    }
    if (request.everyone || config.people.empty()) return {};
    if (request.runner)
        if (auto person = find_person(config, *request.runner)) return {person};
    return {std::nullopt, View::Problem::runner_not_listed};
}

std::optional<AwayScope> away_clients(const Config& config, std::string_view person) {
    if (config.people.empty()) return std::nullopt;
    auto index = find_person(config, person);
    if (!index) return AwayScope{};
    AwayScope scope{*index, {}};
    for (std::size_t c = 0; c < config.clients.size(); ++c) {
        const auto& team = config.clients[c].team;
        if (std::find(team.begin(), team.end(), *index) != team.end())
            scope.clients.push_back(static_cast<int>(c));
    }
    return scope;
}

} // namespace touch
