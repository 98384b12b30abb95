#!/usr/bin/env python3
"""Every command and option the program accepts appears in man/touch.1.

Asks the binary itself (touch --help, touch CMD --help) what it accepts, so a
new option without documentation fails the test suite.
"""
import re
import subprocess
import sys


def help_text(binary, *args):
    return subprocess.run([binary, *args, "--help"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}).stdout


def main():
    binary, man_dir = sys.argv[1:3]
    with open(f"{man_dir}/touch.1", encoding="utf-8") as f:
        page = f.read().replace("\\-", "-").replace("\\&", "")
    top = help_text(binary)
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
        options = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", help_text(binary, command)))
        for option in sorted(options):
            if not re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", page):
                missing.append(f"{command} {option}")
    for m in missing:
        print(f"man/touch.1 does not mention: {m}")
    print(f"checked {len(commands)} commands against man/touch.1: {len(missing)} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
