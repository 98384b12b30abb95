#!/usr/bin/python3
"""Installed as `touch`, the binary hands everything that is not its own to
coreutils' touch(1), with the same arguments and exit status, and never
recurses or runs a relative PATH entry."""
import os
import shutil
import subprocess
import sys
import tempfile

binary = os.path.abspath(sys.argv[1])
failures = []


def expect(what, ok, detail=""):
    if not ok:
        failures.append(f"{what}: {detail}")


with tempfile.TemporaryDirectory() as tmp:
    first, second = os.path.join(tmp, "first"), os.path.join(tmp, "second")
    for d in (first, second):
        os.mkdir(d)
        shutil.copy(binary, os.path.join(d, "touch"))
    ours = os.path.join(first, "touch")
    work = os.path.join(tmp, "work")
    os.mkdir(work)
    # A `touch` in the current folder that must never run.
    with open(os.path.join(work, "touch"), "w") as f:
        f.write("#!/bin/sh\necho relative PATH entry ran >&2\nexit 99\n")
    os.chmod(os.path.join(work, "touch"), 0o755)

    def run(*args, path=f"{first}:{second}:/usr/bin:/bin"):
        env = {"PATH": path, "HOME": tmp, "TZ": "UTC"}
        return subprocess.run([ours, *args], cwd=work, env=env, capture_output=True, text=True,
                              timeout=30)

    def p(name):
        return os.path.join(work, name)

    r = run("new.txt")
    expect("touch FILE creates it", r.returncode == 0 and os.path.exists(p("new.txt")), r.stderr)
    r = run("-c", "absent.txt")
    expect("-c does not create", r.returncode == 0 and not os.path.exists(p("absent.txt")), r.stderr)
    r = run("-d", "2020-01-02 03:04:05", "new.txt")
    expect("-d sets the time", r.returncode == 0 and int(os.stat(p("new.txt")).st_mtime) == 1577934245,
           f"{r.returncode} {r.stderr} {os.stat(p('new.txt')).st_mtime}")
    open(p("ref.txt"), "w").close()
    os.utime(p("ref.txt"), (1000000000, 1000000000))
    r = run("-r", "ref.txt", "new.txt")
    expect("-r copies the time", r.returncode == 0 and int(os.stat(p("new.txt")).st_mtime) == 1000000000, r.stderr)
    os.utime(p("new.txt"), (2000000000, 1000000000))
    r = run("-m", "new.txt")
    st = os.stat(p("new.txt"))
    expect("-m changes only mtime", r.returncode == 0 and int(st.st_atime) == 2000000000 and st.st_mtime > 1000000000,
           r.stderr)
    r = run("missing-dir/x")
    expect("a missing directory passes exit 1 through", r.returncode == 1, f"{r.returncode} {r.stderr}")
    expect("coreutils' message, as touch", r.stderr.startswith("touch: cannot touch 'missing-dir/x'"), r.stderr)
    r = run("two-copies.txt", path=f"{first}:{second}:/usr/bin:/bin")
    expect("two copies on PATH end at coreutils", r.returncode == 0 and os.path.exists(p("two-copies.txt")), r.stderr)
    r = run("dot.txt", path=f".:{first}:/usr/bin:/bin")
    expect("'.' on PATH is never used", r.returncode == 0 and "relative" not in r.stderr and os.path.exists(p("dot.txt")),
           r.stderr)
    r = run("nothing.txt", path=f"{first}:{second}")
    # No other touch on PATH: /usr/bin/touch is the fallback.
    expect("fallback to /usr/bin/touch", r.returncode == 0 and os.path.exists(p("nothing.txt")), r.stderr)
    r = run("--help")
    expect("--help is ours and names coreutils' help", r.returncode == 0 and "/usr/bin/touch --help" in r.stdout,
           r.stdout[-300:])
    r = run("-h")
    expect("a lone -h is ours", r.returncode == 0 and "SUBCOMMAND" in r.stdout, r.stdout[:200])
    r = run("--clients=/nonexistent", "due")
    expect("our long options are ours", r.returncode == 4 and "no clients file" in r.stderr, r.stderr)

for f in failures:
    print("FAIL:", f)
print(f"passthrough: {len(failures)} failed")
sys.exit(1 if failures else 0)
