// Work shared between this thread and helper threads that are started once
// and kept until the process ends. Reading a large clients file, the pieces
// of a large log, the two halves of a merge or of a plan's day: each was a
// thread started for it and joined after it. A thread the machine gives a
// core late (a busy machine, a core asleep) held the other up at the join,
// and a thread's end took some 0.2 ms before the join returned. Helpers that
// wait for the next work cost neither, and one that comes late finds the
// work done instead of being waited for.
#pragma once

#include <cstddef>
#include <functional>

namespace touch {

// How many threads work is ever shared with, this one included.
inline constexpr std::size_t max_shared_threads = 8;

// How many threads share_work uses when `threads` are asked for: no more
// than the cores this process may run on (a helper on a core of its own, or
// none: two threads on one core only take turns), nor max_shared_threads.
std::size_t shared_threads(std::size_t threads);

// Calls work(item, seat) once for each item in [0, items), on this thread
// and on at most threads - 1 helpers at once. Each call takes the next item
// no one has taken; `seat`, in [0, threads), names the thread that calls
// (this one is 0), so state kept per seat is never used by two threads at
// once. Returns when every item is done, then rethrows the exception of the
// lowest item that threw. A helper not yet running when this thread takes
// the last item is not waited for. With shared_threads(threads) below 2, a
// single item, or from within `work` (nested), every item runs here in
// order, with seat 0, and the first exception is rethrown after the last.
void share_work(std::size_t items, std::size_t threads,
                const std::function<void(std::size_t item, std::size_t seat)>& work);

// Starts helpers now, up to threads - 1 in all, so that they are running by
// the time work comes; share_work starts them itself otherwise. A helper
// ends when no work comes for a while (KeepHelpers). A thread
// that cannot be started (a limit on processes) is no error: there is less
// help.
void start_helpers(std::size_t threads);

// While one lives, helpers with nothing to do wait for more work instead of
// ending: for work shared again and again (a plan's days).
class KeepHelpers {
public:
    KeepHelpers();
    ~KeepHelpers();
    KeepHelpers(const KeepHelpers&) = delete;
    KeepHelpers& operator=(const KeepHelpers&) = delete;
};

} // namespace touch
