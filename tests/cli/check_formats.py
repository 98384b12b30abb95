#!/usr/bin/python3
"""Machine formats read by real parsers: JSON through jq, iCalendar through
Debian's python3-icalendar, CSV through Python's csv module. Asserts on the
parsed content, on the examples and a fixed day."""
import csv
import io
import json
import os
import subprocess
import sys

import icalendar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

box = Sandbox(sys.argv[1], today="2026-11-22")
examples = os.path.abspath(sys.argv[2])
base = ["--clients", os.path.join(examples, "clients.toml")]
failures = box.failures
expect = box.expect_equal


def run(*args):
    result = box.run(*base, *args, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{args}: exit {result.returncode}: {result.stderr}")
    return result.stdout


def jq(filter_, text):
    return subprocess.run(["jq", "-e", "-c", filter_], input=text, capture_output=True, text=True,
                          check=True).stdout.strip()


# due: most urgent first, capacity respected, hidden rows counted.
due = run("due", "--format", "json")
expect("due first client", jq(".suggestions[0].client", due), '"cedar"')
expect("due visits shown", jq('[.suggestions[] | select(.channel == "visit")] | length', due), "2")
expect("due hidden visits", jq(".hidden.visit", due), "1")
expect("harbor follow-up", jq('.suggestions[] | select(.client == "harbor") | .reasons[0].rule', due),
       '"thank-you note"')

# plan: every day is a workday, each within capacity, and the rolled-over visit appears.
plan = run("plan", "--format", "json")
days = json.loads(plan)["days"]
expect("plan starts on Monday", days[0]["date"], "2026-11-23")
expect("plan workdays only", jq('[.days[].date] | length', plan), "10")
for day in days:
    for channel, cap in (("visit", 2), ("call", 4), ("note", 3), ("lunch", 1)):
        n = sum(1 for i in day["items"] if i["channel"] == channel)
        if n > cap:
            failures.append(f"plan {day['date']}: {n} {channel} over per_day {cap}")
# One touch per client a day: Monday has cedar's birthday note, so cedar's
# visit (never made, owed since the log began) rolls over to Tuesday.
cedar_visits = [d["date"] for d in days for i in d["items"] if i["client"] == "cedar" and i["channel"] == "visit"]
expect("cedar's visit rolls over to Tuesday", cedar_visits, ["2026-11-24"])
for day in days:
    planned = [i["client"] for i in day["items"]]
    expect(f"one touch per client on {day['date']}", len(planned), len(set(planned)))
acme = [(d["date"], i["channel"]) for d in days for i in d["items"] if i["client"] == "acme"]
# The call planned on Monday; the quarterly visit on its due day, which also
# counts as the next call, so no second call is planned; then the visit's
# thank-you note the next day.
expect("acme's touches", acme, [("2026-11-23", "call"), ("2026-12-01", "visit"), ("2026-12-02", "note")])

# iCalendar through a real parser.
ics_bytes = box.run(*base, "plan", "--format", "ics").stdout
ics = ics_bytes.decode()
cal = icalendar.Calendar.from_ical(ics)
events = [c for c in cal.walk("VEVENT")]
expect("one event per planned item", len(events), sum(len(d["items"]) for d in days))
uids = [str(e["UID"]) for e in events]
expect("UIDs unique", len(set(uids)), len(uids))
first = events[0]
expect("all-day start", str(first.decoded("DTSTART")), "2026-11-23")
expect("all-day end", str(first.decoded("DTEND")), "2026-11-24")
if not ics_bytes.endswith(b"\r\n") or b"\n" in ics_bytes.replace(b"\r\n", b""):
    failures.append("iCalendar lines must end in CRLF")
if any(len(l) > 75 for l in ics_bytes.split(b"\r\n")):
    failures.append("iCalendar lines must fold at 75 octets")
# Re-planning a day later keeps the UIDs of what is still planned.
later = box.run(*base, "plan", "--format", "ics", today="2026-11-23", text=True).stdout
later_uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(later).walk("VEVENT")}
kept = [u for u in uids if u.startswith("touch-plan+granite+call+")]
expect("UIDs stable across days", all(u in later_uids for u in kept) and bool(kept), True)

# An empty plan is still a calendar (RFC 5545 wants a component): one VJOURNAL.
empty = box.run(*base, "plan", "--days", "1", "--format", "ics", text=True).stdout
empty_cal = icalendar.Calendar.from_ical(empty)
expect("empty plan: no events", len(empty_cal.walk("VEVENT")), 0)
expect("empty plan: one journal", [str(j["SUMMARY"]) for j in empty_cal.walk("VJOURNAL")],
       ["No workdays in the period"])
expect("empty plan: a component", len(empty_cal.subcomponents), 1)

# Line breaks in iCalendar text are real line breaks to a parser, and JSON
# keeps direction marks and line separators.
clients = box.write("clients.toml", '[[clients]]\nid = "nova"\nname = "Nova, \u200fשלום\u200e Ltd; \u2028x"\n'
                    'address = "1 Main St\\nSpringfield"\ncadence = { visit = "1w" }\n')
own = ["--clients", clients, "--log", box.path("touch.log")]
ics = box.run(*own, "plan", "--days", "3", "--format", "ics", text=True).stdout
event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
expect("ics location keeps its line break", str(event["LOCATION"]), "1 Main St\nSpringfield")
expect("ics description ends in the contact",
       str(event["DESCRIPTION"]).endswith("\n1 Main St\nSpringfield"), True)
expect("ics summary with comma and semicolon", str(event["SUMMARY"]).startswith("visit Nova, "),
       True)
due_json = box.run(*own, "due", "--format", "json", text=True).stdout
if "\\u200f" not in due_json or "\ufffd" in due_json:
    failures.append(f"JSON bidi marks: {due_json[:300]!r}")
expect("JSON name round-trips", json.loads(due_json)["suggestions"][0]["name"],
       "Nova, \u200fשלום\u200e Ltd; \u2028x")

# history, clients, show, stats.
history = run("history", "acme", "--limit", "3", "--format", "json")
expect("history newest first", jq("[.entries[].date]", history), '["2026-11-06","2026-10-21","2026-10-07"]')
expect("history time", jq(".entries[1].time", history), '"14:15"')
clients = run("clients", "--format", "json")
expect("clients statuses", jq('[.clients[] | {(.client): .status}] | add | [.bolt, .fjord, .juniper, .acme]', clients),
       '["snoozed","paused","overdue","overdue"]')
show = run("show", "acme", "--format", "json")
expect("show obligations", jq('[.obligations[].kind] | sort', show), '["birthday","cadence","cadence","cadence"]')
expect("show urgency", jq('.obligations[0].urgency_explained', show), '"1.60 = 16d / 10d"')
stats = run("stats", "--format", "json")
expect("stats totals add up", jq(".total == .personal + .digital", stats), "true")
expect("stats months", jq(".months | length", stats), "12")
expect("stats digital only", jq(".digital_only_90d", stats), '["granite"]')
rows = list(csv.DictReader(io.StringIO(run("clients", "--format", "csv"))))
expect("clients csv", [r["client"] for r in rows][:2], ["acme", "bolt"])

box.finish()
