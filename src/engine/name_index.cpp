#include "touch/engine/name_index.hpp"

#include "touch/util/text.hpp"

#include <algorithm>
#include <bit>

namespace touch {

std::uint64_t NameIndex::hash_tail(std::uint64_t h, std::string_view name) {
    // A word at a time, overlapping loads covering the end.
    const char* p = name.data();
    auto n = name.size();
    for (std::size_t i = 8; i + 8 < n; i += 8)
        h = (h ^ load64(p + i)) * 0xC4CEB9FE1A85EC53ull;
    h = (h ^ load64(p + n - 8)) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
}

bool NameIndex::same_tail(std::size_t slot, std::string_view name) const {
    return std::string_view(names_).substr(offsets_[slot] + 8, name.size() - 8) == name.substr(8);
}

std::size_t NameIndex::slot_for(std::string_view name) const {
    auto key = key_of(name);
    auto i = home(key, name);
    while (slots_[i].value >= 0 && !holds(i, key, name))
        i = (i + 1) & mask_;
    return i;
}

void NameIndex::grow() {
    auto old = std::move(slots_);
    auto old_offsets = std::move(offsets_);
    auto size = std::max<std::size_t>(16, old.size() * 2);
    slots_.assign(size, Slot{});
    offsets_.assign(size, 0);
    mask_ = size - 1;
    shift_ = 64 - std::countr_zero(size);
    for (std::size_t i = 0; i < old.size(); ++i) {
        if (old[i].value < 0) continue;
        auto j = slot_for(std::string_view(names_).substr(old_offsets[i], old[i].size));
        slots_[j] = old[i];
        offsets_[j] = old_offsets[i];
    }
}

void NameIndex::add(std::string_view name, int value) {
    // At most half full: a search ends soon at an empty slot.
    if ((used_ + 1) * 2 > slots_.size()) grow();
    auto i = slot_for(name);
    auto& slot = slots_[i];
    if (slot.value < 0) {
        ++used_;
        slot.key = key_of(name);
        slot.size = static_cast<std::uint32_t>(name.size());
        offsets_[i] = static_cast<std::uint32_t>(names_.size());
        names_.append(name);
    }
    slot.value = value;
}

int NameIndex::find_any_case(std::string_view name) const {
    auto found = find(name);
    if (found >= 0 ||
        std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return found;
    return find(to_lower(name));
}

NameIndex client_index(const Config& config) {
    NameIndex index;
    for (std::size_t i = 0; i < config.clients.size(); ++i)
        if (is_valid_id(config.clients[i].id)) index.add(config.clients[i].id, static_cast<int>(i));
    // After every id: an alias never takes another client's id (the clients
    // file's check refuses that, and a broken file is read leniently).
    for (std::size_t i = 0; i < config.clients.size(); ++i)
        for (auto& alias : config.clients[i].aliases)
            if (auto id = to_lower(alias); is_valid_id(id) && index.find(id) < 0)
                index.add(id, static_cast<int>(i));
    return index;
}

NameIndex channel_index(const Config& config) {
    NameIndex index;
    for (std::size_t i = 0; i < config.channels.size(); ++i)
        if (is_valid_id(config.channels[i].id))
            index.add(config.channels[i].id, static_cast<int>(i));
    return index;
}

} // namespace touch
