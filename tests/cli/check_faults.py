#!/usr/bin/python3
"""The log survives concurrency and failing writes: 6 writers x 60 appends give
exactly 360 well-formed lines; writers killed with SIGKILL at random moments
leave no partial line; a write past RLIMIT_FSIZE or onto a full filesystem
exits 4 and leaves the log byte-identical; a log that is a folder, a file that
cannot be read and a missing clients file are clean errors with exit 4; a log
replaced by rename or appended to by hand while a writer or undo waits for
the lock loses nothing; a thread that cannot start is no crash."""
import fcntl
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

box = Sandbox(sys.argv[1], today="2026-11-22")
binary, tmp, expect = box.binary, box.root, box.expect
clients = box.write("c.toml", '[[clients]]\nid = "acme"\n')
log = box.path("log")
env = box.env
base = ["--clients", clients, "--log", log]

def writer(w):
    codes = []
    for i in range(60):
        r = box.run(*base, "log", "acme", "call", f"writer {w} line {i}")
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
check = box.run(*base, "check", text=True)
expect("check finds nothing wrong", check.returncode == 0, check.stdout[-200:])

with open(log, "rb") as f:
    before = f.read()

def small_files():
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 10, len(before) + 10))

r = box.run(*base, "log", "acme", "call", "x" * 100, text=True, preexec_fn=small_files)
with open(log, "rb") as f:
    after = f.read()
expect("RLIMIT_FSIZE: exit 4", r.returncode == 4, f"{r.returncode} {r.stderr}")
expect("RLIMIT_FSIZE: a clear message", r.stderr.startswith(f"touch: {log}: cannot write: File too large"), r.stderr)
expect("RLIMIT_FSIZE: the log is byte-identical", after == before, f"{len(after)} vs {len(before)}")

# A folder is a folder of logs; the runner's own file there being a folder is a fault.
os.makedirs(os.path.join(tmp, "logs", "pat.log"))
r = box.run("--clients", clients, "--log", box.path("logs"), "log", "acme", "call",
            extra_env={"TOUCH_USER": "pat"}, text=True)
expect("a folder as the runner's log: exit 4", r.returncode == 4 and "Is a directory" in r.stderr,
       f"{r.returncode} {r.stderr}")

# SIGKILL at random moments: each note says how long it is, so a line cut
# short anywhere would not match. touch writes a line with one write(2);
# Linux copies it a page at a time and, when SIGKILL arrives mid-copy,
# stops at a 4096-byte boundary of the file. Such a kernel cut is counted;
# any other cut, or two lines run together, is touch's fault and fails.
killed_log = os.path.join(tmp, "killed")
rng = random.Random(20261122)
spawned = finished = 0

# Kills land anywhere in a writer's life, however slow this build is: up
# to twice what an unkilled one takes (a sanitised build is slower).
def one_write(note):
    return box.run("--clients", clients, "--log", killed_log, "log", "acme", "call", note)

took = []
for i in range(5):
    start = time.monotonic()
    one_write(f"timing {i}")
    took.append(time.monotonic() - start)
window = 2 * sorted(took)[2]
os.unlink(killed_log)

def killer(w):
    done = 0
    for i in range(30):
        size = rng.choice([10, 200, 1000, 6000])
        note = f"killer {w} {i} {size} " + "x" * size
        p = box.popen("--clients", clients, "--log", killed_log, "log", "acme", "call", note,
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, window))
        p.send_signal(signal.SIGKILL)
        done += p.wait() == 0
    return done

with ThreadPoolExecutor(6) as pool:
    finished = sum(pool.map(killer, range(6)))
spawned = 180
data = b""
if os.path.exists(killed_log):
    with open(killed_log, "rb") as f:
        data = f.read()
head = b"2026-11-22 acme call killer "
whole = re.compile(re.escape(head) + rb"(\d+) (\d+) (\d+) (x+)$")
cut = re.compile(re.escape(head) + rb"[\d ]*x*$")
offset, written, kernel_cuts, bad = 0, 0, 0, []
seen = set()
for line in data.split(b"\n"):
    end = offset + len(line)
    offset = end + 1
    if not line and end == len(data):
        break
    m = whole.match(line)
    if m and len(m.group(4)) == int(m.group(3)):
        written += 1
        seen.add(line)
    elif line and end % 4096 == 0 and (head.startswith(line) or cut.match(line)):
        kernel_cuts += 1
    else:
        bad.append(line[:60])
expect("SIGKILL: no line cut or joined except where the kernel stopped a write at a page",
       not bad, str(bad[:3]))
expect("SIGKILL: every finished writer's line is there once, and no more than were started",
       0 < written and finished <= written <= spawned and len(seen) == written,
       f"{finished} <= {written} <= {spawned}")
print(f"SIGKILL: {spawned} writers killed within {window * 1000:.1f} ms, {finished} finished before the kill, "
      f"{written} whole lines, "
      f"{kernel_cuts} cut by the kernel at a page boundary, {len(bad)} other partial lines")

