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

Then a second month: two colleagues join. The clients file gains [people]
and a log folder and `init --team` moves the single log into the runner's
file, as a user would; a few phone contacts are imported (appended to the
clients file), an old visit is backfilled a month back, a client's id is
renamed (the old one kept in `aliases`), a promise is moved (promise,
cancel, promise again) and one person is away for a week. Each workday each
person at work runs `due` and logs most of it, and every morning the check
asserts that every due row of everyone's list is on someone's list (nothing
hidden from everyone) and that nothing already done is asked for again.

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


# Every touch logged, by client id (as it is now) and channel: the days.
made = {}
# Who made each touch: (client, channel, ISO day) -> people (None: one log).
makers = {}


def run(day, *args, person=None):
    extra = {"TOUCH_USER": person} if person else None
    result = box.run("--clients", box.path("clients.toml"), *args, today=day.isoformat(),
                     text=True, extra_env=extra)
    if result.returncode != 0:
        raise SystemExit(f"{day} {person} {args}: exit {result.returncode}: {result.stderr}")
    return result


def log_touch(day, client, channel, *rest, person=None, when=None):
    run(day, "log", client, channel, *(["-d", when] if when else []), *rest, person=person)
    made.setdefault((client, channel), []).append(
        datetime.date.fromisoformat(when) if when else day)
    makers.setdefault((client, channel, when or day.isoformat()), set()).add(person)


def first_month():
    box.write("clients.toml", CLIENTS)

    def touch(day, *args):
        return run(day, *args).stdout

    for client, channel, when in REMEMBERED:
        log_touch(START, client, channel, "remembered", when=when)
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
            log_touch(day, row["client"], row["channel"], "from the morning list")
            logged += 1
        day += datetime.timedelta(days=1)

    # The month exercised what it asserts on.
    if birthday_calls == 0:
        failures.append("no birthday call was suggested on the day")
    if never_yet_rows == 0:
        failures.append("no never-yet row was seen")
    if logged < 20:
        failures.append(f"only {logged} touches were logged")
    return day

PEOPLE = ["sam", "lena", "ole"]  # sam kept the single log; each morning in this order
TEAMS = {"alder": ["sam", "lena"], "birch": ["lena"], "delta": ["ole"], "fjord": ["lena", "ole"],
         "gale": ["sam"], "hollow": ["ole"]}
CONTACTS = """\
BEGIN:VCARD
VERSION:3.0
UID:phone-1
FN:Ida Brandt
ORG:Brandt Optik
TEL;TYPE=CELL:+49 40 5550101
EMAIL:ida@brandt-optik.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
UID:phone-2
FN:Jonas Kruse
TEL;TYPE=WORK:+49 40 5550102
END:VCARD
BEGIN:VCARD
VERSION:3.0
UID:phone-3
FN:Karla Wendt
EMAIL:karla@wendt-moebel.example
END:VCARD
"""
# Channels whose touch counts as a call (SPEC §4 covers).
COUNTS_AS = {"call": {"call", "visit", "lunch"}}


def reason_keys(rows):
    return {(row["client"], r["kind"], r["channel"], r["cadence_channel"])
            for row in rows for r in row["reasons"]}


def made_after(client, channels, day, inclusive=False):
    return any(d > day or (inclusive and d == day)
               for ch in channels for d in made.get((client, ch), []))


def asked_again(day, row, r):
    """What is wrong when reason `r` of `row` asks for a touch already made."""
    client = row["client"]
    last = datetime.date.fromisoformat(r["last"]) if r["last"] else None
    if r["kind"] == "cadence" and r["cadence_channel"] == r["channel"]:
        days = made.get((client, r["channel"]), [])
        if days and (last is None or r["last_is_since"] or last < max(days)):
            return f"{client} {r['channel']} asked for, last said {r['last']}, made {max(days)}"
    if r["kind"] == "rule" and made_after(client, [r["channel"]], last, inclusive=True):
        return f"{client}'s {r['rule']} after {r['last']} asked for, already made"
    if r["kind"] == "promise" and made_after(client, COUNTS_AS.get(r["channel"], {r["channel"]}),
                                             last):
        return f"{client}'s promise of {r['last']} asked for, already kept"
    return None


follow_ups = [0]  # follow-ups seen on a person's own list


