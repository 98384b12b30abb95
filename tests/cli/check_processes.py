#!/usr/bin/python3
"""Other programs that misbehave: a sendmail that talks on stderr before it
reads, one that never ends, one that exits without reading the message;
Ctrl-C while the editor runs; an editor named by a relative path."""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox, text  # noqa: E402

box = Sandbox(sys.argv[1])
expect = box.expect
script = box.script


def remind(clients, timeout=30):
    """remind with a message of about 200 KB, more than a pipe holds; None
    when it has not ended after `timeout` seconds."""
    try:
        return box.run("--clients", clients, "--log", "many.log", "--today", "2026-12-09", "remind",
                       timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


# 3000 clients all due: the message is larger than a pipe's buffer.
MANY = "[settings]\nowner = \"Pat <pat@example.com>\"\nsendmail = [\"{}\"]\n{}" \
       "[cadence]\ncall = \"1w\"\n" + "".join(
           f"[[clients]]\nid = \"client-{i:04}\"\nname = \"A client with a long name number {i}\"\n"
           for i in range(3000))
box.write("many.log", "")

# A sendmail that talks on stderr before it reads (sendmail -v -v, a logging
# wrapper) does not hang remind: stderr is read while the message is written.
chatty = script("chatty-sendmail",
                "head -c 300000 /dev/zero | tr '\\0' x >&2\ncat > \"$0.got\"\necho on stdout\nexit 0\n")
box.write("chatty.toml", MANY.format(chatty, ""))
r = remind("chatty.toml")
expect("a chatty sendmail: remind does not hang", r is not None, "still running after 30 s")
if r is not None:
    expect("a chatty sendmail: remind succeeds", r.returncode == 0, text(r.stderr)[-300:])
    expect("a chatty sendmail got the whole message",
           os.path.exists(chatty + ".got") and box.read(chatty + ".got").endswith("\n"),
           os.path.getsize(chatty + ".got") if os.path.exists(chatty + ".got") else "nothing")
    expect("what sendmail says on success is not passed on", b"on stdout" not in r.stdout, text(r.stdout))

# A sendmail that never ends is stopped after sendmail_timeout seconds, and
# remind says which program and what limit; what it left behind (the sleep)
# holds no output of touch's open.
hung = script("hung-sendmail", "cat >/dev/null\nsleep 60\n")
box.write("hung.toml", MANY.format(hung, "sendmail_timeout = 2\n"))
start = time.monotonic()
r = remind("hung.toml")
took = time.monotonic() - start
expect("a hung sendmail is stopped", r is not None, "still running after 30 s")
if r is not None:
    expect("a hung sendmail: exit 4", r.returncode == 4, r.returncode)
    expect("the program and the limit are named",
           b"hung-sendmail did not finish within 2 seconds" in r.stderr, text(r.stderr))
    expect("within the time limit and the grace", took < 10, took)

# A sendmail that exits 0 without reading the message did not take it.
deaf = script("deaf-sendmail", "exec 0<&-\nsleep 1\nexit 0\n")
box.write("deaf.toml", MANY.format(deaf, ""))
r = remind("deaf.toml")
expect("a deaf sendmail: remind ends", r is not None, "still running after 30 s")
if r is not None:
    expect("a message not handed over whole is exit 4", r.returncode == 4, (r.returncode, text(r.stderr)))
    expect("the message says so", b"deaf-sendmail did not take the whole message" in r.stderr, text(r.stderr))

# Ctrl-C (and Ctrl-\\) at the terminal reach the whole foreground group:
# touch waits for the editor and checks what was edited, and the editor gets
# the signals as they were (here: not ignored).
box.write("edit.toml", "[[clients]]\nid = \"acme\"\n")
box.write("edit.log", "")
editor = script("interrupting-editor",
                "grep '^SigIgn:' /proc/$$/status > \"$0.ignored\"\n"
                "kill -INT $PPID\nkill -QUIT $PPID\nsleep 0.3\n"
                "echo '2026-12-01 acme call from the editor' >> \"$1\"\n")
r = box.run("--clients", "edit.toml", "--log", "edit.log", "--today", "2026-12-07", "edit", "log",
            env={**box.env, "EDITOR": editor})
expect("edit survives SIGINT and SIGQUIT sent while the editor runs", r.returncode == 0,
       (r.returncode, text(r.stderr)))
expect("the editor's change is kept", "from the editor" in box.read("edit.log"), box.read("edit.log"))
if os.path.exists(editor + ".ignored"):
    ignored = int(box.read(editor + ".ignored").split()[1], 16)
    expect("the editor does not inherit SIGINT and SIGQUIT ignored",
           ignored & (1 << (signal.SIGINT - 1) | 1 << (signal.SIGQUIT - 1)) == 0, hex(ignored))

# An editor named by a relative path is that file, from the current folder,
# as a shell would take it; a bare name is still looked up in PATH's
# absolute entries only (check_security.py holds that).
script("ed-relative", "echo '2026-12-02 acme call relative' >> \"$1\"\n")
script("bin/ed-in-bin", "echo '2026-12-03 acme call in bin' >> \"$1\"\n")
for editor, line in (("./ed-relative", "relative"), ("bin/ed-in-bin", "in bin")):
    r = box.run("--clients", "edit.toml", "--log", "edit.log", "--today", "2026-12-07", "edit", "log",
                env={**box.env, "EDITOR": editor})
    expect(f"EDITOR={editor} runs", r.returncode == 0, text(r.stderr))
    expect(f"EDITOR={editor}: its change is kept", line in box.read("edit.log"), box.read("edit.log"))
r = box.run("--clients", "edit.toml", "--log", "edit.log", "--today", "2026-12-07", "edit", "log",
            env={**box.env, "EDITOR": "./no-such-editor"})
expect("a relative editor that is not there: exit 4, named",
       r.returncode == 4 and b"cannot run ./no-such-editor: not found" in r.stderr, (r.returncode, text(r.stderr)))
# An editor that is there but cannot be run: the child says why before it
# ends (it writes the reason without allocating: see platform/process.cpp).
box.write("bad-editor", "\x7fELF not a program")
os.chmod(box.path("bad-editor"), 0o755)
r = box.run("--clients", "edit.toml", "--log", "edit.log", "--today", "2026-12-07", "edit", "log",
            env={**box.env, "EDITOR": "./bad-editor"})
expect("an editor that cannot be run: exit 4, the reason said",
       r.returncode == 4 and b"cannot run ./bad-editor: Exec format error\n" in r.stderr
       and b"exited with status 127" in r.stderr, (r.returncode, text(r.stderr)))

# sendmail comes from the clients file, which cron reads from the home folder:
# a relative path there is refused, not run from wherever remind runs.
relative = script("bin/relative-sendmail", "cat > \"$0.got\"\n")
box.write("relative.toml", MANY.format("bin/relative-sendmail", ""))
r = remind("relative.toml")
expect("a relative sendmail is refused", r is not None and r.returncode == 4 and b"relative path" in r.stderr,
       r and (r.returncode, text(r.stderr)))
expect("and not run", not os.path.exists(relative + ".got"))

box.finish()
