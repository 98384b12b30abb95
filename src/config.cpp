#include "touch/config.hpp"

#include "touch/interval.hpp"
#include "touch/mail.hpp"
#include "touch/text.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <thread>

namespace touch {

namespace {

struct BuiltinChannel {
    std::string_view id;
    bool personal;
    Contact contact;
};
constexpr std::array<BuiltinChannel, 5> builtin_channels{{
    {"visit", true, Contact::address},
    {"call", true, Contact::phone},
    {"note", true, Contact::address},
    {"email", false, Contact::email},
    {"text", false, Contact::phone},
}};

std::string type_name(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    default:
        return "nothing";
    }
}

void compute_closure(Config& config) {
    auto n = config.channels.size();
    config.covers_closure.assign(n * n, 0);
    for (std::size_t a = 0; a < n; ++a) {
        config.covers_closure[a * n + a] = 1;
        for (auto b : config.channels[a].covers)
            config.covers_closure[a * n + static_cast<std::size_t>(b)] = 1;
    }
    // Warshall: visit covers call and call covers text => visit covers text.
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t a = 0; a < n; ++a)
            if (config.covers_closure[a * n + k])
                for (std::size_t b = 0; b < n; ++b)
                    if (config.covers_closure[k * n + b]) config.covers_closure[a * n + b] = 1;
}

class Loader {
public:
    Loader(std::string_view path, Config& config, Diagnostics& diags)
        : path_(path)
        , config_(config)
        , diags_(diags) {}

    void load(const toml::table& root) {
        check_keys(root, {"settings", "channels", "cadence", "tiers", "rules", "clients"}, "");
        // Channels first: everything else names them.
        if (auto* t = table_at(root, "channels")) load_channels(*t);
        compute_closure(config_);
        if (auto* t = table_at(root, "settings")) load_settings(*t);
        if (auto* t = table_at(root, "cadence")) config_.cadence = load_cadence(*t, "cadence");
        if (auto* t = table_at(root, "tiers")) load_tiers(*t);
        if (auto* node = root.get("rules")) load_rules(*node);
        if (auto* node = root.get("clients")) load_clients(*node);
    }

    // A run of [[clients]] tables parsed on its own, read against the rest
    // of the file already loaded into the config (see parse_in_parts).
    void load_clients_of(const toml::table& part) {
        if (auto* node = part.get("clients")) load_clients(*node);
    }

    // Every client id and alias claimed so far.
    const std::map<std::string, int, std::less<>>& claimed() const { return seen_; }

private:
    std::string_view path_;
    Config& config_;
    Diagnostics& diags_;
    std::map<std::string, int, std::less<>> seen_; // client id or alias -> line

    void error(const toml::source_region& where, std::string message, std::string hint = {}) {
        diags_.push_back({std::string(path_), static_cast<int>(where.begin.line),
                          static_cast<int>(where.begin.column), Severity::error, std::move(message),
                          std::move(hint)});
    }

