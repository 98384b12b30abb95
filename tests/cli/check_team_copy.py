#!/usr/bin/env python3
"""A team sharing its folder by plain file copies, as Syncthing or a network
share does: each device writes only its own person's file, and whole files
travel. One copy arrives half-synced (cut in the middle of a line, no final
newline): readers skip the partial line with the usual warning and never
rewrite it, and once the rest arrives everything agrees."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402
from team import PEOPLE_AND_CLIENTS, runner  # noqa: E402

CLIENTS = """[settings]
log = "log/"
""" + PEOPLE_AND_CLIENTS


def main():
    box = Sandbox(sys.argv[1])
    checked = 0

    touch = runner(box)

    def sync(source, target, name):
        os.makedirs(box.path(target, "log"), exist_ok=True)
        shutil.copyfile(box.path(source, "log", name), box.path(target, "log", name))

    for device in ["pat", "lee"]:
        box.write(os.path.join(device, "clients.toml"), CLIENTS)
    for device, args in [
        ("pat", ["log", "acme", "call", "-d", "2026-11-19", "pat's call"]),
        ("lee", ["log", "bolt", "call", "-d", "2026-11-17", "lee's call"]),
        ("pat", ["log", "acme,bolt", "visit", "-d", "2026-11-20", "the expo"]),
        ("lee", ["log", "acme,bolt", "visit", "-d", "2026-11-20", "the expo"]),
        ("lee", ["log", "bolt", "note", "-d", "2026-11-21", "thank-you card"]),
    ]:
        status, out, err = touch(device, device, *args)
        checked += 1
        box.expect(f"{device}: {' '.join(args)}", status == 0, out + err)

    # lee's file reaches pat's device half-way: cut inside its last line.
    whole = box.read(os.path.join("lee", "log", "lee.log"), "rb")
    cut = whole[:whole.rindex(b"\n", 0, len(whole) - 1) + 1 + len("2026-11-21 bo")]
    box.write(os.path.join("pat", "log", "lee.log"), cut, "wb")
    before = box.read(os.path.join("pat", "log", "lee.log"), "rb")
    for args in [["due"], ["history"], ["check"], ["stats"], ["show", "bolt"]]:
        status, out, err = touch("pat", "pat", *args)
        checked += 1
        if args == ["check"]:
            box.expect("check names the half-synced line in lee.log",
                       status == 3 and "log/lee.log:3:14: error: missing the channel" in out
                       and "the last line has no newline" in out, out + err)
        else:
            box.expect(f"{args[0]} skips the partial line with the usual warning",
                       status == 0 and err.startswith("touch: warning: ")
                       and "log/lee.log: 1 log line skipped (first: line 3)" in err, out + err)
    status, out, err = touch("pat", "pat", "log", "acme", "note", "-d", "2026-11-21", "card")
    checked += 1
    box.expect("pat logs meanwhile, into pat.log", status == 0 and "Logged: 2026-11-21" in out
               and box.read(os.path.join("pat", "log", "pat.log")).endswith(
                   "2026-11-21 acme note card\n"), out + err)
    checked += 1
    box.expect("the half-synced file is never rewritten",
               box.read(os.path.join("pat", "log", "lee.log"), "rb") == before)

    # The rest arrives; pat's file travels the other way.
    sync("lee", "pat", "lee.log")
    sync("pat", "lee", "pat.log")
    for device in ["pat", "lee"]:
        checked += 1
        box.expect(f"{device}: both files as written",
                   box.read(os.path.join(device, "log", "lee.log"), "rb") == whole
                   and box.read(os.path.join(device, "log", "pat.log"), "rb")
                   == box.read(os.path.join("pat", "log", "pat.log"), "rb"))
        status, out, err = touch(device, device, "history", "--format", "json")
        entries = json.loads(out)["entries"] if status == 0 else []
        checked += 1
        box.expect(f"{device}: history has every line once",
                   err == "" and [(e["date"], e["client"], e["channel"], e["person"])
                                  for e in entries] == [
                       ("2026-11-21", "bolt", "note", "lee"),
                       ("2026-11-21", "acme", "note", "pat"),
                       ("2026-11-20", "acme,bolt", "visit", "lee,pat"),
                       ("2026-11-19", "acme", "call", "pat"),
                       ("2026-11-17", "bolt", "call", "lee")], out + err)
        status, out, err = touch(device, device, "due", "--format", "json")
        due = sorted({row["client"] for row in json.loads(out)["suggestions"]}) \
            if status == 0 else None
        checked += 1
        box.expect(f"{device}: only dana is due", due == ["dana"] and err == "", out + err)
        status, out, err = touch(device, device, "check")
        checked += 1
        box.expect(f"{device}: check is clean", status == 0 and "0 errors, 0 warnings" in out,
                   out + err)
    box.finish(checked)


if __name__ == "__main__":
    main()
