#include "touch/core/shared_work.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace touch;

TEST_CASE("shared work does every item once, each seat on one thread at a time") {
    // Many rounds, so that helpers come early, late, and after they ended.
    for (int round = 0; round < 300; ++round) {
        std::size_t items = 1 + static_cast<std::size_t>(round % 37);
        std::size_t threads = 1 + static_cast<std::size_t>(round % 4);
        std::vector<std::atomic<int>> done(items);
        std::vector<std::atomic<int>> in_seat(max_shared_threads);
        std::atomic<bool> shared_seat{false};
        std::atomic<bool> bad_seat{false};
        share_work(items, threads, [&](std::size_t item, std::size_t seat) {
            if (seat >= threads || seat >= max_shared_threads) {
                bad_seat = true;
                return;
            }
            if (in_seat[seat]++ != 0) shared_seat = true;
            ++done[item];
            --in_seat[seat];
        });
        CHECK_FALSE(bad_seat.load());
        CHECK_FALSE(shared_seat.load());
        for (auto& d : done)
            CHECK(d.load() == 1);
    }
}

TEST_CASE("shared work runs on more than one thread when it may") {
    // Each item waits until two threads have come, or long enough to say no
    // helper came: a helper that never helps fails here. A process that may
    // run on one core only gets no helper (two threads would take turns).
    auto wanted = shared_threads(2);
    std::mutex mutex;
    std::set<std::thread::id> seen;
    for (int tries = 0; tries < 50 && seen.size() < wanted; ++tries) {
        std::atomic<int> arrived{0};
        share_work(2, 2, [&](std::size_t, std::size_t) {
            ++arrived;
            for (int i = 0; i < 2000 && arrived.load() < static_cast<int>(wanted); ++i)
                std::this_thread::sleep_for(std::chrono::microseconds(100));
            std::lock_guard lock(mutex);
            seen.insert(std::this_thread::get_id());
        });
    }
    CHECK(seen.size() == wanted);
    CHECK(wanted >= 1);
    CHECK(wanted <= 2);
}

TEST_CASE("shared work with one thread, one item or nested runs here, in order") {
    auto here = std::this_thread::get_id();
    std::vector<std::size_t> order;
    share_work(5, 1, [&](std::size_t item, std::size_t seat) {
        CHECK(seat == 0);
        CHECK(std::this_thread::get_id() == here);
        order.push_back(item);
    });
    CHECK(order == std::vector<std::size_t>{0, 1, 2, 3, 4});
    std::atomic<int> inner{0};
    share_work(4, 2, [&](std::size_t, std::size_t) {
        auto outer = std::this_thread::get_id();
        share_work(3, 2, [&](std::size_t, std::size_t seat) {
            CHECK(seat == 0);
            CHECK(std::this_thread::get_id() == outer);
            ++inner;
        });
    });
    CHECK(inner.load() == 12);
}

TEST_CASE("shared work rethrows the lowest item's exception once all are done") {
    std::atomic<int> done{0};
    try {
        share_work(20, 2, [&](std::size_t item, std::size_t) {
            ++done;
            if (item == 7 || item == 13) throw std::runtime_error(std::to_string(item));
        });
        FAIL("nothing was thrown");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "7");
    }
    CHECK(done.load() == 20);
    // And the helpers still help afterwards.
    std::atomic<int> after{0};
    share_work(10, 2, [&](std::size_t, std::size_t) { ++after; });
    CHECK(after.load() == 10);
}

TEST_CASE("kept helpers wait between rounds; work shared from two threads at once is done") {
    {
        KeepHelpers kept;
        for (int day = 0; day < 50; ++day) {
            std::atomic<int> done{0};
            share_work(2, 2, [&](std::size_t, std::size_t) { ++done; });
            CHECK(done.load() == 2);
        }
    }
    // A second thread sharing while the first does runs its items itself.
    std::atomic<int> total{0};
    auto rounds = [&] {
        for (int i = 0; i < 100; ++i)
            share_work(4, 2, [&](std::size_t, std::size_t) { ++total; });
    };
    std::thread other(rounds);
    rounds();
    other.join();
    CHECK(total.load() == 800);
}
