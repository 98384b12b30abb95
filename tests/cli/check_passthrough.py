#!/usr/bin/python3
"""Installed as `touch`, the binary hands everything that is not its own to
coreutils' touch(1), with the same arguments and exit status, and never
recurses or runs a relative PATH entry: not with /proc hidden, not with a
wrapper script named touch on PATH. Under make everything is touch(1)'s; on a
terminal a misspelled command that created a file says so."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

box = Sandbox(sys.argv[1])
binary, tmp, expect = box.binary, box.root, box.expect
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
    return box.run(*args, binary=ours, cwd=work, extra_env={"PATH": path}, text=True, timeout=30)

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
r = run(f"--clients={box.path('no-such.toml')}", "due")
expect("our long options are ours", r.returncode == 4 and "no clients file" in r.stderr, r.stderr)

# A loop is impossible whatever PATH and /proc hold. A wrapper script
# named touch that runs this program, first on PATH:
wrapper_dir = os.path.join(tmp, "wrapper")
os.mkdir(wrapper_dir)
with open(os.path.join(wrapper_dir, "touch"), "w") as f:
    f.write(f'#!/bin/sh\nexec "{ours}" "$@"\n')
os.chmod(os.path.join(wrapper_dir, "touch"), 0o755)

def run_guarded(args, path, hide_proc=False, extra_env=None):
    prefix = ()
    if hide_proc:
        # An empty tmpfs over /proc, in a mount namespace of our own.
        prefix = (shutil.which("unshare") or "/usr/bin/unshare", "-rm", "/bin/sh", "-c",
                  '"$0" -t tmpfs tmpfs /proc || exit 77; test -e /proc/self && exit 77; exec "$@"',
                  shutil.which("mount") or "/bin/mount")
    try:
        return box.run(*args, binary=ours, prefix=prefix, cwd=work,
                       extra_env={"PATH": path, **(extra_env or {})}, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(args, "timeout", "", "still running after 20 s")

r = run_guarded(["wrapped.txt"], f"{wrapper_dir}:/usr/bin:/bin")
expect("a wrapper script named touch on PATH: no ping-pong",
       r.returncode == 0 and os.path.exists(p("wrapped.txt")), f"{r.returncode} {r.stderr[-200:]}")
r = run_guarded(["wrapped-only.txt"], f"{wrapper_dir}:{first}")
expect("a wrapper and a copy, no coreutils on PATH: /usr/bin/touch",
       r.returncode == 0 and os.path.exists(p("wrapped-only.txt")), f"{r.returncode} {r.stderr[-200:]}")
probe = run_guarded(["probe.txt"], "/usr/bin:/bin", hide_proc=True)
if probe.returncode == 77:
    print("SKIP without /proc: no tmpfs can be mounted over it here", probe.stderr.strip())
else:
    for name, path in (("two copies", f"{first}:{second}:/usr/bin:/bin"),
                       ("itself first on PATH", f"{first}:/usr/bin:/bin"),
                       ("a wrapper script", f"{wrapper_dir}:{first}:/usr/bin:/bin"),
                       ("nothing but copies", f"{first}:{second}")):
        target = f"no-proc-{name.replace(' ', '-')}.txt"
        r = run_guarded([target], path, hide_proc=True)
        expect(f"without /proc, {name}: no loop",
               r.returncode == 0 and os.path.exists(p(target)), f"{r.returncode} {r.stderr[-200:]}")

# Under make (MAKELEVEL set) every invocation is touch(1)'s.
r = run_guarded(["check"], f"{first}:/usr/bin:/bin", extra_env={"MAKELEVEL": "1"})
expect("under make, touch check creates check",
       r.returncode == 0 and os.path.exists(p("check")) and r.stdout == "" and r.stderr == "",
       f"{r.returncode} {r.stdout[:100]!r} {r.stderr[:200]!r}")
r = run_guarded(["--version"], f"{first}:/usr/bin:/bin", extra_env={"MAKELEVEL": "1"})
expect("under make, touch --version is touch(1)'s",
       r.returncode == 0 and "coreutils" in r.stdout, f"{r.returncode} {r.stdout[:100]!r} {r.stderr[:200]!r}")
r = run_guarded([], f"{first}:/usr/bin:/bin", extra_env={"MAKELEVEL": "1"})
expect("under make, no argument is touch(1)'s missing operand",
       r.returncode == 1 and r.stderr.startswith("touch: missing file operand"), f"{r.returncode} {r.stderr!r}")

# A misspelled command on a terminal: the file is made as coreutils
# makes it, then one line says so. stderr is a pty here.
def on_terminal(*args):
    leader, follower = os.openpty()
    r = box.run(*args, binary=ours, cwd=work, extra_env={"PATH": f"{first}:/usr/bin:/bin"},
                stderr=follower, timeout=20)
    os.close(follower)
    err = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(leader)
    return r.returncode, r.stdout.decode(), err.decode().replace("\r\n", "\n")

status, out, err = on_terminal("dew")
expect("touch dew on a terminal: created, and a hint",
       status == 0 and os.path.exists(p("dew")) and err == "touch: created 'dew'; did you mean 'touch due'?\n",
       f"{status} {err!r}")
status, out, err = on_terminal("histroy", "klein")
expect("touch histroy klein on a terminal: both created, and a hint",
       status == 0 and os.path.exists(p("histroy")) and os.path.exists(p("klein")) and
       err == "touch: created 'histroy'; did you mean 'touch history klein'?\n", f"{status} {err!r}")
status, out, err = on_terminal("dew")
expect("touch dew again: the file existed, no hint", status == 0 and err == "", f"{status} {err!r}")
status, out, err = on_terminal("due/")
expect("touch due/ fails as coreutils fails (exit 1), no hint",
       status == 1 and err.startswith("touch: ") and "did you mean" not in err, f"{status} {err!r}")
status, out, err = on_terminal("unrelated-name")
expect("a name far from every command: no hint", status == 0 and err == "", f"{status} {err!r}")
r = run("plna")
expect("not on a terminal: no hint", r.returncode == 0 and os.path.exists(p("plna")) and r.stderr == "",
       r.stderr)

box.finish()
