#!/usr/bin/python3
"""The third hostile probe's findings, each held down (check_processes holds
the ones about sendmail and the editor): nothing written through a symlinked
person file, no recipient added through a name, no HOME for commands that
need no files, a change made and reported, init with a folder of logs, a
large phone export, a trailing comma."""
import email
import email.policy
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, text  # noqa: E402

box = Sandbox(sys.argv[1])
expect = box.expect
script = box.script


TEAM = """[settings]
owner = "Pat Doe <pat@example.com>"
sendmail = ["{sendmail}"]
[people.pat]
name = "Pat"
email = "pat@example.com"
[people.lee]
name = "Lee\\t, spy@attacker.example,"
email = "lee@example.com"
[cadence]
call = "1w"
[[clients]]
id = "acme"
team = ["lee"]
[[clients]]
id = "bolt"
team = ["pat"]
"""

# 1. A person file that is a symlink is never written through, nor cut by undo.
box.write("team.toml", TEAM.format(sendmail="/bin/true"))
os.makedirs(box.path("logs"))
box.write("dotfile", "export X=1\n")
os.symlink("../dotfile", box.path("logs/pat.log"))
pat = {**box.env, "TOUCH_USER": "pat"}
r = box.run("--clients", "team.toml", "--log", "logs/", "--today", "2026-12-01", "log", "acme", "call",
            "hi", env=pat)
expect("log through a symlinked person file is refused", r.returncode != 0, r.returncode)
expect("the refusal names the file", b"pat.log" in r.stderr, text(r.stderr))
expect("the link's target is unchanged", box.read("dotfile") == "export X=1\n", box.read("dotfile"))
box.write("dotfile", "2026-11-30 acme call looks like an entry\n")
r = box.run("--clients", "team.toml", "--log", "logs/", "--today", "2026-12-01", "undo", "--yes", env=pat)
expect("undo through a symlinked person file is refused", r.returncode != 0, r.returncode)
expect("undo left the link's target alone",
       box.read("dotfile") == "2026-11-30 acme call looks like an entry\n", box.read("dotfile"))
os.remove(box.path("logs/pat.log"))
os.symlink("../created-by-touch", box.path("logs/pat.log"))
r = box.run("--clients", "team.toml", "--log", "logs/", "--today", "2026-12-01", "log", "acme", "call",
            "hi", env=pat)
expect("log through a dangling link is refused", r.returncode != 0, r.returncode)
expect("a dangling link's target is not created", not os.path.exists(box.path("created-by-touch")))
os.remove(box.path("logs/pat.log"))
box.write("logs/lee.log", "2026-11-30 acme call Lee's line\n")
os.symlink("lee.log", box.path("logs/pat.log"))
r = box.run("--clients", "team.toml", "--log", "logs/", "--today", "2026-12-01", "undo", "--yes", env=pat)
expect("pat's undo through a link to lee's file is refused", r.returncode != 0, r.returncode)
expect("lee's line stays", box.read("logs/lee.log") == "2026-11-30 acme call Lee's line\n",
       box.read("logs/lee.log"))
os.remove(box.path("logs/pat.log"))
os.remove(box.path("logs/lee.log"))

# 2. A [people] name never adds a recipient: parse the headers as a mail
# program does and count the addresses.
r = box.run("--clients", "team.toml", "--log", "logs/", "--today", "2026-12-09", "remind", "--each",
            "--dry-run")
expect("remind --each --dry-run", r.returncode == 0, text(r.stderr))
for part in text(r.stdout).split("From: ")[1:]:
    msg = email.message_from_string("From: " + part, policy=email.policy.default)
    to = msg["To"]
    addresses = [a.addr_spec for a in to.addresses] if to is not None else []
    expect("one recipient per message", len(addresses) == 1, addresses)
    expect("no attacker among the recipients", all("attacker" not in a for a in addresses), addresses)

# 6. Commands that need no files run without HOME.
bare = {"PATH": "/usr/bin:/bin"}
r = box.run("completion", "bash", env=bare)
expect("completion without HOME", r.returncode == 0 and b"complete" in r.stdout, text(r.stderr))
box.write("one.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Lindqvist\r\nEMAIL:anna@example.com\r\nEND:VCARD\r\n")
r = box.run("import", "vcard", "one.vcf", env=bare)
expect("import vcard FILE without HOME", r.returncode == 0 and b"anna" in r.stdout.lower(), text(r.stderr))

# 7. A change made, then output that cannot be written: exit 4, and stderr
# says what was written or removed.
box.write("full.toml", "[[clients]]\nid = \"acme\"\n")
box.write("full.log", "")
with open("/dev/full", "wb") as full:
    r = box.run("--clients", "full.toml", "--log", "full.log", "--today", "2026-12-07", "log", "acme", "call",
                "on a full disk", stdout=full)
expect("log to a full stdout: exit 4", r.returncode == 4, r.returncode)
expect("log to a full stdout: the line was written", "on a full disk" in box.read("full.log"))
expect("log to a full stdout: stderr says what was logged", b"on a full disk" in r.stderr, text(r.stderr))
with open("/dev/full", "wb") as full:
    r = box.run("--clients", "full.toml", "--log", "full.log", "--today", "2026-12-07", "undo", "--yes",
                stdout=full)
expect("undo to a full stdout: exit 4", r.returncode == 4, r.returncode)
expect("undo to a full stdout: the line was removed", "on a full disk" not in box.read("full.log"))
expect("undo to a full stdout: stderr says what was removed", b"on a full disk" in r.stderr, text(r.stderr))

# 8. init with a folder of logs makes the folder, or refuses before writing.
cfg = box.path("init-home/.config")
r = box.run("init", env={**box.env, "XDG_CONFIG_HOME": cfg, "TOUCH_LOG": box.path("init-team") + "/"})
made = os.path.exists(os.path.join(cfg, "touch/clients.toml"))
if r.returncode == 0:
    expect("init with a folder of logs makes the folder", os.path.isdir(box.path("init-team")))
else:
    expect("init refused before writing anything", not made, r.returncode)
    expect("the refusal points at --team", b"--team" in r.stderr, text(r.stderr))

# 9. A phone export with photos larger than the clients file's cap imports.
photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "A" * 74 + "\r\n" + ("  " + "B" * 74 + "\r\n") * 1000
cards = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.com\r\n{photo}END:VCARD\r\n"
                for i in range(250))
box.write("phone.vcf", cards)
expect("the export is over 16 MiB", os.path.getsize(box.path("phone.vcf")) > 16 * 1024 * 1024)
r = box.run("--clients", "full.toml", "--log", "full.log", "import", "vcard", "phone.vcf")
expect("a large phone export imports", r.returncode == 0, text(r.stderr))
expect("every contact of it", r.stdout.count(b"[[clients]]") == 250, r.stdout.count(b"[[clients]]"))

# Smaller: a trailing comma in CLIENT is flagged as a leading one is.
box.write("comma.toml", "[[clients]]\nid = \"acme\"\n[[clients]]\nid = \"bolt\"\n")
box.write("comma.log", "2026-12-01 acme, call trailing\n2026-12-01 ,bolt call leading\n")
r = box.run("--clients", "comma.toml", "--log", "comma.log", "--today", "2026-12-07", "check")
err = text(r.stdout + r.stderr)
expect("check flags the trailing comma", "comma.log:1:" in err, err)
expect("check flags the leading comma", "comma.log:2:" in err, err)

box.finish()
