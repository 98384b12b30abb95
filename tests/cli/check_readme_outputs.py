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

# The Install section, as the Debian package would run: each `$ touch-clients
# --clients /usr/share/doc/touch-clients/examples/...` line of a console
# block runs this binary on the project's examples, and the lines up to the
# next `$ ` line are its output; the package's file name and version are
# the ones cpack gives it (the name and revision in
# cmake/DebianPackage.cmake, the version in CMakeLists.txt).
INSTALLED = "/usr/share/doc/touch-clients/examples/"
install = "\n".join(out).split("## Install", 1)[1].split("\n## ", 1)[0].split("\n")
i = 0
while i < len(install):
    line = install[i]
    i += 1
    if not line.startswith("$ touch-clients "):
        continue
    shown = []
    while i < len(install) and not install[i].startswith("$ ") and install[i] != "```":
        shown.append(install[i])
        i += 1
    command = line[2:].replace(INSTALLED, os.path.join(project, "examples") + "/")
    printed = output(command, None).rstrip("\n").split("\n")
    checked += 1
    box.expect(f"README Install: {line}", shown == printed,
               "\n".join(f"  - {l}" for l in shown) + "\n" + "\n".join(f"  + {l}" for l in printed))
with open(os.path.join(project, "CMakeLists.txt"), encoding="utf-8") as f:
    version = re.search(r"project\(touch VERSION (\S+)", f.read()).group(1)
with open(os.path.join(project, "cmake", "DebianPackage.cmake"), encoding="utf-8") as f:
    cmake = f.read()
name = re.search(r"set\(deb_name (\S+)\)", cmake).group(1)
revision = re.search(r"set\(deb_revision (\S+)\)", cmake).group(1)
text = "\n".join(install)
debs = re.findall(r"\b" + re.escape(name) + r"_[^\s/]+\.deb", text)
box.expect("README Install names the package", len(debs) >= 2, text[:300])
for deb in debs:
    box.expect(f"README Install: {deb} is cpack's name", re.fullmatch(
        re.escape(f"{name}_{version}-{revision}_") + r"[a-z0-9]+\.deb", deb) is not None, deb)
for shown_version in re.findall(re.escape(name) + r" \(([^)]*)\)", text):
    box.expect(f"README Install: version {shown_version}", shown_version == f"{version}-{revision}")

if update:
    with open(readme, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    box.failures.clear()
box.expect("README shows reports of the examples", checked >= 4, f"{checked} found")
box.finish(checked)
