// Who looks after whom (SPEC §7): the people of [people], whose clients a
// report shows, and whose clients a `*` snooze in one person's file holds
// back. Pure, like the rest of the engine.
#pragma once

#include "touch/core/model.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace touch {

// The index of [people.ID] in config.people, or nothing.
std::optional<int> find_person(const Config& config, std::string_view id);

// Whether the view of `person` (an index into config.people; nothing:
// everyone) shows `client`: for everyone, every client; for a person, the
// clients whose team names them and the ones with no team, which no one
// else's view would show either. The one answer due, next, plan, remind and
// clients --for give.
bool shown_to(const Client& client, std::optional<int> person);

// Whether the view of `person` shows `client` while some of the team are
// away (`away`: per person of config.people, away today), and for whom it
// is cover (SPEC §7). A person away sees nothing. The touches of a client
// whose team has someone away go to the rest of its team, or to everyone
// when all of the team are away; such a row is marked as cover for the
// first of them away (in the view of everyone too).
struct InView {
    bool shown = false;
    int cover_for = -1; // an index into config.people, or -1
};
InView shown_while_away(const Client& client, std::optional<int> person,
                        const std::vector<char>& away);

// Whether the view of `person` shows a follow-up whose touch `made_by` made
// (a bit per person of [people]; see RecentTouch): it is theirs, whatever
// the client's team (SPEC §7). While all who made it are away it goes to the
// client's other team members, else to everyone, marked as cover for the
// first of them. A person away sees nothing; everyone's view sees it all.
InView follow_up_in_view(const Client& client, std::uint64_t made_by, std::optional<int> person,
                         const std::vector<char>& away);

// What a command was asked for: --for NAME, --everyone, or neither (the
// runner's view), and who runs it ($TOUCH_USER, else the login name).
struct ViewRequest {
    std::string_view for_person; // empty: no --for
    bool everyone = false;
    std::optional<std::string_view> runner;
};

struct View {
    enum class Problem {
        none,
        unknown_person,    // --for names no one in [people]: a usage error
        runner_not_listed, // the runner is not in [people], or unknown: they see everything
    };
    std::optional<int> person; // whose clients; nothing: every client
    Problem problem = Problem::none;
};

// Whose clients a report shows. Without [people] everything is one person's:
// every client, whoever runs it (and --for names no one).
View choose_view(const Config& config, const ViewRequest& request);

// What a `*` snooze in one person's file covers (SPEC §3): that person's
// clients (indices into config.clients), and the person (into config.people).
struct AwayScope {
    int person = -1;
    std::vector<int> clients;
};

// The clients a `*` snooze in `person`'s file covers: with [people], those
// whose team lists the person; nothing (every client) without [people]. In
// a team, the file of someone not in [people] is no one's: person -1, and
// its time away holds no one back.
std::optional<AwayScope> away_clients(const Config& config, std::string_view person);

} // namespace touch
