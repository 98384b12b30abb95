#include "cli/options.hpp"

#include "touch/core/diagnostic.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace touch::cli {

namespace {

template <typename T>
CLI::Option* add_positional_to(CLI::App& sub, const Command& row, std::size_t index, T& into) {
    if (index >= row.positionals.size())
        throw std::out_of_range(std::string(row.name) + ": no positional " + std::to_string(index));
    const auto& p = row.positionals[index];
    auto* opt = sub.add_option(std::string(p.id), into, std::string(p.help))
                    ->option_text(std::string(p.name));
    if (p.required) opt->required();
    if (p.kind == ArgKind::choice && !p.many) {
        std::vector<std::string> choices(p.choices.begin(), p.choices.end());
        opt->check(CLI::IsMember(choices));
    }
    return opt;
}

} // namespace

CLI::Option* add_positional(CLI::App& sub, const Command& row, std::size_t index,
                            std::string& into) {
    return add_positional_to(sub, row, index, into);
}

CLI::Option* add_positional(CLI::App& sub, const Command& row, std::size_t index,
                            std::vector<std::string>& into) {
    return add_positional_to(sub, row, index, into);
}

void add_table_options(CLI::App& sub, const Command& row, TableOptions& into) {
    if (row.formats != 0) {
        auto names = format_list(row.formats);
        sub.add_option("--format", into.format, "output format: " + join_words(names, " or "))
            ->check(CLI::IsMember(names))
            ->option_text("FORMAT");
    }
    if (!row.quiet) return;
    sub.add_flag("-q,--quiet", into.quiet, "print nothing when nothing is due");
    sub.add_flag("-e,--exit-status", into.exit_status, "exit 1 when nothing is due");
}

void add_team_options(CLI::App& sub, const Command& row, TeamOptions& into) {
    into.team = row.team;
    if (row.team == Team::none) return;
    sub.add_option("--for", into.for_person,
                   row.team == Team::runner
                       ? "the clients of this person of [people], and unassigned ones"
                       : "only the clients of this person of [people], and unassigned ones")
        ->option_text("NAME");
    if (row.team == Team::runner)
        sub.add_flag("--everyone", into.everyone, "every client, whoever looks after them");
}

std::optional<int> TeamOptions::person(const Context& ctx) const {
    if (team == Team::none || (team == Team::chosen && for_person.empty())) return std::nullopt;
    if (everyone && !for_person.empty())
        throw Fatal(exit_usage, "--for and --everyone: give one or the other");
    // The runner is asked for only where it chooses the view.
    auto runner = for_person.empty() && !everyone && !ctx.config.people.empty()
                      ? runner_name(ctx.env)
                      : std::nullopt;
    auto view =
        choose_view(ctx.config, {for_person, everyone,
                                 runner ? std::optional<std::string_view>(*runner) : std::nullopt});
    switch (view.problem) {
    case View::Problem::none:
        break;
    case View::Problem::unknown_person: {
        auto shown = escape_control(for_person);
        if (ctx.config.people.empty())
            throw Fatal(exit_usage,
                        fmt::format("--for {}: {} has no [people]", shown, ctx.clients_path));
        std::vector<std::string> ids;
        for (auto& p : ctx.config.people)
            ids.push_back(p.id);
        throw Fatal(exit_usage, fmt::format("--for: no person '{}' in [people]; {}", shown,
                                            did_you_mean_or_list(for_person, ids, "people")));
    }
    case View::Problem::runner_not_listed:
        warn(runner
                 ? fmt::format("'{}' is not in [people] of {}: showing every client; use --for "
                               "NAME or --everyone, or add [people.{}]",
                               escape_control(*runner), ctx.clients_path, escape_control(*runner))
                 : fmt::format("who runs touch is not known (set TOUCH_USER): showing every "
                               "client; use --for NAME or --everyone"));
        break;
    }
    return view.person;
}

Format TableOptions::output() const {
    if (format == "json") return Format::json;
    if (format == "csv") return Format::csv;
    if (format == "ics") return Format::ics;
    return Format::text;
}

int TableOptions::status(bool nothing) const {
    return nothing && exit_status ? exit_nothing_due : exit_ok;
}

} // namespace touch::cli
