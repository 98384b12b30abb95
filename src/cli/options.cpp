#include "cli/options.hpp"

#include "touch/text.hpp"

namespace touch::cli {

namespace {

template <typename T>
CLI::Option* add_positional_to(CLI::App& sub, const Command& row, std::size_t index, T& into) {
    const auto& p = row.positionals.at(index);
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
