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
    for m in missing:
        box.expect("man/touch.1 does not mention", False, m)
    box.finish(len(commands))


if __name__ == "__main__":
    main()
