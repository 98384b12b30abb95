#include "support.hpp"
#include "touch/core/interval.hpp"
#include "touch/platform/clock.hpp"
#include "touch/platform/files.hpp"
#include "touch/platform/process.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

TEST_CASE("a mail's Date: is in settings.timezone, with its offset") {
    auto late = at("2026-11-21", 23, 30);
    CHECK(platform::rfc5322_date(late, std::string("UTC")) == "Sat, 21 Nov 2026 23:30:00 +0000");
    CHECK(platform::rfc5322_date(late, std::string("Asia/Tokyo")) ==
          "Sun, 22 Nov 2026 08:30:00 +0900");
    CHECK(platform::rfc5322_date(late, std::string("America/New_York")) ==
          "Sat, 21 Nov 2026 18:30:00 -0500");
    CHECK(platform::rfc5322_date(late, std::string("Asia/Kolkata")) ==
          "Sun, 22 Nov 2026 05:00:00 +0530");
    CHECK(platform::rfc5322_date(at("2026-07-01", 12, 0), std::string("America/St_Johns")) ==
          "Wed, 01 Jul 2026 09:30:00 -0230");
}

TEST_CASE("an unknown zone is an error, not an exception") {
    std::string error;
    CHECK_FALSE(
        platform::local_date(at("2026-11-22", 0, 0), std::string("Mars/Olympus_Mons"), &error));
    CHECK(error == "unknown time zone 'Mars/Olympus_Mons'");
}

TEST_CASE("a program is found as a shell finds it, on absolute PATH entries only") {
    CHECK(platform::find_program("/bin/sh") == "/bin/sh");
    TempDir tmp;
    REQUIRE(::mkdir((tmp.path + "/bin").c_str(), 0700) == 0);
    REQUIRE(::mkdir((tmp.path + "/bin/folder").c_str(), 0700) == 0);
    for (const char* name : {"/touch-unit-ed", "/bin/touch-unit-ed", "/bin/plain"}) {
        std::ofstream(tmp.path + name) << "#!/bin/sh\n";
        REQUIRE(::chmod((tmp.path + name).c_str(),
                        std::string(name) == "/bin/plain" ? 0600 : 0700) == 0);
    }
    auto* old_path = std::getenv("PATH");
    std::string saved_path = old_path ? old_path : "";
    char here[4096];
    REQUIRE(::getcwd(here, sizeof here));
    REQUIRE(::chdir(tmp.path.c_str()) == 0);
    ::setenv("PATH", (".:bin::" + saved_path).c_str(), 1);
    // A slash makes it a path, from the current folder when relative.
    CHECK(platform::find_program("./touch-unit-ed") == "./touch-unit-ed");
    CHECK(platform::find_program("bin/touch-unit-ed") == "bin/touch-unit-ed");
    CHECK(platform::find_program("bin/../touch-unit-ed") == "bin/../touch-unit-ed");
    CHECK_FALSE(platform::find_program("bin/plain"));  // not executable
    CHECK_FALSE(platform::find_program("bin/folder")); // not a file
    CHECK_FALSE(platform::find_program("bin/none"));
    // Without one: never from the relative or empty PATH entries, which hold it here.
    CHECK_FALSE(platform::find_program("touch-unit-ed"));
    CHECK(platform::find_program("sh").has_value());
    ::setenv("PATH", (tmp.path + "/bin/folder:" + tmp.path + "/bin").c_str(), 1);
    CHECK(platform::find_program("touch-unit-ed") == tmp.path + "/bin/touch-unit-ed");
    CHECK_FALSE(platform::find_program("folder"));
    ::setenv("PATH", saved_path.c_str(), 1);
    REQUIRE(::chdir(here) == 0);
}

namespace {
using std::chrono::seconds;
using std::chrono::steady_clock;

std::vector<std::string> sh(const char* script) {
    return {"/bin/sh", "-c", script};
}

void (*disposition(int signal))(int) {
    struct sigaction now {};
    ::sigaction(signal, nullptr, &now);
    return now.sa_handler;
}
} // namespace

TEST_CASE("run_with_input: what the program writes on both outputs comes back, in order") {
    auto r = platform::run_with_input(sh("cat; echo said >&2; exit 3"), "a message\n", seconds(3));
    REQUIRE(r);
    CHECK(r->status == 3);
    CHECK(r->output == "a message\nsaid\n");
    CHECK((disposition(SIGPIPE) == SIG_DFL));
}

TEST_CASE("run_with_input: a program that talks a lot before it reads does not block both sides") {
    std::string message(300000, 'm');
    auto start = steady_clock::now();
    auto r = platform::run_with_input(
        sh("head -c 300000 /dev/zero | tr '\\0' x >&2; wc -c | tr -d ' ' >&2"), message,
        seconds(3));
    REQUIRE_MESSAGE(r, r.error().message);
    CHECK(r->status == 0);
    CHECK(r->output.size() == 64 * 1024); // the first 64 KiB is kept, the rest read and dropped
    CHECK(steady_clock::now() - start < seconds(3));
}

