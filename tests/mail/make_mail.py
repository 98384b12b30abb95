#!/usr/bin/python3
"""Writes real mail as Python's own `email` and `mailbox` packages write it:
a Maildir (FOLDER/Maildir, messages in cur and new) and an mbox
(FOLDER/sent.mbox) of the same kinds of message, for check_mail.py.

  make_mail.py FOLDER

The owner is Pat <pat@example.com>; acme has two addresses
(dana@acme.example, info@acme.example), bolt one (kim@bolt.example). Every
date, name and Message-ID is fixed, so the lines imported are known.
"""
import email.policy
import email.utils
import mailbox
import os
import sys
from email.headerregistry import Address, Group
from email.message import EmailMessage

PAT = Address("Pat Doe", "pat", "example.com")


def message(mid, date, subject, to, cc=(), sender=PAT, body="Hello.\n"):
    m = EmailMessage(policy=email.policy.SMTP)
    m["From"] = sender
    m["To"] = to
    if cc:
        m["Cc"] = cc
    m["Subject"] = subject
    if date is not None:
        m["Date"] = date
    if mid:
        m["Message-ID"] = f"<{mid}@example.com>"
    m.set_content(body)
    return m


def messages():
    out = []
    # To one of acme's two addresses, with a name RFC 2047 must encode.
    out.append(("new", message("m1", "Fri, 20 Nov 2026 09:30:00 +0100", "Angebot für Dana",
                               Address("Dana Lée", "Dana", "ACME.example"))))
    # To acme's other address, in Cc, with a group in To.
    out.append(("cur", message("m2", "Thu, 19 Nov 2026 17:05:00 +0000", "Re: invoice",
                               Group("undisclosed", [Address("Ann", "ann", "other.example")]),
                               cc=[Address("Accounts (Acme)", "info", "acme.example")])))
    # Fifty recipients, two of them clients: one line for both.
    many = [Address(f"Person {i}", f"person{i}", "list.example") for i in range(48)]
    many += [Address("Kim", "kim", "bolt.example"), Address("", "dana", "acme.example")]
    out.append(("cur", message("m3", "Wed, 18 Nov 2026 08:00:00 -0500", "Newsletter: November", many)))
    # A client's message to Pat is not Pat's touch.
    out.append(("cur", message("m4", "Tue, 17 Nov 2026 10:00:00 +0100", "Question",
                               PAT, sender=Address("Kim", "kim", "bolt.example"))))
    # A Date: that cannot be read: not a touch on a wrong day. The `email`
    # package will not write one, so this message is given as text.
    out.append(("cur", email.message_from_string(
        "From: Pat Doe <pat@example.com>\nTo: Kim <kim@bolt.example>\n"
        "Subject: Broken date\nDate: sometime next week\n"
        "Message-ID: <m5@example.com>\n\nHello.\n")))
    # Before --since.
    out.append(("cur", message("m6", "Mon, 05 Oct 2026 09:00:00 +0200", "Old news",
                               Address("Kim", "kim", "bolt.example"))))
    # Nobody's client.
    out.append(("cur", message("m7", "Sat, 21 Nov 2026 12:00:00 +0100", "Lunch?",
                               Address("Mum", "mum", "home.example"))))
    # A long body the importer never reads.
    out.append(("new", message("m8", "Sun, 22 Nov 2026 07:15:00 +0100", "Report attached",
                               Address("Kim", "kim", "bolt.example"), body="x" * 200000 + "\n")))
    return out


def main():
    folder = sys.argv[1]
    box = mailbox.Maildir(os.path.join(folder, "Maildir"), create=True)
    mbox = mailbox.mbox(os.path.join(folder, "sent.mbox"), create=True)
    for sub, m in messages():
        md = mailbox.MaildirMessage(m)
        md.set_subdir(sub)
        box.add(md)
        mbox.add(mailbox.mboxMessage(m))
    mbox.flush()
    mbox.close()


if __name__ == "__main__":
    main()
