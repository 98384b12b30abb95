// [cadence] and [tiers]: how often each channel is owed, and the lookups
// that give a client's effective cadence and preferred channel.

#include "sections.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

namespace touch {

namespace config_detail {

std::string CadencePlace::text() const {
    if (owner.empty()) return std::string(section);
    return fmt::format("{}.{}.cadence", section, owner);
}

CadenceTable load_cadence(Reader& reader, const toml::table& t, const CadencePlace& where) {
    CadenceTable table;
    for (auto&& [key, node] : t) {
        std::string_view name = key.str();
        ChannelId ch = any_channel;
        if (name != "any") {
            auto id = reader.config().find_channel(name);
            if (!id) {
                auto names = reader.channel_names(true);
                reader.error(key.source(),
                             fmt::format("unknown channel '{}' in [{}]", name, where.text()),
                             did_you_mean_or_list(name, names, "channels"));
                continue;
            }
            ch = *id;
        }
        // A sound value is read here; interval_value reads a bad one again
        // to report it under its full name.
        auto* text = node.as_string();
        auto every = text ? parse_interval(text->get(), nullptr) : std::nullopt;
        if (!every) every = reader.interval_value(node, fmt::format("{}.{}", where.text(), name));
        if (every) table.push_back({ch, *every});
    }
    return table;
}

void load_tiers(Reader& reader, const toml::table& t) {
    for (auto&& [key, node] : t) {
        Tier tier;
        tier.name = std::string(key.str());
        auto where = fmt::format("tiers.{}", tier.name);
        if (auto* body = reader.as_table(node, fmt::format("tier '{}'", tier.name))) {
            reader.check_keys(*body, {"cadence"}, where);
            if (auto* c = reader.table_at(*body, "cadence"))
                tier.cadence = load_cadence(reader, *c, {"tiers", tier.name});
        }
        reader.config().tiers.push_back(std::move(tier));
    }
}

} // namespace config_detail

std::optional<ChannelId> preferred_channel(const Config& config, const Client& client) {
    for (auto ch : client.prefers)
        if (!client.avoids(ch)) return ch;
    if (!client.avoids(config.settings.default_channel)) return config.settings.default_channel;
    for (std::size_t i = 0; i < config.channels.size(); ++i)
        if (!client.avoids(static_cast<ChannelId>(i))) return static_cast<ChannelId>(i);
    return std::nullopt;
}

const Interval* find_cadence(const CadenceTable& table, ChannelId channel) {
    for (auto& entry : table)
        if (entry.channel == channel) return &entry.every;
    return nullptr;
}

std::optional<Interval> effective_cadence(const Config& config, const Client& client,
                                          ChannelId channel) {
    if (channel != any_channel && client.avoids(channel)) return std::nullopt;
    const Interval* found = find_cadence(client.cadence, channel);
    if (!found && client.tier)
        found = find_cadence(config.tiers[static_cast<std::size_t>(*client.tier)].cadence, channel);
    if (!found) found = find_cadence(config.cadence, channel);
    if (!found || found->is_off()) return std::nullopt;
    return *found;
}

} // namespace touch
