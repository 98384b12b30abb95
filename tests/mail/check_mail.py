#!/usr/bin/python3
"""touch import mail on real mail: a Maildir and an mbox written by Python's
`email` and `mailbox` packages (make_mail.py), the public list archives in
archives/ (SOURCES), a team's runner, bad input, and a large mbox read in
bounded memory.

  check_mail.py TOUCH [PROBE]
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from harness import Sandbox, text  # noqa: E402

box = Sandbox(sys.argv[1], today="2026-11-22")
probe = sys.argv[2] if len(sys.argv) > 2 else None
expect, equal = box.expect, box.expect_equal

subprocess.run([sys.executable, os.path.join(HERE, "make_mail.py"), box.root], check=True)
CLIENTS = """[settings]
timezone = "Europe/Berlin"
owner = "Pat Doe <pat@example.com>"
[[clients]]
id = "acme"
email = ["dana@acme.example", "Info@Acme.example"]
[[clients]]
id = "bolt"
email = "kim@bolt.example"
"""
box.write("clients.toml", CLIENTS)
box.write("touch.log", "")

WANTED = ("2026-11-18T14:00 acme,bolt email Newsletter: November [mail:cc040c0600a2]\n"
          "2026-11-19T18:05 acme email Re: invoice [mail:a292a6c74bc4]\n"
          "2026-11-20T09:30 acme email Angebot für Dana [mail:0bf8ebf13867]\n"
          "2026-11-22T07:15 bolt email Report attached [mail:2194d29f52cd]\n")


def imp(*args, **kw):
    return box.run("--clients", "clients.toml", "--log", "touch.log", "import", "mail", *args,
                   text=True, **kw)


for source in ("Maildir", "sent.mbox"):
    r = imp(source, "-v")
    equal(f"{source}: status", r.returncode, 0)
    equal(f"{source}: the owner's messages to clients, RFC 2047 decoded, 50 recipients one line",
          r.stdout, WANTED)
    for why in ("from a client: not your touch: 2026-11-17 Question",
                "its Date: cannot be read ('sometime next week'): (no date) Broken date",
                "no client among its recipients: 2026-11-21 Lunch?"):
        expect(f"{source}: -v says {why}", why in r.stderr, r.stderr)
    expect(f"{source}: before --since is not read", "Old news" not in r.stdout + r.stderr, r.stderr)

# Applied from the Maildir, the same messages in the mbox add nothing: the
# Message-ID is the marker, whichever file holds the message.
r = imp("Maildir", "--apply")
equal("apply: status", r.returncode, 0)
equal("apply: what was logged", r.stdout, "".join("Logged: " + line + "\n" for line in WANTED.splitlines()))
for again in (("sent.mbox", "--apply"), ("Maildir", "sent.mbox", "--apply")):
    r = imp(*again)
    equal(f"again {again}: nothing added", (r.returncode, r.stdout), (0, ""))
equal("the log holds each touch once", box.read("touch.log"), WANTED)

# Bad input: a clear error naming the source, and nothing appended.
box.write("notmbox", "Hello\nFrom: pat@example.com\nTo: kim@bolt.example\n\nbody\n")
box.write("broken.mbox", "From pat@example.com Fri Nov 20 09:30:00 2026\nFrom: pat@example.com\n"
          "To: kim@bolt.example\nDate: Fri, 20 Nov 2026 09:30:00 +0100\nMessage-ID: <b1@x>\n\nbody\n"
          "From broken\nFrom: pat@example.com\nTo: dana@acme.example\n"
          "Date: Sat, 21 Nov 2026 09:30:00 +0100\nMessage-ID: <b2@x>\n\nbody\n")
box.mkdir("plain-folder")
before = box.read("touch.log")
r = imp("missing.mbox", "--apply")
equal("a missing file: status and message", (r.returncode, r.stderr),
      (4, "touch: missing.mbox: cannot open: No such file or directory\n"))
r = imp("notmbox", "--apply")
equal("not an mbox: status", r.returncode, 3)
expect("not an mbox: says so at its line", r.stderr.startswith("touch: notmbox:1: error: not an mbox"), r.stderr)
r = imp("plain-folder", "--apply")
equal("a folder that is not a Maildir", (r.returncode, r.stderr),
      (4, "touch: plain-folder: not a Maildir (it has no cur or new folder)\n"))
r = imp("broken.mbox", "Maildir", "missing.mbox", "--apply")
expect("a broken \"From \" line is read as mbox readers read it; with a missing source nothing is added",
       r.returncode == 4 and "nothing was added" in r.stderr, r.stderr)
equal("bad input leaves the log as it was", box.read("touch.log"), before)

# A team: the runner's own address is whose mail counts, and the lines go
# to the runner's own file.
box.write("team.toml", CLIENTS.replace('owner = "Pat Doe <pat@example.com>"\n', "") +
          '[people.pat]\nemail = "pat@example.com"\n[people.lee]\nemail = "lee@example.com"\n')
box.mkdir("logs")
for who, lines in (("lee", ""), ("pat", WANTED)):
    r = box.run("--clients", "team.toml", "--log", "logs/", "import", "mail", "Maildir", "--apply",
                extra_env={"TOUCH_USER": who}, text=True)
    equal(f"team: {who}'s import", (r.returncode, r.stdout.replace("Logged: ", "")), (0, lines))
equal("team: pat's lines are in pat's file only", sorted(os.listdir(box.path("logs"))), ["pat.log"])
box.write("team2.toml", CLIENTS.replace('owner = "Pat Doe <pat@example.com>"\n', "") + '[people.kai]\n')
r = box.run("--clients", "team2.toml", "--log", "logs/", "import", "mail", "Maildir",
            extra_env={"TOUCH_USER": "kai"}, text=True)
expect("team: a runner with no address is told how to give one",
       r.returncode == 2 and "people.kai.email" in r.stderr, r.stderr)

# Public list archives (SOURCES): every one read without an error; a
# message from Danilo to a list and a person, one line for both.
box.write("lists.toml", '[settings]\ntimezone = "Europe/Berlin"\nowner = "danilo@gnome.org"\n'
          '[[clients]]\nid = "simos"\nemail = "simos.lists@googlemail.com"\n'
          '[[clients]]\nid = "gnome"\nemail = ["desktop-devel-list@gnome.org", "language-bindings@gnome.org"]\n')
archives = os.path.join(HERE, "archives")
for name in sorted(os.listdir(archives)):
    r = box.run("--clients", "lists.toml", "--log", "lists.log", "import", "mail",
                os.path.join(archives, name), "--since", "2000-01-01", text=True)
    wanted = ("2008-03-17T10:35 simos,gnome email Re: Low memory hacks [mail:32740a552633]\n"
              if name == "mbox_complex.mbox" else "")
    equal(f"archive {name}", (r.returncode, r.stdout, r.stderr), (0, wanted, ""))

# A large mbox: memory holds one message at a time.
if probe:
    def peak(path):
        r = box.run("--clients", "clients.toml", "--log", "touch.log", "import", "mail", path,
                    prefix=[probe], text=True, timeout=300)
        fields = r.stdout.split()
        return int(fields[1]) if len(fields) > 2 and fields[2] == "0" else -1
    body = ("The quick brown fox jumps over the lazy dog. " * 22 + "\n") * 100
    with open(box.path("large.mbox"), "w") as f:
        for i in range(1000):
            f.write(f"From pat@example.com Fri Nov 20 09:30:00 2026\nFrom: pat@example.com\n"
                    f"To: kim@bolt.example\nDate: Fri, 20 Nov 2026 09:30:00 +0100\n"
                    f"Message-ID: <large{i}@x>\nSubject: {i}\n\n{body}\n")
    small, large = peak("sent.mbox"), peak("large.mbox")
    print(f"peak RSS: {small} KiB on a small mbox, {large} KiB on a large one")
    expect("a 100 MB mbox is read in bounded memory", 0 < large < small + 16 * 1024,
           f"{small} KiB on a small mbox, {large} KiB on {os.path.getsize(box.path('large.mbox')) >> 20} MB")

box.finish()
