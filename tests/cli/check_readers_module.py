#!/usr/bin/python3
"""The modules: touch-readers.so, which import calls and import mail open,
touch-calendar.so, which import ics opens (and nothing else opens either),
and touch-zone.so, which a configured settings.timezone alone opens: found
from the binary's own path, in ../lib/touch/ or beside it; never from the
working folder or a folder the environment names; missing, of another build
or not a module at all, it is an error of those commands alone (exit 4)
naming the file.

  usage: check_readers_module.py TOUCH MODULE CALENDAR-MODULE WRONG-MODULE ZONE-MODULE"""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, text  # noqa: E402

box = Sandbox(sys.argv[1], today="2026-11-22")
module, calendar, wrong, zone = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
expect = box.expect


def place(source, *names):
    """A copy of `source` at NAMES in the sandbox (a copy, not a link:
    /proc/self/exe of a symbolic link is the file it points to)."""
    path = box.path(*names)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    shutil.copyfile(source, path)
    shutil.copymode(source, path)
    return path


binary = place(sys.argv[1], "bin", "touch")
installed = box.path("lib", "touch", "touch-readers.so")
installed_calendar = box.path("lib", "touch", "touch-calendar.so")
box.write("clients.toml", "[settings]\nowner = \"Pat <pat@example.com>\"\nregion = \"DE\"\n"
          "[[clients]]\nid = \"acme\"\nphone = \"040 1234567\"\nemail = \"dana@acme.example\"\n")
box.write("calls.csv", "date,number,direction,duration\n2026-11-20 09:30,040 1234567,out,95\n")
box.write("mbox", "From pat@example.com Fri Nov 20 09:30:00 2026\nFrom: Pat <pat@example.com>\n"
          "To: dana@acme.example\nSubject: hello\nDate: Fri, 20 Nov 2026 09:30:00 +0000\n"
          "Message-ID: <1@example.com>\n\nhi\n")
box.write("calendar.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1@example.com\r\n"
          "DTSTART:20261120T093000Z\r\nSUMMARY:lunch\r\nATTENDEE:mailto:dana@acme.example\r\n"
          "END:VEVENT\r\nEND:VCALENDAR\r\n")


def run(*args, cwd=None, extra_env=None):
    return box.run("--clients", box.path("clients.toml"), "--log", box.path("touch.log"), *args,
                   binary=binary,
                   cwd=cwd, extra_env=extra_env)


def calls(**kw):
    return run("import", "calls", box.path("calls.csv"), **kw)


def mail(**kw):
    return run("import", "mail", box.path("mbox"), **kw)


def ics(**kw):
    return run("import", "ics", box.path("calendar.ics"), **kw)


def incomplete(what, result, file, why, command):
    box.expect_result(what, result, status=4, stdout=b"", stderr=(
        f"touch: {file}: {why}; {command} needs it: this installation of touch is incomplete "
        "(reinstall it)\n").encode())


# 1. No module anywhere: every other command runs as before.
r = run("--version")
expect("without the module, --version runs",
       r.returncode == 0 and re.fullmatch(rb"\d+\.\d+\.\d+\n", r.stdout), text(r.stderr))
r = run("due")
expect("without the module, due runs", r.returncode == 0, text(r.stderr))
r = run("check")
expect("without the module, check runs", r.returncode == 0, text(r.stderr))

# What the dynamic loader maps for every command (what ldd lists): none of
# the readers' libraries.
r = run("--version", extra_env={"LD_TRACE_LOADED_OBJECTS": "1"})
for library in (b"libical", b"libicu", b"libgmime", b"libphonenumber", b"libexpat", b"libglib"):
    expect(f"every command starts without {library.decode()}",
           r.returncode == 0 and b"libc.so" in r.stdout and library not in r.stdout, text(r.stdout))
r = run("plan", "--days", "7", "--format", "ics")
expect("without the module, plan --format ics runs", r.returncode == 0, text(r.stderr))
# Nor date's tz library (touch-zone.so), which brings the shared C++ runtime.
r = run("--version", extra_env={"LD_TRACE_LOADED_OBJECTS": "1"})
expect("every command starts without libdate-tz",
       r.returncode == 0 and b"libc.so" in r.stdout and b"libdate-tz" not in r.stdout,
       text(r.stdout))

# 1b. A zone configured needs touch-zone.so: missing, it is an error naming
# the file (exit 4); another build's is refused; in place, the zone is read,
# and an unknown zone is reported as it always was. Without a zone, nothing.
installed_zone = box.path("lib", "touch", "touch-zone.so")
box.write("zoned.toml", "[settings]\ntimezone = \"Asia/Tokyo\"\n[[clients]]\nid = \"acme\"\n")
box.write("unknown.toml", "[settings]\ntimezone = \"Mars/Olympus_Mons\"\n[[clients]]\nid = \"acme\"\n")


def zoned(clients="zoned.toml", *args):
    return box.run("--clients", box.path(clients), "--log", box.path("touch.log"), *args, "due",
                   binary=binary, today=None)


