#!/usr/bin/python3
"""The calendar chain for real: a Radicale server on loopback, vdirsyncer
syncing it with the desktop's folder A (the README's "Your calendar"
configuration and cron lines, as written there, with the server's address
and a password put in) and with a second folder B, the phone, where khal
makes an event. The event comes into the log once however often the
evening line runs; the plan the morning line writes arrives on the phone
with touch's UIDs, and the event of a touch since made leaves the phone too.
Exits 77 (skipped) when radicale, vdirsyncer or khal is not installed."""
import base64
import glob
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

from icalendar import Calendar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import PATH, Sandbox, text  # noqa: E402

TOOLS = ("radicale", "vdirsyncer", "khal")
missing = [t for t in TOOLS if not shutil.which(t, path=PATH)]
if missing:
    print(f"skipped: {', '.join(missing)} not installed")
    sys.exit(77)

README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "README.md")
TODAY = "2026-11-20"


def readme_blocks():
    """The vdirsyncer configuration, the line to run once and the crontab
    lines of "Your calendar"."""
    section = open(README, encoding="utf-8").read().split("## Your calendar\n", 1)[1].split("\n## ", 1)[0]
    config = re.search(r"```ini\n(.*?)```", section, re.S).group(1)
    cron = re.search(r"```crontab\n(.*?)```", section, re.S).group(1)
    lines = [line.split(None, 5)[5] for line in cron.splitlines() if line and not line.startswith("#")]
    once = re.search(r"Run `([^`]*)` once", section).group(1)
    return config, once, lines


box = Sandbox(sys.argv[1])
config, once, (evening, morning) = readme_blocks()
box.expect("the evening line imports, the morning line plans",
           "import ics" in evening and "plan --vdir" in morning, f"{evening} / {morning}")

box.write("config/touch/clients.toml", """[[clients]]
id = "acme"
name = "Acme Corp"
cadence = { call = "2w" }
[[clients]]
id = "bolt"
name = "Bolt Logistics"
cadence = { visit = "1mo" }
""")
LOG = "2026-11-01 acme call\n2026-10-15 bolt visit\n"
box.write("data/touch/log", LOG)
# `touch` on cron's PATH, on the test's day: the README's lines name
# /usr/local/bin/touch, which is this binary here.
wrapper = box.script("bin/touch", f'exec "{box.binary}" --today {TODAY} "$@"\n')
evening = evening.replace("/usr/local/bin/touch", wrapper)
morning = morning.replace("/usr/local/bin/touch", wrapper)

sock = socket.socket()
sock.bind(("127.0.0.1", 0))
port = sock.getsockname()[1]
sock.close()
url = f"http://127.0.0.1:{port}/alice/touch/"
config = re.sub(r'url = ".*"', f'url = "{url}"', config)
config = re.sub(r"password\.fetch = .*", 'password = "secret"', config)
# The phone: a second device on the same calendar, with its own folder.
config += f"""
[pair phone]
a = "phone_local"
b = "touch_server"
collections = null

[storage phone_local]
type = "filesystem"
path = "{box.path('phone')}/"
fileext = ".ics"
"""
box.write("config/vdirsyncer/config", config)
box.write("config/khal/config", f"""[calendars]
[[phone]]
path = {box.path('phone')}/
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC
[sqlite]
path = {box.path('khal.db')}
""")
desktop = os.path.join(box.home, ".calendars", "touch")


def sh(command, what):
    r = subprocess.run(["sh", "-c", command], cwd=box.root, env=box.env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    box.expect(f"{what} ({command})", r.returncode == 0, text(r.stdout) + text(r.stderr))
    return r


def sync():
    # Twice: a change on one device reaches the server in one pass and the
    # other device in the next (the pairs are synced one after the other).
    sh("vdirsyncer sync && vdirsyncer sync", "sync")


def uids(folder):
    out = {}
    for path in glob.glob(os.path.join(folder, "*.ics")):
        for e in Calendar.from_ical(open(path, "rb").read()).walk("VEVENT"):
            out[str(e["UID"])] = e["DTSTART"].dt.isoformat()
    return out


def wait_for(port, server, seconds=15):
    end = time.monotonic() + seconds
    while time.monotonic() < end and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def make_calendar(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    auth = base64.b64encode(b"alice:secret").decode()
    c.request("MKCALENDAR", "/alice/touch/", headers={"Authorization": f"Basic {auth}"})
    return c.getresponse().status


def chain():
    box.mkdir("phone")
    sh(once, "the README's first run")
    sh("khal new -a phone 2026-11-19 12:00 13:30 'Lunch with Acme Corp'", "khal new on the phone")
    sync()
    box.expect("the phone's event reached the desktop", len(uids(desktop)) == 1, str(uids(desktop)))
    sh(evening, "the evening line")
    log = box.read("data/touch/log")
    added = log[len(LOG):]
    box.expect("the lunch is logged once",
               added.count("\n") == 1 and added.startswith("2026-11-19T12:00 acme ")
               and "Lunch with Acme Corp [ics:" in added, added)
    sh(evening, "the evening line again")
    box.expect_equal("a second sync and import adds nothing", box.read("data/touch/log"), log)

    sh(morning, "the morning line")
    planned = {u: d for u, d in uids(desktop).items() if u.startswith("touch-plan+")}
    box.expect_equal("the plan is in the desktop's folder", sorted(planned),
                     ["touch-plan+acme+call+cadence@touch", "touch-plan+bolt+visit+cadence@touch"])
    sync()
    phone = uids(box.path("phone"))
    box.expect_equal("the plan arrived on the phone, same UIDs and days",
                     {u: d for u, d in phone.items() if u.startswith("touch-plan+")}, planned)
    box.expect("the phone keeps its own event", len(phone) == len(planned) + 1, str(phone))

    r = box.run("log", "bolt", "visit", today=TODAY)
    box.expect("a visit logged", r.returncode == 0, text(r.stderr))
    sh(morning, "the morning line after the visit")
    sync()
    phone = uids(box.path("phone"))
    box.expect("the visit's planned event left the phone",
               "touch-plan+bolt+visit+cadence@touch" not in phone
               and "touch-plan+acme+call+cadence@touch" in phone and len(phone) == 2, str(phone))
    sh(evening, "the evening line after the plan")
    box.expect_equal("the planned events are not imported as touches",
                     box.read("data/touch/log"), log + f"{TODAY} bolt visit\n")


storage = box.mkdir("radicale")
server = subprocess.Popen(["radicale", "--server-hosts", f"127.0.0.1:{port}",
                           "--storage-filesystem-folder", storage, "--auth-type", "none",
                           "--logging-level", "warning"],
                          env=box.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, start_new_session=True)
try:
    if box.expect("radicale listens", wait_for(port, server)):
        if box.expect_equal("the calendar is made", make_calendar(port), 201):
            chain()
finally:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    if box.failures:
        print(text(server.stdout.read()))
box.finish()
