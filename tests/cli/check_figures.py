#!/usr/bin/python3
"""What a terminal shows of a merged row and of a client's context:

- a row that settles a thank-you card and a birthday card names both at 80
  and 120 columns (neither is lost to "…");
- next, show, due --context and the remind email say the last touch's note
  and the open promise's text; plain due stays one line a row.

    check_figures.py TOUCH
"""
import json
import os
import quopri
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, on_terminal, text  # noqa: E402

box = Sandbox(sys.argv[1], today="2027-01-06")
expect = box.expect
ANSI = re.compile(r"\x1b\[[0-9;]*m")

clients = box.write("clients.toml", """\
[settings]
owner = "Pat Doe <pat@example.com>"
birthday = { channel = "note", lead = "7d" }
[cadence]
any = "3w"
[[rules]]
after = "visit"
then = "note"
within = "5d"
reason = "thank-you card"
[[clients]]
id = "steuerkanzlei"
name = "Steuerkanzlei Brandt & Partner (Dr. Helga Brandt)"
address = "Große Elbstraße 145, 22767 Hamburg"
prefers = ["visit"]
birthday = "1968-01-09"
[[clients]]
id = "elbdruck"
name = "Elbdruck"
phone = "+49 40 555 0102"
prefers = ["call"]
""")
log = box.write("log", """\
2027-01-05 steuerkanzlei visit Jahresabschluss besprochen, will ein Angebot für die IT
2026-12-01 elbdruck call wants a second printer in January
2026-12-02 elbdruck call
2026-12-02 elbdruck promise:call 2027-01-04 call back about the printer quote
""")
base = ["--clients", clients, "--log", log]


def terminal(columns, *args):
    status, out = on_terminal(box.argv(*base, *args), dict(box.env, TERM="xterm"), columns)
    return status, ANSI.sub("", out)


# A merged row keeps both date-bound reasons in view.
for columns in (80, 120):
    status, out = terminal(columns, "due")
    row = out[out.find("steuerkanzlei"):]
    row = row[:row.find("\n\n")] if "\n\n" in row else row
    expect(f"due at {columns}: exit 0", status == 0, out)
    expect(f"due at {columns}: the birthday in view", "birthday" in row, out)
    expect(f"due at {columns}: the thank-you card in view", "thank-you card" in row, out)
    expect(f"due at {columns}: no line wider than the terminal",
           all(len(line) <= columns for line in out.splitlines()), out)

# The context: the last touch's note and the open promise's text.
note = "Jahresabschluss besprochen"
promised = "call back about the printer quote"
r = box.run(*base, "show", "elbdruck")
# The newest touch with a note: the call after it said nothing.
expect("show: the last note", "last call 2026-12-01: wants a second printer" in text(r.stdout),
       text(r.stdout))
expect("show: the open promise", promised in text(r.stdout), text(r.stdout))
r = box.run(*base, "show", "steuerkanzlei")
expect("show: the last touch's note", "context: last visit 2027-01-05: " + note in text(r.stdout),
       text(r.stdout))
r = box.run(*base, "next")
lines = text(r.stdout).splitlines()
expect("next: two lines", len(lines) == 2, text(r.stdout))
expect("next: context on the second", len(lines) == 2 and (note in lines[1] or promised in lines[1]),
       text(r.stdout))
plain = text(box.run(*base, "due").stdout)
expect("due: one line a row without --context", note not in plain, plain)
for flag in ("--context", "-c"):
    out = text(box.run(*base, "due", flag).stdout)
    expect(f"due {flag}: the last note", note in out, out)
    expect(f"due {flag}: the open promise", promised in out, out)
rows = json.loads(box.run(*base, "due", "--context", "--format", "json").stdout)["suggestions"]
expect("due --context --format json: context per row",
       any(promised in row.get("context", "") for row in rows), str(rows))
status, out = terminal(60, "due", "--context")
expect("due --context at 60: no line wider", all(len(line) <= 60 for line in out.splitlines()), out)
mail = quopri.decodestring(box.run(*base, "remind", "--dry-run").stdout).decode("utf-8", "replace")
expect("remind: the last note", note in mail, mail)
expect("remind: the open promise", promised in mail, mail)

box.finish()
