// The lines snooze, away and promise write, and the day each sets.
#include "touch/core/interval.hpp"
#include "touch/log/lines.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace touch;

TEST_CASE("a snooze keeps WHEN as typed and sets the day it means") {
    std::vector<std::string> note{"on", "leave"};
    auto line = snooze_line(d("2026-03-02"), "acme", "", "2w", note);
    REQUIRE(line);
    CHECK(line->text == "2026-03-02 acme snooze 2w on leave\n");
    CHECK(line->date == d("2026-03-16"));
    auto call = snooze_line(d("2026-03-02"), "acme", "call", "2026-04-01", {});
    REQUIRE(call);
    CHECK(call->text == "2026-03-02 acme snooze:call 2026-04-01\n");
    CHECK(call->date == d("2026-04-01"));
}

TEST_CASE("time away is a snooze of everyone") {
    auto line = away_line(d("2026-03-02"), "10d", {});
    REQUIRE(line);
    CHECK(line->text == "2026-03-02 * snooze 10d\n");
    CHECK(line->date == d("2026-03-12"));
}

TEST_CASE("a promise is due by WHEN; a cancel line ends the open ones") {
    std::vector<std::string> note{"send", "the", "proposal"};
    auto line = promise_line(d("2026-03-02"), "acme,zeta", "email", "1w", note);
    REQUIRE(line);
    CHECK(line->text == "2026-03-02 acme,zeta promise:email 1w send the proposal\n");
    CHECK(line->date == d("2026-03-09"));
    CHECK(promise_cancel_line(d("2026-03-02"), -1, "acme", "email", d("2026-03-09")) ==
          "2026-03-02 acme promise:email cancel 2026-03-09\n");
    // With the time it was said, when the clock is known.
    CHECK(promise_line(d("2026-03-02"), "acme", "call", "1w", {}, 9 * 60 + 5)->text ==
          "2026-03-02T09:05 acme promise:call 1w\n");
    CHECK(skip_line(d("2026-03-02"), -1, "acme", "note", "sent by the office") ==
          "2026-03-02 acme skip:note sent by the office\n");
}

TEST_CASE("a WHEN that is no interval or date makes no line") {
    CHECK_FALSE(snooze_line(d("2026-03-02"), "acme", "", "soon", {}));
    CHECK_FALSE(snooze_line(d("2026-03-02"), "acme", "", "off", {}));
    CHECK_FALSE(away_line(d("2026-03-02"), "", {}));
    CHECK_FALSE(promise_line(d("2026-03-02"), "acme", "call", "cancel", {}));
}
