#!/usr/bin/python3
"""A clients file of 128 KiB or more, and for history a log of 16 MiB or
more, is read into memory advised for 2 MiB pages (man page, PERFORMANCE):
while the command runs, a mapping of the process carries the kernel's `hg`
flag (MADV_HUGEPAGE) in /proc/PID/smaps; with smaller files none does. The
command is held alive by its own output: it fills a pipe no one reads yet
(64 KiB as a rule), and writes nothing before it has read everything.
Skipped (77) where the kernel has no transparent huge pages or the binary
was not built with mimalloc."""
import fcntl
import os
import struct
import subprocess
import sys
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, text  # noqa: E402

box = Sandbox(sys.argv[1])
expect = box.expect

if not os.path.isdir("/sys/kernel/mm/transparent_hugepage"):
    print("skipped: the kernel has no transparent huge pages")
    sys.exit(77)
if "libmimalloc" not in subprocess.run(["ldd", box.binary], capture_output=True, text=True).stdout:
    print("skipped: the binary is not built with mimalloc")
    sys.exit(77)


def clients(count):
    return "[cadence]\ncall = \"2w\"\n" + "".join(
        f"[[clients]]\nid = \"c{i:04}\"\nname = \"Client {i} of the check\"\ncity = \"Hoboken\"\n"
        f"tags = [\"roadmap\", \"budget\"]\nemail = \"c{i:04}@example.com\"\n\n" for i in range(count))


def log(lines, count):
    return "".join(f"2026-0{1 + i % 9}-1{i % 10}T09:{i % 60:02} c{i % count:04} call a note that says "
                   f"what was said {i}\n" for i in range(lines))


box.write("large.toml", clients(2000))
box.write("small.toml", clients(300))
box.write("short.log", log(20000, 300))
box.write("long.log", log(260000, 300))
expect("large.toml is 128 KiB or more", os.path.getsize(box.path("large.toml")) >= 128 * 1024)
expect("small.toml is less", os.path.getsize(box.path("small.toml")) < 128 * 1024)
expect("long.log is 16 MiB or more", os.path.getsize(box.path("long.log")) >= 16 << 20)
expect("short.log is less", os.path.getsize(box.path("short.log")) < 16 << 20)


def advised(clients_file, log_file, *args):
    """Whether a mapping of the running command is advised for huge pages."""
    command = [box.binary, "--clients", clients_file, "--log", log_file, "--today", "2026-11-22",
               *args]
    proc = subprocess.Popen(command, cwd=box.root, env=box.env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    seen = False
    waiting = full = 0
    try:
        deadline = time.monotonic() + 30
        # The command writes only once it has read everything; a full pipe
        # holds it until this reads, and what it advised stands in its smaps.
        full = fcntl.fcntl(proc.stdout, fcntl.F_GETPIPE_SZ)
        while time.monotonic() < deadline and proc.poll() is None:
            waiting = struct.unpack("i", fcntl.ioctl(proc.stdout, termios.FIONREAD, b"\0" * 4))[0]
            if waiting >= full:
                with open(f"/proc/{proc.pid}/smaps") as f:
                    seen = any(line.startswith("VmFlags:") and " hg" in line for line in f)
                break
            time.sleep(0.005)
    finally:
        out = proc.communicate(timeout=60)[0]
    expect(f"{' '.join(args)} on {clients_file} and {log_file} succeeds, held by its output",
           proc.returncode == 0 and full > 0 and waiting >= full,
           f"status {proc.returncode}, {len(out)} bytes written, {waiting} of {full} in the pipe")
    return seen


expect("due --all with 2,000 clients: the heap advised for huge pages",
       advised("large.toml", "short.log", "due", "--all"))
expect("history with 300 clients and 20,000 lines: not advised",
       not advised("small.toml", "short.log", "history"))
expect("history of 260,000 lines: the heap advised for huge pages",
       advised("small.toml", "long.log", "history"))
expect("due --all on 260,000 lines: not advised (a History keeps a few touches a client)",
       not advised("small.toml", "long.log", "due", "--all", "--format", "json"))
box.finish()
