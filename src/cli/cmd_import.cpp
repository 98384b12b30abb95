// touch import vcard FILE: [[clients]] blocks for the contacts in a vCard file.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "touch/platform.hpp"
#include "touch/vcard.hpp"

#include <fmt/format.h>

#include <memory>

namespace touch::cli {

namespace {

struct ImportOptions {
    std::string kind, file;
};

int run_import(const ImportOptions& opt, Context& ctx) {
    auto text = platform::read_file(opt.file);
    if (!text)
        throw Fatal(exit_system,
                    fmt::format("{}: cannot open: No such file or directory", opt.file));
    auto result = parse_vcards(*text, opt.file);
    for (auto& d : result.diagnostics)
        print_error(format_diagnostic(d));
    if (has_errors(result.diagnostics)) return exit_invalid_data;
    // Ids already in the clients file are taken, so the blocks can be
    // appended; without a usable clients file nothing is taken.
    std::set<std::string> taken;
    auto file = read_clients_file(ctx.clients_path, ClientsPolicy::lenient);
    for (auto& c : file.parsed.config.clients) {
        taken.insert(c.id);
        taken.insert(c.aliases.begin(), c.aliases.end());
    }
    print_stdout(clients_toml(result.contacts, taken));
    return exit_ok;
}

} // namespace

Runner setup_import(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<ImportOptions>();
    add_positional(sub, row, 0, opt->kind);
    add_positional(sub, row, 1, opt->file);
    return bind_run(opt, run_import);
}

} // namespace touch::cli
