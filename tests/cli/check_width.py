#!/usr/bin/python3
"""Text reports on a terminal fit its width and never cut a value silently.

Runs the real binary in a pseudo-terminal of 60, 80, 120 and 200 columns on
the examples and a fixed day, and asserts for every report: no line is wider
than the terminal (in display columns), the phone, email or address to act on
appears whole on one line, every value of the piped output appears whole or
as a prefix marked with "…", and every "…" marks such a prefix. Piped output
is the reference: it is never fitted."""
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, on_terminal as terminal  # noqa: E402

binary, examples = (os.path.abspath(a) for a in sys.argv[1:3])
box = Sandbox(binary, today="2026-11-22")
base = ["--clients", os.path.join(examples, "clients.toml")]
env = dict(box.env, TERM="xterm")
WIDTHS = (60, 80, 120, 200)
ELLIPSIS = "…"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
failures = box.failures
checked = 0


def piped(args):
    result = box.run(*base, *args)
    if result.returncode != 0:
        raise SystemExit(f"{args}: exit {result.returncode}: {result.stderr.decode()}")
    return result.stdout.decode("utf-8")


def on_terminal(args, columns):
    """stdout of the command on a terminal `columns` wide."""
    status, out = terminal(box.argv(*base, *args), env, columns)
    if status != 0:
        raise SystemExit(f"{args} at {columns}: exit {status}")
    return ANSI.sub("", out)


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or ch in "\u200b\u200d\ufe0f":
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def collapse(s):
    return " ".join(s.split())


def fields(text):
    """The values of piped text output: cells are two or more spaces apart."""
    out = set()
    for line in text.splitlines():
        for cell in re.split(r" {2,}", line.strip()):
            if cell and not set(cell) <= set("#█"):
                out.add(collapse(cell))
    return out


def contacts(args):
    """The phone, email or address each row of the report acts on."""
    report = args[0]
    if report not in ("due", "next", "plan", "show"):
        return []
    data = json.loads(piped(args + ["--format", "json"]))
    if report == "show":
        return [data[k] for k in ("phone", "email", "address") if data[k]]
    if report == "plan":
        return [i["contact"] for d in data["days"] for i in d["items"] if i["contact"]]
    return [s["contact"] for s in data["suggestions"] if s["contact"]]


def values(args, text):
    if args[0] != "next":
        return fields(text)
    s = json.loads(piped(args + ["--format", "json"]))["suggestions"][0]
    return {collapse(s["name"]), collapse(s["reasons"][0]["reason"]), s["contact"]}


def check(args, fits_at_200=True):
    global checked
    checked += 1
    reference = piped(args)
    known = values(args, reference)
    wanted = contacts(args)
    name = " ".join(args)
    for columns in WIDTHS:
        text = on_terminal(args, columns)
        lines = text.splitlines()
        where = f"{name} at {columns}"
        for line in lines:
            if width(line) > columns:
                failures.append(f"{where}: {width(line)} columns: {line!r}")
        for contact in wanted:
            if not any(contact in line for line in lines):
                failures.append(f"{where}: contact {contact!r} not whole on one line")
        flat = collapse(text)
        for value in known:
            if value in flat:
                continue
            marked = any(value[:k].rstrip() + ELLIPSIS in flat for k in range(1, len(value)))
            if not marked:
                failures.append(f"{where}: {value!r} cut without {ELLIPSIS}")
        for line in lines:
            for cell in re.split(r" {2,}", line.strip()):
                if ELLIPSIS not in cell or args[0] == "next":
                    continue
                head = collapse(cell.split(ELLIPSIS)[0])
                if not any(v.startswith(head) for v in known):
                    failures.append(f"{where}: {cell!r} is no shortened value")
    # A wider terminal never shows less of a value than a narrower one (in
    # the reports of what to do, and the list of clients), from 80 columns.
    shown_before = {}
    for columns in [w for w in WIDTHS if w >= 80] if args[0] in ("due", "next", "clients") else ():
        flat = collapse(on_terminal(args, columns))
        for value in known:
            if "Start with:" in value:  # a sentence that wraps where it must, not a cell
                continue
            k = len(value) if value in flat else max(
                [k for k in range(1, len(value)) if value[:k].rstrip() + ELLIPSIS in flat] or [0])
            if k < shown_before.get(value, 0):
                failures.append(f"{name} at {columns}: shows {k} characters of {value!r}, "
                                f"fewer than at a narrower terminal ({shown_before[value]})")
            shown_before[value] = k
    # At 200 columns the examples fit: the text is the piped text.
    if fits_at_200 and args[0] != "stats" and on_terminal(args, 200) != reference:
        failures.append(f"{name} at 200: differs from the piped output")


