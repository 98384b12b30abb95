// The sections of the clients file, each loaded on its own through a Reader,
// and the TOML syntax pass before them. parse.cpp runs them in order:
// channels first (everything else names them), then settings, cadence, tiers,
// rules, people and clients.
#pragma once

#include "reader.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace touch::config_detail {

// toml++ reports syntax errors by exception; here they become a value.
struct ParsedToml {
    toml::table root;
    std::optional<Diagnostic> error;
};
ParsedToml parse_toml(std::string_view text, std::string_view path);

// [channels]: declares every custom channel, then reads each one's keys.
void load_channels(Reader& reader, const toml::table& table);
// Config::counts_as from every channel's `covers`.
void compute_closure(Config& config);

void load_settings(Reader& reader, const toml::table& table);

// A cadence table ([cadence], a tier's or a client's); `where` names it.
CadenceTable load_cadence(Reader& reader, const toml::table& table, std::string_view where);
void load_tiers(Reader& reader, const toml::table& table);

void load_rules(Reader& reader, const toml::node& node);

// [people.NAME]: before the clients, whose `team` names them.
void load_people(Reader& reader, const toml::table& table);

// [[clients]], with every client id and alias claimed so far: the two runs of
// a file read in parts each have their own and are compared afterwards.
class ClientsLoader {
public:
    using Claimed = std::map<std::string, int, std::less<>>; // id or alias -> line

    explicit ClientsLoader(Reader& reader)
        : reader_(reader) {}
    void load(const toml::node& clients);
    const Claimed& claimed() const { return claimed_; }

private:
    Reader& reader_;
    Claimed claimed_;

    void load_client(const toml::table& t, const toml::source_region& where);
    std::optional<std::string> client_id(const toml::table& t, const toml::source_region& where);
    void load_field(Client& c, std::string_view key, const toml::node& node);
    void load_aliases(Client& c, const toml::node& node);
    std::optional<int> tier_ref(const toml::node& node);
    std::vector<int> team_refs(const toml::node& node);
    void unknown_person(const std::string& name, const toml::source_region& where);
    std::optional<Birthday> birthday_value(const toml::node& node);
    bool claim(const std::string& key, const toml::source_region& at, std::string_view kind);
};

} // namespace touch::config_detail