incomplete("a zone without touch-zone.so", zoned(), installed_zone, "missing", "settings.timezone")
place(wrong, "lib", "touch", "touch-zone.so")
r = zoned()
expect("a zone module of another build: refused", r.returncode == 4 and text(r.stderr).startswith(
    f"touch: {installed_zone}: of another build of touch (its version ") and
    b"settings.timezone needs it" in r.stderr, text(r.stderr))
place(zone, "lib", "touch", "touch-zone.so")
r = zoned()
expect("with touch-zone.so, a zone is read", r.returncode == 0, text(r.stderr))
r = zoned("unknown.toml")
expect("an unknown zone: the error it always was", r.returncode == 3 and text(r.stderr).startswith(
    "touch: " + box.path("unknown.toml") + ":2:12: error: unknown time zone 'Mars/Olympus_Mons'"),
    text(r.stderr))
os.remove(installed_zone)

# 2. import ics, calls and mail: exit 4, the file named, nothing written.
incomplete("import ics without the module", ics(), installed_calendar, "missing", "import ics")
incomplete("import calls without the module", calls(), installed, "missing", "import calls")
incomplete("import mail without the module", mail(), installed, "missing", "import mail")
incomplete("import ics --apply without the module", run("import", "ics", "--apply", "calendar.ics"),
           installed_calendar, "missing", "import ics")
incomplete("import calls --apply without the module", run("import", "calls", "--apply", "calls.csv"),
           installed, "missing", "import calls")
expect("nothing written to the log", not os.path.exists(box.path("touch.log")))

# 3. Never from the working folder, nor from a folder LD_LIBRARY_PATH names,
# nor from a lib/touch/ under either.
elsewhere = box.mkdir("elsewhere")
for names in (("elsewhere", "touch-readers.so"), ("elsewhere", "lib", "touch", "touch-readers.so")):
    place(module, *names)
for names in (("elsewhere", "touch-calendar.so"), ("elsewhere", "lib", "touch", "touch-calendar.so")):
    place(calendar, *names)
r = calls(cwd=elsewhere)
incomplete("a module in the working folder is not loaded",
           r, installed, "missing", "import calls")
r = calls(extra_env={"LD_LIBRARY_PATH": elsewhere})
incomplete("a module in LD_LIBRARY_PATH is not loaded", r, installed, "missing", "import calls")
incomplete("a calendar module in the working folder is not loaded", ics(cwd=elsewhere),
           installed_calendar, "missing", "import ics")
incomplete("a calendar module in LD_LIBRARY_PATH is not loaded",
           ics(extra_env={"LD_LIBRARY_PATH": elsewhere}), installed_calendar, "missing",
           "import ics")

# 4. Of another build, or not a module at all: refused, the file named.
place(wrong, "lib", "touch", "touch-readers.so")
r = calls()
expect("a module of another build: exit 4", r.returncode == 4, r.returncode)
expect("a module of another build: said so", text(r.stderr).startswith(
    f"touch: {installed}: of another build of touch (its version ") and b"incomplete" in r.stderr,
    text(r.stderr))
place(wrong, "lib", "touch", "touch-calendar.so")
r = ics()
expect("a calendar module of another build: exit 4", r.returncode == 4, r.returncode)
expect("a calendar module of another build: said so", text(r.stderr).startswith(
    f"touch: {installed_calendar}: of another build of touch (its version ") and
    b"import ics needs it" in r.stderr, text(r.stderr))
os.remove(installed_calendar)
box.write("lib/touch/touch-readers.so", "not a shared object\n")
r = mail()
expect("not a module: exit 4", r.returncode == 4, r.returncode)
expect("not a module: cannot be loaded", text(r.stderr).startswith(
    f"touch: {installed}: cannot be loaded (") and b"import mail needs it" in r.stderr,
    text(r.stderr))

# 5. Each module is needed by its own commands alone: the readers' module
# without the calendar's does not make import ics work.
place(module, "lib", "touch", "touch-readers.so")
r = calls()
expect("the readers' module alone: import calls finds the call",
       r.returncode == 0 and b"acme" in r.stdout, text(r.stdout) + text(r.stderr))
incomplete("the readers' module alone: import ics", ics(), installed_calendar, "missing",
           "import ics")

# 6. The modules where an installation puts them, then beside the binary
# (the build tree): all three import.
for where in ("lib/touch", "bin"):
    for path in (installed, installed_calendar):
        if os.path.exists(path):
            os.remove(path)
    place(module, *where.split("/"), "touch-readers.so")
    place(calendar, *where.split("/"), "touch-calendar.so")
    r = calls()
    expect(f"module in {where}: import calls finds the call",
           r.returncode == 0 and b"acme" in r.stdout, text(r.stdout) + text(r.stderr))
    r = mail()
    expect(f"module in {where}: import mail finds the message",
           r.returncode == 0 and b"acme" in r.stdout, text(r.stdout) + text(r.stderr))
    r = ics()
    expect(f"module in {where}: import ics finds the event",
           r.returncode == 0 and b"acme" in r.stdout, text(r.stdout) + text(r.stderr))

box.finish()
