#!/usr/bin/env python3
"""The README's install and test commands are the ones .ci/run runs, and so
is every command .ci/run runs after them."""
import sys

readme, ci = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
ci_lines = [l.strip() for l in ci.splitlines()]
test_command = next(l for l in ci_lines if "ctest --test-dir" in l)
install = next(l for l in ci_lines if "apt-get install" in l)
packages = install.split("-y", 1)[1].split()
problems = []
if test_command not in readme.splitlines():
    problems.append(f"the README does not show the test command .ci/run uses: {test_command}")
readme_install = next((l for l in readme.splitlines() if "apt-get install" in l), "")
readme_packages = readme_install.split("-y", 1)[1].split("&&")[0].split() if readme_install else []
if sorted(packages) != sorted(readme_packages):
    problems.append(f"packages differ: .ci/run {packages}, README {readme_packages}")
# Every further command of .ci/run is one the README shows, word for word.
readme_lines = [l.strip() for l in readme.splitlines()]
later = ci_lines[ci_lines.index(install) + 1:]
for line in later:
    if line == test_command or not line or line.startswith("#"):
        continue
    shown = line.replace("$sudo ", "sudo ")
    if shown not in readme_lines:
        problems.append(f"the README does not show this command of .ci/run: {shown}")
for p in problems:
    print(p)
print(f"README and .ci/run: {len(problems)} problems")
sys.exit(1 if problems else 0)
