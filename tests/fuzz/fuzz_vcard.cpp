// libFuzzer: any bytes as a vCard file. Whatever the importer takes, the
// [[clients]] blocks it writes must load as a clients file without a single
// error, with one client per contact it did not skip, and importing the same
// bytes into that file must add nothing.
#include "touch/config/config.hpp"
#include "touch/import/contacts.hpp"
#include "touch/import/vcard.hpp"

#include "check.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace touch;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto result = parse_vcards(text, "fuzz.vcf");
    if (result.contacts.empty()) return 0;
    KnownClients known;
    known.names.insert("taken");
    auto output = clients_toml(result.contacts, known);
    auto loaded = parse_config(output.toml, "imported.toml");
    FUZZ_CHECK(!has_errors(loaded.diagnostics));
    FUZZ_CHECK(loaded.config.clients.size() + static_cast<std::size_t>(output.skipped) ==
               result.contacts.size());
    // Importing again into what was written adds nothing.
    KnownClients again;
    again.names.insert("taken");
    for (auto& c : loaded.config.clients)
        again.add(c);
    FUZZ_CHECK(clients_toml(result.contacts, again).toml.empty());
    return 0;
}
