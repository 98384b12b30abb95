// [[clients]]: each client's id, names, channels, cadence and details.

#include "sections.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace touch {

bool Client::avoids(ChannelId ch) const {
    return std::find(avoid.begin(), avoid.end(), ch) != avoid.end();
}

bool Client::has_tag(std::string_view tag) const {
    return std::any_of(tags.begin(), tags.end(),
                       [&](const std::string& t) { return equals_ci(t, tag); });
}

namespace config_detail {

enum class ClientKey : std::uint8_t {
    id,
    name,
    aliases,
    tier,
    prefers,
    avoid,
    cadence,
    since,
    paused_until,
    birthday,
    city,
    tags,
    phone,
    email,
    address,
    notes,
    team,
    vcard_uid,
};

namespace {

// Indexed by ClientKey.
constexpr std::array<std::string_view, 18> client_keys{
    "id",      "name",  "aliases",      "tier",     "prefers", "avoid",
    "cadence", "since", "paused_until", "birthday", "city",    "tags",
    "phone",   "email", "address",      "notes",    "team",    "vcard_uid"};

// The key of a client's table, or nothing. Every key of every client comes
// through here: its length and a letter or two leave one candidate to compare.
std::optional<ClientKey> client_key(std::string_view k) {
    using enum ClientKey;
    auto at = [&](std::size_t i) { return i < k.size() ? k[i] : '\0'; };
    std::optional<ClientKey> guess;
    switch (k.size()) {
    case 2:
        guess = id;
        break;
    case 4:
        guess = at(0) == 'n'   ? name
                : at(0) == 'c' ? city
                : at(1) == 'i' ? tier
                : at(1) == 'a' ? tags
                               : team;
        break;
    case 5:
        guess = at(0) == 'a'   ? avoid
                : at(0) == 's' ? since
                : at(0) == 'p' ? phone
                : at(0) == 'e' ? email
                               : notes;
        break;
    case 7:
        guess = at(0) == 'p' ? prefers : at(0) == 'c' ? cadence : at(1) == 'l' ? aliases : address;
        break;
    case 8:
        guess = birthday;
        break;
    case 9:
        guess = vcard_uid;
        break;
    case 12:
        guess = paused_until;
        break;
    default:
        return std::nullopt;
    }
    if (client_keys[static_cast<std::size_t>(*guess)] != k) return std::nullopt;
    return guess;
}

} // namespace

void ClientsLoader::load(const toml::node& node) {
    auto* array = node.as_array();
    if (!array) {
        reader_.error(node.source(),
                      fmt::format("'clients' must be an array of tables ([[clients]]), not {}",
                                  type_name(node)));
        return;
    }
    auto& clients = reader_.config().clients;
    clients.reserve(clients.size() + array->size());
    claimed_.reserve(claimed_.size() + array->size());
    for (auto& item : *array)
        if (auto* t = reader_.as_table(item, "each [[clients]] entry"))
            load_client(*t, item.source());
}

void ClientsLoader::load_client(const toml::table& t, const toml::source_region& where) {
    // One pass over the keys: each looked up once, the id found on the way.
    fields_.clear();
    const toml::node* id_node = nullptr;
    for (auto&& [key, node] : t) {
        auto field = client_key(key.str());
        if (!field)
            reader_.unknown_key(key, client_keys, "clients");
        else if (*field == ClientKey::id)
            id_node = &node;
        else
            fields_.emplace_back(*field, &node);
    }
    auto* id = client_id(id_node, where);
    if (!id) return;
    // In its place at once (load() made room): moving a Client is not free.
    auto& c = reader_.config().clients.emplace_back();
    c.line = reader_.line_of(where);
    c.id = *id;
    for (auto [field, node] : fields_)
        load_field(c, field, *node);
    if (c.name.empty()) c.name = c.id;
    for (auto ch : c.prefers)
        if (c.avoids(ch))
            reader_.error(t.get("prefers")->source(),
                          fmt::format("client '{}' both prefers and avoids '{}'", c.id,
                                      reader_.config().channel_name(ch)));
}

// The client's id, claimed; nothing (and an error) when it is missing,
// malformed or taken.
const std::string* ClientsLoader::client_id(const toml::node* node,
                                            const toml::source_region& where) {
    if (!node) {
        reader_.error(where, "this client has no 'id'", "add id = \"a-short-name\"");
        return nullptr;
    }
    auto* id = reader_.string_ref(*node, "id");
    if (!id) return nullptr;
    if (!is_valid_id(*id)) {
        reader_.error(node->source(), fmt::format("'{}' is not a valid client id", *id),
                      "ids are lower-case letters and digits, then also '_', '.' or '-'");
        return nullptr;
    }
    if (!claim(*id, node->source(), "client id")) return nullptr;
    return id;
}

bool ClientsLoader::claim(const std::string& key, const toml::source_region& at,
                          std::string_view kind) {
    auto [it, inserted] = claimed_.emplace(key, reader_.line_of(at));
    if (inserted) return true;
    reader_.error(at, fmt::format("{} '{}' is already used on line {}", kind, key, it->second));
    return false;
}

void ClientsLoader::load_field(Client& c, ClientKey key, const toml::node& node) {
    auto k = client_keys[static_cast<std::size_t>(key)];
    auto text = [&](std::string& slot) {
        if (auto* v = reader_.string_ref(node, k)) slot = *v;
    };
    switch (key) {
    case ClientKey::id:
        break;
    case ClientKey::name:
        // A blank name is left empty here and becomes the id once all is read.
        if (auto* v = reader_.string_ref(node, k); v && !trim(*v).empty()) c.name = *v;
        break;
    case ClientKey::aliases:
        load_aliases(c, node);
        break;
    case ClientKey::tier:
        c.tier = tier_ref(node);
        break;
    case ClientKey::prefers:
        c.prefers = reader_.channel_list(node, k);
        break;
    case ClientKey::avoid:
        c.avoid = reader_.channel_list(node, k);
        break;
    case ClientKey::cadence:
        if (auto* body = reader_.as_table(node, "'cadence'"))
            c.cadence = load_cadence(reader_, *body, {"clients", c.id});
        break;
    case ClientKey::since:
        c.since = reader_.date_value(node, k);
        break;
    case ClientKey::paused_until:
        c.paused_until = reader_.date_value(node, k);
        break;
    case ClientKey::birthday:
        c.birthday = birthday_value(node);
        break;
    case ClientKey::tags:
        c.tags = reader_.string_list(node, k);
        break;
    case ClientKey::team:
        c.team = team_refs(node);
        break;
    case ClientKey::city:
        text(c.city);
        break;
    case ClientKey::phone:
        first_and_others(node, k, c.phone, c.other_phones);
        break;
    case ClientKey::email:
        first_and_others(node, k, c.email, c.other_emails);
        break;
    case ClientKey::address:
        text(c.address);
        break;
    case ClientKey::notes:
        text(c.notes);
        break;
    case ClientKey::vcard_uid:
        text(c.vcard_uid);
        break;
    }
}

// A string, or a list of them whose first is the one shown (SPEC §2).
void ClientsLoader::first_and_others(const toml::node& node, std::string_view key,
                                     std::string& first, std::vector<std::string>& others) {
    if (!node.is_array()) {
        if (auto* v = reader_.string_ref(node, key)) first = *v;
        return;
    }
    auto all = reader_.string_list(node, key);
    if (all.empty()) {
        reader_.error(node.source(), fmt::format("'{}' is an empty list", key),
                      fmt::format("leave '{}' out, or give at least one", key));
        return;
    }
    first = std::move(all.front());
    others.assign(std::make_move_iterator(all.begin() + 1), std::make_move_iterator(all.end()));
}

void ClientsLoader::load_aliases(Client& c, const toml::node& node) {
    for (auto& alias : reader_.string_list(node, "aliases")) {
        auto lowered = to_lower(alias);
        if (lowered.empty()) {
            reader_.error(node.source(), "an alias is empty");
            continue;
        }
        if (lowered == c.id) continue; // redundant, harmless
        if (claim(lowered, node.source(), "alias")) c.aliases.push_back(alias);
    }
}

std::optional<int> ClientsLoader::tier_ref(const toml::node& node) {
    auto* v = reader_.string_ref(node, "tier");
    if (!v) return std::nullopt;
    auto& tiers = reader_.config().tiers;
    auto it =
        std::find_if(tiers.begin(), tiers.end(), [&](const Tier& tier) { return tier.name == *v; });
    if (it != tiers.end()) return static_cast<int>(it - tiers.begin());
    std::vector<std::string> names;
    for (auto& tier : tiers)
        names.push_back(tier.name);
    reader_.error(node.source(), fmt::format("unknown tier '{}'", *v),
                  names.empty() ? "define it under [tiers." + *v + "]"
                                : did_you_mean_or_list(*v, names, "tiers"));
    return std::nullopt;
}

void ClientsLoader::unknown_person(const std::string& name, const toml::source_region& where) {
    const auto& people = reader_.config().people;
    if (people.empty()) {
        reader_.error(where,
                      fmt::format("'team' names '{}', but no one is defined under [people]", name),
                      fmt::format("add [people.{}] with name and email", name));
        return;
    }
    std::vector<std::string> names;
    for (auto& person : people)
        names.push_back(person.id);
    reader_.error(where, fmt::format("unknown person '{}' in team", name),
                  did_you_mean_or_list(name, names, "people"));
}

// Each name of `team` as an index into config().people.
std::vector<int> ClientsLoader::team_refs(const toml::node& node) {
    std::vector<int> team;
    auto* array = node.as_array();
    if (!array) {
        reader_.error(node.source(), fmt::format("'team' must be an array of names such as "
                                                 "[\"pat\"], not {}",
                                                 type_name(node)));
        return team;
    }
    const auto& people = reader_.config().people;
    for (auto& item : *array) {
        auto* name = reader_.string_ref(item, "team");
        if (!name) continue;
        auto it = std::find_if(people.begin(), people.end(),
                               [&](const Person& p) { return p.id == *name; });
        auto index = static_cast<int>(it - people.begin());
        if (it == people.end())
            unknown_person(*name, item.source());
        else if (std::find(team.begin(), team.end(), index) != team.end())
            reader_.error(item.source(), fmt::format("'{}' is listed twice in 'team'", *name));
        else
            team.push_back(index);
    }
    return team;
}

std::optional<Birthday> ClientsLoader::birthday_value(const toml::node& node) {
    std::optional<Date> full;
    if (node.is_date()) {
        full = reader_.date_value(node, "birthday");
        if (!full) return std::nullopt;
    } else if (auto* s = node.as_string()) {
        const auto& text = s->get();
        if (text.size() == 5 && text[2] == '-') {
            // MM-DD: check it against a leap year so that 02-29 is allowed.
            if (auto day = parse_iso_date("2000-" + text)) {
                date::year_month_day ymd{*day};
                return Birthday{static_cast<unsigned>(ymd.month()),
                                static_cast<unsigned>(ymd.day()), std::nullopt};
            }
        } else {
            full = parse_iso_date(text);
        }
    }
    if (!full) {
        auto meant = node.is_string() ? dotted_date_meant(node.as_string()->get()) : "";
        reader_.error(node.source(), "'birthday' must be MM-DD or a full date such as 1980-04-12",
                      meant.empty() ? "" : fmt::format("did you mean \"{}\"?", meant));
        return std::nullopt;
    }
    date::year_month_day ymd{*full};
    return Birthday{static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                    static_cast<int>(ymd.year())};
}

} // namespace config_detail

} // namespace touch
