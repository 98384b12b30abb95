#!/usr/bin/python3
"""Security: every command, run in a sandbox with umask 000, writes nothing
but the clients file and the log (new files 0600, new folders 0700); no
input adds a mail header; sendmail and the editor never go through a shell
or a relative PATH entry."""
import email
import email.policy
import os
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

# The XDG folders where a fresh account has them, as init creates them there.
box = Sandbox(sys.argv[1], today="2026-11-22", config_home="home/.config", data_home="home/.local/share")
expect = box.expect


def snapshot(root):
    """Every path under root with its type, mode, size and mtime."""
    seen = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            seen[os.path.relpath(path, root)] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_size,
                                                 st.st_mtime_ns)
    return seen


sandbox, home = box.root, box.home
work = os.path.join(sandbox, "work")  # the current folder: relative writes would land here
tmpdir = os.path.join(sandbox, "tmp")
for d in (work, tmpdir, os.path.join(work, "bin")):
    os.makedirs(d)
marker = os.path.join(sandbox, "TRAPPED")
for folder in (work, os.path.join(work, "bin")):
    for name in ("touch-test-sendmail", "touch-test-editor", "touch", "sh"):
        path = os.path.join(folder, name)
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\necho {path} ran >> {marker}\n")
        os.chmod(path, 0o755)
# Relative PATH entries hold programs that must never run.
box.env.update(PATH=".:bin:/usr/bin:/bin", TMPDIR=tmpdir)
clients = os.path.join(home, ".config/touch/clients.toml")
log = os.path.join(home, ".local/share/touch/log")

def run(*args, extra_env=None, stdin=None, today=box.today):
    return box.run(*args, cwd=work, extra_env=extra_env, stdin=stdin, today=today, text=True,
                   preexec_fn=lambda: os.umask(0))

before = snapshot(sandbox)
r = run("init")
expect("init", r.returncode == 0, r.stderr)
after = snapshot(sandbox)
created = sorted(set(after) - set(before))
expect("init creates the two files and their folders only", created == sorted([
    "home/.config", "home/.config/touch", "home/.config/touch/clients.toml",
    "home/.local", "home/.local/share", "home/.local/share/touch", "home/.local/share/touch/log"]), str(created))
for path, (kind, mode, _, _) in after.items():
    if path in created:
        want = 0o700 if kind == stat.S_IFDIR else 0o600
        expect(f"mode of {path} under umask 000", mode == want, oct(mode))

with open(clients, "w") as f:  # init's file, rewritten with hostile values
    f.write('[settings]\nowner = "Pat <pat@example.com>"\nsendmail = ["touch-test-sendmail", "-t", "$(touch pwned)"]\n'
            '[cadence]\ncall = "1w"\n'
            '[[clients]]\nid = "evil"\nname = "Evil\\r\\nBcc: victim@example.com\\nX-Injected: 1"\n'
            'phone = "555\\r\\nBcc: x@example.com"\n')
with open(os.path.join(work, "contacts.vcf"), "w") as f:
    f.write("BEGIN:VCARD\nVERSION:3.0\nFN:Zoe\nEND:VCARD\n")
before = snapshot(sandbox)
commands = [
    ("log", "evil", "call", "first"), ("log", "evil", "visit", "-d", "2026-11-01", "backdated"),
    ("due",), ("due", "--format", "json"), ("next",), ("check",), ("plan", "--format", "ics"),
    ("plan", "--format", "csv"), ("history",), ("clients",), ("show", "evil"), ("stats",),
    ("snooze", "evil", "2w"), ("undo", "--yes"), ("import", "vcard", "contacts.vcf"),
    ("completion", "bash"), ("remind", "--dry-run"),
]
for args in commands:
    r = run(*args)
    expect(f"touch {' '.join(args)}", r.returncode in (0, 1), f"{r.returncode} {r.stderr}")
after = snapshot(sandbox)
changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
expect("only the log changed", changed == ["home/.local/share/touch/log"], str(changed))

# The editor: a bare name is looked up in absolute PATH entries only, and
# its words are never given to a shell.
r = run("edit", extra_env={"EDITOR": "touch-test-editor"})
expect("an editor found only in relative PATH entries is not run", r.returncode == 4 and "not found" in r.stderr,
       f"{r.returncode} {r.stderr}")
r = run("edit", extra_env={"EDITOR": "true; touch pwned-by-editor"})
expect("EDITOR is not a shell command", not os.path.exists(os.path.join(work, "pwned-by-editor")),
       f"{r.returncode} {r.stderr}")

# sendmail: a bare name is looked up in absolute PATH entries only, never
# ./ or bin/ (which hold one here); "$(touch pwned)" stays a word.
# Weeks later, so that the call is due and remind does send.
r = run("remind", today="2027-01-31")
expect("remind looked for sendmail in /usr/bin and /bin only", r.returncode == 4 and "not found" in r.stderr,
       f"{r.returncode} {r.stderr}")
expect("no shell expanded the sendmail argv", not os.path.exists(os.path.join(work, "pwned")), r.stderr)
expect("nothing in a relative PATH entry ran", not os.path.exists(marker),
       open(marker).read() if os.path.exists(marker) else "")

# No input adds a header: the message has exactly the headers touch writes.
r = run("remind", "--dry-run", today="2027-01-31")
message = email.message_from_string(r.stdout.replace("\r\n", "\n"), policy=email.policy.default)
expect("the headers are touch's own", list(message.keys()) == [
    "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding", "Auto-Submitted"], str(message.keys()))
expect("the name stays in the subject", "Bcc: victim@example.com" in str(message["Subject"]),
       str(message["Subject"]))

box.finish()
