// The clients file: TOML text in, a validated Config and every problem found
// out. Parses a string; never opens a file (the platform layer does that).
#pragma once

#include "touch/core/diagnostic.hpp"
#include "touch/core/model.hpp"

#include <string>
#include <string_view>

namespace touch {

// One reading of the clients file. `config` holds every part that could be
// read, even beside errors (settings.log among them, so that the log is still
// found when an unrelated key is wrong); a command acts on it only when ok().
struct ConfigResult {
    Config config;
    Diagnostics diagnostics; // every problem at once, in file order

    std::size_t errors() const;
    std::size_t warnings() const;
    bool ok() const { return errors() == 0; }
    // The config when it has no errors, else nothing: for the callers that use
    // a clients file only when it is sound (completion, init, edit).
    const Config* valid_config() const { return ok() ? &config : nullptr; }
};

// `path` is only used to name the file in diagnostics. Every caller that
// reads the clients file goes through here: the same text gives the same
// config and the same diagnostics whichever command reads it.
ConfigResult parse_config(std::string_view text, std::string_view path);

// Where parse_config first cuts a large clients file to parse its runs of
// [[clients]] on two threads (the offset of a `[[clients]]` line near its
// first quarter), or 0 where it does not.
std::size_t clients_split_point(std::string_view text);

// A Config with the built-in channels and nothing else: what a missing
// [channels] table means, and a base for tests.
Config default_config();

// The commented starter file that `touch init` writes.
std::string_view starter_clients_file();

// The channel (or `any`) a client is reached by when a cadence says `any`:
// the first of its `prefers` not avoided, else settings.default_channel, else
// the first channel it does not avoid.
std::optional<ChannelId> preferred_channel(const Config& config, const Client& client);

// The interval `table` gives `channel` (any_channel for `any`), off included;
// null when it names none.
const Interval* find_cadence(const CadenceTable& table, ChannelId channel);

// The client's effective cadence on `channel` (any_channel for `any`): its own,
// else its tier's, else [cadence]; none when off, unset or avoided.
std::optional<Interval> effective_cadence(const Config& config, const Client& client,
                                          ChannelId channel);

} // namespace touch
