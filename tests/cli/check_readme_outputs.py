#!/usr/bin/python3
"""Every report the README shows on the examples is what the binary prints.

A ```console block whose first line runs `touch --clients
examples/clients.toml ...` is run as written (from the project's folder, in a
scrubbed environment); a trailing `# N columns` runs it on a terminal N
columns wide, as a reader would see it there. The block's other lines must be
its output, exactly.

    check_readme_outputs.py TOUCH README [--update]

--update rewrites the README's blocks with what the binary prints."""
import os
import re
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, on_terminal  # noqa: E402

binary, readme = (os.path.abspath(a) for a in sys.argv[1:3])
update = "--update" in sys.argv[3:]
project = os.path.dirname(readme)
box = Sandbox(binary)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COMMAND = re.compile(r"^\$ (touch --clients examples/clients\.toml .*?)(?:\s+# (\d+) columns)?$")


def output(command, columns):
    args = shlex.split(command)[1:]
    if columns:
        return ANSI.sub("", on_terminal(box.argv(*args), dict(box.env, TERM="xterm"), int(columns),
                                      cwd=project)[1])
    result = box.run(*args, cwd=project)
    return result.stdout.decode("utf-8") + result.stderr.decode("utf-8")


lines = open(readme, encoding="utf-8").read().split("\n")
out, checked, i = [], 0, 0
while i < len(lines):
    line = lines[i]
    out.append(line)
    i += 1
    if line != "```console" or i >= len(lines):
        continue
    match = COMMAND.match(lines[i])
    if not match:
        continue
    out.append(lines[i])
    i += 1
    shown = []
    while i < len(lines) and lines[i] != "```":
        shown.append(lines[i])
        i += 1
    printed = output(match.group(1), match.group(2)).rstrip("\n").split("\n")
    checked += 1
    box.expect(f"README: {match.group(0)}", shown == printed,
               "\n".join(f"  - {l}" for l in shown if l not in printed) + "\n" +
               "\n".join(f"  + {l}" for l in printed if l not in shown))
    out.extend(printed if update else shown)

if update:
    with open(readme, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    box.failures.clear()
box.expect("README shows reports of the examples", checked >= 4, f"{checked} found")
box.finish(checked)