def morning(day, away):
    """Each person's list and everyone's: nothing hidden, nothing asked again."""
    def due(person, *args):
        result = run(day, "due", "--format", "json", *args, person=person)
        box.expect(f"{day} {person} due {args}: nothing on stderr", result.stderr == "",
                   result.stderr)
        return json.loads(result.stdout)["suggestions"]
    everyone = due("sam", "--all", "--everyone")
    seen = set()
    for person in PEOPLE:
        rows = due(person, "--all")
        if person in away:
            box.expect(f"{day}: {person} is away, their list is empty", rows == [], str(rows))
        seen |= reason_keys(rows)
        for row in rows:
            for r in row["reasons"]:
                if r["kind"] != "rule" or row.get("covering_for"):
                    continue
                by = makers.get((row["client"], r["last_channel"], r["last"]), set())
                box.expect(f"{day}: {row['client']}'s {r['rule']} is on {person}'s list only "
                           f"when {person} made the touch", None in by or person in by, str(by))
                follow_ups[0] += 1
    for key in reason_keys(everyone) - seen:
        fail(day, f"{key} is due but on no one's list")
    box.checked += 1
    for row in everyone:
        for r in row["reasons"]:
            wrong = asked_again(day, row, r)
            box.expect(f"{day}: nothing made is asked again", wrong is None, wrong or "")
    return everyone


def become_a_team(day):
    """The clients file gains [people] and a log folder; init --team moves the log."""
    text = CLIENTS.replace('[settings]\n', '[settings]\nlog = "log/"\n', 1)
    for client, team in TEAMS.items():
        text = text.replace(f'id = "{client}"\n', f'id = "{client}"\nteam = {json.dumps(team)}\n')
    text += "".join(f"\n[people.{p}]\n" for p in PEOPLE)
    before = run(day, "history", "--limit", "1000", person="sam").stdout.count("\n")
    box.write("clients.toml", text)
    moved = run(day, "init", "--team", person="sam").stdout
    box.expect("init --team moves the single log to sam's file", "moved" in moved, moved)
    after = run(day, "history", "--limit", "1000", person="sam").stdout.count("\n")
    box.expect_equal("history after the move", after, before)
    imported = run(day, "import", "vcard", box.write("contacts.vcf", CONTACTS), person="sam")
    box.expect("import vcard writes since", f"since = {day.isoformat()}" in imported.stdout,
               imported.stdout)
    with open(box.path("clients.toml"), "a", encoding="utf-8") as f:
        f.write(imported.stdout)


def rename(old, new):
    text = box.read("clients.toml").replace(f'id = "{old}"\n', f'id = "{new}"\naliases = ["{old}"]\n')
    box.write("clients.toml", text)
    for client, channel in list(made):
        if client == old:
            made[(new, channel)] = made.pop((client, channel))


def second_month(day):
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    become_a_team(day)
    start = day
    away = {}  # person -> first day back
    promise_seen = covered = 0
    for n in range(WORKDAYS):
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        if n == 1:  # the promise moved, all on one day
            run(day, "promise", "gale", "note", "2027-02-10", "Angebot", person="sam")
            run(day, "promise", "gale", "note", "--cancel", person="sam")
            run(day, "promise", "gale", "note", "2027-02-12", "new date", person="sam")
        if n == 2:  # last month's visit, from the old calendar
            log_touch(day, "fjord", "visit", "from the old calendar", person="lena",
                      when=(day - datetime.timedelta(days=29)).isoformat())
        if n == 3:  # a visit no list asked for: its thank-you note is lena's
            log_touch(day, "cobalt", "visit", "dropped by with the new printer", person="lena")
        if n == 4:  # ole's, then ole is away before the note is written: cover
            log_touch(day, "delta", "visit", "server room walk-through", person="ole")
        if n == 5:
            run(day, "away", "1w", person="ole")
            away["ole"] = day + datetime.timedelta(days=7)
        if n == 7:
            rename("hollow", "hollowvet")
        away = {p: back for p, back in away.items() if back > day}
        everyone = morning(day, away)
        for row in everyone:
            covered += row.get("covering_for") == "ole"
            for r in row["reasons"]:
                if r["kind"] == "promise" and row["client"] == "gale":
                    promise_seen += 1
                    box.expect_equal(f"{day}: the promise moved", r["deadline"], "2027-02-12")
                if r["kind"] == "rule" and row["client"] == "fjord":
                    box.expect(f"{day}: the backfilled visit starts no follow-up",
                               r["last"] >= start.isoformat(), r["reason"])
        for person in PEOPLE:
            if person in away:
                continue
            rows = json.loads(run(day, "due", "--format", "json", person=person).stdout)
            for i, row in enumerate(rows["suggestions"]):
                if i % 4 != 3:
                    log_touch(day, row["client"], row["channel"], "from the morning list",
                              person=person)
        day += datetime.timedelta(days=1)
    box.expect("the moved promise came due and was shown", promise_seen > 0)
    box.expect("someone covered for ole while away", covered > 0)
    box.expect("follow-ups were on their makers' lists", follow_ups[0] > 0)
    box.expect("ole's log holds touches", os.path.getsize(box.path("log", "ole.log")) > 0)


def main():
    second_month(first_month())
    box.finish()


if __name__ == "__main__":
    main()
