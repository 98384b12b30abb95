// The sections of the clients file, each loaded on its own through a Reader,
// and the TOML syntax pass before them. parse.cpp runs them in order:
// channels first (everything else names them), then settings, cadence, tiers,
// rules, people and clients.
#pragma once

#include "reader.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

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

// [import]: how other programs' records become touches; [import.ics] for now.
void load_import(Reader& reader, const toml::table& table);

// Where a cadence table stands, as messages name it: "cadence",
// "tiers.NAME.cadence" or "clients.ID.cadence". Put together only for a
// message: a large file has a thousand clients with a cadence of their own.
struct CadencePlace {
    std::string_view section;    // "cadence", "tiers" or "clients"
    std::string_view owner = {}; // the tier's name or the client's id
    std::string text() const;
};

// A cadence table ([cadence], a tier's or a client's).
CadenceTable load_cadence(Reader& reader, const toml::table& table, const CadencePlace& where);
void load_tiers(Reader& reader, const toml::table& table);

void load_rules(Reader& reader, const toml::node& node);

// [people.NAME]: before the clients, whose `team` names them.
void load_people(Reader& reader, const toml::table& table);

enum class ClientKey : std::uint8_t; // the keys of a [[clients]] table

// [[clients]], with every client id and alias claimed so far: the two runs of
// a file read in parts each have their own and are compared afterwards.
class ClientsLoader {
public:
    using Claimed = std::unordered_map<std::string, int>; // id or alias -> line

    explicit ClientsLoader(Reader& reader)
        : reader_(reader) {}
    void load(const toml::node& clients);
    Claimed take_claimed() { return std::move(claimed_); }

private:
    Reader& reader_;
    Claimed claimed_;

    void load_client(const toml::table& t, const toml::source_region& where);
    std::vector<std::pair<ClientKey, const toml::node*>> fields_; // of the client being read

    const std::string* client_id(const toml::node* node, const toml::source_region& where);
    void load_field(Client& c, ClientKey key, const toml::node& node);
    void load_aliases(Client& c, const toml::node& node);
    void first_and_others(const toml::node& node, std::string_view key, std::string& first,
                          std::vector<std::string>& others);
    std::optional<int> tier_ref(const toml::node& node);
    std::vector<int> team_refs(const toml::node& node);
    void unknown_person(const std::string& name, const toml::source_region& where);
    std::optional<Birthday> birthday_value(const toml::node& node);
    bool claim(const std::string& key, const toml::source_region& at, std::string_view kind);
};

} // namespace touch::config_detail