TEST_CASE("run_with_input: a program that exits without reading did not take the message") {
    std::string message(300000, 'm');
    auto r = platform::run_with_input(sh("exec 0<&-; echo bye >&2; exit 0"), message, seconds(3));
    REQUIRE_FALSE(r);
    CHECK(r.error().status == exit_system);
    CHECK(r.error().message.find("/bin/sh did not take the whole message") == 0);
    CHECK(r.error().message.find("but exited with status 0: bye") != std::string::npos);
    CHECK((disposition(SIGPIPE) == SIG_DFL)); // ignored only while writing

    // One that fails is reported by its status, however much it read first.
    r = platform::run_with_input(sh("exec 0<&-; echo no >&2; exit 75"), message, seconds(3));
    REQUIRE(r);
    CHECK(r->status == 75);
    CHECK(r->output == "no\n");
}

TEST_CASE("run_with_input: a program past its time limit is stopped, even one that ignores "
          "SIGTERM") {
    auto start = steady_clock::now();
    auto r = platform::run_with_input(sh("cat >/dev/null; sleep 30"), "hello\n", seconds(1));
    REQUIRE_FALSE(r);
    CHECK(r.error().status == exit_system);
    CHECK(r.error().message == "/bin/sh did not finish within 1 second and was stopped");
    CHECK(steady_clock::now() - start < seconds(3));

    start = steady_clock::now();
    r = platform::run_with_input(sh("trap '' TERM; while :; do sleep 1; done"), "", seconds(1));
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("did not finish within 1 second") != std::string::npos);
    CHECK(steady_clock::now() - start < seconds(6));
}

TEST_CASE("run_interactive: SIGINT and SIGQUIT are ignored here only while the program runs, and "
          "never by the program") {
    auto interrupt = disposition(SIGINT), quit = disposition(SIGQUIT);
    CHECK(platform::run_interactive(sh("kill -INT $PPID; kill -QUIT $PPID; exit 7")) == 7);
    CHECK(platform::run_interactive(sh("kill -INT $$; exit 0")) == 128 + SIGINT);
    CHECK((disposition(SIGINT) == interrupt));
    CHECK((disposition(SIGQUIT) == quit));
}

TEST_CASE("run_with_input: a program that cannot be found is an error, not an exception") {
    auto r = platform::run_with_input({"/no/such/program"}, "x", seconds(1));
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "cannot run /no/such/program: not found");
}

namespace {
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
        auto last = platform::read_last_line(path);
        REQUIRE_FALSE(last.has_value());
        CHECK(last.error().message == path + ": cannot read: not a regular file");
        CHECK(last.error().status == exit_system);
    }
    CHECK(platform::read_file("/dev/null") == "");
}

TEST_CASE("pieces whose threads cannot start are read on this thread, never std::terminate") {
    TempDir tmp;
    ::chmod(tmp.path.c_str(), 0755);
    auto path = tmp.path + "/log";
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        REQUIRE(f);
        for (int i = 0; i < 100000; ++i)
            std::fprintf(f, "2026-11-22 acme call line %d of a log read in four pieces\n", i);
        std::fclose(f);
    }
    ::chmod(path.c_str(), 0644);
    // In a child: as nobody, RLIMIT_NPROC 1 lets no thread start and 2 lets
    // one start and the next fail (root is not held to the limit); that one
    // once left a joinable thread behind: std::terminate.
    for (rlim_t limit : {1, 2}) {
        CAPTURE(limit);
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(10);
            struct rlimit few {
                limit, limit
            };
            ::setrlimit(RLIMIT_NPROC, &few);
            // Each piece counts its own lines: pieces may run at once.
            std::deque<std::size_t> counts(4);
            std::deque<LineSplitter<LineCallback>> splitters;
            for (std::size_t i = 0; i < 4; ++i)
                splitters.emplace_back(
                    [&counts, i](std::string_view, std::size_t, bool) { ++counts[i]; }, i == 0);
            try {
                auto pieces = platform::read_lines_in_parts(
                    path, [](std::uint64_t) { return std::size_t{4}; },
                    [&](std::size_t i) -> ChunkSink& { return splitters[i]; });
                std::size_t lines = 0;
                for (auto n : counts)
                    lines += n;
                ::_exit(pieces == 4 && lines == 100000 ? 0 : 11);
            } catch (...) {
                ::_exit(12);
            }
        }
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        CHECK_FALSE(WIFSIGNALED(status));
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
}

TEST_CASE("an expected failure is a value; or_fatal makes it Fatal where it ends the command") {
    Expected<std::optional<std::string>> missing = std::nullopt;
    REQUIRE(missing.has_value());
    CHECK_FALSE(missing->has_value());
    Expected<std::string> failed = Error{exit_usage, "no"};
    REQUIRE_FALSE(failed);
    CHECK(failed.error().status == exit_usage);
    try {
        (void)std::move(failed).or_fatal();
        FAIL("no error");
    } catch (const Fatal& e) {
        CHECK(e.status == exit_usage);
        CHECK(std::string(e.what()) == "no");
    }
    CHECK(Expected<std::string>("yes").or_fatal() == "yes");
    TempDir tmp;
    auto absent = platform::try_read_file(tmp.path + "/missing");
    REQUIRE(absent.has_value());
    CHECK_FALSE(absent->has_value());
}
