// What a short-lived program need not free. Freeing a parsed clients file of
// thousands of clients (toml++'s tree, then the Config) is tens of thousands
// of frees that change nothing the user sees; the program says once, at its
// start, that what is handed over here stays until the process ends. Library
// callers (the unit tests, the fuzzers) never say so, and everything is freed
// as usual. What is kept stays reachable from a static root, so
// LeakSanitizer sees it in use rather than lost.
#pragma once

#include <memory>
#include <utility>

namespace touch {

// From now on, what the functions below are given is kept. The program's
// main calls it first thing.
void keep_large_objects_until_exit();
bool keeping_until_exit();

namespace lifetime_detail {
void keep(std::shared_ptr<void> object); // thread-safe
}

// Moves what `object` holds where it stays until the process ends, once the
// program asked for that; otherwise leaves it to be freed by its owner as usual.
template <typename T> void keep_contents_until_exit(T& object) {
    if (!keeping_until_exit()) return;
    lifetime_detail::keep(std::make_shared<T>(std::move(object)));
}

// The same for an object already shared: `object` stays usable, and is freed
// with its last owner or never.
template <typename T> void keep_until_exit(const std::shared_ptr<T>& object) {
    if (keeping_until_exit()) lifetime_detail::keep(object);
}

} // namespace touch
