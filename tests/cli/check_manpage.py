#!/usr/bin/env python3
"""Every command and option the program accepts appears in man/touch.1.

Asks the binary itself (touch --help, touch CMD --help) what it accepts, so a
new option without documentation fails the test suite.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402


def help_text(box, *args):
    return box.run(*args, "--help", text=True).stdout


def main():
    box, man_dir = Sandbox(sys.argv[1]), sys.argv[2]
    with open(f"{man_dir}/touch.1", encoding="utf-8") as f:
        page = f.read().replace("\\-", "-").replace("\\&", "")
    top = help_text(box)
    commands = re.findall(r"^  (\w+)\s{2,}", top.split("Subcommands:", 1)[1], re.M)
    missing = []
    if len(commands) < 5:
        missing.append(f"could not read the command list from --help:\n{top}")
    for option in set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", top.split("Subcommands:")[0])):
        if not re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", page):
            missing.append(f"global option {option}")
    for command in commands:
        if not re.search(r"^\.(SS|It|B|TP)?.*\b" + command + r"\b", page, re.M):
            missing.append(f"command {command}")
        options = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", help_text(box, command)))
        for option in sorted(options):
            if not re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", page):
                missing.append(f"{command} {option}")
    # The SYNOPSIS names every command and every option of one (but the
    # long spelling of a short one it shows, --format's and --help).
    synopsis = page.split(".SH SYNOPSIS", 1)[1].split(".SH DESCRIPTION", 1)[0]
    for command in commands:
        if not re.search(r"^\.B touch " + command + r"\b", synopsis, re.M):
            missing.append(f"SYNOPSIS: command {command}")
    for option in ("--next", "--cancel"):
        if not re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", synopsis):
            missing.append(f"SYNOPSIS: {option}")
    # What history's text shows for a line of several clients is what the
    # page says it shows.
    box.write("c.toml", '[[clients]]\nid = "steuer-ost"\n[[clients]]\nid = "hanse-law"\n')
    box.write("log", "2026-11-02 steuer-ost,hanse-law visit\n")
    shown = box.run("--clients", box.path("c.toml"), "--log", box.path("log"), "--today", "2026-11-22",
                    "history", text=True).stdout
    field = "steuer-ost,hanse-law"
    box.expect("history shows a line's clients as the page says", field in shown and
               re.search(r"several clients shows their ids[^.]*\(\s*" + re.escape(field) + r"\s*\)",
                         page.replace("\n.RB ", " ").replace("\n", " ")) is not None, shown)
    # What a newer plan --format ics does in a calendar is what the page says:
    # an event keeps its UID when the day its touch falls due moves.
    def uids(cadence):
        box.write("p.toml", f'[cadence]\ncall = "{cadence}"\n[[clients]]\nid = "acme"\n')
        box.write("p.log", "2026-11-01 acme call\n")
        ics = box.run("--clients", box.path("p.toml"), "--log", box.path("p.log"), "--today",
                      "2026-11-22", "plan", "--format", "ics", text=True).stdout
        return set(re.findall(r"^UID:(.*)$", ics, re.M))
    flat = page.replace("\n", " ")
    box.expect("a newer plan moves events, as the page says",
               uids("2w") == uids("3w") and len(uids("2w")) >= 1 and
               "Importing a newer plan therefore moves events instead of adding copies" in flat,
               f"{uids('2w')} {uids('3w')}")
    for m in missing:
        box.expect("man/touch.1 does not mention", False, m)
    box.finish(len(commands))


if __name__ == "__main__":
    main()
