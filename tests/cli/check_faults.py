#!/usr/bin/python3
"""The log survives concurrency and failing writes: 6 writers x 60 appends give
exactly 360 well-formed lines; a write past RLIMIT_FSIZE exits 4 and leaves
the log byte-identical; a log that is a folder is a clean error."""
import os
import resource
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

binary = os.path.abspath(sys.argv[1])
failures = []


def expect(what, ok, detail=""):
    if not ok:
        failures.append(f"{what}: {detail}")


with tempfile.TemporaryDirectory() as tmp:
    clients = os.path.join(tmp, "c.toml")
    with open(clients, "w") as f:
        f.write('[[clients]]\nid = "acme"\n')
    log = os.path.join(tmp, "log")
    env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TZ": "UTC"}
    base = [binary, "--clients", clients, "--log", log, "--today", "2026-11-22"]

    def writer(w):
        codes = []
        for i in range(60):
            r = subprocess.run(base + ["log", "acme", "call", f"writer {w} line {i}"], env=env,
                               capture_output=True)
            codes.append(r.returncode)
        return codes

    with ThreadPoolExecutor(6) as pool:
        codes = [c for cs in pool.map(writer, range(6)) for c in cs]
    expect("every append succeeded", codes == [0] * 360, str(set(codes)))
    with open(log, encoding="utf-8") as f:
        lines = f.read().split("\n")
    expect("ends with a newline", lines[-1] == "", repr(lines[-1]))
    lines = lines[:-1]
    expect("360 lines", len(lines) == 360, str(len(lines)))
    expect("all distinct and whole", len(set(lines)) == 360 and
           all(l.startswith("2026-11-22 acme call writer ") for l in lines))
    check = subprocess.run(base + ["check"], env=env, capture_output=True, text=True)
    expect("check finds nothing wrong", check.returncode == 0, check.stdout[-200:])

    with open(log, "rb") as f:
        before = f.read()

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 10, len(before) + 10))

    r = subprocess.run(base + ["log", "acme", "call", "x" * 100], env=env, capture_output=True, text=True,
                       preexec_fn=small_files)
    with open(log, "rb") as f:
        after = f.read()
    expect("RLIMIT_FSIZE: exit 4", r.returncode == 4, f"{r.returncode} {r.stderr}")
    expect("RLIMIT_FSIZE: a clear message", r.stderr.startswith(f"touch: {log}: cannot write: File too large"), r.stderr)
    expect("RLIMIT_FSIZE: the log is byte-identical", after == before, f"{len(after)} vs {len(before)}")

    r = subprocess.run([binary, "--clients", clients, "--log", tmp, "--today", "2026-11-22", "log", "acme", "call"],
                       env=env, capture_output=True, text=True)
    expect("a folder as log: exit 4", r.returncode == 4 and "Is a directory" in r.stderr, f"{r.returncode} {r.stderr}")

for f in failures:
    print("FAIL:", f)
print(f"faults: {len(failures)} failed")
sys.exit(1 if failures else 0)
