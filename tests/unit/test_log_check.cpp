// The log check of `touch check`: every problem at its line, with its message.
#include "touch/config/config.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/log_check.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace touch;

namespace {

const char* clients = R"(
[[clients]]
id = "acme"
cadence = { call = "2w" }
)";

} // namespace

TEST_CASE("a clean log has no diagnostics, and counts its entries") {
    auto config = config_of(clients);
    auto check =
        check_log_text("t.log", "# a comment\n2026-03-01 acme call\n\n2026-03-02 acme snooze 2w\n",
                       &config, d("2026-03-02"));
    CHECK(check.diagnostics.empty());
    CHECK(check.entries == 2);
    CHECK(check.errors == 0);
    CHECK(check.warnings == 0);
}

TEST_CASE("a malformed line is an error at its line and column, with the line to show") {
    auto config = config_of(clients);
    auto check = check_log_text("t.log", "2026-03-01 acme call\nyesterday acme call\n", &config,
                                d("2026-03-02"));
    REQUIRE(check.diagnostics.size() == 1);
    const auto& d = check.diagnostics[0];
    CHECK(d.path == "t.log");
    CHECK(d.line == 2);
    CHECK(d.col == 1);
    CHECK(d.severity == Severity::error);
    CHECK(d.message == "'yesterday' is not a date (YYYY-MM-DD)");
    CHECK(d.hint == "the form is DATE[THH:MM] CLIENT CHANNEL [NOTE...]; touch skips this line");
    CHECK(check.sources[0] == "yesterday acme call");
    CHECK(check.entries == 1);
    CHECK(check.errors == 1);
}

TEST_CASE("past fifty malformed lines the rest are counted, not reported") {
    std::string log;
    for (int i = 0; i < 53; ++i)
        log += "bad line\n";
    auto check = check_log_text("t.log", log, nullptr, d("2026-03-02"));
    CHECK(check.diagnostics.size() == max_line_reports);
    CHECK(check.diagnostics.back().line == 50);
    CHECK(check.errors == 53);
    CHECK(check.unreported == 3);
}

TEST_CASE("names the clients file does not know: one warning each, at the first line") {
    auto config = config_of(clients);
    auto check = check_log_text("t.log",
                                "2026-03-01 acme call\n"
                                "2026-03-01 zeta call\n"
                                "2026-03-01 acme cal\n"
                                "2026-03-02 zeta,acme visit\n"
                                "2026-03-02 acme snooze:cal 2w\n",
                                &config, d("2026-03-02"));
    REQUIRE(check.diagnostics.size() == 2);
    CHECK(check.warnings == 2);
    const auto& client = check.diagnostics[0];
    CHECK(client.line == 2);
    CHECK(client.col == 0);
    CHECK(client.severity == Severity::warning);
    CHECK(client.message == "client 'zeta' is not in the clients file (2 lines)");
    CHECK(client.hint == "kept as history; add the client back or leave the lines be");
    const auto& channel = check.diagnostics[1];
    CHECK(channel.line == 3);
    CHECK(channel.message == "channel 'cal' is not defined (2 lines); did you mean 'call'?");
    CHECK(channel.hint == "define it under [channels], or those lines count for no cadence");
}

TEST_CASE("without a usable clients file the names are not checked") {
    auto check = check_log_text("t.log", "2026-03-01 zeta cal\n", nullptr, d("2026-03-02"));
    CHECK(check.diagnostics.empty());
    CHECK(check.entries == 1);
}

TEST_CASE("a last line without a newline and lines after today are warnings") {
    auto config = config_of(clients);
    auto check = check_log_text("t.log",
                                "2026-03-01 acme call\n"
                                "2026-03-05 acme call\n"
                                "2026-03-06 acme call",
                                &config, d("2026-03-02"));
    REQUIRE(check.diagnostics.size() == 2);
    CHECK(check.diagnostics[0].line == 3);
    CHECK(check.diagnostics[0].message == "the last line has no newline at its end");
    CHECK(check.diagnostics[1].line == 2);
    CHECK(check.diagnostics[1].message ==
          "2 lines are dated after today (2026-03-02); they count from their date on");
    CHECK(check.diagnostics[1].hint.empty());
}