# A full filesystem: a 64 KiB tmpfs in a mount namespace of our own, every
# page taken and the log 10 bytes short of filling its last one, so the
# write is cut short after 10 bytes and must be taken back.
full = os.path.join(tmp, "full")
os.mkdir(full)
page_log = os.path.join(tmp, "page-log")
with open(page_log, "w") as f:
    body = "".join(f"2026-11-{d:02} acme call\n" for d in range(1, 11)) * 20
    pad = 8182 - len(body) - len("2026-11-21 acme call \n")
    f.write(body + "2026-11-21 acme call " + "p" * pad + "\n")
assert os.path.getsize(page_log) == 8182
script = """
mount -t tmpfs -o size=64k tmpfs "$1" || exit 77
cp "$2" "$1/log"
i=0; while head -c 4096 /dev/zero > "$1/fill$i" 2>/dev/null; do i=$((i+1)); done
head -c 1 /dev/zero > "$1/one" 2>/dev/null
"$3" --clients "$4" --log "$1/log" --today 2026-11-22 log acme call "a line that needs a page of its own" 2>"$5.stderr"
echo $? > "$5.status"
cp "$1/log" "$5.after"
"""
unshare = shutil.which("unshare")
r = subprocess.run([unshare or "unshare", "-rm", "sh", "-c", script, "sh", full, page_log, binary, clients,
                    os.path.join(tmp, "full-result")], env=env, capture_output=True, text=True) \
    if unshare else None
if r is None or r.returncode == 77 or not os.path.exists(os.path.join(tmp, "full-result.status")):
    print("SKIP full filesystem: no tmpfs can be mounted here", r.stderr.strip() if r else "(no unshare)")
else:
    status = open(os.path.join(tmp, "full-result.status")).read().strip()
    stderr = open(os.path.join(tmp, "full-result.stderr")).read()
    after = open(os.path.join(tmp, "full-result.after"), "rb").read()
    expect("full filesystem: exit 4", status == "4", f"{status} {stderr}")
    expect("full filesystem: a clear message", stderr == f"touch: {full}/log: cannot write: No space left on device\n",
           stderr)
    expect("full filesystem: the log is byte-identical", after == open(page_log, "rb").read(), f"{len(after)} bytes")
    print("full filesystem:", stderr.strip(), "status", status)

# Files that cannot be read. As root, the command runs as nobody.
def as_nobody():
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setgroups([])
        os.setuid(65534)

shut = os.path.join(tmp, "shut")
os.mkdir(shut)
os.chmod(tmp, 0o755)
os.chmod(shut, 0o755)
shut_clients, shut_log = os.path.join(shut, "c.toml"), os.path.join(shut, "log")
shutil.copy(clients, shut_clients)
with open(shut_log, "w") as f:
    f.write("2026-11-01 acme call\n")
os.chmod(shut_clients, 0o644)
os.chmod(shut_log, 0o000)
for args, what in ((["due"], "read"), (["log", "acme", "call"], "append to")):
    r = box.run("--clients", shut_clients, "--log", shut_log, *args, text=True, preexec_fn=as_nobody)
    expect(f"an unreadable log ({what}): exit 4 and a clean message",
           r.returncode == 4 and r.stderr.startswith(f"touch: {shut_log}: cannot open") and
           r.stderr.strip().endswith("Permission denied") and r.stderr.count("\n") == 1,
           f"{r.returncode} {r.stderr}")
os.chmod(shut_log, 0o644)
os.chmod(shut_clients, 0o000)
r = box.run("--clients", shut_clients, "--log", shut_log, "due", text=True, preexec_fn=as_nobody)
expect("an unreadable clients file: exit 4",
       r.returncode == 4 and r.stderr == f"touch: {shut_clients}: cannot open: Permission denied\n",
       f"{r.returncode} {r.stderr}")
os.chmod(tmp, 0o700)

missing = os.path.join(tmp, "no-such.toml")
r = box.run("--clients", missing, "--log", log, "due", text=True)
expect("a missing clients file: exit 4 and a hint",
       r.returncode == 4 and r.stderr.startswith(f"touch: {missing}: no clients file; run 'touch init'"),
       f"{r.returncode} {r.stderr}")
r = box.run("--clients", clients, "--log", log + "/", "due", text=True)
expect("a file named as a folder of logs for due: exit 4",
       r.returncode == 4 and r.stderr == f"touch: {log}/: cannot read: Not a directory\n",
       f"{r.returncode} {r.stderr}")
r = box.run("--clients", clients, "--log", "/dev/full", "log", "acme", "call", text=True)
expect("a device as log: exit 4", r.returncode == 4 and r.stderr == "touch: /dev/full: cannot write: not a regular file\n",
       f"{r.returncode} {r.stderr}")

