#!/usr/bin/env python3
"""The README's install and test commands are the ones .ci/run runs."""
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
for p in problems:
    print(p)
print(f"README and .ci/run: {len(problems)} problems")
sys.exit(1 if problems else 0)
