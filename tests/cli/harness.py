"""The small harness the Python end-to-end checks share: the binary under
test, a scrubbed environment in a temporary folder, and expectations that
are collected and reported together."""
import fcntl
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios


class Sandbox:
    """A temporary folder with HOME and the XDG folders inside it, and an
    environment that inherits nothing: TZ=UTC, NO_COLOR=1, C.UTF-8."""

    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        self._tmp = tempfile.TemporaryDirectory()
        self.root = self._tmp.name
        self.home = os.path.join(self.root, "home")
        os.makedirs(self.home)
        self.env = {"PATH": "/usr/bin:/bin", "HOME": self.home, "TZ": "UTC", "NO_COLOR": "1",
                    "LC_ALL": "C.UTF-8", "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
                    "XDG_DATA_HOME": os.path.join(self.home, ".local/share")}
        self.failures = []

    def path(self, *names):
        return os.path.join(self.root, *names)

    def write(self, name, text, mode="w"):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, mode) as f:
            f.write(text)
        return path

    def read(self, name, mode="r"):
        with open(self.path(name), mode) as f:
            return f.read()

    def run(self, *args, stdin=None, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=None,
            **kwargs):
        """Runs the binary with `args` in the sandbox folder; bytes out."""
        return subprocess.run([self.binary, *args], cwd=self.root, env=env or self.env,
                              input=stdin, stdout=stdout, stderr=stderr, timeout=60, **kwargs)

    def expect(self, what, ok, detail=""):
        if not ok:
            self.failures.append(f"{what}: {detail}")
        return ok

    def finish(self, checked):
        for f in self.failures:
            print(f"FAIL {f}")
        print(f"{checked} checks, {len(self.failures)} failed")
        self._tmp.cleanup()
        sys.exit(1 if self.failures else 0)


def on_terminal(argv, env, columns, cwd=None):
    """Runs argv on a pseudo-terminal `columns` wide, as a user at a terminal
    would: (exit status, what it printed, each CR LF back to a newline).

    The size is set before the program starts, and this side holds the
    terminal open until everything the program wrote has been read (a pty
    whose last writer has gone can drop what is still in it)."""
    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                                start_new_session=True)
        out = b""

        def drain(timeout):
            nonlocal out
            while select.select([master], [], [], timeout)[0]:
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                out += chunk

        while proc.poll() is None:
            drain(0.05)
        drain(0.05)
    finally:
        os.close(slave)
        os.close(master)
    return proc.returncode, out.decode("utf-8").replace("\r\n", "\n")
