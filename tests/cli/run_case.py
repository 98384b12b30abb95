#!/usr/bin/env python3
"""Runs one golden end-to-end case: the real binary on real files.

A case file holds sections, each introduced by a line "=== KIND [ARG]":

  === file NAME       a file written into a fresh temporary folder before the first run
  === file-crlf NAME  the same, with Windows line ends
  === file-noeol NAME the same, without the newline at its end
  === run             one command line; "touch" is the binary under test
  === stdin           text fed to the command's standard input
  === stdout          what the command must print (exactly)
  === stderr          what it must print on stderr (exactly)
  === status          its exit status
  === file-after NAME what NAME must hold after this run (exactly)
  === mode NAME       the permission bits of NAME after this run, in octal

Several runs may follow one another; each takes the expectations after it.
Everything runs in the harness's scrubbed environment: TZ=UTC, NO_COLOR=1,
C.UTF-8, XDG folders (config, data) and HOME inside the temporary folder,
nothing else inherited; a run may set variables before "touch".
The placeholder @EXAMPLES@ stands for the project's examples folder, and
@TMP@ in expected output for the temporary folder.

TOUCH_UPDATE=1 rewrites the expected stdout, stderr, status and file-after
sections from what the binary actually did.
"""
import os
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402


def parse(text):
    sections = []
    current = None
    for line in text.splitlines(keepends=True):
        if line.startswith("=== "):
            words = line[4:].split(None, 1)
            current = [words[0], words[1].strip() if len(words) > 1 else "", ""]
            sections.append(current)
        elif current is not None:
            current[2] += line
    return sections


def render(sections):
    out = []
    for kind, arg, body in sections:
        out.append(f"=== {kind}{' ' + arg if arg else ''}\n{body}")
    return "".join(out)


def main():
    binary, case, examples = (os.path.abspath(a) for a in sys.argv[1:4])
    update = os.environ.get("TOUCH_UPDATE") == "1"
    with open(case, encoding="utf-8") as f:
        sections = parse(f.read())
    box = Sandbox(binary)
    tmp = box.root
    failures = box.failures
    for kind, arg, body in sections:
        if kind in ("file", "file-crlf", "file-noeol"):
            text = body.replace("@EXAMPLES@", examples)
            if kind == "file-crlf":
                text = text.replace("\n", "\r\n")
            if kind == "file-noeol":
                text = text.removesuffix("\n")
            box.write(arg, text)
    result = None
    for i, (kind, arg, body) in enumerate(sections):
        if kind == "run":
            argv = shlex.split(body.replace("@EXAMPLES@", examples))
            stdin = None
            if i + 1 < len(sections) and sections[i + 1][0] == "stdin":
                stdin = sections[i + 1][2]
            assignments = {}
            while argv and "=" in argv[0] and argv[0] != "touch":
                key, value = argv.pop(0).split("=", 1)
                assignments[key] = value
            assert argv[0] == "touch", f"a run must start with touch: {body}"
            result = box.run(*argv[1:], extra_env=assignments, stdin=stdin, text=True)
            command = body.strip()
        elif kind in ("stdout", "stderr", "status"):
            actual = {"stdout": result.stdout, "stderr": result.stderr,
                      "status": f"{result.returncode}\n"}[kind].replace(tmp, "@TMP@")
            if update:
                sections[i][2] = actual
            elif actual != body:
                failures.append(f"{command}: {kind} differs\n--- expected\n{body}--- actual\n{actual}")
        elif kind == "mode":
            actual = "%o\n" % (os.stat(os.path.join(tmp, arg)).st_mode & 0o7777)
            if update:
                sections[i][2] = actual
            elif actual != body:
                failures.append(f"{command}: mode of {arg} is {actual.strip()}, not {body.strip()}")
        elif kind == "file-after":
            with open(os.path.join(tmp, arg), encoding="utf-8", newline="") as f:
                actual = f.read()
            if update:
                sections[i][2] = actual
            elif actual != body:
                failures.append(f"{command}: {arg} differs\n--- expected\n{body}--- actual\n{actual}")
    if update:
        with open(case, "w", encoding="utf-8") as f:
            f.write(render(sections))
    box.finish()


if __name__ == "__main__":
    main()
