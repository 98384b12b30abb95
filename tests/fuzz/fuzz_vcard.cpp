// libFuzzer: any bytes as a vCard file. Whatever the importer takes, the
// [[clients]] blocks it writes must load as a clients file without a single
// error, with one client per contact.
#include "touch/config.hpp"
#include "touch/vcard.hpp"

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
    std::string toml = clients_toml(result.contacts, {"taken"});
    auto loaded = parse_config(toml, "imported.toml");
    FUZZ_CHECK(!has_errors(loaded.diagnostics));
    FUZZ_CHECK(loaded.config.clients.size() == result.contacts.size());
    return 0;
}
