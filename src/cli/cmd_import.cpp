// touch import vcard FILE|DIR...: [[clients]] blocks for the contacts in vCard
// files and folders of them that the clients file does not have yet.
#include "cli/options.hpp"
#include "cli/setup.hpp"
#include "touch/import/contacts.hpp"
#include "touch/import/vcard.hpp"
#include "touch/platform/files.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <system_error>

namespace touch::cli {

namespace {

struct ImportOptions {
    std::string kind;
    std::vector<std::string> files;
};

// A folder (a vdir, as khard and vdirsyncer keep contacts) is its *.vcf files
// in name order.
std::vector<std::string> vcard_files(const std::string& arg) {
    std::error_code ec;
    if (!std::filesystem::is_directory(arg, ec)) return {arg};
    std::vector<std::string> files;
    for (auto& entry : std::filesystem::directory_iterator(arg, ec)) {
        auto name = entry.path().filename().string();
        if (name.size() > 4 && equals_ci(std::string_view(name).substr(name.size() - 4), ".vcf") &&
            name[0] != '.')
            files.push_back(entry.path().string());
    }
    if (ec) throw Fatal(exit_system, fmt::format("{}: cannot read: {}", arg, ec.message()));
    std::sort(files.begin(), files.end());
    return files;
}

int run_import(const ImportOptions& opt, Context& ctx) {
    // What the clients file has: ids and aliases are taken, known contacts
    // skipped; without a usable clients file nothing is known.
    KnownClients known;
    const auto& path = ctx.clients_path;
    auto file = read_clients_file(path, ClientsPolicy::lenient);
    for (auto& c : file.parsed.config.clients) {
        known.add(c);
    }
    std::vector<ImportedContact> contacts;
    bool failed = false;
    for (auto& arg : opt.files) {
        for (auto& file : vcard_files(arg)) {
            auto text = platform::read_file(file);
            if (!text)
                throw Fatal(exit_system,
                            fmt::format("{}: cannot open: No such file or directory", file));
            auto result = parse_vcards(*text, file);
            for (auto& d : result.diagnostics)
                print_error(format_diagnostic(d));
            failed = failed || has_errors(result.diagnostics);
            for (auto& c : result.contacts)
                contacts.push_back(std::move(c));
        }
    }
    auto output = clients_toml(contacts, known);
    if (output.skipped > 0)
        print_error(fmt::format("{} {} already in {}, skipped", output.skipped,
                                output.skipped == 1 ? "contact" : "contacts", path));
    print_stdout(output.toml);
    return failed ? exit_invalid_data : exit_ok;
}

} // namespace

Runner setup_import(CLI::App& sub, const Command& row) {
    auto opt = std::make_shared<ImportOptions>();
    add_positional(sub, row, 0, opt->kind);
    add_positional(sub, row, 1, opt->files);
    return bind_run(opt, run_import);
}

} // namespace touch::cli
