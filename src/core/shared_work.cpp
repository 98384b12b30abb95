#include "touch/core/shared_work.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <pthread.h>
#include <sched.h>
#include <thread>
#include <vector>

namespace touch {

namespace {

// Set while a thread runs shared work: work shared from within it runs there.
thread_local bool inside_work = false;

void pause() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

// Work comes in bursts a fraction of a millisecond apart (a plan's days, the
// clients file then the log), and a thread put to sleep wakes some 60
// microseconds late. So a thread first looks again for a while, a count of
// pauses (some 0.2 ms here; not a clock, which may stand still under
// libfaketime), and only then sleeps on a condition variable whose predicate
// is read under the lock, so no wake-up is lost.
constexpr int spin_pauses = 20000;

template <typename Ready> bool spin_until(Ready ready, int pauses = spin_pauses) {
    for (int i = 0; i < pauses; ++i) {
        if (ready()) return true;
        pause();
    }
    return ready();
}

class Helpers {
public:
    // Never destroyed: helpers wait on it until the process ends.
    static Helpers& get() {
        static auto* helpers = new Helpers;
        return *helpers;
    }

    void start(std::size_t wanted) {
        wanted = std::min(wanted, max_shared_threads - 1);
        std::lock_guard lock(mutex_);
        while (started_.load(std::memory_order_relaxed) < wanted) {
            if (!start_thread()) return;
            started_.fetch_add(1, std::memory_order_relaxed);
        }
    }

    // False when another thread shares work now: the caller's items run
    // where it is.
    bool share(std::size_t items, std::size_t threads,
               const std::function<void(std::size_t, std::size_t)>& work) {
        if (busy_.exchange(true)) return false;
        start(threads - 1);
        auto seats = std::min({threads - 1, items - 1, started_.load(std::memory_order_relaxed)});
        if (seats == 0) {
            busy_.store(false);
            return false;
        }
        work_ = &work;
        items_ = items;
        next_.store(0);
        errors_.assign(items, nullptr);
        {
            std::lock_guard lock(mutex_);
            posting_.store(((posting_.load() >> 8) + 1) << 8 | seats);
        }
        wake_.notify_all();
        run_items(0);
        // The seats no helper took in time are taken back: this thread took
        // the last item, and a helper that comes now has nothing to do.
        auto posted = posting_.load();
        while ((posted & 0xff) != 0 && !posting_.compare_exchange_weak(posted, posted & ~0xffULL)) {
        }
        if (!spin_until([&] { return running_.load() == 0; })) {
            std::unique_lock lock(mutex_);
            done_.wait(lock, [&] { return running_.load() == 0; });
        }
        work_ = nullptr;
        // Read before another thread may share work and reset them.
        std::exception_ptr failed;
        for (auto& e : errors_)
            if (e && !failed) failed = e;
        busy_.store(false);
        if (failed) std::rethrow_exception(failed);
        return true;
    }

    void keep(int change) {
        bool released;
        {
            std::lock_guard lock(mutex_);
            kept_ += change;
            released = kept_ == 0;
        }
        if (released) wake_.notify_all();
    }

    std::size_t cores() const { return cores_; }

private:
    Helpers() {
        moved_ = sched_getaffinity(0, sizeof allowed_, &allowed_) == 0;
        cores_ = moved_ ? static_cast<std::size_t>(CPU_COUNT(&allowed_)) : max_shared_threads;
    }

    // A new thread starts on the core of the thread that made it, and runs
    // there first: the two share one core until the scheduler moves one of
    // them to an idle core, here 1-2 ms later, as long as the work itself.
    // So a helper starts on another core this process may use, and once
    // running may go to any of them again.
    bool start_thread() {
        pthread_attr_t attr;
        if (pthread_attr_init(&attr) != 0) return false;
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (moved_) {
            cpu_set_t others = allowed_;
            if (auto here = sched_getcpu(); here >= 0) CPU_CLR(here, &others);
            if (CPU_COUNT(&others) > 0) pthread_attr_setaffinity_np(&attr, sizeof others, &others);
        }
        pthread_t thread;
        auto made = pthread_create(
            &thread, &attr,
            [](void* helpers) -> void* {
                static_cast<Helpers*>(helpers)->serve();
                return nullptr;
            },
            this);
        pthread_attr_destroy(&attr);
        return made == 0;
    }

