#!/usr/bin/python3
"""Hostile input: every file below gives a clear error naming the file and
line, or a skipped line with a warning -- never a crash, a hang, a sanitizer
report, unbounded memory, or a raw control character on the output."""
import os
import random
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

box = Sandbox(sys.argv[1], today="2026-11-22")
probe = os.path.abspath(sys.argv[2])  # measures a child's own peak RSS (see tests/bench/probe.cpp)
failures = box.failures

NAME = r'"Ann\u0000\u001b[2J\u009b31m\u202e Lee"'  # NUL, ESC, CSI, bidi override
CLIENTS = f'[cadence]\ncall = "1w"\n[[clients]]\nid = "a"\nname = {NAME}\n'
GOOD = b"2026-11-01 a call\n"
BIG = 5 * 1024 * 1024
rng = random.Random(7)


def deep(n, open_, close, middle="1"):
    return "x = " + open_ * n + middle + close * n + "\n"


def dotted(n):
    return ".".join(["a"] * n)


# label, clients file, log bytes, expected status, what stderr must match
LOG_CASES = [
    ("three 5 MB lines", CLIENTS, GOOD + (b"2026-11-02 a call " + b"x" * BIG + b"\n") * 3, 0,
     r"warning: .*log: 3 log lines skipped \(first: line 2\)"),
    ("a 5 MB line with no newline at the end", CLIENTS, GOOD + b"y" * BIG, 0,
     r"warning: .*log: 1 log line skipped \(first: line 2\)"),
    ("NUL bytes in a date", CLIENTS, GOOD + b"2026-11\x00-02 a call\n", 0, r"1 log line skipped \(first: line 2\)"),
    ("NUL bytes in a note (kept, shown escaped)", CLIENTS, b"2026-11-01 a call n\x00te\n", 0, r"^$"),
    ("invalid UTF-8 in a note (kept, shown escaped)", CLIENTS, b"2026-11-01 a call \xff\xfe\xc3\n", 0, r"^$"),
    ("invalid UTF-8 as the client", CLIENTS, GOOD + b"2026-11-02 \xff\xfe call\n", 0,
     r"1 log line skipped \(first: line 2\)"),
    ("CRLF line ends", CLIENTS, b"2026-11-01 a call\r\n2026-11-02 a call\r\n", 0, r"^$"),
    ("a byte-order mark", CLIENTS, b"\xef\xbb\xbf2026-11-01 a call\n", 0, r"^$"),
    ("9999-99-99", CLIENTS, GOOD + b"9999-99-99 a call\n", 0, r"1 log line skipped \(first: line 2\)"),
    ("2026-01-04T25:99", CLIENTS, GOOD + b"2026-01-04T25:99 a call\n", 0, r"1 log line skipped \(first: line 2\)"),
    ("2026-02-30", CLIENTS, GOOD + b"2026-02-30 a call\n", 0, r"1 log line skipped \(first: line 2\)"),
    ("terminal escapes in a note (kept, shown escaped)", CLIENTS,
     b"2026-11-01 a call \x1b]0;owned\x07\x1b[2J\x9b\n", 0, r"^$"),
    ("a million empty lines", CLIENTS, GOOD + b"\n" * 1000000, 0, r"^$"),
    ("a megabyte of random bytes", CLIENTS, GOOD + bytes(rng.getrandbits(8) for _ in range(1 << 20)), 0,
     r"log lines? skipped"),
]

