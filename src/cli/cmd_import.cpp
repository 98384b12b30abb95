// touch import vcard FILE: [[clients]] blocks for the contacts in a vCard file.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "touch/platform.hpp"
#include "touch/vcard.hpp"

#include <fmt/format.h>

#include <memory>

namespace touch::cli {

namespace {

struct ImportOptions {
    std::string kind, file;
};

int run_import(const ImportOptions& opt, const GlobalOptions& globals) {
    auto text = platform::read_file(opt.file);
    if (!text)
        throw Fatal(exit_system,
                    fmt::format("{}: cannot open: No such file or directory", opt.file));
    auto result = parse_vcards(*text, opt.file);
    for (auto& d : result.diagnostics)
        fmt::print(stderr, "touch: {}\n", format_diagnostic(d));
    if (has_errors(result.diagnostics)) return exit_invalid_data;
    // Ids already in the clients file are taken, so the blocks can be appended.
    std::set<std::string> taken;
    try {
        auto path = clients_path(globals);
        if (auto existing = platform::read_file(path)) {
            auto parsed = parse_config(*existing, path);
            for (auto& c : parsed.config.clients) {
                taken.insert(c.id);
                for (auto& a : c.aliases)
                    taken.insert(a);
            }
        }
    } catch (const Fatal&) {
        // No clients file yet, or none readable: nothing is taken.
    }
    print_stdout(clients_toml(result.contacts, taken));
    return exit_ok;
}

} // namespace

void setup_import(CLI::App& app, Invocation& invocation) {
    auto opt = std::make_shared<ImportOptions>();
    auto* sub =
        app.add_subcommand("import", "print [[clients]] blocks for the contacts in a vCard file");
    sub->add_option("kind", opt->kind, "what to import: vcard")
        ->required()
        ->check(CLI::IsMember({"vcard"}))
        ->option_text("vcard");
    sub->add_option("file", opt->file, "a .vcf file")->required()->option_text("FILE");
    sub->callback([opt, &invocation] {
        invocation.run = [opt, &invocation] { return run_import(*opt, invocation.globals); };
    });
}

} // namespace touch::cli