    void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                    std::string_view where) {
        std::vector<std::string> names(allowed.begin(), allowed.end());
        for (auto&& [key, node] : table) {
            (void)node;
            if (std::find(names.begin(), names.end(), key.str()) != names.end()) continue;
            auto guess = closest_match(key.str(), names);
            auto place =
                where.empty() ? std::string("at the top level") : fmt::format("in [{}]", where);
            error(key.source(), fmt::format("unknown key '{}' {}", key.str(), place),
                  guess.empty() ? fmt::format("known keys: {}", join_words(names, " and "))
                                : fmt::format("did you mean '{}'?", guess));
        }
    }

    const toml::table* table_at(const toml::table& parent, std::string_view key) {
        auto* node = parent.get(key);
        if (!node) return nullptr;
        if (auto* t = node->as_table()) return t;
        error(node->source(), fmt::format("'{}' must be a table, not {}", key, type_name(*node)));
        return nullptr;
    }

    const toml::table* as_table(const toml::node& node, std::string_view what) {
        if (auto* t = node.as_table()) return t;
        error(node.source(), fmt::format("{} must be a table, not {}", what, type_name(node)));
        return nullptr;
    }

    std::optional<std::string> string_value(const toml::node& node, std::string_view what) {
        if (auto* s = node.as_string()) return s->get();
        error(node.source(), fmt::format("'{}' must be a string, not {}", what, type_name(node)));
        return std::nullopt;
    }

    std::vector<std::string> string_list(const toml::node& node, std::string_view what) {
        std::vector<std::string> out;
        auto* array = node.as_array();
        if (!array) {
            error(node.source(),
                  fmt::format("'{}' must be an array of strings, not {}", what, type_name(node)));
            return out;
        }
        for (auto& item : *array)
            if (auto s = string_value(item, what)) out.push_back(*s);
        return out;
    }

    std::optional<Interval> interval_value(const toml::node& node, std::string_view what) {
        auto text = string_value(node, what);
        if (!text) return std::nullopt;
        std::string why;
        auto every = parse_interval(*text, &why);
        if (!every) error(node.source(), fmt::format("'{}': {}", what, why));
        return every;
    }

    std::vector<std::string> channel_names(bool with_any) const {
        std::vector<std::string> names;
        for (auto& ch : config_.channels)
            names.push_back(ch.id);
        if (with_any) names.push_back("any");
        return names;
    }

    std::optional<ChannelId> channel_ref(std::string_view name, const toml::source_region& where,
                                         std::string_view what) {
        if (auto ch = config_.find_channel(name)) return ch;
        auto names = channel_names(false);
        auto guess = closest_match(name, names);
        error(where, fmt::format("unknown channel '{}' in {}", name, what),
              guess.empty() ? fmt::format("channels: {}", join_words(names, " and "))
                            : fmt::format("did you mean '{}'?", guess));
        return std::nullopt;
    }

    std::optional<ChannelId> channel_value(const toml::node& node, std::string_view what) {
        auto name = string_value(node, what);
        if (!name) return std::nullopt;
        return channel_ref(*name, node.source(), what);
    }

    std::vector<ChannelId> channel_list(const toml::node& node, std::string_view what) {
        std::vector<ChannelId> out;
        auto* array = node.as_array();
        if (!array) {
            error(node.source(),
                  fmt::format("'{}' must be an array of channels, not {}", what, type_name(node)));
            return out;
        }
        for (auto& item : *array)
            if (auto ch = channel_value(item, what)) {
                if (std::find(out.begin(), out.end(), *ch) != out.end())
                    error(item.source(), fmt::format("channel '{}' is listed twice in '{}'",
                                                     config_.channel_name(*ch), what));
                else
                    out.push_back(*ch);
            }
        return out;
    }

    std::optional<int> positive_integer(const toml::node& node, std::string_view what) {
        auto* i = node.as_integer();
        if (!i || i->get() < 1 || i->get() > 100000) {
            error(node.source(), fmt::format("'{}' must be a whole number from 1 to 100000", what));
            return std::nullopt;
        }
        return static_cast<int>(i->get());
    }

    std::optional<Date> date_value(const toml::node& node, std::string_view what) {
        if (auto* d = node.as_date()) {
            auto v = d->get();
            date::year_month_day ymd{date::year{v.year}, date::month{v.month}, date::day{v.day}};
            if (ymd.ok()) return date::sys_days{ymd};
        } else if (auto* s = node.as_string()) {
            if (auto d = parse_iso_date(s->get())) return d;
        }
        error(node.source(), fmt::format("'{}' must be a date such as 2024-03-01", what));
        return std::nullopt;
    }

    void load_channels(const toml::table& table) {
        // Declare every name first so that `covers` may point forwards.
        std::vector<std::pair<ChannelId, const toml::table*>> bodies;
        for (auto&& [key, node] : table) {
            std::string name(key.str());
            if (!is_valid_id(name) || name == "any" || name == snooze_channel) {
                error(key.source(), fmt::format("'{}' cannot name a channel", name),
                      name == "any" || name == snooze_channel
                          ? fmt::format("'{}' is reserved", name)
                          : "use lower-case letters, digits, '_', '.' and '-'");
                continue;
            }
            auto id = config_.find_channel(name);
            if (!id) {
                Channel ch;
                ch.id = name;
                ch.label = name;
                config_.channels.push_back(std::move(ch));
                id = static_cast<ChannelId>(config_.channels.size() - 1);
            }
            if (auto* body = as_table(node, fmt::format("channel '{}'", name)))
                bodies.emplace_back(*id, body);
        }
        for (auto [id, body] : bodies) {
            auto& ch = config_.channels[static_cast<std::size_t>(id)];
            auto where = fmt::format("channels.{}", ch.id);
            check_keys(*body, {"covers", "per_day", "label", "personal", "contact"}, where);
            if (auto* n = body->get("covers")) {
                auto covers = channel_list(*n, "covers");
                covers.erase(std::remove(covers.begin(), covers.end(), id), covers.end());
                ch.covers = covers;
            }
            if (auto* n = body->get("per_day")) ch.per_day = positive_integer(*n, "per_day");
            if (auto* n = body->get("label"))
                if (auto s = string_value(*n, "label")) ch.label = *s;
            if (auto* n = body->get("personal")) {
                if (auto* b = n->as_boolean())
                    ch.personal = b->get();
                else
                    error(n->source(), "'personal' must be true or false");
            }
            if (auto* n = body->get("contact")) {
                auto s = string_value(*n, "contact");
                if (s == "phone")
                    ch.contact = Contact::phone;
                else if (s == "email")
                    ch.contact = Contact::email;
                else if (s == "address")
                    ch.contact = Contact::address;
                else if (s == "none")
                    ch.contact = Contact::none;
                else if (s)
                    error(n->source(), fmt::format("'contact' must be phone, email, address or "
                                                   "none, not '{}'",
                                                   *s));
            }
        }
    }

    void load_settings(const toml::table& t) {
        check_keys(
            t, {"timezone", "workdays", "default_channel", "owner", "sendmail", "log", "birthday"},
            "settings");
        auto& s = config_.settings;
        if (auto* n = t.get("timezone")) {
            if (auto v = string_value(*n, "timezone")) {
                if (v->empty())
                    error(n->source(), "'timezone' is empty",
                          "use an IANA name such as Europe/Paris");
                else
                    s.timezone = *v;
                s.timezone_line = static_cast<int>(n->source().begin.line);
                s.timezone_col = static_cast<int>(n->source().begin.column);
            }
        }
        if (auto* n = t.get("workdays")) load_workdays(*n);
        if (auto* n = t.get("default_channel"))
            if (auto ch = channel_value(*n, "default_channel")) s.default_channel = *ch;
        if (auto* n = t.get("owner")) {
            if (auto v = string_value(*n, "owner")) {
                if (parse_mailbox(*v))
                    s.owner = *v;
                else
                    error(n->source(), "'owner' is not an email address",
                          "owner = \"Your Name <you@example.com>\", on one line");
            }
        }
        if (auto* n = t.get("sendmail")) {
            auto argv = string_list(*n, "sendmail");
            if (argv.empty() || argv[0].empty())
                error(n->source(), "'sendmail' must name a program",
                      "for example [\"/usr/sbin/sendmail\", \"-t\", \"-i\"]");
            else
                s.sendmail = argv;
        }
        if (auto* n = t.get("log")) {
            if (auto v = string_value(*n, "log")) {
                if (v->empty())
                    error(n->source(), "'log' is empty");
                else
                    s.log = *v;
            }
        }
        if (auto* n = t.get("birthday")) {
            if (auto* b = as_table(*n, "'birthday'")) {
                check_keys(*b, {"channel", "lead"}, "settings.birthday");
                if (auto* c = b->get("channel"))
                    if (auto ch = channel_value(*c, "birthday.channel")) s.birthday_channel = *ch;
                if (auto* l = b->get("lead"))
                    if (auto every = interval_value(*l, "birthday.lead")) {
                        if (every->is_off())
                            error(l->source(), "'birthday.lead' cannot be off");
                        else
                            s.birthday_lead = *every;
                    }
            }
        }
    }

    void load_workdays(const toml::node& node) {
        static constexpr std::array<std::string_view, 7> names{"sun", "mon", "tue", "wed",
                                                               "thu", "fri", "sat"};
        std::array<bool, 7> days{};
        bool bad_item = false;
        auto* array = node.as_array();
        if (!array) {
            error(node.source(), "'workdays' must be an array such as [\"mon\", \"tue\"]");
            return;
        }
        for (auto& item : *array) {
            auto v = string_value(item, "workdays");
            if (!v) {
                bad_item = true;
                continue;
            }
            auto word = to_lower(*v);
            bool found = false;
            for (std::size_t i = 0; i < names.size(); ++i)
                if (word.size() >= 3 && word.substr(0, 3) == names[i]) {
                    days[i] = found = true;
                }
            if (!found) {
                bad_item = true;
                error(item.source(), fmt::format("'{}' is not a weekday", *v),
                      "use mon, tue, wed, thu, fri, sat or sun");
            }
        }
        if (bad_item) return;
        if (std::none_of(days.begin(), days.end(), [](bool b) { return b; })) {
            error(node.source(), "'workdays' names no day");
            return;
        }
        config_.settings.workdays = days;
    }

    CadenceTable load_cadence(const toml::table& t, std::string_view where) {
        CadenceTable table;
        for (auto&& [key, node] : t) {
            std::string name(key.str());
            ChannelId ch = any_channel;
            if (name != "any") {
                auto id = config_.find_channel(name);
                if (!id) {
                    auto names = channel_names(true);
                    auto guess = closest_match(name, names);
                    error(key.source(), fmt::format("unknown channel '{}' in [{}]", name, where),
                          guess.empty() ? fmt::format("channels: {}", join_words(names, " and "))
                                        : fmt::format("did you mean '{}'?", guess));
                    continue;
                }
                ch = *id;
            }
            if (auto every = interval_value(node, fmt::format("{}.{}", where, name)))
                table.push_back({ch, *every});
        }
        return table;
    }

    void load_tiers(const toml::table& t) {
        for (auto&& [key, node] : t) {
            Tier tier;
            tier.name = std::string(key.str());
            auto where = fmt::format("tiers.{}", tier.name);
            if (auto* body = as_table(node, fmt::format("tier '{}'", tier.name))) {
                check_keys(*body, {"cadence"}, where);
                if (auto* c = table_at(*body, "cadence"))
                    tier.cadence = load_cadence(*c, where + ".cadence");
            }
            config_.tiers.push_back(std::move(tier));
        }
    }

    void load_rules(const toml::node& node) {
        auto* array = node.as_array();
        if (!array) {
            error(node.source(), fmt::format("'rules' must be an array of tables ([[rules]]), "
                                             "not {}",
                                             type_name(node)));
            return;
        }
        for (auto& item : *array) {
            auto* t = as_table(item, "each [[rules]] entry");
            if (!t) continue;
            check_keys(*t, {"after", "then", "within", "reason"}, "rules");
            Rule rule;
            bool ok = true;
            for (auto [key, slot] :
                 {std::pair{"after", &rule.after}, std::pair{"then", &rule.then}}) {
                auto* n = t->get(key);
                if (!n) {
                    error(item.source(), fmt::format("this rule has no '{}'", key));
                    ok = false;
                } else if (auto ch = channel_value(*n, key)) {
                    *slot = *ch;
                } else {
                    ok = false;
                }
            }
            if (auto* n = t->get("within")) {
                auto every = interval_value(*n, "within");
                if (every && every->is_off()) {
                    error(n->source(), "'within' cannot be off");
                    ok = false;
                } else if (every) {
                    rule.within = *every;
                } else {
                    ok = false;
                }
            }
            if (auto* n = t->get("reason"))
                if (auto s = string_value(*n, "reason")) rule.reason = *s;
            if (ok && rule.reason.empty()) rule.reason = "follow-up";
            if (ok) config_.rules.push_back(std::move(rule));
        }
    }

    void load_clients(const toml::node& node) {
        auto* array = node.as_array();
        if (!array) {
            error(node.source(), fmt::format("'clients' must be an array of tables "
                                             "([[clients]]), not {}",
                                             type_name(node)));
            return;
        }
        for (auto& item : *array) {
            auto* t = as_table(item, "each [[clients]] entry");
            if (!t) continue;
            load_client(*t, static_cast<int>(item.source().begin.line), item.source());
        }
    }

    void load_client(const toml::table& t, int line, const toml::source_region& where) {
        check_keys(t,
                   {"id", "name", "aliases", "tier", "prefers", "avoid", "cadence", "since",
                    "paused_until", "birthday", "city", "tags", "phone", "email", "address",
                    "notes", "vcard_uid"},
                   "clients");
        Client c;
        c.line = line;
        auto* id_node = t.get("id");
        if (!id_node) {
            error(where, "this client has no 'id'", "add id = \"a-short-name\"");
            return;
        }
        auto id = string_value(*id_node, "id");
        if (!id) return;
        if (!is_valid_id(*id)) {
            error(id_node->source(), fmt::format("'{}' is not a valid client id", *id),
                  "ids are lower-case letters and digits, then also '_', '.' or '-'");
            return;
        }
        c.id = *id;
        auto claim = [&](const std::string& key, const toml::source_region& at,
                         std::string_view kind) {
            auto [it, inserted] = seen_.emplace(key, static_cast<int>(at.begin.line));
            if (!inserted) {
                error(at, fmt::format("{} '{}' is already used on line {}", kind, key, it->second));
                return false;
            }
            return true;
        };
        if (!claim(c.id, id_node->source(), "client id")) return;

        c.name = c.id;
        for (auto&& [key, node] : t) {
            auto k = key.str();
            if (k == "id") continue;
            if (k == "name") {
                if (auto v = string_value(node, k)) c.name = trim(*v).empty() ? c.id : *v;
            } else if (k == "aliases") {
                for (auto& alias : string_list(node, k)) {
                    auto lowered = to_lower(alias);
                    if (lowered.empty()) {
                        error(node.source(), "an alias is empty");
                        continue;
                    }
                    if (lowered == c.id) continue; // redundant, harmless
                    if (claim(lowered, node.source(), "alias")) c.aliases.push_back(alias);
                }
            } else if (k == "tier") {
                auto v = string_value(node, k);
                if (!v) continue;
                auto it = std::find_if(config_.tiers.begin(), config_.tiers.end(),
                                       [&](const Tier& tier) { return tier.name == *v; });
                if (it == config_.tiers.end()) {
                    std::vector<std::string> names;
                    for (auto& tier : config_.tiers)
                        names.push_back(tier.name);
                    auto guess = closest_match(*v, names);
                    error(node.source(), fmt::format("unknown tier '{}'", *v),
                          guess.empty() ? (names.empty() ? "define it under [tiers." + *v + "]"
                                                         : "tiers: " + join_words(names, " and "))
                                        : fmt::format("did you mean '{}'?", guess));
                } else {
                    c.tier = static_cast<int>(it - config_.tiers.begin());
                }
            } else if (k == "prefers") {
                c.prefers = channel_list(node, k);
            } else if (k == "avoid") {
                c.avoid = channel_list(node, k);
            } else if (k == "cadence") {
                if (auto* body = as_table(node, "'cadence'"))
                    c.cadence = load_cadence(*body, fmt::format("clients.{}.cadence", c.id));
            } else if (k == "since") {
                c.since = date_value(node, k);
            } else if (k == "paused_until") {
                c.paused_until = date_value(node, k);
            } else if (k == "birthday") {
                c.birthday = birthday_value(node);
            } else if (k == "tags") {
                c.tags = string_list(node, k);
            } else if (k == "city" || k == "phone" || k == "email" || k == "address" ||
                       k == "notes" || k == "vcard_uid") {
                auto v = string_value(node, k);
                if (!v) continue;
                auto& slot = k == "city"      ? c.city
                             : k == "phone"   ? c.phone
                             : k == "email"   ? c.email
                             : k == "address" ? c.address
                             : k == "notes"   ? c.notes
                                              : c.vcard_uid;
                slot = *v;
            }
        }
        for (auto ch : c.prefers)
            if (c.avoids(ch))
                error(t.get("prefers")->source(),
                      fmt::format("client '{}' both prefers and avoids '{}'", c.id,
                                  config_.channel_name(ch)));
        config_.clients.push_back(std::move(c));
    }

    std::optional<Birthday> birthday_value(const toml::node& node) {
        Birthday b;
        std::optional<Date> full;
        if (node.is_date()) {
            full = date_value(node, "birthday");
            if (!full) return std::nullopt;
        } else if (auto* s = node.as_string()) {
            const auto& text = s->get();
            if (text.size() == 5 && text[2] == '-') {
                // MM-DD: check it against a leap year so that 02-29 is allowed.
                full = parse_iso_date("2000-" + text);
                if (full) {
                    date::year_month_day ymd{*full};
                    return Birthday{static_cast<unsigned>(ymd.month()),
                                    static_cast<unsigned>(ymd.day()), std::nullopt};
                }
            } else {
                full = parse_iso_date(text);
            }
        }
        if (!full) {
            error(node.source(), "'birthday' must be MM-DD or a full date such as 1980-04-12");
            return std::nullopt;
        }
        date::year_month_day ymd{*full};
        b.month = static_cast<unsigned>(ymd.month());
        b.day = static_cast<unsigned>(ymd.day());
        b.year = static_cast<int>(ymd.year());
        return b;
    }
};

} // namespace

