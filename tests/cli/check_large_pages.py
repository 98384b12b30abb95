#!/usr/bin/python3
"""A clients file of 128 KiB or more is read into memory that comes in 2 MiB
pages where the kernel gives them (man page, PERFORMANCE): `due --all` on
2,000 clients then makes fewer page faults than half as many (some 400;
in 4 KiB pages some 1,700). Skipped (77) where there are
no such pages to give (transparent huge pages off) or the binary was not
built with mimalloc."""
import os
import re
import resource
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, text  # noqa: E402

box = Sandbox(sys.argv[1])
expect = box.expect

try:
    with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
        mode = re.search(r"\[(\w+)\]", f.read())
except OSError:
    mode = None
if not mode or mode.group(1) == "never":
    print("skipped: the kernel gives no transparent huge pages")
    sys.exit(77)
linked = subprocess.run(["ldd", box.binary], capture_output=True, text=True).stdout
if "libmimalloc" not in linked:
    print("skipped: the binary is not built with mimalloc")
    sys.exit(77)

CLIENTS = 2000
box.write("clients.toml", "[cadence]\ncall = \"2w\"\n" + "".join(
    f"[[clients]]\nid = \"c{i:04}\"\nname = \"Client {i} of the bench\"\ncity = \"Hoboken\"\n"
    f"tags = [\"roadmap\", \"budget\"]\nemail = \"c{i:04}@example.com\"\n\n" for i in range(CLIENTS)))
box.write("touch.log", "".join(f"2026-0{1 + i % 9}-1{i % 10} c{i % CLIENTS:04} call\n"
                               for i in range(20000)))
expect("the clients file is large", os.path.getsize(box.path("clients.toml")) >= 128 * 1024)


def faults(*args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
    r = box.run("--clients", "clients.toml", "--log", "touch.log", "--today", "2026-11-22", *args)
    expect(f"{' '.join(args)} succeeds", r.returncode == 0, text(r.stderr))
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt - before


# The least of three: another process's pages (a page cache being written
# back, say) never makes the count smaller.
counted = min(faults("due", "--all") for _ in range(3))
expect(f"due --all with {CLIENTS} clients: fewer page faults than half as many",
       counted < CLIENTS // 2,
       f"{counted} page faults")
box.finish()
