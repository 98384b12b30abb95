#!/usr/bin/python3
"""The benchmark: touch against baselines measured side by side in one run.

    run.py TOUCH PROBE PARSE_PROBE [--shared-parse-probe P] [--start-probe S]
           [--work DIR] [--runs N] [--quick] [--only WORD]

Generates its workloads (tests/bench/generate.py) under DIR once, then times
each figure by alternating runs of touch and of its baseline, so that a noisy
machine slows both alike, and compares medians. Prints one table, every
figure with its target and "ok" or "MISSED" (under the small rows, with no
target, what they cannot go below: the parse alone, the start of the
process), and exits 1 if a figure misses its target. PROBE times one command
(probe.cpp); PARSE_PROBE only parses a clients file with the same toml++
build (parse_probe.cpp), compiled in as touch compiles it; --shared-parse-probe
is the same program linked against Debian's shared libtomlplusplus, which the
rows against toml++ are also given against when it is there; --start-probe
is a C++ main that prints a line, linked as touch is (start_probe.cpp), the
floor under `touch --version`. --quick runs
each figure 3 times for a look in a few minutes; --only runs the figures
whose name holds WORD. Needs mawk and Debian's remind.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = "2026-11-22"
MAWK_LATEST = ('{ k = $2 " " $3; d = substr($1, 1, 10); if (d > last[k]) last[k] = d } '
               'END { for (k in last) print k, last[k] }')


PROBE = None
TOUCH = None


def run(argv):
    """Runs argv once through the probe; returns (seconds, peak RSS in KiB)."""
    out = subprocess.run([PROBE, *argv], check=True, capture_output=True, text=True).stdout
    seconds, rss, status = out.split()
    # 1: something is due; 3: `check` found the generated log's bad lines.
    if int(status) not in (0, 1, 3):
        sys.exit(f"bench: {' '.join(argv)} exited {status}")
    return float(seconds), int(rss)


def workload(work, name, *args):
    path = os.path.join(work, name)
    if not os.path.exists(os.path.join(path, ".done")):
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), path, *args], check=True)
        open(os.path.join(path, ".done"), "w").close()
    return path


def alternate(runs, *commands, before=None):
    """Medians of `runs` rounds, each running every command once in turn (after
    one warm-up round): a list of (seconds, peak RSS in KiB), one per command."""
    got = [[] for _ in commands]
    for i in range(runs + 1):
        for argv, out in zip(commands, got):
            if before:
                before()
            t, rss = run(argv)
            if i > 0:
                out.append((t, rss))
    return [(statistics.median(x[0] for x in g), statistics.median(x[1] for x in g)) for g in got]


def year_calendar(work):
    """A consultant's year as one calendar file: 1,900 single events with a
    client among the attendees, in a named zone, and 100 weekly series
    (2,000 events in all), and a clients file naming those clients."""
    path = os.path.join(work, "calendar-year")
    ics = os.path.join(path, "year.ics")
    if os.path.exists(ics):
        return path
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "clients.toml"), "w") as f:
        for i in range(50):
            f.write(f'[[clients]]\nid = "c{i:02}"\nemail = "c{i:02}@example.com"\n'
                    f'cadence = {{ visit = "1mo" }}\n')
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//touch bench//EN"]
    for n in range(2000):
        day = 1 + n % 360
        month, mday = 1 + (day - 1) // 30, 1 + (day - 1) % 28
        out += ["BEGIN:VEVENT", f"UID:bench-{n}@example.com", "DTSTAMP:20260101T000000Z",
                f"DTSTART;TZID=Europe/Berlin:2026{month:02}{mday:02}T{8 + n % 9:02}0000",
                f"DTEND;TZID=Europe/Berlin:2026{month:02}{mday:02}T{9 + n % 9:02}0000",
                f"SUMMARY:Meeting {n}", f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:c{n % 50:02}@example.com"]
        if n % 20 == 0:
            out.append("RRULE:FREQ=WEEKLY;COUNT=20")
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    with open(ics, "w", newline="") as f:
        f.write("\r\n".join(out) + "\r\n")
    return path


def log_row(args, work, big, clients, log_of, figure, name):
    """`log` appends: each run starts from the same file, restored untimed."""
    big_log = os.path.join(work, "log-big.log")
    empty_log = os.path.join(work, "log-empty.log")
    shutil.copyfile(log_of(big), big_log)
    big_size = os.path.getsize(big_log)

    def restore():
        os.truncate(big_log, big_size)
        open(empty_log, "w").close()

    def log(path):
        return [TOUCH, "--clients", clients(big), "--log", path, "--today", TODAY, "log",
                "c00001", "call", "bench"]

    (t, _), (b, _) = alternate(args.runs, log(big_log), log(empty_log), before=restore)
    figure(name, 1.2, t, b)
    os.remove(big_log)
    os.remove(empty_log)


def ics_rows(args, work, touch, figure):
    """A year's calendar imported (expanded, matched, checked against the log)
    against Debian's python3-icalendar only parsing the same file: the
    library a Python tool would read it with, doing less than touch does.
    The second row is the time itself, against one second."""
    cal = year_calendar(work)
    year = os.path.join(cal, "year.ics")
    imp = [touch, "--clients", os.path.join(cal, "clients.toml"), "--log", os.devnull, "--today",
           "2026-12-31", "import", "ics", year, "--since", "2026-01-01"]
    parse = ["/usr/bin/python3", "-c",
             "import sys, icalendar; icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())",
             year]
    (t, _), (b, _) = alternate(args.runs, imp, parse)
    figure("import ics, a year of 2,000 events / python3-icalendar parse only", 0.5, t, b)
    figure("import ics, a year of 2,000 events / one second", 0.5, t, 1.0)


def import_rows(args, work, touch, figure):
    """A year of calls and mail imported (tests/bench/generate_imports.py:
    5,000 calls, 20,000 messages, 300 clients) against Debian's python3
    reading the same file with its standard library, as a Python tool would
    (the backup's XML parsed by ElementTree; the mbox through mailbox, each
    message's Date: asked for), and against one second."""
    imports = os.path.join(work, "imports")
    if not os.path.exists(os.path.join(imports, ".done")):
        subprocess.run([sys.executable, os.path.join(HERE, "generate_imports.py"), imports], check=True)
        open(os.path.join(imports, ".done"), "w").close()
    python_reads = {
        "calls": "import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])",
        "mail": "import sys, mailbox; [m['Date'] for m in mailbox.mbox(sys.argv[1])]",
    }
    for kind, source, what, against, target, second in (
            ("calls", "calls.xml", "5,000 calls", "python3 ElementTree parse only", 3.0, 0.5),
            ("mail", "sent.mbox", "20,000 messages", "python3 mailbox, each Date:", 1.0, 0.75)):
        path = os.path.join(imports, source)
        imp = [touch, "--clients", os.path.join(imports, "clients.toml"), "--log", os.devnull,
               "--today", TODAY, "import", kind, path, "--since", "2025-11-22"]
        (t, _), (b, _) = alternate(args.runs, imp, ["/usr/bin/python3", "-c", python_reads[kind], path])
        figure(f"import {kind}, a year of {what} / {against}", target, t, b)
        figure(f"import {kind}, a year of {what} / one second", second, t, 1.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("touch")
    ap.add_argument("probe")
    ap.add_argument("parse_probe")
    ap.add_argument("--work", default="bench-work")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--shared-parse-probe", default="")
    ap.add_argument("--start-probe", default="")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    if args.quick:
        args.runs = 3
    touch = os.path.abspath(args.touch)
    parse_probe = os.path.abspath(args.parse_probe)
    global PROBE, TOUCH
    TOUCH = touch
    PROBE = os.path.abspath(args.probe)
    for tool in ("mawk", "remind", "wc"):
        if not shutil.which(tool):
            sys.exit(f"bench: needs {tool} (apt-get install {tool})")
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)

    small = workload(work, "c50-l1k", "--clients", "50", "--lines", "1000")
    big = workload(work, "c50-l1m-f50", "--clients", "50", "--lines", "1000000", "--folder", "50")
    many = workload(work, "c5000-l1m", "--clients", "5000", "--lines", "1000000")
    mid = workload(work, "c5000-l100k", "--clients", "5000", "--lines", "100000")
    real = workload(work, "c300-l30k", "--clients", "300", "--lines", "30000")
    rules = workload(work, "remind-100k", "--remind-rules", "100000")

    def clients(w):
        return os.path.join(w, "clients.toml")

    def log_of(w):
        return os.path.join(w, "touch.log")

    def due(w, *more, log=None):
        return [touch, "--clients", clients(w), "--log", log or log_of(w), "--today", TODAY, "due",
                *more]

    rows = []

    def figure(name, target, ours_s, base_s, unit="ms"):
        ratio = ours_s / base_s
        scale = 1000 if unit == "ms" else 1 / 1024
        shown = "MiB" if unit != "ms" else "ms"
        rows.append((name, f"{ours_s * scale:.1f} {shown}", f"{base_s * scale:.1f} {shown}",
                     f"{ratio:.3f}x", f"<= {target}x", "ok" if ratio <= target else "MISSED"))

    def floor(name, ours_s, base_s):
        """A figure with no target: what touch cannot go below, for the row above."""
        rows.append((name, f"{ours_s * 1000:.1f} ms", f"{base_s * 1000:.1f} ms",
                     f"{ours_s / base_s:.3f}x", "", "(floor)"))

    def unavailable(name, target, why):
        rows.append((name, "-", "-", "-", f"<= {target}x", f"n/a ({why})"))

    def want(*names):
        return not args.only or any(args.only in n for n in names)

    def cmd(w, *more, log=None):
        return [touch, "--clients", clients(w), "--log", log or log_of(w), "--today", TODAY, *more]

    # The toml++ probes: the one compiled in as touch compiles it, and when
    # built, the same program through Debian's shared libtomlplusplus.
    probes = [("toml++ parse only (compiled in)", parse_probe)]
    if args.shared_parse_probe:
        probes.append(("toml++ parse only (Debian's shared lib)",
                       os.path.abspath(args.shared_parse_probe)))

    name = "due --all, 50 clients, 1M lines / wc -l"
    if want(name):
        (t, _), (b, _) = alternate(args.runs, due(big, "--all"), ["wc", "-l", log_of(big)])
        figure(name, 3.0, t, b)

    names = ["due --all, 5000 clients, 100k lines / toml++ parse only",
             "due --all, 5000 clients, 100k lines / remind -q 100k"]
    if want(*names):
        (t, _), (p, _), (r, _) = alternate(args.runs, due(mid, "--all"), [parse_probe, clients(mid)],
                                           ["remind", "-q", os.path.join(rules, "rules.rem"), TODAY])
        figure(names[0], 1.0, t, p)
        figure(names[1], 0.5, t, r)

    name = "due --all, 5000 clients, 1M lines / mawk latest"
    if want(name):
        (t, _), (b, _) = alternate(args.runs, due(many, "--all"),
                                   ["mawk", MAWK_LATEST, log_of(many)])
        figure(name, 0.10, t, b)

    # Below the small rows lie the parse of the clients file and the start of
    # a process that loads the C++ runtime: each is measured beside them.
    parse_real = [parse_probe, clients(real)]
    start = [touch, "--version"]
    name = "due, 300 clients, 30k lines / wc -l"
    if want(name, "toml++"):
        runs = alternate(args.runs, due(real), ["wc", "-l", log_of(real)],
                         *[[p, clients(real)] for _, p in probes])
        (t, _), (b, _) = runs[:2]
        figure(name, 3.0, t, b)
        floor("  toml++ parse only, 300 clients / wc -l on the log", runs[2][0], b)
        for (what, _), (p, _) in zip(probes, runs[2:]):
            figure(f"due, 300 clients, 30k lines / {what}", 1.3, t, p)

    # What a Tab after `touch log c00` asks for.
    completion = [touch, "completion", "--current", "c001", "--", "--clients", clients(real), "log"]
    name = "completion of a client id, 300 clients / wc -l on the clients file"
    if want(name, "toml++"):
        runs = alternate(args.runs, completion, ["wc", "-l", clients(real)], start,
                         *[[p, clients(real)] for _, p in probes])
        (t, _), (b, _), (v, _) = runs[:3]
        figure(name, 2.0, t, b)
        floor("  toml++ parse only / wc -l on the clients file", runs[3][0], b)
        floor("  touch --version / wc -l on the clients file", v, b)
        for (what, _), (p, _) in zip(probes, runs[3:]):
            figure(f"completion of a client id, 300 clients / {what}", 1.0, t, p)

    name = "touch --version / /bin/true"
    if want(name):
        starts = [start, ["/bin/true"]]
        if args.start_probe:
            starts.append([os.path.abspath(args.start_probe)])
        runs = alternate(args.runs, *starts)
        (t, _), (b, _) = runs[:2]
        figure(name, 1.3, t, b)
        if args.start_probe:
            floor("  a C++ main printing a line, linked as touch is / /bin/true", runs[2][0], b)

    # The same lines as 50 per-person files; a build that cannot read a
    # folder of logs says so instead of a ratio.
    folder = os.path.join(big, "logs") + "/"
    name = "due --all, folder of 50 logs, 1M lines / one file"
    if want(name):
        probe_run = subprocess.run(due(big, "--all", log=folder), capture_output=True)
        if probe_run.returncode != 0:
            unavailable(name, 1.1, "no folder support in this build")
        else:
            (t, _), (b, _) = alternate(args.runs, due(big, "--all", log=folder), due(big, "--all"))
            figure(name, 1.1, t, b)

    # Every line of a million, newest first, against sorting them.
    name = "history (every line), 50 clients, 1M lines / sort -r"
    if want(name):
        (t, _), (b, _) = alternate(args.runs, cmd(big, "history"), ["sort", "-r", log_of(big)])
        figure(name, 1.0, t, b)

    # The same lines as 50 per-person files: merged across files, not sorted again.
    name = "history (every line), folder of 50 logs, 1M lines / one file"
    if want(name):
        (t, _), (b, _) = alternate(args.runs, cmd(big, "history", log=folder), cmd(big, "history"))
        figure(name, 1.5, t, b)

    name = "stats, 50 clients, 1M lines / wc -l"
    if want(name):
        (t, _), (b, _) = alternate(args.runs, cmd(big, "stats"), ["wc", "-l", log_of(big)])
        figure(name, 5.0, t, b)

    name = "plan --days 60, 5000 clients, 100k lines / due --all"
    if want(name):
        (t, _), (b, _) = alternate(args.runs, cmd(mid, "plan", "--days", "60"), due(mid, "--all"))
        figure(name, 1.5, t, b)

    # The other reports at the largest size, against `due --all` on the same
    # files (which reads all of it too), and `clients` against the parse.
    for what, argv, target in (("show", ["show", "c00001"], 1.0), ("check", ["check"], 1.5),
                               ("clients", ["clients"], 1.5)):
        name = f"{what}, 5000 clients, 1M lines / due --all"
        if want(name):
            (t, _), (b, _) = alternate(args.runs, cmd(many, *argv), due(many, "--all"))
            figure(name, target, t, b)

    # `log` appends: each run starts from the same file, restored untimed.
    name = "log, 1M-line log / empty log"
    if want(name):
        log_row(args, work, big, clients, log_of, figure, name)

    name = "peak RSS of due, 1M lines / 1k lines"
    if want(name):
        (_, r_big), (_, r_small) = alternate(max(3, args.runs // 2), due(big, "--all"),
                                             due(small, "--all"))
        figure(name, 1.5, r_big, r_small, unit="KiB")

    if want("import ics"):
        ics_rows(args, work, touch, figure)

    if want("import calls", "import mail"):
        import_rows(args, work, touch, figure)

    header = ("figure", "touch", "baseline", "ratio", "target", "")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    print(f"touch benchmark, medians of {args.runs} alternating runs, {os.cpu_count()} cores"
          + (f" (only {args.only!r})" if args.only else ""))
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    return 1 if any(r[-1] == "MISSED" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