TOML_CASES = [
    ("arrays nested 100,000 deep", deep(100000, "[", "]"), 3, r":1:\d+: error: .*maximum nested value depth"),
    ("inline tables nested 100,000 deep", deep(100000, "{a = ", "}"), 3, r":1:\d+: error: .*maximum nested value depth"),
    ("a table header of 100,000 dotted keys", f"[{dotted(100000)}]\n", 3, r":1:515: error: keys nested more than 256 deep"),
    ("a key of 100,000 dotted parts", f"{dotted(100000)} = 1\n", 3, r":1:514: error: keys nested more than 256 deep"),
    ("clients = 5", "clients = 5\n", 3, r":1:11: error: 'clients' must be an array of tables"),
    ("clients as a table", "[clients]\nid = \"a\"\n", 3, r":1:1: error: 'clients' must be an array of tables"),
    ("clients = [1, 2]", "clients = [1, 2]\n", 3, r":1:12: error: each \[\[clients\]\] entry must be a table"),
    ("id = 5", "[[clients]]\nid = 5\n", 3, r":2:6: error: 'id' must be a string, not an integer"),
    ("cadence call = 7", "[cadence]\ncall = 7\n", 3, r":2:8: error: 'cadence.call' must be a string"),
    ("a negative interval", "[cadence]\ncall = \"-3d\"\n", 3, r":2:8: error: 'cadence.call': '-3d' is not an interval"),
    ("a zero interval", "[cadence]\ncall = \"0d\"\n", 3, r":2:8: error: .*must be at least one day"),
    ("an interval of 101 years", "[cadence]\ncall = \"101y\"\n", 3, r":2:8: error: .*longer than 100 years"),
    ("an interval of 99,999,999 years", "[cadence]\ncall = \"99999999y\"\n", 3, r":2:8: error: .*is not an interval"),
    ("per_day = -1", "[channels.call]\nper_day = -1\n", 3, r":2:11: error: 'per_day' must be a whole number from 1"),
    ("per_day = 2^63-1", "[channels.call]\nper_day = 9223372036854775807\n", 3, r":2:11: error: 'per_day' must be"),
    ("per_day past 64 bits", "[channels.call]\nper_day = 99999999999999999999\n", 3, r":2:\d+: error: .*not representable"),
    ("invalid UTF-8", "[[clients]]\nid = \"a\"\nname = \"\xff\"\n", 3, r":3:\d+: error: "),
    ("a raw NUL byte", "[[clients]]\nid = \"a\x00\"\n", 3, r":2:\d+: error: "),
    ("a time zone that is a path", "[settings]\ntimezone = \"../../etc/passwd\"\n", 3, r":2:12: error: unknown time zone"),
    ("an owner with a line break", "[settings]\nowner = \"a@b.example\\r\\nBcc: c@d.example\"\n", 3,
     r":2:9: error: 'owner' is not an email address"),
    ("a 5 MB name", f"[[clients]]\nid = \"a\"\nname = \"{'n' * BIG}\"\n", 0, r"^$"),
    ("a byte-order mark and CRLF", "\ufeff[[clients]]\r\nid = \"a\"\r\n", 0, r"^$"),
]

CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def run(tmp, args):
    start = time.monotonic()
    try:
        p = box.run("--clients", os.path.join(tmp, "c.toml"), "--log", os.path.join(tmp, "log"), *args)
    except subprocess.TimeoutExpired:
        return None, b"", b"", time.monotonic() - start
    return p.returncode, p.stdout, p.stderr, time.monotonic() - start


def check(label, tmp, expected_status, stderr_pattern, commands):
    for args in commands:
        status, out, err, seconds = run(tmp, args)
        text = err.decode("utf-8", "replace")
        what = f"{label} ({' '.join(args)})"
        if status is None:
            failures.append(f"{what}: still running after 60 s")
            continue
        if "Sanitizer" in text or "runtime error" in text:
            failures.append(f"{what}: sanitizer report: {text[:400]}")
        # check reports a skipped line as an error: status 3.
        want = 3 if args[0] == "check" and "skipped" in stderr_pattern else expected_status
        if status != want:
            failures.append(f"{what}: status {status}, not {want}: {text[:300]}")
        if args[0] != "check" and not re.search(stderr_pattern, text, re.M):
            failures.append(f"{what}: stderr does not match {stderr_pattern!r}: {text[:300]!r}")
        if text and not all(l.startswith("touch: ") for l in text.splitlines()):
            failures.append(f"{what}: a stderr line without 'touch: ': {text[:300]!r}")
        if "csv" in args:
            out = out.replace(b"\r\n", b"\n")  # RFC 4180 records end in CRLF
        if CONTROL.search(out):
            failures.append(f"{what}: a raw control character on stdout: {CONTROL.search(out).group()!r}")
        if args[0] == "due":
            first = text.splitlines()[0] if text else "(nothing on stderr)"
            print(f"{label}: status {status}, {seconds:.2f} s; {first[:110]}")


tmp = box.mkdir("files")
clients, log = os.path.join(tmp, "c.toml"), os.path.join(tmp, "log")
reports = [["due"], ["check"], ["history", "--format", "csv"], ["history"], ["show", "a"], ["clients", "--format", "csv"]]
for label, toml_text, log_bytes, status, pattern in LOG_CASES:
    with open(clients, "w", encoding="utf-8") as f:
        f.write(toml_text)
    with open(log, "wb") as f:
        f.write(log_bytes)
    check(label, tmp, status, pattern, reports)
with open(log, "wb") as f:
    f.write(GOOD)
for label, toml_text, status, pattern in TOML_CASES:
    with open(clients, "wb") as f:
        f.write(toml_text.encode("utf-8", "surrogateescape") if "\xff" not in toml_text
                else toml_text.encode("latin-1"))
    check(label, tmp, status, r"^touch: .*c\.toml" + pattern if status else pattern, [["due"], ["check"]])

# Memory does not follow the size of a line: a log of three 5 MB lines
# peaks no higher than a log of one short line (give or take 4 MiB).
def peak(log_bytes):
    with open(clients, "w") as f:
        f.write(CLIENTS)
    with open(log, "wb") as f:
        f.write(log_bytes)
    r = box.run("--clients", clients, "--log", log, "due", prefix=[probe], text=True)
    return int(r.stdout.split()[1])

