#!/usr/bin/python3
"""A month of real life planned as iCalendar: a promise, a lunch with two
clients, time away and a holiday. Every plan parses in python3-icalendar, a
planned touch keeps its UID when the plan is made again a day later, and no
event falls on a holiday or inside the time away."""
import os
import sys

from icalendar import Calendar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

box = Sandbox(sys.argv[1])
checked = 0
box.write("c.toml", """[settings]
holidays = ["12-25", "2026-12-31..2027-01-01"]
per_day = 3
[channels]
lunch = { personal = true, covers = ["call"] }
[[clients]]
id = "acme"
phone = "+1 555 0100"
cadence = { call = "2w" }
[[clients]]
id = "bolt"
phone = "+1 555 0101"
cadence = { call = "3w" }
[[clients]]
id = "cedar"
address = "14 Washington St"
cadence = { visit = "1mo" }
""")
box.write("log", "2026-11-01 acme call\n2026-11-01 bolt call\n2026-11-01 cedar visit\n")
base = ["--clients", "c.toml", "--log", "log"]
for args in (["--today", "2026-11-20", "log", "acme,bolt", "lunch", "joint lunch"],
             ["--today", "2026-11-20", "promise", "bolt", "call", "2026-12-14", "send the proposal"],
             ["--today", "2026-11-20", "away", "2026-12-03", "conference"]):
    r = box.run(*base, *args)
    checked += 1
    box.expect(" ".join(args), r.returncode == 0, r.stderr)


def events(today):
    r = box.run(*base, "--today", today, "plan", "--days", "45", "--format", "ics")
    cal = Calendar.from_ical(r.stdout)
    return {str(e["SUMMARY"]): (str(e["UID"]), e["DTSTART"].dt) for e in cal.walk("VEVENT")}


first, second = events("2026-11-21"), events("2026-11-22")
checked += 1
box.expect("the plans have events", len(first) >= 3 and len(second) >= 3, f"{first}")
promise = [s for s in first if "Bolt" in s or "bolt" in s]
checked += 1
box.expect("bolt's promised call is planned", promise, f"{list(first)}")
for summary, (uid, _) in first.items():
    if summary in second:
        checked += 1
        box.expect(f"{summary} keeps its UID a day later", second[summary][0] == uid,
                   f"{uid} then {second[summary][0]}")
for summary, (_, day) in list(first.items()) + list(second.items()):
    checked += 1
    iso = day.isoformat()
    box.expect(f"{summary} not in the time away or on a holiday",
               not ("2026-11-21" <= iso < "2026-12-03") and iso[5:] != "12-25" and iso not in ("2026-12-31", "2027-01-01"),
               iso)

# A visit made early moves the next one by weeks: the newer plan's event has
# the old one's UID, so a calendar that imports both (keeping one event per
# UID, as RFC 5546 has it) holds it once, on its new day.
def cedar_events(today):
    r = box.run(*base, "--today", today, "plan", "--days", "35", "--format", "ics")
    return {str(e["UID"]): e["DTSTART"].dt.isoformat()
            for e in Calendar.from_ical(r.stdout).walk("VEVENT") if "cedar" in str(e["SUMMARY"]).lower()}


before = cedar_events("2026-11-22")
r = box.run(*base, "--today", "2026-11-23", "log", "cedar", "visit")
checked += 1
box.expect("cedar visited early", r.returncode == 0, r.stderr)
after = cedar_events("2026-11-23")
calendar = {**before, **after}
checked += 1
box.expect("the moved visit keeps its UID", len(before) == 1 and before.keys() == after.keys()
           and before != after, f"{before} then {after}")
checked += 1
box.expect_equal("importing both plans leaves one event, on the new day", calendar, after)
box.finish(checked)
