// [channels]: the five built-in channels, custom ones, and what covers what.

#include "sections.hpp"

#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

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

} // namespace

std::optional<ChannelId> Config::find_channel(std::string_view id) const {
    // Every channel name of every client is looked up here: a handful of
    // channels is searched in order, quicker than the map, which is for
    // files that define hundreds.
    constexpr std::size_t few = 16;
    if (channels.size() > few && channel_index.size() == channels.size()) {
        auto it = channel_index.find(id);
        if (it == channel_index.end()) return std::nullopt;
        return it->second;
    }
    for (std::size_t i = 0; i < channels.size(); ++i)
        if (channels[i].id == id) return static_cast<ChannelId>(i);
    return std::nullopt;
}

ChannelId Config::add_channel(Channel channel) {
    auto id = static_cast<ChannelId>(channels.size());
    channel_index.emplace(channel.id, id);
    channels.push_back(std::move(channel));
    return id;
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
        ch.classified = true;
        config.add_channel(std::move(ch));
    }
    config.settings.default_channel = *config.find_channel("call");
    config.settings.birthday_channel = *config.find_channel("note");
    config_detail::compute_closure(config);
    return config;
}

namespace config_detail {

// A walk over the covers graph from each channel: linear in what it reaches
// (Warshall's n^3 took a minute over a ring of 4,000 channels). A channel
// met that was walked from already brings its whole row at once.
void compute_closure(Config& config) {
    auto n = config.channels.size();
    auto words = (n + 63) / 64;
    config.closure_words = words;
    config.covers_closure.assign(n * words, 0);
    std::vector<std::size_t> stack;
    for (std::size_t a = 0; a < n; ++a) {
        auto* row = &config.covers_closure[a * words];
        auto mark = [row](std::size_t b) {
            auto bit = std::uint64_t{1} << (b % 64);
            if (row[b / 64] & bit) return false;
            row[b / 64] |= bit;
            return true;
        };
        mark(a);
        stack.assign(1, a);
        while (!stack.empty()) {
            auto k = stack.back();
            stack.pop_back();
            for (auto covered : config.channels[k].covers) {
                auto b = static_cast<std::size_t>(covered);
                if (b < a && !(row[b / 64] & (std::uint64_t{1} << (b % 64)))) {
                    const auto* done = &config.covers_closure[b * words];
                    for (std::size_t w = 0; w < words; ++w)
                        row[w] |= done[w];
                } else if (mark(b)) {
                    stack.push_back(b);
                }
            }
        }
    }
}

namespace {

// The channel `name` as a key of [channels] names: a built-in or a new one.
std::optional<ChannelId> declare_channel(Reader& reader, const toml::key& key) {
    std::string name(key.str());
    bool reserved = name == "any" || name == snooze_channel || name == promise_channel;
    if (!is_valid_id(name) || reserved) {
        reader.error(key.source(), fmt::format("'{}' cannot name a channel", name),
                     reserved ? fmt::format("'{}' is reserved", name)
                              : "use lower-case letters, digits, '_', '.' and '-'");
        return std::nullopt;
    }
    auto& config = reader.config();
    if (auto id = config.find_channel(name)) return id;
    Channel ch;
    ch.id = name;
    ch.label = name;
    return config.add_channel(std::move(ch));
}

std::optional<Contact> contact_value(Reader& reader, const toml::node& node) {
    auto s = reader.string_value(node, "contact");
    if (!s) return std::nullopt;
    if (*s == "phone") return Contact::phone;
    if (*s == "email") return Contact::email;
    if (*s == "address") return Contact::address;
    if (*s == "none") return Contact::none;
    reader.error(node.source(),
                 fmt::format("'contact' must be phone, email, address or none, not '{}'", *s));
    return std::nullopt;
}

void load_channel_body(Reader& reader, ChannelId id, const toml::table& body) {
    auto& ch = reader.config().channels[static_cast<std::size_t>(id)];
    reader.check_keys(body, {"covers", "per_day", "label", "personal", "contact"},
                      fmt::format("channels.{}", ch.id));
    if (auto* n = body.get("covers")) {
        auto covers = reader.channel_list(*n, "covers");
        covers.erase(std::remove(covers.begin(), covers.end(), id), covers.end());
        ch.covers = covers;
    }
    if (auto* n = body.get("per_day")) ch.per_day = reader.positive_integer(*n, "per_day");
    if (auto* n = body.get("label"))
        if (auto s = reader.string_value(*n, "label")) ch.label = *s;
    if (auto* n = body.get("personal")) {
        if (auto b = reader.bool_value(*n, "personal")) ch.personal = *b;
        ch.classified = true; // a wrong value is an error of its own
    }
    if (auto* n = body.get("contact"))
        if (auto contact = contact_value(reader, *n)) ch.contact = *contact;
}

// A custom channel that does not say whether it is personal contact counts
// as digital, and `stats` counts it apart: a warning, so that a lunch is not
// silently taken for an email.
void warn_unclassified(Reader& reader, const Channel& ch, const toml::key& key) {
    if (ch.classified) return;
    reader.warning(key.source(),
                   fmt::format("channel '{}' does not say whether it is personal contact", ch.id),
                   "add personal = true (met, spoken, written by hand) or personal = false "
                   "(digital)");
}

} // namespace

void load_channels(Reader& reader, const toml::table& table) {
    // Declare every name first so that `covers` may point forwards.
    std::vector<std::tuple<ChannelId, const toml::table*, const toml::key*>> bodies;
    for (auto&& [key, node] : table) {
        auto id = declare_channel(reader, key);
        if (!id) continue;
        if (auto* body = reader.as_table(node, fmt::format("channel '{}'", key.str())))
            bodies.emplace_back(*id, body, &key);
    }
    for (auto [id, body, key] : bodies) {
        load_channel_body(reader, id, *body);
        warn_unclassified(reader, reader.config().channels[static_cast<std::size_t>(id)], *key);
    }
}

} // namespace config_detail

} // namespace touch