small, big = peak(GOOD), peak(GOOD + (b"2026-11-02 a call " + b"x" * BIG + b"\n") * 3)
print(f"peak RSS of due: {small} KiB on one short line, {big} KiB on three 5 MB lines")
if big > small + 4 * 1024:
    failures.append(f"peak RSS grows with the line: {small} KiB -> {big} KiB")

# Hostile paths and dates on the command line: each a clear error, at once.
def run_args(tmp, args, timeout=10):
    try:
        p = box.run(*args, today=None if "--today" in args else box.today, text=True, timeout=timeout,
                    cwd=tmp)
    except subprocess.TimeoutExpired:
        return None, "", "(still running)"
    return p.returncode, p.stdout, p.stderr


def expect_error(what, result, status, stderr):
    got_status, _, err = result
    if got_status != status or err != stderr:
        failures.append(f"{what}: status {got_status}, stderr {err[:300]!r}; wanted {status}, {stderr!r}")


tmp = box.mkdir("paths")
clients = os.path.join(tmp, "c.toml")
with open(clients, "w") as f:
    f.write(CLIENTS)
# A log that is not a regular file: /dev/zero never ends, a FIFO blocks
# until a writer comes (even the open). Readers refuse both, exit 4.
fifo = os.path.join(tmp, "fifo")
os.mkfifo(fifo)
for path in ("/dev/zero", fifo):
    for args in (["due"], ["check"], ["history"], ["stats"], ["show", "a"], ["undo", "--yes"]):
        expect_error(f"--log {path} {' '.join(args)}", run_args(tmp, ["--clients", clients, "--log", path] + args),
                     4, f"touch: {path}: cannot read: not a regular file\n")
expect_error("--clients FIFO", run_args(tmp, ["--clients", fifo, "due"]), 4,
             f"touch: {fifo}: cannot read: not a regular file\n")

# Parent folders: a path past PATH_MAX is refused before any folder is
# made; one that fails deep down leaves none of the folders it made.
deep = "p/" + "a/" * 20000 + "log"
status, _, err = run_args(tmp, ["--clients", clients, "--log", deep, "log", "a", "call"])
if status != 4 or "the path is longer than 4095 bytes" not in err or os.path.exists(os.path.join(tmp, "p")):
    failures.append(f"a 20,000-folder log path: status {status}, {err[:200]!r}, "
                    f"p left behind: {os.path.exists(os.path.join(tmp, 'p'))}")
    # Python's rmtree recurses once per folder: rm removes such a tree.
    subprocess.run(["rm", "-rf", os.path.join(tmp, "p")])
for what, path in (("a folder name too long", "q/r/" + "x" * 300 + "/log"), ("a log name too long", "q/r/" + "x" * 300)):
    status, _, err = run_args(tmp, ["--clients", clients, "--log", path, "log", "a", "call"])
    if status != 4 or "File name too long" not in err or os.path.exists(os.path.join(tmp, "q")):
        failures.append(f"{what}: status {status}, {err[:200]!r}, q left behind: {os.path.exists(os.path.join(tmp, 'q'))}")

# Dates at the edge: every report keeps four-digit years, or refuses.
log = os.path.join(tmp, "log")
with open(log, "w") as f:
    f.write("2026-11-01 a call\n")
range_note = "a DATE is from 0100-01-01 to 9899-12-31\n"
for args, source, text in ((["--today", "9999-12-31", "plan", "--format", "ics"], "--today", "'9999-12-31' is after 9899-12-31"),
                           (["--today", "0001-01-01", "stats"], "--today", "'0001-01-01' is before 0100-01-01"),
                           (["stats", "--since", "0099-12-31"], "--since", "'0099-12-31' is before 0100-01-01"),
                           (["log", "a", "call", "-d", "0050-01-01"], "-d", "'0050-01-01' is before 0100-01-01")):
    expect_error(" ".join(args), run_args(tmp, ["--clients", clients, "--log", log] + args), 2,
                 f"touch: {source}: {text}: {range_note}")
status, out, err = run_args(tmp, ["--clients", clients, "--log", log, "--today", "9899-12-31", "plan",
                                  "--format", "ics", "--days", "366"])
days = re.findall(r"VALUE=DATE:(\d+)", out)
if status != 0 or not days or any(len(d) != 8 for d in days):
    failures.append(f"plan --format ics on the last DATE: status {status}, dates {days[-3:]} {err[:200]!r}")
status, out, err = run_args(tmp, ["--clients", clients, "--log", log, "--today", "0100-01-01", "stats"])
if status != 0 or re.search(r"(?<!\d)0000-\d\d", out) or not re.search(r"0100-01", out):
    failures.append(f"stats on the first DATE: status {status}, {out[:300]!r} {err[:200]!r}")

print(f"hostile input: {len(LOG_CASES) + len(TOML_CASES)} files")
box.finish()