# A writer waiting for the lock while the log is replaced by rename (git
# checkout, an editor, sed -i) or appended to by hand. Deterministic: this
# test holds the lock itself, starts touch, waits until /proc/locks shows
# touch blocked on it, changes the file, and only then lets go.
def blocked_on_lock(pid):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with open("/proc/locks") as f:
            if any(line.split()[1:3] == ["->", "FLOCK"] and line.split()[5] == str(pid) for line in f):
                return True
        time.sleep(0.01)
    return False

def while_locked(path, args, change):
    holder = open(path, "a")
    fcntl.flock(holder, fcntl.LOCK_EX)
    p = box.popen("--clients", clients, "--log", path, *args, stdout=subprocess.PIPE,
                  stderr=subprocess.PIPE, text=True)
    try:
        waiting = blocked_on_lock(p.pid)
        change()
    finally:
        fcntl.flock(holder, fcntl.LOCK_UN)
        holder.close()
    out, err = p.communicate(timeout=30)
    return waiting, p.returncode, out, err

def replace_by_rename(path, text):
    def change():
        with open(path + ".new", "w") as f:
            f.write(text)
        os.rename(path + ".new", path)
    return change

def read(path):
    with open(path) as f:
        return f.read()

race = os.path.join(tmp, "race")
with open(race, "w") as f:
    f.write("2026-11-01 acme call\n")
waiting, status, out, err = while_locked(
    race, ["log", "acme", "visit", "logged while the file was replaced"],
    replace_by_rename(race, "2026-11-01 acme call\n2026-11-02 acme email\n"))
expect("log during a rename: touch waited for the lock", waiting)
expect("log during a rename: exit 0", status == 0, f"{status} {err}")
expect("log during a rename: the line is in the file the path names",
       read(race) == "2026-11-01 acme call\n2026-11-02 acme email\n"
                     "2026-11-22 acme visit logged while the file was replaced\n", repr(read(race)))

with open(race, "w") as f:
    f.write("2026-11-01 acme call\n2026-11-02 acme email\n")
waiting, status, out, err = while_locked(
    race, ["undo", "--yes"], replace_by_rename(race, "2026-11-01 acme call\n2026-11-02 acme email\n"))
expect("undo during a rename: touch waited for the lock", waiting)
expect("undo during a rename: exit 0 and the line is gone from the file the path names",
       status == 0 and read(race) == "2026-11-01 acme call\n", f"{status} {err} {read(race)!r}")

def append_by_hand():
    with open(race, "a") as f:
        f.write("2026-11-03 acme visit by hand\n")

with open(race, "w") as f:
    f.write("2026-11-01 acme call\n2026-11-02 acme email\n")
waiting, status, out, err = while_locked(race, ["undo", "--yes"], append_by_hand)
expect("undo during a hand append: touch waited for the lock", waiting)
expect("undo during a hand append: refused with exit 4, nothing removed",
       status == 4 and "changed meanwhile" in err and
       read(race) == "2026-11-01 acme call\n2026-11-02 acme email\n2026-11-03 acme visit by hand\n",
       f"{status} {err} {read(race)!r}")

# A worker thread that cannot start (a limit on processes) is no crash:
# the log is read in fewer pieces. As nobody, RLIMIT_NPROC 1 leaves room
# for no thread at all; the answer is the same as without the limit.
shared = tempfile.mkdtemp()
os.chmod(shared, 0o755)
big_log = os.path.join(shared, "log")
with open(big_log, "w") as f:
    day = "".join(f"2026-{m:02}-{d:02} acme call a note to make the log large enough for pieces\n"
                  for m in range(1, 11) for d in range(1, 29))
    f.write(day * 120)
with open(os.path.join(shared, "c.toml"), "w") as f:
    # Over 64 KiB: the clients are read in two parts at once too.
    f.write('[[clients]]\nid = "acme"\n' + "".join(f'[[clients]]\nid = "c{i}"\nname = "Client number {i}"\n'
                                              for i in range(3000)))
os.chmod(big_log, 0o644)
os.chmod(os.path.join(shared, "c.toml"), 0o644)

def no_threads():
    as_nobody()
    resource.setrlimit(resource.RLIMIT_NPROC, (1, 1))

args = ["--clients", os.path.join(shared, "c.toml"), "--log", big_log]
for command in (["due"], ["history", "--limit", "3"], ["stats"]):
    free = box.run(*args, *command, text=True, preexec_fn=as_nobody)
    # LeakSanitizer needs a thread of its own at exit: in a sanitized
    # build it alone cannot run here (ASAN_OPTIONS means nothing elsewhere).
    limited = box.run(*args, *command, extra_env={"ASAN_OPTIONS": "detect_leaks=0"}, text=True,
                      preexec_fn=no_threads)
    expect(f"{command[0]} with no room for a thread: the same answer, no abort",
           limited.returncode == free.returncode == 0 and limited.stdout == free.stdout and not limited.stderr,
           f"{limited.returncode} {limited.stderr[-200:]}")
shutil.rmtree(shared)

box.finish()

