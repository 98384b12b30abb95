#!/usr/bin/python3
"""touch plan --vdir DIR: one event file per planned touch, each UID the
obligation's (client, channel, kind) so a moved touch moves its event; an
unchanged event left byte for byte, a changed one rewritten, one no longer
planned removed; files touch did not write (both marks checked) never
touched; a folder that cannot be used an error with nothing done; the log
never written. Events are read back with Debian's python3-icalendar."""
import glob
import hashlib
import os
import sys

from icalendar import Calendar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, text  # noqa: E402

box = Sandbox(sys.argv[1])
box.write("c.toml", """[[clients]]
id = "acme"
cadence = { call = "2w" }
[[clients]]
id = "bolt"
cadence = { visit = "1mo" }
[[clients]]
id = "cedar"
cadence = { email = "1w" }
""")
LOG = "2026-11-01 acme call\n2026-10-15 bolt visit\n2026-11-10 cedar email\n"
box.write("log", LOG)
base = ["--clients", "c.toml", "--log", "log"]
cal = box.path("cal")


def plan(today, *more, folder=cal):
    return box.run(*base, "--today", today, "plan", "--vdir", folder, *(more or ("--days", "7")))


def files():
    """name -> (sha256, UID, DTSTART) of every .ics file in the folder."""
    out = {}
    for path in sorted(glob.glob(os.path.join(cal, "*.ics"))):
        data = open(path, "rb").read()
        try:
            events = list(Calendar.from_ical(data).walk("VEVENT"))
        except ValueError:
            events = []
        uid = str(events[0]["UID"]) if events else None
        start = events[0]["DTSTART"].dt.isoformat() if events else None
        out[os.path.basename(path)] = (hashlib.sha256(data).hexdigest(), uid, start)
    return out


# A folder that does not exist is made when its parent does.
r = plan("2026-11-20")  # a week: one touch each
box.expect_result("first plan", r, status=0,
                  stdout=f"{cal}: 3 written, 0 updated, 0 removed, 0 unchanged\n".encode())
first = files()
box.expect_equal("one file per planned touch, named by its UID",
                 sorted(first), ["touch-plan+acme+call+cadence@touch.ics",
                                 "touch-plan+bolt+visit+cadence@touch.ics",
                                 "touch-plan+cedar+email+cadence@touch.ics"])
for name, (_, uid, _) in first.items():
    box.expect_equal(f"{name}: the file name is the UID", name, f"{uid}.ics")

