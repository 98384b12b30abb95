#!/usr/bin/python3
"""A scripted month: a small IT consultancy adopts touch with an empty log and
eight clients, logs the last real touch it remembers of a few of them, and for
twenty workdays runs `due` each morning and logs most of what it suggests
(every fourth row is left undone, as in real life).

Every morning it asserts what a consultant must be able to trust:

- no overdue call is missing from the default view while calls are under
  their cap (a call folded into a visit that is itself over its cap must
  still be shown, on its own row);
- no "never yet" row stays at "due today" past its first week (a touch never
  made is owed from the day the log begins, and its overdue days grow);
- no birthday call comes before the day (a client who avoids notes is called
  on the birthday itself, not a note's lead early).

    check_month.py TOUCH
"""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

CLIENTS = """\
[settings]
owner = "Sam Ortiz <sam@ortiz-it.example>"
birthday = { channel = "note", lead = "7d" }

[channels]
visit = { covers = ["call"], per_day = 1 }
call  = { per_day = 5 }
note  = { label = "handwritten note", per_day = 2 }
lunch = { personal = true, covers = ["call"], per_day = 1 }

[cadence]
any   = "3w"
visit = "6mo"

[tiers.retainer]
cadence = { call = "2w", visit = "quarterly" }

[[rules]]
after  = "visit"
then   = "note"
within = "3d"
reason = "thank-you note"

[[clients]]
id = "alder"
name = "Alder Dental Group"
tier = "retainer"
prefers = ["visit", "call"]
phone = "+1 555 0101"
address = "1 Oak St"

[[clients]]
id = "birch"
name = "Birch & Co Accountants"
tier = "retainer"
prefers = ["call"]
avoid = ["note"]
birthday = "1977-01-14"
phone = "+1 555 0102"
address = "2 Elm St"

[[clients]]
id = "cobalt"
name = "Cobalt Print Shop"
prefers = ["call"]
phone = "+1 555 0103"
address = "3 Ash St"

[[clients]]
id = "delta"
name = "Delta Logistics"
tier = "retainer"
prefers = ["lunch", "call"]
phone = "+1 555 0104"
address = "4 Pine St"

[[clients]]
id = "elm"
name = "Elm Street Bakery"
prefers = ["note", "call"]
birthday = "01-20"
phone = "+1 555 0105"
address = "5 Elm St"

[[clients]]
id = "fjord"
name = "Fjord Architects"
prefers = ["visit"]
cadence = { call = "10d" }
phone = "+1 555 0106"
address = "6 Fir St"

[[clients]]
id = "gale"
name = "Gale Law Office"
prefers = ["call"]
since = 2026-12-01
phone = "+1 555 0107"
address = "7 Gale Rd"

[[clients]]
id = "hollow"
name = "Hollow Veterinary Clinic"
prefers = ["call"]
cadence = { call = "1w", visit = "off" }
phone = "+1 555 0108"
address = "8 Hollow Ln"
"""

START = datetime.date(2027, 1, 4)  # a Monday
WORKDAYS = 20
CALL_CAP = 5
# What the consultant remembers on day one, logged with -d as the manual says:
# the last real touch of a few clients. The log begins with the earliest.
REMEMBERED = [("alder", "call", "2026-12-01"), ("cobalt", "call", "2026-12-10"),
              ("fjord", "call", "2026-12-15"), ("delta", "lunch", "2026-12-20")]

box = Sandbox(sys.argv[1])
failures = box.failures


def fail(day, message):
    failures.append(f"{day}: {message}")


def main():
    clients = box.write("clients.toml", CLIENTS)
    log = box.write("log", "")

    def touch(day, *args):
        result = box.run("--clients", clients, "--log", log, *args, today=day.isoformat(), text=True)
        if result.returncode != 0:
            raise SystemExit(f"{day} {args}: exit {result.returncode}: {result.stderr}")
        return result.stdout

    for client, channel, when in REMEMBERED:
        touch(START, "log", client, channel, "-d", when, "remembered")
    first_seen = {}  # (client, channel) of a never-yet row -> first workday seen
    birthday_calls = never_yet_rows = logged = 0
    day = START
    for _ in range(WORKDAYS):
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        shown = json.loads(touch(day, "due", "--format", "json"))["suggestions"]
        everything = json.loads(touch(day, "due", "--all", "--format", "json"))["suggestions"]

        # Overdue calls are all in the default view while calls are under their cap.
        def reasons(rows):
            return {(row["client"], r["kind"], r["channel"], r["cadence_channel"])
                    for row in rows for r in row["reasons"]}
        calls_shown = sum(1 for row in shown if row["channel"] == "call")
        if calls_shown < CALL_CAP:
            in_view = reasons(shown)
            for row in everything:
                for r in row["reasons"]:
                    key = (row["client"], r["kind"], r["channel"], r["cadence_channel"])
                    if r["channel"] == "call" and r["overdue_days"] > 0 and key not in in_view:
                        fail(day, f"{row['client']}'s call, {r['overdue_days']}d overdue, "
                                  f"is missing with {calls_shown} calls shown")

        for row in everything:
            # A never-made touch climbs: no "due today" past its first week.
            if row["reasons"][0]["last"] is None and row["reasons"][0]["kind"] == "cadence":
                never_yet_rows += 1
                key = (row["client"], row["channel"])
                first = first_seen.setdefault(key, day)
                if row["when"] == "due today" and (day - first).days >= 7:
                    fail(day, f"{key} never yet, still 'due today' since {first}")
            # A birthday call comes on the day, never before it.
            for r in row["reasons"]:
                if r["kind"] == "birthday" and r["channel"] == "call":
                    if r["deadline"] != day.isoformat():
                        fail(day, f"{row['client']}'s birthday call before the day "
                                  f"({r['deadline']})")
                    else:
                        birthday_calls += 1

        # Do most of what due says; leave every fourth row for later.
        for i, row in enumerate(shown):
            if i % 4 == 3:
                continue
            touch(day, "log", row["client"], row["channel"], "from the morning list")
            logged += 1
        day += datetime.timedelta(days=1)

    # The month exercised what it asserts on.
    if birthday_calls == 0:
        failures.append("no birthday call was suggested on the day")
    if never_yet_rows == 0:
        failures.append("no never-yet row was seen")
    if logged < 20:
        failures.append(f"only {logged} touches were logged")
    box.finish()


if __name__ == "__main__":
    main()
