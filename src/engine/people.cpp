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
    auto index = find_person(config, person);
    if (!index) return std::nullopt;
    AwayScope scope{*index, {}};
    for (std::size_t c = 0; c < config.clients.size(); ++c) {
        const auto& team = config.clients[c].team;
        if (std::find(team.begin(), team.end(), *index) != team.end())
            scope.clients.push_back(static_cast<int>(c));
    }
    return scope;
}

} // namespace touch
