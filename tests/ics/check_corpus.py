#!/usr/bin/python3
"""touch import ics on real calendar exports from other projects' test data
(corpus/, see SOURCES): each file imports without a crash or an error, with the
lines written in expected.tsv; applied twice, the second run adds nothing; and
where Debian's python3-recurring-ical-events is installed, the starts printed
are the occurrences it expands (all-day events and the Germany holidays, which
no client attends, aside).

    check_corpus.py TOUCH"""
import datetime
import os
import re
import subprocess
import sys
import tempfile
import zoneinfo

here = os.path.dirname(os.path.abspath(__file__))
binary = os.path.abspath(sys.argv[1])
marker = re.compile(r" \[ics:[0-9a-f]{12}\]$")

runs = {}  # (file, since, today) -> expected lines
with open(os.path.join(here, "expected.tsv"), encoding="utf-8") as f:
    for number, line in enumerate(f, 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            sys.exit(f"expected.tsv:{number}: {len(cells)} cells, wanted 4")
        rows = runs.setdefault(tuple(cells[:3]), [])
        if cells[3] != "-":
            rows.append(cells[3])

listed = {key[0] for key in runs}
on_disk = {os.path.relpath(os.path.join(d, n), os.path.join(here, "corpus"))
           for d, _, names in os.walk(os.path.join(here, "corpus")) for n in names if n.endswith(".ics")}
failures = [f"{name}: in corpus/ but not in expected.tsv" for name in sorted(on_disk - listed)]
tmp = tempfile.mkdtemp()
env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TZ": "UTC", "XDG_CONFIG_HOME": tmp, "XDG_DATA_HOME": tmp,
       "LC_ALL": "C.UTF-8"}

try:
    import icalendar
    import recurring_ical_events
except ImportError:
    recurring_ical_events = None
berlin = zoneinfo.ZoneInfo("Europe/Berlin")


def expanded(path, since, today):
    """The timed occurrences python3-recurring-ical-events finds, as touch writes their starts."""
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    start = datetime.datetime.fromisoformat(since).replace(tzinfo=berlin)
    end = datetime.datetime.fromisoformat(today).replace(tzinfo=berlin) + datetime.timedelta(days=1)
    out = []
    for event in recurring_ical_events.of(cal).between(start, end):
        dt = event["DTSTART"].dt
        if not isinstance(dt, datetime.datetime) or str(event.get("STATUS", "")) == "CANCELLED":
            continue
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=berlin)
        out.append(dt.astimezone(berlin).strftime("%Y-%m-%dT%H:%M"))
    return sorted(out)


for (name, since, today), wanted in runs.items():
    path = os.path.join(here, "corpus", name)
    log = os.path.join(tmp, "touch.log")
    if os.path.exists(log):
        os.remove(log)

    def run(*extra):
        return subprocess.run([binary, "--clients", os.path.join(here, "clients.toml"), "--log", log,
                               "--today", today, "import", "ics", path, "--since", since, *extra],
                              capture_output=True, env=env, timeout=60)

    first = run()
    got = [marker.sub("", line) for line in first.stdout.decode().splitlines()]
    if first.returncode != 0 or b"error" in first.stderr:
        failures.append(f"{name}: status {first.returncode}: {first.stderr.decode().strip()}")
    if got != wanted:
        failures.append(f"{name}: got {got}, wanted {wanted}")
    run("--apply")
    again = run("--apply")
    if again.stdout:
        failures.append(f"{name}: a second --apply added {again.stdout.decode()!r}")
    if recurring_ical_events and wanted:
        theirs = expanded(path, since, today)
        ours = sorted(line.split(" ")[0] for line in got if "T" in line.split(" ")[0])
        if theirs != ours:
            failures.append(f"{name}: recurring_ical_events expands {theirs}, touch {ours}")

for failure in failures:
    print("FAIL:", failure)
print(f"ics corpus: {len(runs)} files, {len(failures)} failed")
sys.exit(1 if failures else 0)