def check_all(reports, fits_at_200=True):
    for report in reports:
        check(report, fits_at_200)


REPORTS = [
    ["due"], ["due", "--all"], ["due", "--channel", "call"], ["next"], ["plan"], ["history"],
    ["clients"], ["show", "cedar"], ["show", "delmar"], ["show", "evergreen"], ["stats"],
]
check_all(REPORTS)
# Colour codes do not count towards the width.
for columns in WIDTHS:
    for line in on_terminal(["--color", "always", "due"], columns).splitlines():
        if width(line) > columns:
            failures.append(f"due in colour at {columns}: {line!r}")

# Wide characters, names and notes far longer than any terminal, an address
# that only just fits a 60-column row of its own.
clients = box.write("odd/clients.toml", """[[clients]]
id = "yamada"
name = "株式会社日本語の長い会社名前テスト（山田太郎様）東京本社営業部"
phone = "+81 3 1234 5678"
cadence = { call = "1w" }

[[clients]]
id = "very-long-client-identifier"
name = "The Extraordinarily Long Name of a Consultancy That Never Ends, Incorporated"
address = "1234 Very Long Boulevard Name, Springfield 99999"
email = "someone.with.a.long.address@subdomain.example.org"
cadence = { visit = "2w", email = "1w" }
""".encode(), mode="wb")
log = box.write("odd/touch.log", ("2026-10-01 yamada call " + "とても長いメモ" * 12 + "\n"
                                  "2026-10-02 very-long-client-identifier email "
                                  + "a rather long note " * 8 + "\n").encode(), mode="wb")
base = ["--clients", clients, "--log", log]
# Long imported ids, a long name ending in a full stop, a long reason.
hanse = box.write("hanse/clients.toml", """[tiers.gold]
cadence = { visit = "4/y" }
[[clients]]
id = "dr-francoise-dubois-muller"
name = "Dr. Françoise Dubois-Müller"
tier = "gold"
prefers = ["visit", "call"]
cadence = { call = "1w" }
[[clients]]
id = "hanse-rechtsanwaelte-hamburg"
name = "Hanse Rechtsanwälte Partnerschaft mbB"
phone = "+49 40 1234567"
cadence = { call = "2w" }
[[clients]]
id = "werft"
name = "Werft Stülcken Nachf. Alsterdorf Hamburg-Nord GmbH & Co. KG Nachf."
address = "Große Elbstraße 145, 22767 Hamburg"
cadence = { note = "3w" }
""".encode(), mode="wb")
hanse_log = box.write("hanse/touch.log", b"2026-10-01 dr-francoise-dubois-muller call\n", mode="wb")
saved = base
base = ["--clients", hanse, "--log", hanse_log]
check_all([["due"], ["clients"], ["next"]], fits_at_200=False)
at_80 = on_terminal(["clients"], 80)
if "Dr. Françoise Dubois-Müller" not in at_80:
    failures.append(f"clients at 80 with long ids cuts the name:\n{at_80}")
for columns in WIDTHS:
    first = on_terminal(["due"], columns).splitlines()[0]
    if first.endswith("..") or first.endswith(ELLIPSIS + "."):
        failures.append(f"due at {columns}: a second full stop: {first!r}")
base = saved
check_all([["due"], ["next"], ["plan", "--days", "3"], ["history"], ["clients"],
           ["show", "yamada"], ["show", "very-long-client-identifier"], ["stats"]],
          fits_at_200=False)

box.finish(checked)
