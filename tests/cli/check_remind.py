#!/usr/bin/python3
"""touch remind end to end: a real SMTP server on loopback (aiosmtpd), Debian's
msmtp as settings.sendmail, the received message parsed with Python's email
package. Also: nothing due sends nothing, header injection, failing sendmail,
and remind --each: one message a person, a refused recipient reported while
the others still go out."""
import email
import email.policy
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

box = Sandbox(sys.argv[1])
expect = box.expect


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CLIENTS = """
[settings]
owner = "Zoë Ünal <zoe@example.com>"
sendmail = {sendmail}
[cadence]
call = "2w"
[[clients]]
id = "acme"
name = "Acme Corp (Dana Lee)"
phone = "+1 555 0100"
[[clients]]
id = "evil"
name = "Évil\\r\\nBcc: victim@example.com"
"""
LOG = "2026-11-01 acme call\n2026-11-10 evil call\n"

TEAM = """
[settings]
owner = "Office <office@example.com>"
sendmail = {sendmail}
[people.pat]
name = "Pat Doe"
email = "pat@example.com"
[people.sam]
name = "Sam Roe"
email = "sam@example.com"
[people.lee]
name = "Lee Poe"
email = "{lee_email}"
[cadence]
call = "2w"
[[clients]]
id = "acme"
name = "Acme Corp"
team = ["pat"]
[[clients]]
id = "bolt"
name = "Bolt Bikes"
team = ["sam"]
[[clients]]
id = "cedar"
name = "Cedar Dental"
[[clients]]
id = "dune"
name = "Dune Books"
team = ["lee"]
"""
TEAM_LOG = "2026-11-01 acme call\n2026-11-02 bolt call\n2026-11-03 cedar call\n2026-11-04 dune call\n"