bool Client::avoids(ChannelId ch) const {
    return std::find(avoid.begin(), avoid.end(), ch) != avoid.end();
}

bool Client::has_tag(std::string_view tag) const {
    return std::any_of(tags.begin(), tags.end(),
                       [&](const std::string& t) { return equals_ci(t, tag); });
}

std::optional<ChannelId> Config::find_channel(std::string_view id) const {
    for (std::size_t i = 0; i < channels.size(); ++i)
        if (channels[i].id == id) return static_cast<ChannelId>(i);
    return std::nullopt;
}

const std::string& Config::channel_name(ChannelId ch) const {
    static const std::string any = "any";
    if (ch < 0 || static_cast<std::size_t>(ch) >= channels.size()) return any;
    return channels[static_cast<std::size_t>(ch)].id;
}

Config default_config() {
    Config config;
    for (auto& b : builtin_channels) {
        Channel ch;
        ch.id = ch.label = std::string(b.id);
        ch.personal = b.personal;
        ch.contact = b.contact;
        ch.builtin = true;
        config.channels.push_back(std::move(ch));
    }
    config.settings.default_channel = *config.find_channel("call");
    config.settings.birthday_channel = *config.find_channel("note");
    compute_closure(config);
    return config;
}

namespace {

// toml++ reports syntax errors by exception; here they become a value.
struct ParsedToml {
    toml::table root;
    std::optional<Diagnostic> error;
};

// toml++ recurses once per part of a dotted key ([a.b.c] or a.b.c = 1), with
// no limit of its own, and some tens of thousands of parts overflow the
// stack. No clients file needs more than a few, so a line whose keys hold
// more dots than toml++ allows nested values is refused before it gets there.
// Dots are counted outside strings and comments, from the start of a line
// to its end or, for an array or inline table, to where it closes: every dot
// of the keys that can nest inside each other (and of numbers and dates).
std::optional<Diagnostic> too_deep(std::string_view text, std::string_view path) {
    constexpr int most = 256; // toml++'s TOML_MAX_NESTED_VALUES
    if (std::count(text.begin(), text.end(), '.') <= most) return std::nullopt;
    enum class In { code, comment, basic, literal, basic_lines, literal_lines } in = In::code;
    int line = 1, dots = 0, brackets = 0;
    std::size_t line_start = 0;
    auto opens = [&](std::size_t i, char quote) {
        return i + 2 < text.size() && text[i + 1] == quote && text[i + 2] == quote;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            ++line;
            if (brackets == 0) dots = 0;
            line_start = i + 1;
            if (in != In::basic_lines && in != In::literal_lines) in = In::code;
            continue;
        }
        switch (in) {
        case In::code:
            if (c == '#') {
                in = In::comment;
            } else if (c == '[' || c == '{') {
                ++brackets;
            } else if (c == ']' || c == '}') {
                brackets = std::max(0, brackets - 1);
            } else if (c == '"' || c == '\'') {
                bool lines = opens(i, c);
                in = c == '"' ? (lines ? In::basic_lines : In::basic)
                              : (lines ? In::literal_lines : In::literal);
                if (lines) i += 2;
            } else if (c == '.' && ++dots > most) {
                return Diagnostic{std::string(path),
                                  line,
                                  static_cast<int>(i - line_start) + 1,
                                  Severity::error,
                                  fmt::format("keys nested more than {} deep", most),
                                  "a clients file needs only a few dotted parts: [tiers.gold]"};
            }
            break;
        case In::comment:
            break;
        case In::basic:
        case In::basic_lines:
            if (c == '\\') {
                ++i; // the escaped character (a newline is counted when it is one)
                if (i < text.size() && text[i] == '\n') --i;
            } else if (c == '"' && (in == In::basic || opens(i, '"'))) {
                if (in == In::basic_lines) i += 2;
                in = In::code;
            }
            break;
        case In::literal:
        case In::literal_lines:
            if (c == '\'' && (in == In::literal || opens(i, '\''))) {
                if (in == In::literal_lines) i += 2;
                in = In::code;
            }
            break;
        }
    }
    return std::nullopt;
}