# A file of the user's with touch's UID prefix but no X-TOUCH-PLAN, and one
# with the mark but another UID: neither is touch's, so neither goes.
box.write("cal/mine.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
          "UID:touch-plan+zed+call+cadence@touch\r\nDTSTAMP:20261101T000000Z\r\n"
          "DTSTART;VALUE=DATE:20261120\r\nSUMMARY:mine\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
box.write("cal/marked.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
          "UID:someone-else@example.com\r\nDTSTAMP:20261101T000000Z\r\nX-TOUCH-PLAN:x\r\n"
          "DTSTART;VALUE=DATE:20261120\r\nSUMMARY:marked\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
foreign = {n: open(os.path.join(cal, n), "rb").read() for n in ("mine.ics", "marked.ics")}

# The same plan a day on: nothing moved but the date it was made.
r = plan("2026-11-20")
box.expect_result("the same plan again", r, status=0,
                  stdout=f"{cal}: 0 written, 0 updated, 0 removed, 3 unchanged\n".encode())
again = files()
for name in first:
    box.expect_equal(f"{name} left byte for byte", again[name][0], first[name][0])

# Two days later the overdue touches move to the new today: same UIDs, new dates.
r = plan("2026-11-23")
box.expect_result("a moved plan", r, status=0,
                  stdout=f"{cal}: 0 written, 3 updated, 0 removed, 0 unchanged\n".encode())
moved = files()
for name in first:
    box.expect_equal(f"{name} moved, same UID", (moved[name][1], moved[name][2]),
                     (first[name][1], "2026-11-23"))

# A touch logged: its event is no longer planned and goes; the rest stay.
box.write("log", LOG + "2026-11-23 bolt visit\n")
r = plan("2026-11-23")
box.expect_result("a touch logged", r, status=0,
                  stdout=f"{cal}: 0 written, 0 updated, 1 removed, 2 unchanged\n".encode())
after = files()
box.expect("bolt's visit removed", "touch-plan+bolt+visit+cadence@touch.ics" not in after, str(after))
for n, data in foreign.items():
    box.expect_equal(f"{n}, not touch's, untouched", open(os.path.join(cal, n), "rb").read(), data)
box.expect_equal("no temporary file left", sorted(os.listdir(cal)), sorted(after))
box.expect_equal("the log was not written", box.read("log"), LOG + "2026-11-23 bolt visit\n")

# A weekly email in a fortnight: the second touch of one obligation is "+2".
r = plan("2026-11-23", "--days", "14")
names = sorted(files())
box.expect("a second touch of one obligation gets +2",
           "touch-plan+cedar+email+cadence+2@touch.ics" in names, str(names))

# `--format ics` carries the very same UIDs.
r = box.run(*base, "--today", "2026-11-23", "plan", "--days", "14", "--format", "ics")
uids = sorted(str(e["UID"]) for e in Calendar.from_ical(r.stdout).walk("VEVENT"))
box.expect_equal("plan --format ics has the folder's UIDs", uids,
                 sorted(u for n, (_, u, _) in files().items() if n not in foreign and u))

# A file with a planned event's name that touch did not write stops it, nothing done.
before = files()
os.remove(os.path.join(cal, "touch-plan+acme+call+cadence@touch.ics"))
box.write("cal/touch-plan+acme+call+cadence@touch.ics", "not touch's\n")
r = plan("2026-11-24", "--days", "14")
box.expect("a file in the way is an error naming it",
           r.returncode != 0 and text(r.stderr).startswith("touch: ")
           and "touch-plan+acme+call+cadence@touch.ics" in text(r.stderr), text(r.stderr))
box.expect_equal("... and nothing was written", box.read("cal/touch-plan+acme+call+cadence@touch.ics"),
                 "not touch's\n")
box.expect("... or removed", set(before) == set(files()), str(files()))
link = os.path.join(cal, "touch-plan+acme+call+cadence@touch.ics")
os.remove(link)
os.symlink("nowhere.ics", link)
r = plan("2026-11-24", "--days", "14")
box.expect("a link by that name, even dangling, is not touch's either",
           r.returncode == 3 and os.path.islink(link) and os.readlink(link) == "nowhere.ics",
           text(r.stderr))
os.remove(link)
box.write("cal/touch-plan+acme+call+cadence@touch.ics", "not touch's\n")

# A folder whose parent is missing, or a file for a folder: an error, nothing made.
r = plan("2026-11-24", folder=box.path("no", "such"))
box.expect("a missing parent is an error naming the folder",
           r.returncode == 4 and text(r.stderr).startswith("touch: ") and "no/such" in text(r.stderr)
           and not os.path.exists(box.path("no")), text(r.stderr))
r = plan("2026-11-24", folder=box.path("log"))
box.expect("a file is no folder", r.returncode == 4 and "log" in text(r.stderr), text(r.stderr))

# A folder that takes no file (not as root, who may write anywhere).
if os.geteuid() != 0:
    ro = box.mkdir("ro")
    os.chmod(ro, 0o500)
    r = plan("2026-11-24", folder=ro)
    box.expect("an unwritable folder is an error naming it",
               r.returncode == 4 and ro in text(r.stderr) and os.listdir(ro) == [], text(r.stderr))
    os.chmod(ro, 0o700)

# --vdir writes no output format.
r = box.run(*base, "--today", "2026-11-24", "plan", "--vdir", cal, "--format", "json")
box.expect("--vdir with --format is a usage error", r.returncode == 2, text(r.stderr))

# Import reads no planned event as a touch, not even one under --today.
os.remove(os.path.join(cal, "touch-plan+acme+call+cadence@touch.ics"))
r = box.run(*base, "--today", "2026-11-24", "import", "ics", cal, "-v")
box.expect("import leaves touch's own plan out", r.returncode == 0 and r.stdout == b""
           and "left out, planned by touch plan, not made: 2026-11-23" in text(r.stderr),
           text(r.stdout) + text(r.stderr))
box.finish()