inbox = Inbox()
port = free_port()
controller = Controller(inbox, hostname="127.0.0.1", port=port)
controller.start()
try:
    tmp = box.root
    rc = os.path.join(tmp, "msmtprc")
    with open(rc, "w") as f:
        f.write(f"account default\nhost 127.0.0.1\nport {port}\nfrom zoe@example.com\n"
                "auth off\ntls off\n")
    os.chmod(rc, 0o600)

    def run(sendmail, *args, clients_text=CLIENTS, log=LOG):
        clients = os.path.join(tmp, "clients.toml")
        with open(clients, "w") as f:
            f.write(clients_text.format(sendmail=sendmail))
        with open(os.path.join(tmp, "log"), "w") as f:
            f.write(log)
        return box.run("--clients", clients, "--log", os.path.join(tmp, "log"), *args, text=True)

    msmtp = f'["/usr/bin/msmtp", "-C", "{rc}", "-t"]'

    # A day with two due: exactly one message arrives.
    r = run(msmtp, "--today", "2026-11-30", "remind")
    expect("remind exits 0", r.returncode == 0, r.stderr)
    for _ in range(50):
        if inbox.messages:
            break
        time.sleep(0.1)
    expect("one message", len(inbox.messages) == 1, str(len(inbox.messages)))
    if inbox.messages:
        raw = inbox.messages[0].content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        print(raw.decode("ascii", "replace"))
        expect("From", str(msg["From"]) == "Zoë Ünal <zoe@example.com>", str(msg["From"]))
        expect("To", str(msg["To"]) == "Zoë Ünal <zoe@example.com>", str(msg["To"]))
        expect("Subject", str(msg["Subject"]).startswith("2 due on 2026-11-30, first: call"), str(msg["Subject"]))
        expect("Date", msg["Date"] is not None and msg["Date"].datetime is not None)
        expect("Message-ID", str(msg["Message-ID"]).startswith("<touch."))
        expect("MIME-Version", msg["MIME-Version"] == "1.0")
        expect("charset", msg.get_content_charset() == "utf-8")
        expect("no injected Bcc", msg["Bcc"] is None and b"\nBcc:" not in raw.split(b"\r\n\r\n")[0])
        expect("envelope has one recipient", inbox.messages[0].rcpt_tos == ["zoe@example.com"],
               str(inbox.messages[0].rcpt_tos))
        body = msg.get_content()
        expect("body names Acme", "Acme Corp (Dana Lee)" in body, body)
        expect("body has the phone", "+1 555 0100" in body)
        expect("body keeps UTF-8", "Évil\\r\\nBcc" in body, body)
        expect("7-bit on the wire", all(b < 128 for b in raw))

    # Nothing due: no message, exit 0.
    r = run(msmtp, "--today", "2026-11-12", "remind")
    time.sleep(0.5)
    expect("nothing due exits 0", r.returncode == 0, r.stderr)
    expect("nothing due sends nothing", len(inbox.messages) == 1, str(len(inbox.messages)))

    # --dry-run prints, sends nothing.
    r = run(msmtp, "--today", "2026-11-30", "remind", "--dry-run", "--to", "Ops <ops@example.com>")
    expect("dry run prints", r.returncode == 0 and "To: Ops <ops@example.com>\n" in r.stdout, r.stdout[:300])
    expect("dry run sends nothing", len(inbox.messages) == 1)
    # What is printed is what the reader will see: the body decoded, not
    # quoted-printable; the headers as they will be sent.
    head, _, body = r.stdout.partition("\n\n")
    expect("dry run: the body as read", "Start with: call Acme Corp (Dana Lee).\n" in body
           and "Évil" in body and "=C3" not in body and "=\n" not in body, body)
    expect("dry run: the headers as sent", "Content-Transfer-Encoding: quoted-printable" in head
           and "From: =?UTF-8?B?" in head, head)

    # sendmail failing, missing, or its server down: exit 4 with what it said.
    r = run('["/bin/false"]', "--today", "2026-11-30", "remind")
    expect("failing sendmail exits 4", r.returncode == 4, f"{r.returncode} {r.stderr}")
    expect("failing sendmail named", "touch: /bin/false failed (exit status 1)" in r.stderr, r.stderr)
    missing = os.path.join(tmp, "no-such", "sendmail")
    r = run(f'["{missing}", "-t"]', "--today", "2026-11-30", "remind")
    expect("missing sendmail exits 4", r.returncode == 4 and f"cannot run {missing}" in r.stderr,
           f"{r.returncode} {r.stderr}")
    r = run('["relative/sendmail"]', "--today", "2026-11-30", "remind")
    expect("relative sendmail refused", r.returncode == 4 and "not found" in r.stderr, r.stderr)
    down_rc = os.path.join(tmp, "down")
    with open(down_rc, "w") as f:
        f.write(f"account default\nhost 127.0.0.1\nport {free_port()}\nfrom zoe@example.com\nauth off\ntls off\n")
    os.chmod(down_rc, 0o600)
    r = run(f'["/usr/bin/msmtp", "-C", "{down_rc}", "-t"]', "--today", "2026-11-30", "remind")
    expect("server down exits 4 quoting msmtp", r.returncode == 4 and "msmtp" in r.stderr and "failed" in r.stderr,
           f"{r.returncode} {r.stderr}")
    # What a mail program says over several lines is printed as lines, each
    # with the prefix, never quoted on one line with a literal \n.
    script = os.path.join(tmp, "chatty-sendmail")
    with open(script, "w") as f:
        f.write("#!/bin/sh\ncat >/dev/null\necho 'msmtp: cannot connect to mail.example, port 587' >&2\n"
                "echo 'msmtp: could not send mail (account default from ~/.msmtprc)' >&2\nexit 69\n")
    os.chmod(script, 0o755)
    r = run(f'["{script}"]', "--today", "2026-11-30", "remind")
    expect("a mail program's lines as lines", r.returncode == 4 and r.stderr.splitlines() == [
        f"touch: {script} failed (exit status 69)",
        "touch:   msmtp: cannot connect to mail.example, port 587",
        "touch:   msmtp: could not send mail (account default from ~/.msmtprc)"], r.stderr)

    # remind --each: one message a person, to their own address, with
    # their clients and the unassigned one.
    def wait_for(count):
        for _ in range(50):
            if len(inbox.messages) >= count:
                break
            time.sleep(0.1)
        time.sleep(0.2)

    def parsed(envelope):
        return email.message_from_bytes(envelope.content, policy=email.policy.default)

    inbox.messages.clear()
    team = TEAM.replace("{lee_email}", "lee@example.com")
    r = run(msmtp, "--today", "2026-11-20", "remind", "--each", clients_text=team, log=TEAM_LOG)
    expect("--each exits 0", r.returncode == 0, f"{r.returncode} {r.stderr}")
    expect("--each is quiet", r.stdout == "" and r.stderr == "", r.stdout + r.stderr)
    wait_for(3)
    expect("--each: one message a person", len(inbox.messages) == 3, str(len(inbox.messages)))
    by_rcpt = {tuple(m.rcpt_tos): parsed(m) for m in inbox.messages}
    expect("--each recipients", sorted(by_rcpt) == [("lee@example.com",), ("pat@example.com",),
                                                     ("sam@example.com",)], str(sorted(by_rcpt)))
    wanted = {"pat@example.com": ("Acme Corp", "Bolt Bikes"), "sam@example.com": ("Bolt Bikes", "Acme Corp"),
              "lee@example.com": ("Dune Books", "Acme Corp")}
    for (rcpt,), msg in by_rcpt.items():
        body = msg.get_content()
        mine, theirs = wanted[rcpt]
        expect(f"{rcpt} gets their client", mine in body, body)
        expect(f"{rcpt} gets the unassigned client", "Cedar Dental" in body, body)
        expect(f"{rcpt} does not get another's client", theirs not in body, body)
        expect(f"{rcpt} To header", rcpt in str(msg["To"]), str(msg["To"]))
        expect(f"{rcpt} From is the owner", str(msg["From"]) == "Office <office@example.com>", str(msg["From"]))

    # One recipient refused by the server: reported by name, the others
    # still delivered, exit 4.
    inbox.messages.clear()
    team = TEAM.replace("{lee_email}", "lee@refused.example")
    r = run(msmtp, "--today", "2026-11-20", "remind", "--each", clients_text=team, log=TEAM_LOG)
    expect("--each with one refused exits 4", r.returncode == 4, f"{r.returncode} {r.stderr}")
    expect("--each names the refused person", r.stderr.startswith("touch: lee (lee@refused.example): not sent: ")
           and "msmtp" in r.stderr and "\\n" not in r.stderr
           and all(line.startswith("touch: ") for line in r.stderr.splitlines()), r.stderr)
    wait_for(2)
    expect("--each: the others still go out",
           sorted(tuple(m.rcpt_tos) for m in inbox.messages) == [("pat@example.com",), ("sam@example.com",)],
           str([m.rcpt_tos for m in inbox.messages]))

    # --dry-run --each prints every message and sends none.
    inbox.messages.clear()
    team = TEAM.replace("{lee_email}", "lee@example.com")
    r = run(msmtp, "--today", "2026-11-20", "remind", "--each", "--dry-run", clients_text=team, log=TEAM_LOG)
    expect("--each --dry-run exits 0", r.returncode == 0, r.stderr)
    expect("--each --dry-run prints three",
           sum(line.startswith("To: ") for line in r.stdout.splitlines()) == 3, r.stdout[:500])
    time.sleep(0.3)
    expect("--each --dry-run sends nothing", not inbox.messages)

    # Nothing due for anyone: nothing sent, exit 0.
    r = run(msmtp, "--today", "2026-11-05", "remind", "--each", clients_text=team, log=TEAM_LOG)
    time.sleep(0.3)
    expect("--each with nothing due exits 0 and sends nothing", r.returncode == 0 and not inbox.messages,
           f"{r.returncode} {r.stderr}")
finally:
    controller.stop()

box.finish()