ParsedToml parse_toml(std::string_view text, std::string_view path) {
    ParsedToml parsed;
    if ((parsed.error = too_deep(text, path))) return parsed;
    try {
        parsed.root = toml::parse(text);
    } catch (const toml::parse_error& e) {
        parsed.error = Diagnostic{std::string(path),
                                  static_cast<int>(e.source().begin.line),
                                  static_cast<int>(e.source().begin.column),
                                  Severity::error,
                                  std::string(e.description()),
                                  {}};
    }
    return parsed;
}

bool is_clients_header(std::string_view line) {
    line = trim(line);
    if (line.substr(0, 11) != "[[clients]]") return false;
    auto rest = trim(line.substr(11));
    return rest.empty() || rest[0] == '#';
}

} // namespace

namespace {

struct ClientsSplit {
    std::size_t first = 0; // the first [[clients]] line
    std::size_t cut = 0;   // a [[clients]] line near the middle; 0: no split
};

// toml++ and the checks on each client take most of the time `due` spends
// on a large clients file, and nearly all of such a file is [[clients]]
// tables. So a large file is read in three parts: the tables before the
// first [[clients]], then two runs of [[clients]] at once on two threads.
// The cut is made only where it cannot change the meaning: every header
// from the first [[clients]] on is another [[clients]], and no multi-line
// string could hide a header line.
ClientsSplit find_clients_split(std::string_view text) {
    constexpr std::size_t worth_it = 64 * 1024;
    if (text.size() < worth_it) return {};
    if (text.find("\"\"\"") != std::string_view::npos || text.find("'''") != std::string_view::npos)
        return {};
    ClientsSplit split;
    bool in_clients = false;
    for (std::size_t pos = 0; pos < text.size();) {
        auto nl = text.find('\n', pos);
        auto end = nl == std::string_view::npos ? text.size() : nl;
        auto line = text.substr(pos, end - pos);
        auto first = line.find_first_not_of(" \t");
        if (first != std::string_view::npos && line[first] == '[') {
            if (!is_clients_header(line)) {
                if (in_clients) return {};
            } else if (!in_clients) {
                in_clients = true;
                split.first = pos;
            } else if (split.cut == 0 && pos >= text.size() / 2) {
                split.cut = pos;
            }
        }
        pos = end + 1;
    }
    if (split.cut == 0) return {};
    return split;
}

ConfigResult parse_whole(std::string_view text, std::string_view path) {
    ConfigResult result{default_config(), {}};
    auto parsed = parse_toml(text, path);
    if (parsed.error)
        result.diagnostics.push_back(*parsed.error);
    else
        Loader(path, result.config, result.diagnostics).load(parsed.root);
    return result;
}

// The clients of text[begin, end), read on their own against `base` (the
// config without clients). The part is parsed where it stands in the file:
// padded with the newlines before it, every line and column toml++ gives is
// right as it is.
struct ClientsPart {
    Config config;
    Diagnostics diagnostics;
    std::map<std::string, int, std::less<>> claimed;
};

void load_clients_part(std::string_view text, std::size_t begin, std::size_t end,
                       std::string_view path, ClientsPart& part) {
    std::string padded(static_cast<std::size_t>(
                           std::count(text.begin(), text.begin() + static_cast<long>(begin), '\n')),
                       '\n');
    padded.append(text.substr(begin, end - begin));
    auto parsed = parse_toml(padded, path);
    if (parsed.error) {
        part.diagnostics.push_back(*parsed.error);
        return;
    }
    Loader loader(path, part.config, part.diagnostics);
    loader.load_clients_of(parsed.root);
    part.claimed = loader.claimed();
    // The tree is freed here, on the part's own thread too.
}

// Nothing when the parts cannot be read apart: then the one-pass reading
// gives its exact messages.
std::optional<ConfigResult> parse_in_parts(std::string_view text, std::string_view path,
                                           const ClientsSplit& split) {
    auto header = parse_toml(text.substr(0, split.first), path);
    if (header.error || header.root.contains("clients")) return std::nullopt;
    ConfigResult result{default_config(), {}};
    Loader(path, result.config, result.diagnostics).load(header.root);
    ClientsPart first{result.config, {}, {}}, second{result.config, {}, {}};
    std::thread worker([&] { load_clients_part(text, split.cut, text.size(), path, second); });
    load_clients_part(text, split.first, split.cut, path, first);
    worker.join();
    // An id or alias in both parts: a mistake to report just as one pass does.
    for (auto& [key, line] : second.claimed)
        if (first.claimed.count(key)) return std::nullopt;
    auto& clients = result.config.clients;
    for (auto* part : {&first, &second}) {
        clients.insert(clients.end(), std::make_move_iterator(part->config.clients.begin()),
                       std::make_move_iterator(part->config.clients.end()));
        result.diagnostics.insert(result.diagnostics.end(), part->diagnostics.begin(),
                                  part->diagnostics.end());
    }
    return result;
}

} // namespace

