#!/usr/bin/python3
"""A year of a consultant's phone and mail for the benchmark: 300 clients
with a phone and two addresses each (clients.toml), 5,000 calls as SMS
Backup & Restore writes them (calls.xml: 60 % with a client, some missed or
rejected) and 20,000 messages in an mbox (sent.mbox: half of them from the
owner, half of those to a client).

  generate_imports.py DIR
"""
import datetime
import os
import random
import sys

def write_imports(path, clients=300, calls=5000, messages=20000, seed=20261122):
    rng = random.Random(seed)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "clients.toml"), "w") as f:
        f.write('[settings]\ntimezone = "Europe/Berlin"\nregion = "DE"\nowner = "Pat <pat@example.com>"\n')
        for i in range(clients):
            f.write(f'[[clients]]\nid = "c{i:05d}"\nphone = "040 {1000000 + i}"\n'
                    f'email = ["c{i}@client{i}.example", "info@client{i}.example"]\n')
    start_ms = 1763769600000  # 2025-11-22 UTC
    year_ms = 365 * 86400 * 1000
    with open(os.path.join(path, "calls.xml"), "w") as f:
        f.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        f.write(f'<calls count="{calls}">\n')
        for k in range(calls):
            known = rng.random() < 0.6
            number = f"+49 40 {1000000 + rng.randrange(clients)}" if known else f"0171 {rng.randrange(10**7):07d}"
            t = start_ms + rng.randrange(year_ms)
            typ = rng.choice([1, 1, 2, 2, 2, 3, 5])
            dur = 0 if typ in (3, 5) else rng.randrange(5, 1800)
            f.write(f'  <call number="{number}" duration="{dur}" date="{t}" type="{typ}" presentation="1" '
                    f'subscription_id="1" post_dial_digits="" readable_date="x" contact_name="(Unknown)" />\n')
        f.write("</calls>\n")
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    with open(os.path.join(path, "sent.mbox"), "w") as f:
        for k in range(messages):
            t = datetime.datetime.fromtimestamp((start_ms + rng.randrange(year_ms)) / 1000, datetime.timezone.utc)
            date = f"{days[t.weekday()]}, {t.day:02d} {months[t.month-1]} {t.year} {t:%H:%M:%S} +0000"
            mine = rng.random() < 0.5
            c = rng.randrange(clients)
            sender = "Pat <pat@example.com>" if mine else f"Someone <c{c}@client{c}.example>"
            to = f"c{c}@client{c}.example" if rng.random() < 0.5 else f"other{k}@elsewhere.example"
            f.write(f"From pat@example.com {t:%a %b %d %H:%M:%S %Y}\nFrom: {sender}\nTo: {to}\n"
                    f"Cc: Team <team@example.com>\nSubject: Message number {k}\nDate: {date}\n"
                    f"Message-ID: <m{k}@example.com>\nMIME-Version: 1.0\n"
                    f"Content-Type: text/plain; charset=utf-8\n\n" + "Some words of a body.\n" * 20 + "\n")


if __name__ == "__main__":
    write_imports(sys.argv[1])
