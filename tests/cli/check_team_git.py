#!/usr/bin/env python3
"""A team on real git: a bare repository, two people, and one of them on two
devices sharing one file through merge=union. Each logs different touches
and one identical line on the same day; pushes and pulls need no manual
conflict resolution, and due, history and check agree afterwards.

git is configured here alone (no global or system configuration is read)."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402
from team import PEOPLE_AND_CLIENTS, runner  # noqa: E402


def main():
    box = Sandbox(sys.argv[1])
    checked = 0
    git_env = dict(box.env, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
                   GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.com",
                   GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.com",
                   GIT_AUTHOR_DATE="2026-11-22T12:00:00Z",
                   GIT_COMMITTER_DATE="2026-11-22T12:00:00Z")

    def git(where, *args):
        result = subprocess.run(["git", "-c", "pull.rebase=false", "-c", "init.defaultBranch=main",
                                 *args], cwd=box.path(where) if where else box.root, env=git_env,
                                capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            print(f"git {' '.join(args)} in {where} failed:\n{result.stdout}{result.stderr}")
            sys.exit(1)
        return result.stdout

    touch = runner(box)

    git(None, "init", "--bare", "-q", "origin.git")
    git(None, "clone", "-q", "origin.git", "laptop")
    status, out, err = touch("laptop", "pat", "init", "--team")
    checked += 1
    box.expect("init --team", status == 0 and "Share it with git" in out, out + err)
    with open(box.path("laptop", "clients.toml"), "a") as f:
        f.write(PEOPLE_AND_CLIENTS)
    git("laptop", "add", ".")
    git("laptop", "commit", "-q", "-m", "clients and the log folder")
    git("laptop", "push", "-q", "origin", "HEAD:main")
    checked += 1
    attrs = git("laptop", "check-attr", "merge", "log/pat.log", "clients.toml")
    box.expect("only the logs merge by union",
               "log/pat.log: merge: union" in attrs and "clients.toml: merge: unspecified" in attrs,
               attrs)

    git(None, "clone", "-q", "origin.git", "desktop")  # pat's second device
    git(None, "clone", "-q", "origin.git", "lee")
    # Different touches on each device, and one identical line everywhere.
    for device, person, args in [
        ("laptop", "pat", ["log", "acme", "call", "-d", "2026-11-19", "from the laptop"]),
        ("desktop", "pat", ["log", "acme", "note", "-d", "2026-11-18", "from the desktop"]),
        ("lee", "lee", ["log", "bolt", "call", "-d", "2026-11-17", "lee's call"]),
    ] + [(d, p, ["log", "acme,bolt", "visit", "-d", "2026-11-20", "the expo"])
         for d, p in [("laptop", "pat"), ("desktop", "pat"), ("lee", "lee")]]:
        status, out, err = touch(device, person, *args)
        checked += 1
        box.expect(f"{person} on {device}: {' '.join(args)}", status == 0, out + err)

    for device in ["laptop", "desktop", "lee", "laptop", "desktop"]:
        git(device, "add", "-A")
        if git(device, "status", "--porcelain"):
            git(device, "commit", "-q", "-m", f"touches from {device}")
        git(device, "pull", "-q", "--no-edit", "origin", "main")
        git(device, "push", "-q", "origin", "HEAD:main")

    logs = {}
    for device in ["laptop", "desktop", "lee"]:
        checked += 1
        box.expect(f"{device}: nothing left to resolve", git(device, "status", "--porcelain") == "",
                   git(device, "status"))
        logs[device] = {name: box.read(os.path.join(device, "log", name))
                        for name in ["pat.log", "lee.log"]}
    checked += 1
    box.expect("every clone holds the same logs",
               logs["laptop"] == logs["desktop"] == logs["lee"], repr(logs))
    pat = logs["laptop"]["pat.log"]
    checked += 1
    box.expect("pat's two devices both kept their lines in one file",
               "from the laptop" in pat and "from the desktop" in pat and "<<<<" not in pat, pat)

    status, out, err = touch("lee", "lee", "history")
    checked += 1
    box.expect("history: the identical line once, with both people, newest first",
               status == 0 and err == "" and out.splitlines() == [
                   "2026-11-20    lee,pat  acme,bolt  visit  the expo",
                   "2026-11-19    pat      acme       call   from the laptop",
                   "2026-11-18    pat      acme       note   from the desktop",
                   "2026-11-17    lee      bolt       call   lee's call",
               ], out + err)
    status, out, err = touch("laptop", "pat", "history", "--format", "json")
    entries = json.loads(out)["entries"] if status == 0 else []
    checked += 1
    box.expect("history JSON: a person for each entry, the shared line once",
               len(entries) == 4 and sorted(entries[0]["person"].split(",")) == ["lee", "pat"]
               and [e["person"] for e in entries[1:]] == ["pat", "pat", "lee"], out + err)

    for device, person in [("laptop", "pat"), ("desktop", "pat"), ("lee", "lee")]:
        status, out, err = touch(device, person, "due", "--format", "json")
        due = sorted({row["client"] for row in json.loads(out)["suggestions"]}) \
            if status == 0 else None
        checked += 1
        box.expect(f"due for {person} on {device}: only dana, everyone else kept",
                   due == ["dana"], out + err)
        status, out, err = touch(device, person, "check")
        checked += 1
        box.expect(f"check on {device}: no problems", status == 0 and "0 errors, 0 warnings" in out
                   and err == "", out + err)
    box.finish(checked)


if __name__ == "__main__":
    main()
