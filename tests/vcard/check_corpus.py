#!/usr/bin/python3
"""touch import vcard on real vCard files from other projects' test data
(corpus/, see SOURCES): each file imports with the name, phone, email,
birthday and city written in expected.tsv, without a U+FFFD the file does
not have; the output passes `touch check`; re-importing adds nothing; a
folder imports as its files do.

    check_corpus.py TOUCH [--measure]

--measure prints the counts and exits 0 whatever they are (to compare two
binaries); otherwise any difference fails."""
import os
import subprocess
import sys
import tempfile
import tomllib

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "cli"))
from harness import tsv_rows  # noqa: E402

binary = os.path.abspath(sys.argv[1])
measure = "--measure" in sys.argv[2:]
corpus = os.path.join(here, "corpus")
fields = ["name", "phone", "email", "birthday", "city"]

expected = {}  # file -> list of rows
for cells in tsv_rows(os.path.join(here, "expected.tsv"), 1 + len(fields)):
    rows = expected.setdefault(cells[0], [])
    if cells[1] != "-":  # "-": the file has no named card
        rows.append(dict(zip(fields, cells[1:])))

failures = []
tmp = tempfile.mkdtemp()
env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TZ": "UTC", "XDG_CONFIG_HOME": tmp, "XDG_DATA_HOME": tmp,
       "LC_ALL": "C.UTF-8"}
empty = os.path.join(tmp, "empty.toml")
open(empty, "w").close()


def run(*args, clients=empty):
    return subprocess.run([binary, "--clients", clients, "--today", "2026-11-22", *args], capture_output=True,
                          env=env, timeout=60)


def rows_of(stdout):
    try:
        data = tomllib.loads(stdout.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return None, str(e)
    # phone and email may be lists (touch(5)): the first is the one shown.
    first = lambda v: v[0] if isinstance(v, list) else v
    return [{k: str(first(c.get(k, ""))) for k in fields} for c in data.get("clients", [])], None


files = sorted(os.path.relpath(os.path.join(d, n), corpus)
               for d, _, names in os.walk(corpus) for n in names if n.lower().endswith(".vcf"))
cards = correct_cards = correct_files = 0
# What the importer could say before it kept the company and the city: the
# person's name, phone, email and birthday.
basic = ["phone", "email", "birthday"]
correct_basic = 0


def person(name):
    return name[name.index("(") + 1:-1] if name.endswith(")") and " (" in name else name


def basic_match(g, w):
    return g is not None and all(g[k] == w[k] for k in basic) and g["name"] in (w["name"], person(w["name"]))

for rel in files:
    path = os.path.join(corpus, rel)
    want = expected.get(rel)
    if want is None:
        failures.append(f"{rel}: no expected values")
        continue
    cards += len(want)
    out = run("import", "vcard", path)
    got, error = rows_of(out.stdout) if out.returncode == 0 else (None, f"exit {out.returncode}")
    problems = []
    if got is None:
        problems.append(f"not imported ({error}): {out.stderr.decode('utf-8', 'replace').strip()[:300]}")
        got = []
    raw = open(path, "rb").read()
    if "\ufffd".encode() in out.stdout and "\ufffd".encode() not in raw:
        problems.append("U+FFFD in the output")
    good = 0
    for i, w in enumerate(want):
        g = got[i] if i < len(got) else None
        if basic_match(g, w):
            correct_basic += 1
        if g == w:
            good += 1
        else:
            problems.append(f"card {i + 1}: got {g}, wanted {w}")
    if len(got) > len(want):
        problems.append(f"{len(got) - len(want)} more cards than expected: {got[len(want):]}")
    correct_cards += good
    if not problems:
        correct_files += 1
    failures += [f"{rel}: {p}" for p in problems]

print(f"corpus: {len(files)} files, {cards} cards; {correct_files} files and {correct_cards} cards as expected; "
      f"{correct_basic} cards with the right person, phone, email and birthday")

if not measure:
    # Each project's folder at once, as a vdir: the output passes check, and a
    # second import into it adds nothing.
    for project in sorted(os.listdir(corpus)):
        clients = os.path.join(tmp, f"{project}.toml")
        first = run("import", "vcard", os.path.join(corpus, project))
        with open(clients, "wb") as f:
            f.write(first.stdout)
        got, error = rows_of(first.stdout)
        want = sum(len(v) for k, v in expected.items() if k.startswith(project + "/"))
        if got is None or first.returncode != 0:
            failures.append(f"{project}/: folder import failed: {error} {first.stderr[-300:]!r}")
            continue
        check = run("--log", os.devnull, "check", clients=clients)
        if check.returncode != 0:
            failures.append(f"{project}/: the output fails check: {check.stdout[-500:]!r}")
        again = run("import", "vcard", os.path.join(corpus, project), clients=clients)
        if again.stdout.strip() or again.returncode != 0:
            failures.append(f"{project}/: re-import added {again.stdout.count(b'[[clients]]')} clients")
        if len(got) > want:
            failures.append(f"{project}/: the folder gave {len(got)} clients, its files {want}")

for f in failures:
    print("FAIL:", f)
if measure:
    sys.exit(0)
print(f"vcard corpus: {len(failures)} failed")
sys.exit(1 if failures else 0)
