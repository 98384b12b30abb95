#include "support.hpp"

#include "touch/config/config.hpp"
#include "touch/engine/match.hpp"

#include <doctest/doctest.h>

using namespace touch;

namespace {

Config clients() {
    return config_of(R"toml(
[[clients]]
id = "acme"
name = "ACME"
[[clients]]
id = "acme-old"
name = "ACME"
[[clients]]
id = "brandt"
name = "Steuerkanzlei Brandt"
[[clients]]
id = "ost"
name = "Studio Ost (Lena Ost)"
aliases = ["studio"]
[[clients]]
id = "stb"
name = "Steuerberatung Ziegler"
)toml");
}

std::string id_of(const Config& config, std::string_view query) {
    auto m = match_client(config, query);
    return m.client < 0 ? "-" : config.clients[static_cast<std::size_t>(m.client)].id;
}

} // namespace

TEST_CASE("an exact id beats a name that several clients share") {
    auto config = clients();
    CHECK(id_of(config, "acme") == "acme");
    // "ACME" is the name of two: an exact id still decides for acme.
    CHECK(id_of(config, "ACME-OLD") == "acme-old");
}

TEST_CASE("an exact alias or name, then a prefix, then a prefix of a word") {
    auto config = clients();
    CHECK(id_of(config, "studio") == "ost");
    CHECK(id_of(config, "steuerkanzlei brandt") == "brandt");
    CHECK(id_of(config, "bra") == "brandt");
    CHECK(id_of(config, "lena") == "ost"); // a word inside the name
    CHECK(id_of(config, "zieg") == "stb"); // likewise
    auto ambiguous = match_client(config, "steuer");
    CHECK(ambiguous.client == -1);
    CHECK(ambiguous.ambiguous.size() == 2);
}

TEST_CASE("an unknown client gets the clients spelled alike, not the whole list") {
    auto config = clients();
    auto m = match_client(config, "brant");
    CHECK(m.client == -1);
    REQUIRE(m.close.size() == 1);
    CHECK(config.clients[static_cast<std::size_t>(m.close[0])].id == "brandt");
    CHECK(match_client(config, "qqqqqq").close.empty());
    CHECK(match_client(config, "").client == -1);
}

TEST_CASE("the words of a name") {
    auto words = name_words("Acme Corp (Dana Lee)");
    REQUIRE(words.size() == 4);
    CHECK(words[2] == "Dana");
    CHECK(name_words("acme-old").size() == 2);
    CHECK(name_words("Schloß Köln").size() == 2);
}
