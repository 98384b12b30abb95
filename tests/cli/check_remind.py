#!/usr/bin/python3
"""touch remind end to end: a real SMTP server on loopback (aiosmtpd), Debian's
msmtp as settings.sendmail, the received message parsed with Python's email
package. Also: nothing due sends nothing, header injection, failing sendmail."""
import email
import email.policy
import os
import socket
import subprocess
import sys
import tempfile
import time

from aiosmtpd.controller import Controller

binary = os.path.abspath(sys.argv[1])
failures = []


def expect(what, ok, detail=""):
    if not ok:
        failures.append(f"{what} {detail}")


class Inbox:
    def __init__(self):
        self.messages = []

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

inbox = Inbox()
port = free_port()
controller = Controller(inbox, hostname="127.0.0.1", port=port)
controller.start()
try:
    with tempfile.TemporaryDirectory() as tmp:
        rc = os.path.join(tmp, "msmtprc")
        with open(rc, "w") as f:
            f.write(f"account default\nhost 127.0.0.1\nport {port}\nfrom zoe@example.com\n"
                    "auth off\ntls off\n")
        os.chmod(rc, 0o600)

        def run(sendmail, *args):
            clients = os.path.join(tmp, "clients.toml")
            with open(clients, "w") as f:
                f.write(CLIENTS.format(sendmail=sendmail))
            with open(os.path.join(tmp, "log"), "w") as f:
                f.write(LOG)
            env = {"PATH": "/usr/bin:/bin", "TZ": "UTC", "NO_COLOR": "1", "HOME": tmp}
            return subprocess.run([binary, "--clients", clients, "--log", os.path.join(tmp, "log"), *args],
                                  capture_output=True, text=True, env=env, timeout=60)

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

        # sendmail failing, missing, or its server down: exit 4 with what it said.
        r = run('["/bin/false"]', "--today", "2026-11-30", "remind")
        expect("failing sendmail exits 4", r.returncode == 4, f"{r.returncode} {r.stderr}")
        expect("failing sendmail named", "touch: /bin/false failed (exit status 1)" in r.stderr, r.stderr)
        r = run('["/nonexistent/sendmail", "-t"]', "--today", "2026-11-30", "remind")
        expect("missing sendmail exits 4", r.returncode == 4 and "cannot run /nonexistent/sendmail" in r.stderr,
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
finally:
    controller.stop()

for f in failures:
    print("FAIL:", f)
print(f"remind: {len(failures)} failed")
sys.exit(1 if failures else 0)
