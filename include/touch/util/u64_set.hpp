// A set of 64-bit hashes, open addressing in one array: what counting
// identical lines once needs for a million lines, without a node per line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace touch {

class U64Set {
public:
    // True when `key` was not in the set yet.
    bool insert(std::uint64_t key) {
        if (key == 0) return !std::exchange(has_zero_, true);
        if ((size_ + 1) * 4 > slots_.size() * 3) grow();
        if (place(slots_, key)) {
            ++size_;
            return true;
        }
        return false;
    }
    std::size_t size() const { return size_ + (has_zero_ ? 1 : 0); }
    bool contains(std::uint64_t key) const {
        if (key == 0) return has_zero_;
        if (slots_.empty()) return false;
        auto mask = slots_.size() - 1;
        for (auto at = start(key, mask);; at = (at + 1) & mask) {
            if (slots_[at] == key) return true;
            if (slots_[at] == 0) return false;
        }
    }
    void insert_all(const U64Set& other) {
        if (other.has_zero_) has_zero_ = true;
        for (auto key : other.slots_)
            if (key != 0) insert(key);
    }

private:
    std::vector<std::uint64_t> slots_; // 0: empty
    std::size_t size_ = 0;
    bool has_zero_ = false;

    // The keys are hashes already, but not all of their low bits are.
    static std::size_t start(std::uint64_t key, std::size_t mask) {
        return (key * 0x9e3779b97f4a7c15ULL >> 20) & mask;
    }
    static bool place(std::vector<std::uint64_t>& slots, std::uint64_t key) {
        auto mask = slots.size() - 1;
        for (auto at = start(key, mask);; at = (at + 1) & mask) {
            if (slots[at] == key) return false;
            if (slots[at] == 0) {
                slots[at] = key;
                return true;
            }
        }
    }
    void grow() {
        std::vector<std::uint64_t> bigger(slots_.empty() ? 1024 : slots_.size() * 2, 0);
        for (auto key : slots_)
            if (key != 0) place(bigger, key);
        slots_ = std::move(bigger);
    }
};

} // namespace touch
