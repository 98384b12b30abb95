#include "touch/interval.hpp"
#include "touch/platform.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace touch;

namespace {
std::chrono::sys_seconds at(const char* iso_date, int hour, int minute) {
    return std::chrono::sys_seconds{*parse_iso_date(iso_date)} + std::chrono::hours{hour} +
           std::chrono::minutes{minute};
}
std::string day_in(std::chrono::sys_seconds t, const char* zone) {
    std::string error;
    auto d = platform::local_date(t, std::string(zone), &error);
    REQUIRE_MESSAGE(d, error);
    return format_date(*d);
}
} // namespace

TEST_CASE("today depends on the zone, on both sides of midnight") {
    // 23:30 UTC on 21 November: still the 21st in New York, already the 22nd in Tokyo.
    auto late = at("2026-11-21", 23, 30);
    CHECK(day_in(late, "UTC") == "2026-11-21");
    CHECK(day_in(late, "America/New_York") == "2026-11-21");
    CHECK(day_in(late, "Asia/Tokyo") == "2026-11-22");
    CHECK(day_in(late, "Pacific/Kiritimati") == "2026-11-22"); // UTC+14
    // 04:59 UTC on the 22nd: the 21st in New York until 05:00 UTC.
    CHECK(day_in(at("2026-11-22", 4, 59), "America/New_York") == "2026-11-21");
    CHECK(day_in(at("2026-11-22", 5, 0), "America/New_York") == "2026-11-22");
    CHECK(day_in(at("2026-11-22", 10, 59), "Pacific/Pago_Pago") == "2026-11-21"); // UTC-11
    CHECK(day_in(at("2026-11-22", 11, 0), "Pacific/Pago_Pago") == "2026-11-22");
}

TEST_CASE("an unknown zone is an error, not an exception") {
    std::string error;
    CHECK_FALSE(
        platform::local_date(at("2026-11-22", 0, 0), std::string("Mars/Olympus_Mons"), &error));
    CHECK(error == "unknown time zone 'Mars/Olympus_Mons'");
}

TEST_CASE("programs are found on absolute PATH entries only") {
    CHECK(platform::find_program("/bin/sh") == "/bin/sh");
    CHECK_FALSE(platform::find_program("./sendmail"));
    CHECK_FALSE(platform::find_program("bin/sendmail"));
}

namespace {
struct TempDir {
    std::string path;
    TempDir() {
        char name[] = "/tmp/touch-unit-XXXXXX";
        path = ::mkdtemp(name);
    }
    ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};
bool exists(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}
} // namespace

TEST_CASE("missing folders are made top down, and taken back when a later one fails") {
    TempDir tmp;
    platform::make_parent_dirs(tmp.path + "/a/b//c/log");
    CHECK(exists(tmp.path + "/a/b/c"));
    CHECK_FALSE(exists(tmp.path + "/a/b/c/log"));
    // A name longer than NAME_MAX fails after a and b were made: neither stays.
    std::string too_long(300, 'x');
    CHECK_THROWS_AS(platform::make_parent_dirs(tmp.path + "/d/e/" + too_long + "/log"), Fatal);
    CHECK_FALSE(exists(tmp.path + "/d"));
    // So does append_line when the log itself cannot be created.
    CHECK_THROWS_AS(platform::append_line(tmp.path + "/f/g/" + too_long, "2026-11-22 a call\n"),
                    Fatal);
    CHECK_FALSE(exists(tmp.path + "/f"));
}

TEST_CASE("a path of PATH_MAX bytes or more is refused before any folder is made") {
    TempDir tmp;
    std::string deep = tmp.path + "/p";
    for (int i = 0; i < 20000; ++i)
        deep += "/a";
    try {
        platform::make_parent_dirs(deep + "/log");
        FAIL("no error");
    } catch (const Fatal& e) {
        CHECK(e.status == exit_system);
        CHECK(std::string(e.what()).find("the path is longer than 4095 bytes") !=
              std::string::npos);
    }
    CHECK_FALSE(exists(tmp.path + "/p"));
}

TEST_CASE("only regular files are read") {
    TempDir tmp;
    auto fifo = tmp.path + "/fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Without O_NONBLOCK the open itself would wait for a writer forever.
    for (const auto& path : {fifo, std::string("/dev/zero")}) {
        try {
            platform::read_file(path);
            FAIL("no error");
        } catch (const Fatal& e) {
            CHECK(std::string(e.what()) == path + ": cannot read: not a regular file");
            CHECK(e.status == exit_system);
        }
        CHECK_THROWS_AS(platform::read_last_line(path), Fatal);
    }
    CHECK(platform::read_file("/dev/null") == "");
}