std::size_t clients_split_point(std::string_view text) {
    return find_clients_split(text).cut;
}

ConfigResult parse_config(std::string_view text, std::string_view path) {
    // A UTF-8 byte-order mark is not TOML, but editors on some systems add one.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::optional<ConfigResult> result;
    if (auto split = find_clients_split(text); split.cut != 0)
        result = parse_in_parts(text, path, split);
    if (!result) result = parse_whole(text, path);
    std::stable_sort(result->diagnostics.begin(), result->diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return std::tie(a.line, a.col) < std::tie(b.line, b.col);
                     });
    return std::move(*result);
}

std::optional<ChannelId> preferred_channel(const Config& config, const Client& client) {
    for (auto ch : client.prefers)
        if (!client.avoids(ch)) return ch;
    if (!client.avoids(config.settings.default_channel)) return config.settings.default_channel;
    for (std::size_t i = 0; i < config.channels.size(); ++i)
        if (!client.avoids(static_cast<ChannelId>(i))) return static_cast<ChannelId>(i);
    return std::nullopt;
}

std::optional<Interval> effective_cadence(const Config& config, const Client& client,
                                          ChannelId channel) {
    if (channel != any_channel && client.avoids(channel)) return std::nullopt;
    auto lookup = [channel](const CadenceTable& table) -> const Interval* {
        for (auto& entry : table)
            if (entry.channel == channel) return &entry.every;
        return nullptr;
    };
    const Interval* found = lookup(client.cadence);
    if (!found && client.tier)
        found = lookup(config.tiers[static_cast<std::size_t>(*client.tier)].cadence);
    if (!found) found = lookup(config.cadence);
    if (!found || found->is_off()) return std::nullopt;
    return *found;
}

