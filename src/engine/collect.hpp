// Inside the engine: the obligations of many clients at once, for the rows
// of due and plan, with what is the same for every client worked out once.
#pragma once

#include "touch/config/config.hpp"
#include "touch/engine/obligations.hpp"

#include <optional>
#include <span>
#include <vector>

namespace touch {

// What is the same for every client, worked out once when the obligations
// of many are wanted (due_rows): the channels that count as each channel,
// and the cadence each tier gives each channel, [cadence] under it.
class Shortcuts {
public:
    explicit Shortcuts(const Config& config)
        : config_(config)
        , width_(config.channels.size() + 1)
        , counting_start_(config.channels.size() + 1, 0)
        , tier_cadence_((config.tiers.size() + 1) * width_, nullptr) {
        auto n = config.channels.size();
        for (std::size_t wanted = 0; wanted < n; ++wanted) {
            for (std::size_t k = 0; k < n; ++k)
                if (config.counts_as(static_cast<ChannelId>(k), static_cast<ChannelId>(wanted)))
                    counting_.push_back(static_cast<ChannelId>(k));
            counting_start_[wanted + 1] = counting_.size();
        }
        for (std::size_t t = 0; t <= config.tiers.size(); ++t)
            for (std::size_t i = 0; i < width_; ++i) {
                auto ch = static_cast<ChannelId>(i) - 1; // any_channel first
                const Interval* found =
                    t > 0 ? find_cadence(config.tiers[t - 1].cadence, ch) : nullptr;
                tier_cadence_[t * width_ + i] = found ? found : find_cadence(config.cadence, ch);
            }
    }

    // The channels that count as `wanted`, in channel order.
    std::span<const ChannelId> counting(ChannelId wanted) const {
        auto w = static_cast<std::size_t>(wanted);
        return std::span(counting_).subspan(counting_start_[w],
                                            counting_start_[w + 1] - counting_start_[w]);
    }

    // effective_cadence(), with the tier's table looked up once for all.
    std::optional<Interval> cadence(const Client& c, ChannelId channel) const {
        if (!c.cadence.empty()) return effective_cadence(config_, c, channel);
        if (channel != any_channel && c.avoids(channel)) return std::nullopt;
        auto tier = c.tier ? static_cast<std::size_t>(*c.tier) + 1 : 0;
        const auto* found = tier_cadence_[tier * width_ + static_cast<std::size_t>(channel + 1)];
        if (!found || found->is_off()) return std::nullopt;
        return *found;
    }

private:
    const Config& config_;
    std::size_t width_;                         // channels and `any`
    std::vector<ChannelId> counting_;           // every channel's list, one after another
    std::vector<std::size_t> counting_start_;   // where each channel's list starts
    std::vector<const Interval*> tier_cadence_; // (no tier, tiers...) x (any, channels...)
};

// Appends the obligations of one client to `out`: due_rows reuses one
// vector for all of them, and its shortcuts.
void collect_obligations(const Config& config, const History& history, int client,
                         std::vector<Obligation>& out, const Shortcuts* shortcuts = nullptr);

} // namespace touch
