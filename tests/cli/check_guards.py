#!/usr/bin/python3
"""What must never happen quietly: output that did not arrive reported as
success, a closed stderr turning into a crash, a line written that the
reader would skip, raw control characters on stderr, and memory that
follows the log when a limit says otherwise."""
import os
import resource
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

box = Sandbox(sys.argv[1])
probe = sys.argv[2] if len(sys.argv) > 2 else None
checked = 0
box.write("c.toml", '[[clients]]\nid = "acme"\nname = "Acme Corp"\ncadence = { call = "1w" }\n')
box.write("log", "2026-11-01 acme call\n")
base = ["--clients", "c.toml", "--log", "log", "--today", "2026-11-22"]

# stdout on a full device: an error and status 4, for every command that prints.
for args in (["due"], ["history"], ["clients"], ["show", "acme"], ["stats"], ["check"],
             ["plan", "--format", "ics"], ["completion", "bash"]):
    with open("/dev/full", "w") as full:
        r = box.run(*base, *args, stdout=full)
    checked += 1
    box.expect(f"{args[0]} > /dev/full", r.returncode == 4 and
               b"touch: cannot write output: No space left on device" in r.stderr,
               f"status {r.returncode}, stderr {r.stderr!r}")

# `touch --version` alone answers before the command line's parser is
# built; with another option beside it, the parser answers: both say a
# lost line.
for args in (["--version"], ["--version", "--color", "never"]):
    with open("/dev/full", "w") as full:
        r = box.run(*args, stdout=full)
    checked += 1
    box.expect(f"{' '.join(args)} > /dev/full", r.returncode == 4 and
               b"touch: cannot write output: No space left on device" in r.stderr,
               f"status {r.returncode}, stderr {r.stderr!r}")

# import vcard >> clients.toml on a full disk must not look like success.
box.write("one.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Lee\r\nEND:VCARD\r\n")
with open("/dev/full", "w") as full:
    r = box.run(*base, "import", "vcard", "one.vcf", stdout=full)
checked += 1
box.expect("import > /dev/full", r.returncode == 4, f"status {r.returncode}")

# A closed or full stderr never changes the status, and never aborts.
for how in ("closed", "full"):
    for args, status in ((["log", "acme", "call", "on a closed stderr"], 0), (["log", "nobody", "call"], 2),
                         (["due", "--bogus"], 2)):
        if how == "closed":
            r = box.run(*base, *args, stderr=subprocess.DEVNULL, pass_fds=(),
                        preexec_fn=lambda: os.close(2))
        else:
            with open("/dev/full", "w") as full:
                r = box.run(*base, *args, stderr=full)
        checked += 1
        box.expect(f"stderr {how}: {' '.join(args)}", r.returncode == status,
                   f"status {r.returncode}, wanted {status}")
checked += 1
box.expect("a line logged with stderr closed is there once",
           box.read("log").count("on a closed stderr") == 2, box.read("log"))

# Nothing log writes is a line the reader then skips: a note past the line limit is refused.
before = box.read("log")
r = box.run(*base, "log", "acme", "call", "x" * 70000)
checked += 1
box.expect("a 70,000-character note is refused", r.returncode == 2 and b"at most" in r.stderr,
           f"status {r.returncode}, {r.stderr[:200]!r}")
r = box.run(*base, "log", "acme", "call", *(["w"] * 100000))
checked += 1
box.expect("a 100,000-word note is refused", r.returncode == 2, f"status {r.returncode}")
checked += 1
box.expect("the log is as it was", box.read("log") == before)
r = box.run(*base, "log", "acme", "call", "y" * 60000)
checked += 1
box.expect("a long note within the limit is logged", r.returncode == 0, r.stderr[:200])
r = box.run(*base, "history")
checked += 1
box.expect("and read back", r.returncode == 0 and b"y" * 100 in r.stdout and not r.stderr, r.stderr[:200])
r = box.run(*base, "undo", "--yes")
checked += 1
box.expect("and undone", r.returncode == 0, r.stderr[:200])

# Control characters from the command line are escaped on stderr.
for args in (["due", "\x1b]0;x\x07"], ["log", "\x1b[31macme", "call"], ["--today", "\x1b[2J", "due"],
             ["history", "--limit", "\x07"]):
    r = box.run(*base, *args)
    checked += 1
    raw = [b for b in r.stderr if b < 0x20 and b != 0x0A]
    box.expect(f"no raw control bytes on stderr for {args!r}", not raw and r.returncode == 2,
               f"status {r.returncode}, {r.stderr!r}")
env = dict(box.env, TOUCH_TODAY="\x1b[2Jtomorrow")
r = box.run("--clients", "c.toml", "--log", "log", "due", env=env)
checked += 1
box.expect("TOUCH_TODAY escaped", r.returncode == 2 and b"\x1b" not in r.stderr and b"TOUCH_TODAY" in r.stderr,
           r.stderr)

# A negative or non-numeric count is a usage error, not "no limit".
for value in ("-1", "x", "1.5"):
    r = box.run(*base, "history", "--limit", value)
    checked += 1
    box.expect(f"history --limit {value}", r.returncode == 2, f"status {r.returncode}")

# history --limit 1 holds one line, not the log: peak memory on a large log
# stays near that of a small one.
if probe:
    big = box.path("big.log")
    with open(big, "w") as f:
        pad = "n" * 170
        f.writelines(f"2026-01-01 acme call {i:08d} {pad}\n" for i in range(500000))
    def peak(log):
        r = box.run("--clients", "c.toml", "--log", log, "--today", "2026-11-22", "history", "--limit", "1",
                    prefix=[probe], text=True, timeout=120)
        fields = r.stdout.split()
        return int(fields[1]) if r.returncode == 0 and len(fields) > 2 and fields[2] == "0" else -1
    small_kib, big_kib = peak("log"), peak(big)
    checked += 1
    box.expect("history --limit 1 on 100 MB keeps memory flat",
               0 < big_kib < small_kib + 16 * 1024, f"{small_kib} KiB on a small log, {big_kib} KiB on 100 MB")

box.finish(checked)
