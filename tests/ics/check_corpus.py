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
import sys
import zoneinfo

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "cli"))
from harness import Sandbox, tsv_rows  # noqa: E402

box = Sandbox(sys.argv[1])
marker = re.compile(r" \[ics:[0-9a-f]{12}\]$")

runs = {}  # (file, since, today) -> expected lines
for cells in tsv_rows(os.path.join(here, "expected.tsv"), 4):
    rows = runs.setdefault(tuple(cells[:3]), [])
    if cells[3] != "-":
        rows.append(cells[3])

listed = {key[0] for key in runs}
on_disk = {os.path.relpath(os.path.join(d, n), os.path.join(here, "corpus"))
           for d, _, names in os.walk(os.path.join(here, "corpus")) for n in names if n.endswith(".ics")}
for name in sorted(on_disk - listed):
    box.expect(name, False, "in corpus/ but not in expected.tsv")

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
    log = box.path("touch.log")
    if os.path.exists(log):
        os.remove(log)

    def run(*extra):
        return box.run("--clients", os.path.join(here, "clients.toml"), "--log", log, "import", "ics", path,
                       "--since", since, *extra, today=today)

    first = run()
    got = [marker.sub("", line) for line in first.stdout.decode().splitlines()]
    box.expect(name, first.returncode == 0 and b"error" not in first.stderr,
               f"status {first.returncode}: {first.stderr.decode().strip()}")
    box.expect_equal(name, got, wanted)
    run("--apply")
    again = run("--apply")
    box.expect(name, not again.stdout, f"a second --apply added {again.stdout.decode()!r}")
    if recurring_ical_events and wanted:
        theirs = expanded(path, since, today)
        ours = sorted(line.split(" ")[0] for line in got if "T" in line.split(" ")[0])
        box.expect(name, theirs == ours, f"recurring_ical_events expands {theirs}, touch {ours}")

box.finish(len(runs))