std::string_view starter_clients_file() {
    return R"toml(# touch: the clients you keep in personal touch with.
# Every key is described in touch(5); `touch check` validates this file.

[settings]
# timezone = "Europe/London"        # defines "today"; default: the system's zone
# workdays = ["mon", "tue", "wed", "thu", "fri"]
# default_channel = "call"          # for an `any` cadence when a client states no preference
# owner = "Your Name <you@example.com>"   # From: and To: of `touch remind`
# birthday = { channel = "note", lead = "7d" }

# [channels]                        # built in: visit, call, note, email, text
# visit = { covers = ["call"], per_day = 2 }    # a visit also counts as a call
# note  = { label = "handwritten note", per_day = 3 }

[cadence]                           # defaults for every client
any = "3w"                          # some personal contact every three weeks
# visit = "quarterly"

# [tiers.gold]
# cadence = { call = "2w", visit = "4/y" }

# [[rules]]
# after  = "visit"
# then   = "note"
# within = "3d"
# reason = "thank-you note"

# [[clients]]
# id       = "acme"
# name     = "Acme Corp (Dana Lee)"
# prefers  = ["visit", "call"]
# avoid    = ["text"]
# phone    = "+1 555 0100"
# address  = "1 Main St, Brooklyn NY"
)toml";
}

} // namespace touch
