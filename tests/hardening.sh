#!/bin/sh
# The whole test suite again under AddressSanitizer and UndefinedBehaviorSanitizer,
# then under ThreadSanitizer (the log is read on several threads, and the
# unit tests and bench.reference read logs large enough to be cut into
# pieces), then every libFuzzer target for a few seconds (FUZZ_SECONDS,
# default 10) on its seed corpus. With clang one build does ASan, UBSan and
# the fuzzers, another TSan; without it both suites run under g++'s
# sanitizers and the fuzzers are skipped. Any report fails.
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-10}

if ! command -v clang++ >/dev/null 2>&1; then
    echo "hardening: no clang++, so no fuzzing; the suite runs under g++'s sanitizers"
    cmake -S . -B build-asan -DTOUCH_SANITIZE=address
    cmake --build build-asan -j2
    ctest --test-dir build-asan --output-on-failure -j2
    cmake -S . -B build-tsan -DTOUCH_SANITIZE=thread
    cmake --build build-tsan -j2
    ctest --test-dir build-tsan --output-on-failure -j2 -E '^cli[.]security$' # see below
    exit 0
fi

CXX=clang++ cmake -S . -B build-fuzz -DTOUCH_FUZZ=ON -DTOUCH_BUILD_TESTS=ON
cmake --build build-fuzz -j2
ctest --test-dir build-fuzz --output-on-failure -j2

# cli.security is left to the ASan run: ThreadSanitizer's runtime creates
# and removes a scratch file of its own in TMPDIR as each program starts,
# which that test sees as the program writing outside its two files.
CXX=clang++ cmake -S . -B build-tsan -DTOUCH_SANITIZE=thread
cmake --build build-tsan -j2
ctest --test-dir build-tsan --output-on-failure -j2 -E '^cli[.]security$'

for corpus in tests/fuzz/corpus/*/; do
    target=$(basename "$corpus")
    work=build-fuzz/fuzz-work/$target
    mkdir -p "$work"
    echo "hardening: fuzz_$target for ${seconds}s"
    # New inputs go to the work folder; the seeds in the tree are only read.
    build-fuzz/tests/fuzz/fuzz_"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=8192 -print_final_stats=1 -artifact_prefix="$work/" "$work" "$corpus" 2>"$work.log" ||
        { tail -n 40 "$work.log"; echo "hardening: fuzz_$target found a problem: $work/"; exit 1; }
    grep -E '^stat::number_of_executed_units|^Done' "$work.log" || true
done
echo "hardening: sanitized suites and fuzzers clean"
