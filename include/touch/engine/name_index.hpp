// Names to indices for reading the log: a fixed set of ids (the clients'
// and the channels' of the clients file), looked up twice for every line.
#pragma once

#include "touch/core/model.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

// A fixed set of names and their indices, for the two look-ups per log line:
// open addressing over a power-of-two table. A name of up to eight bytes (ids
// nearly always are) is held whole in its slot as one word, so a look-up is a
// multiply to hash it and one comparison, with nothing to follow: with
// thousands of clients, a pointer into each client's own id would miss the
// cache on every line. Longer names keep their first eight bytes there and
// the rest side by side in the index.
class NameIndex {
public:
    void add(std::string_view name, int value);
    // -1 when absent. Always inlined: it runs twice for every line of the log.
    [[gnu::always_inline]] int find(std::string_view name) const {
        if (slots_.empty()) return -1;
        auto key = key_of(name);
        for (auto i = home(key, name);; i = (i + 1) & mask_) {
            const auto& slot = slots_[i];
            if (slot.value < 0 || holds(i, key, name)) return slot.value;
        }
    }

    // find, else the name in lower case: a channel is matched without regard
    // to case, in the log as on the command line (SPEC §3). Only a name with
    // an upper-case letter pays for the second look-up.
    int find_any_case(std::string_view name) const;

private:
    struct Slot {
        std::uint64_t key = 0; // key_of the name
        std::uint32_t size = 0;
        std::int32_t value = -1; // -1: empty
    };
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> offsets_; // per slot: where its name is in names_
    std::string names_;
    std::size_t mask_ = 0;
    int shift_ = 64;
    std::size_t used_ = 0;

    [[gnu::always_inline]] static std::uint64_t load64(const char* p) {
        std::uint64_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    [[gnu::always_inline]] static std::uint64_t load32(const char* p) {
        std::uint32_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    // Up to eight bytes: the name itself, read without going past its end
    // (overlapping loads; together with the size they say every byte).
    // Longer: its first eight bytes.
    [[gnu::always_inline]] static std::uint64_t key_of(std::string_view name) {
        const char* p = name.data();
        auto n = name.size();
        if (n >= 8) return load64(p);
        if (n >= 4) return load32(p) | load32(p + n - 4) << 32;
        if (n == 0) return 0;
        return std::uint64_t{static_cast<unsigned char>(p[0])} |
               std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
               std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
    }
    // The slot a name's search begins at: the top bits of a multiplicative
    // hash, which every bit of the key reaches.
    [[gnu::always_inline]] std::size_t home(std::uint64_t key, std::string_view name) const {
        auto h = key ^ name.size() * 0xFF51AFD7ED558CCDull;
        if (name.size() > 8) h = hash_tail(h, name);
        h ^= h >> 32; // ids often differ only in their last bytes, the key's top ones
        return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ull) >> shift_);
    }
    [[gnu::always_inline]] bool holds(std::size_t i, std::uint64_t key,
                                      std::string_view name) const {
        return slots_[i].key == key && slots_[i].size == name.size() &&
               (name.size() <= 8 || same_tail(i, name));
    }
    static std::uint64_t hash_tail(std::uint64_t h, std::string_view name);
    bool same_tail(std::size_t slot, std::string_view name) const;
    // The slot that holds `name`, or the empty one where it would go.
    std::size_t slot_for(std::string_view name) const;
    void grow();
};

// Client ids, and the aliases that are valid ids (in lower case), to their
// index in config.clients: a log line may name a client by an alias, so a
// renamed id keeps its history (SPEC §3); channel ids to their ChannelId.
// Only valid ids (so a name the index finds is one).
NameIndex client_index(const Config& config);
NameIndex channel_index(const Config& config);

} // namespace touch
