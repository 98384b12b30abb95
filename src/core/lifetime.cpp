#include "touch/core/lifetime.hpp"

#include <atomic>
#include <mutex>
#include <vector>

namespace touch {

namespace {

std::atomic<bool> keeping{false};

struct Kept {
    std::mutex mutex;
    std::vector<std::shared_ptr<void>> objects;
};

// Never destroyed: a static root, so that what it holds is never freed and
// never reported as leaked.
Kept& kept() {
    static Kept* root = new Kept;
    return *root;
}

} // namespace

// The root itself is made at the first keep (a static local, made once
// whichever thread comes first): `touch --version` keeps nothing.
void keep_large_objects_until_exit() {
    keeping = true;
}

bool keeping_until_exit() {
    return keeping;
}

namespace lifetime_detail {

void keep(std::shared_ptr<void> object) {
    auto& k = kept();
    std::lock_guard<std::mutex> lock(k.mutex);
    k.objects.push_back(std::move(object));
}

} // namespace lifetime_detail

} // namespace touch
