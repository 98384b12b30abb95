#!/usr/bin/python3
"""The fast path against a simple reference, on a generated workload.

    check_reference.py TOUCH WORKDIR

Generates 300 clients and a 400,000-line log (large enough that touch reads
it in pieces on several threads, with its byte-wise dates and its id index),
then checks what touch reports against what a plain Python reading of the
same log says:

- each client's last touch (`clients --format json`) is the newest valid line
  on a channel the clients file defines;
- the warning counts exactly the malformed lines, and names the first;
- `due --all` and `plan` on the whole log equal those on a log cut down by the
  reference to what can matter (the newest line per client and channel, every
  snooze, the last 400 days, and the earliest line, where the log begins),
  which touch reads in one piece.
"""

import datetime
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = "2026-11-22"
CHANNELS = {"visit", "call", "note", "email", "text", "lunch"}
LINE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?[ \t]+"
                  r"([a-z0-9][a-z0-9_.-]*)[ \t]+([^ \t]+)(?:[ \t]+(.*))?$")
failures = []


def check(what, ok):
    if not ok:
        failures.append(what)


def parse(line):
    """(date, client, channel) of an entry line, "blank", or None when malformed."""
    line = line.rstrip("\r")
    if not line.strip(" \t") or line.lstrip(" \t").startswith("#"):
        return "blank"
    m = LINE.match(line)
    if not m:
        return None
    y, mo, d, hh, mm, client, channel, note = m.groups()
    try:
        day = datetime.date(int(y), int(mo), int(d))
    except ValueError:
        return None
    if hh is not None and (int(hh) > 23 or int(mm) > 59):
        return None
    if channel.startswith("snooze"):
        word = (note or "").split()
        if channel not in ("snooze",) and not re.fullmatch(r"snooze:[a-z0-9][a-z0-9_.-]*", channel):
            return None
        if not word or not (re.fullmatch(r"\d+[dwmy]", word[0]) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", word[0])):
            return None
    elif not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", channel):
        return None
    return day, client, channel


def run(touch, clients, log, *args):
    env = {"PATH": "/usr/bin:/bin", "TZ": "UTC", "NO_COLOR": "1", "HOME": os.path.dirname(log)}
    return subprocess.run([touch, "--clients", clients, "--log", log, "--today", TODAY, *args],
                          capture_output=True, text=True, env=env)


def main():
    touch, work = sys.argv[1], sys.argv[2]
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), work, "--clients", "300",
                    "--lines", "400000", "--years", "3"], check=True)
    clients = os.path.join(work, "clients.toml")
    log = os.path.join(work, "touch.log")
    today = datetime.date.fromisoformat(TODAY)

    last = {}
    newest_line = {}
    keep = []
    malformed, first_bad = 0, None
    earliest = None  # the day the log begins: a touch never made is owed from it
    with open(log, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            parsed = parse(line)
            if parsed is None:
                malformed += 1
                first_bad = first_bad or number
                continue
            if parsed == "blank":
                continue
            day, client, channel = parsed
            if day > today:
                continue
            if earliest is None or day < earliest[0]:
                earliest = (day, line)
            if channel.startswith("snooze") or (today - day).days <= 40:
                keep.append(line)
                continue
            if channel in CHANNELS and day >= last.get(client, day):
                last[client] = day
            key = (client, channel)
            if key not in newest_line or day >= newest_line[key][0]:
                newest_line[key] = (day, line)
    for (client, channel), (day, _) in newest_line.items():
        if channel in CHANNELS and (client not in last or day > last[client]):
            last[client] = day
    for line in keep:
        day, client, channel = parse(line)
        if channel in CHANNELS and (client not in last or day > last[client]):
            last[client] = day

    whole = run(touch, clients, log, "clients", "--format", "json")
    check(f"clients exits 0 (got {whole.returncode}: {whole.stderr})", whole.returncode == 0)
    reported = {c["client"]: c.get("last") for c in json.loads(whole.stdout)["clients"]}
    for client, day in reported.items():
        want = last.get(client)
        check(f"{client}: last touch {day}, reference {want}",
              (want.isoformat() if want else None) == day)
    check(f"warning names {malformed} lines from line {first_bad}: {whole.stderr.strip()}",
          f"{malformed} log lines skipped (first: line {first_bad})" in whole.stderr)

    reduced = os.path.join(work, "reduced.log")
    with open(reduced, "w", encoding="utf-8") as f:
        for _, line in newest_line.values():
            f.write(line + "\n")
        for line in keep:
            f.write(line + "\n")
        if earliest:
            f.write(earliest[1] + "\n")
    check("the reduced log is small enough to be read in one piece",
          os.path.getsize(reduced) < 1024 * 1024)
    for args in (["due", "--all", "--format", "json"], ["plan", "--days", "14", "--format", "json"]):
        a, b = run(touch, clients, log, *args), run(touch, clients, reduced, *args)
        check(f"{' '.join(args)}: same on the whole and the reduced log", a.stdout == b.stdout)
        check(f"{' '.join(args)}: says something", len(a.stdout) > 1000)

    for f in failures:
        print("FAIL:", f)
    print(f"{len(reported)} clients, {malformed} malformed lines, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
