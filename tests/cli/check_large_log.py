#!/usr/bin/python3
"""A log large enough to be read in pieces at once: stats and show say what
they say of the same lines read one file at a time, in files too small to be
cut (a folder of ten logs, in the same order). Lines repeated far apart,
imported lines, lines for two clients, snoozes, promises and a broken line
are among them."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, text  # noqa: E402

box = Sandbox(sys.argv[1])
expect = box.expect

CLIENTS = "[channels]\nlunch = { personal = true }\n[cadence]\ncall = \"2w\"\n" + "".join(
    f"[[clients]]\nid = \"c{i:02}\"\n" for i in range(30))
box.write("clients.toml", CLIENTS)

channels = ["call", "email", "visit", "lunch", "text"]
lines = []
for i in range(60000):
    day = f"2026-{1 + i % 11:02}-{1 + i % 28:02}"
    client = f"c{i % 30:02}" if i % 17 else f"c{i % 30:02},c{(i + 1) % 30:02}"
    note = f"note number {i % 5000}" + (f" [ics:{i:012x}]" if i % 13 == 0 else "")
    lines.append(f"{day}T{9 + i % 8:02}:{i % 60:02} {client} {channels[i % 5]} {note}")
    if i % 997 == 0 and i > 0:
        lines.append(lines[i // 3])  # the same line again, far from the first
    if i % 5003 == 0:
        lines.append(f"{day} c{i % 30:02} snooze 2026-12-{1 + i % 28:02}")
        lines.append(f"{day} c{i % 30:02} promise 2026-12-01 send the offer")
lines.insert(45000, "this line is broken")
box.write("one.log", "".join(line + "\n" for line in lines))
expect("the log is large enough to be cut", os.path.getsize(box.path("one.log")) > 3 * 512 * 1024)
per_file = len(lines) // 10 + 1
for f in range(10):
    box.write(f"folder/p{f}.log", "".join(line + "\n" for line in lines[f * per_file:(f + 1) * per_file]))


def run(log, *args):
    r = box.run("--clients", "clients.toml", "--log", log, "--today", "2026-11-22", *args,
                "--format", "json")
    expect(f"{' '.join(args)} on {log} succeeds", r.returncode == 0, text(r.stderr))
    return json.loads(text(r.stdout) or "null")


def without(value, keys):
    """`value` with `keys` left out at every depth: what only a folder says."""
    if isinstance(value, dict):
        return {k: without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [without(v, keys) for v in value]
    return value


for since in ("2026-01-01", "2026-09-01"):
    one = run("one.log", "stats", "--since", since)
    folder = run("folder/", "stats", "--since", since)
    expect(f"stats --since {since}: the same counts read in pieces", one == without(folder, {"people"}),
           json.dumps(one)[:400])
for client in ("c00", "c07", "c29"):
    for recent in ("10", "0"):
        one = run("one.log", "show", client, "--recent", recent)
        folder = run("folder/", "show", client, "--recent", recent)
        expect(f"show {client} --recent {recent}: the same read in pieces",
               one == without(folder, {"person", "last_seen"}), json.dumps(one)[:400])

# history holds every line: a folder's files are read each on its own and
# merged in pairs of neighbours, round after round; with seven files the
# rounds come out uneven. Newest first, ties in file order, a line repeated
# in another file shown once: what one file of the same lines in the same
# order shows.
for count in (10, 7):
    size = len(lines) // count + 1
    for f in range(count):
        box.write(f"folder{count}/p{f}.log",
                  "".join(line + "\n" for line in lines[f * size:(f + 1) * size]))
    for args in ((), ("--limit", "40"), ("c07",), ("--since", "2026-10-01", "--channel", "visit")):
        one = run("one.log", "history", *args)
        folder = run(f"folder{count}/", "history", *args)
        expect(f"history {' '.join(args)} on {count} files: the lines of one file",
               one == without(folder, {"person"}) and len(one["entries"]) > 0,
               f"{len(one['entries'])} lines against {len(folder['entries'])}")

# `check` reads the large log in pieces at once too: what it reports carries
# the file's line numbers, and its counts are the whole file's, wherever the
# cuts fall. Broken lines, an unknown client and lines dated after today are
# spread over the file, the first of each kind past its middle.
checked = list(lines)
broken, unknown, future = [], [], []
for k, at in enumerate(range(len(checked) * 3 // 5, len(checked) - 1, 150)):
    kind = min(k % 4, 2)
    line = (f"broken line {k}" if kind == 0 else
            f"2026-03-01 zz{(k // 4) % 2} call" if kind == 1 else "2027-01-05 c01 call later")
    checked.insert(at, line)
for number, line in enumerate(checked, start=1):
    # The fixture's bare promises are broken lines too (a promise names its channel).
    if line.startswith("broken line") or line == "this line is broken" or " promise " in line:
        broken.append(number)
    elif line.startswith("2026-03-01 zz"):
        unknown.append((line.split()[1], number))
    elif line == "2027-01-05 c01 call later":
        future.append(number)
box.write("checked.log", "".join(line + "\n" for line in checked))
r = box.run("--clients", "clients.toml", "--log", "checked.log", "--today", "2026-12-31", "check")
out = text(r.stdout)
expect("check: the broken lines make it fail", r.returncode == 3, text(r.stderr))
reported = [int(line.split(":")[1]) for line in out.splitlines()
            if line.startswith("checked.log:") and ": error:" in line]
expect_equal = box.expect_equal
expect_equal("check: the first 50 broken lines, by their line in the file", reported, broken[:50])
expect("check: the broken lines past 50 are counted",
       f"... and {len(broken) - 50} more malformed lines" in out, out[-2000:])
for name in ("zz0", "zz1"):
    first = min(n for client, n in unknown if client == name)
    count = sum(1 for client, _ in unknown if client == name)
    expect(f"check: {name} is said at its first line, with every line counted",
           f"checked.log:{first}: warning: client '{name}' is not in the clients file "
           f"({count} lines)," in out, out[-3000:])
expect("check: the lines after today, from the first",
       f"checked.log:{future[0]}: warning: {len(future)} lines are dated after today" in out,
       out[-3000:])
expect("check: every entry counted",
       f"checked.log: {len(checked) - len(broken)} entries; {len(broken)} errors" in out,
       out[-500:])

box.finish()
