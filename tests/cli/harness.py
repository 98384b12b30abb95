"""The one harness every Python end-to-end check uses: where the binary under
test is, a scrubbed environment inside a temporary folder of the test's own,
running the binary (with --today when the test fixes a day), and
expectations that are collected and reported together.

Nothing is inherited from the caller's environment, so no TOUCH_* variable,
zone, locale, colour wish or folder of the person running the suite can
change what a check sees; a check sets what it needs on top of `env`."""
import fcntl
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios

# A fixed PATH: the caller's may hold another touch, shims or a different
# python, and the checks must find Debian's programs (git, jq, msmtp, coreutils).
PATH = "/usr/bin:/bin"

_UNSET = object()


class Sandbox:
    """A temporary folder with HOME and the XDG folders inside it, and an
    environment that inherits nothing: TZ=UTC, NO_COLOR=1, C.UTF-8.

    The XDG folders are `config` and `data` beside `home` unless a check
    asks for the layout a fresh account has (home/.config, home/.local/share),
    as golden cases print the first and the security check asserts the second."""

    def __init__(self, binary, today=None, config_home="config", data_home="data"):
        self.binary = os.path.abspath(binary)
        self.today = today
        self._tmp = tempfile.TemporaryDirectory()
        self.root = self._tmp.name
        self.home = os.path.join(self.root, "home")
        os.makedirs(self.home)
        self.env = {"PATH": PATH, "HOME": self.home, "TZ": "UTC", "NO_COLOR": "1",
                    "LC_ALL": "C.UTF-8", "XDG_CONFIG_HOME": os.path.join(self.root, config_home),
                    "XDG_DATA_HOME": os.path.join(self.root, data_home)}
        self.failures = []
        self.checked = 0

    def path(self, *names):
        return os.path.join(self.root, *names)

    def mkdir(self, *names):
        path = self.path(*names)
        os.makedirs(path, exist_ok=True)
        return path

    def write(self, name, text, mode="w"):
        """Writes `text` exactly: UTF-8, line ends as given."""
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(text)
        return path

    def read(self, name, mode="r"):
        with open(self.path(name), mode) as f:
            return f.read()

    def argv(self, *args, today=_UNSET, binary=None, prefix=()):
        """The command line for `args`: --today first when a day is fixed."""
        today = self.today if today is _UNSET else today
        return [*prefix, binary or self.binary, *(["--today", today] if today else []), *args]

    def environment(self, env=None, extra_env=None):
        return {**(env or self.env), **(extra_env or {})}

    def run(self, *args, stdin=None, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=None,
            extra_env=None, cwd=None, today=_UNSET, binary=None, prefix=(), timeout=60, **kwargs):
        """Runs the binary with `args` in the sandbox folder (or `cwd`);
        bytes out unless text=True. `stdin` is the text to feed, or a file."""
        feed = {"input": stdin} if stdin is None or isinstance(stdin, (str, bytes)) else {"stdin": stdin}
        return subprocess.run(self.argv(*args, today=today, binary=binary, prefix=prefix),
                              cwd=cwd or self.root, env=self.environment(env, extra_env), stdout=stdout,
                              stderr=stderr, timeout=timeout, **feed, **kwargs)

    def popen(self, *args, env=None, extra_env=None, cwd=None, today=_UNSET, **kwargs):
        return subprocess.Popen(self.argv(*args, today=today), cwd=cwd or self.root,
                                env=self.environment(env, extra_env), **kwargs)

    def script(self, name, body):
        """An executable shell script NAME in the sandbox: a stand-in for
        sendmail, an editor or another program touch runs."""
        path = self.write(name, "#!/bin/sh\n" + body)
        os.chmod(path, 0o755)
        return path

    def expect(self, what, ok, detail=""):
        self.checked += 1
        if not ok:
            self.failures.append(f"{what}: {detail}")
        return ok

    def expect_equal(self, what, actual, wanted):
        return self.expect(what, actual == wanted, f"got {actual!r}, wanted {wanted!r}")

    def expect_result(self, what, result, status=None, stdout=None, stderr=None):
        """Each of status, stdout and stderr that is given must be exactly
        what the run gave."""
        ok = True
        for name, wanted, actual in (("status", status, result.returncode),
                                     ("stdout", stdout, result.stdout), ("stderr", stderr, result.stderr)):
            if wanted is not None and actual != wanted:
                ok = self.expect(f"{what}: {name}", False, f"got {actual!r}, wanted {wanted!r}")
        return ok

    def finish(self, checked=None):
        """Reports and exits: `checked` when the check counts its own, else
        every expect made."""
        for f in self.failures:
            print(f"FAIL {f}")
        print(f"{self.checked if checked is None else checked} checks, {len(self.failures)} failed")
        self._tmp.cleanup()
        sys.exit(1 if self.failures else 0)


def text(output):
    """What a run printed, as text, whatever bytes it holds."""
    return output.decode("utf-8", "replace")


def tsv_rows(path, width):
    """The rows of a tab-separated file of expected values, as lists of cells:
    blank lines and '#' comments passed over; a row of another width ends the
    check."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != width:
                sys.exit(f"{os.path.basename(path)}:{number}: {len(cells)} cells, wanted {width}")
            yield cells


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