    void run_items(std::size_t seat) {
        inside_work = true;
        for (auto i = next_++; i < items_; i = next_++) {
            try {
                (*work_)(i, seat);
            } catch (...) {
                errors_[i] = std::current_exception();
            }
        }
        inside_work = false;
    }

    // A helper ends when no work came while it looked, unless helpers are
    // kept: a thread still there when the process exits makes the exit some
    // 0.1 ms slower, as long as its start. It looks longer for its first work,
    // which comes after the file it was started for is looked through.
    void serve() {
        if (moved_) sched_setaffinity(0, sizeof allowed_, &allowed_);
        std::uint64_t seen = 0; // the last work's number
        for (bool first = true;; first = false) {
            auto fresh = [&] { return posting_.load() >> 8 != seen; };
            if (!spin_until(fresh, first ? 5 * spin_pauses : spin_pauses)) {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return fresh() || kept_ == 0; });
                if (!fresh()) {
                    started_.fetch_sub(1);
                    return;
                }
            }
            // Counted as running before taking a seat: the sharing thread,
            // once it took the seats back, waits for every helper counted.
            running_.fetch_add(1);
            auto posted = posting_.load();
            seen = posted >> 8;
            std::size_t seat = 0;
            while (posted >> 8 == seen && (posted & 0xff) != 0) {
                if (posting_.compare_exchange_weak(posted, posted - 1)) {
                    seat = posted & 0xff;
                    break;
                }
            }
            if (seat != 0) run_items(seat);
            if (running_.fetch_sub(1) == 1) {
                std::lock_guard lock(mutex_);
                done_.notify_all();
            }
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_, done_;
    std::atomic<std::size_t> started_{0};
    // The cores this process may use, read once: a helper starts on one of
    // them other than its maker's and may then go to any (moved_), unless
    // they could not be read.
    cpu_set_t allowed_{};
    bool moved_ = false;
    std::size_t cores_ = 1; // how many of them
    std::atomic<bool> busy_{false};
    int kept_ = 0; // KeepHelpers alive, under the mutex
    // The work's number (above the low 8 bits) and the seats still open.
    std::atomic<std::uint64_t> posting_{0};
    std::atomic<int> running_{0}; // helpers between their wake-up and their seat's end
    // The work now shared: set before it is posted, read by seated helpers.
    const std::function<void(std::size_t, std::size_t)>* work_ = nullptr;
    std::size_t items_ = 0;
    std::atomic<std::size_t> next_{0};
    std::vector<std::exception_ptr> errors_; // by item
};

} // namespace

std::size_t shared_threads(std::size_t threads) {
    return std::min(
        {threads, max_shared_threads, std::max<std::size_t>(Helpers::get().cores(), 1)});
}

void share_work(std::size_t items, std::size_t threads,
                const std::function<void(std::size_t item, std::size_t seat)>& work) {
    threads = shared_threads(threads);
    if (threads > 1 && items > 1 && !inside_work && Helpers::get().share(items, threads, work))
        return;
    // Every item, as the helpers do them, then the first to throw.
    std::exception_ptr failed;
    for (std::size_t i = 0; i < items; ++i) {
        try {
            work(i, 0);
        } catch (...) {
            if (!failed) failed = std::current_exception();
        }
    }
    if (failed) std::rethrow_exception(failed);
}

void start_helpers(std::size_t threads) {
    threads = shared_threads(threads);
    if (threads > 1) Helpers::get().start(threads - 1);
}

KeepHelpers::KeepHelpers() {
    Helpers::get().keep(1);
}

KeepHelpers::~KeepHelpers() {
    Helpers::get().keep(-1);
}

} // namespace touch
