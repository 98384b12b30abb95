#!/usr/bin/python3
"""touch import vcard on cards written by Debian's python3-vobject and by
hand; the output must load as TOML, pass `touch check`, and keep the data."""
import os
import subprocess
import sys
import tempfile
import tomllib

import vobject

binary = os.path.abspath(sys.argv[1])
failures = []


def expect(what, actual, wanted):
    if actual != wanted:
        failures.append(f"{what}: got {actual!r}, wanted {wanted!r}")


def card(fn, family, given, tel=None, email=None, adr=None, bday=None, note=None):
    c = vobject.vCard()
    c.add("fn").value = fn
    c.add("n").value = vobject.vcard.Name(family=family, given=given)
    if tel:
        t = c.add("tel")
        t.value = tel
        t.type_param = "CELL"
    if email:
        c.add("email").value = email
    if adr:
        c.add("adr").value = vobject.vcard.Address(**adr)
    if bday:
        c.add("bday").value = bday
    if note:
        c.add("note").value = note
    return c.serialize()


with tempfile.TemporaryDirectory() as tmp:
    env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TZ": "UTC", "XDG_CONFIG_HOME": tmp}
    vcf = os.path.join(tmp, "contacts.vcf")
    long_note = "Prefers calls before 10; ask about the new warehouse, the fleet tablets and the Q1 budget review"
    with open(vcf, "w", encoding="utf-8", newline="") as f:
        f.write(card("Zoë Ünal", "Ünal", "Zoë", tel="+1 555 0100", email="zoe@example.com",
                     adr={"street": "1 Main St, Suite 2", "city": "Brooklyn", "region": "NY",
                          "code": "11201", "country": "USA"},
                     bday="1980-04-12", note=long_note + "\nSecond line; with, punctuation"))
        f.write(card("Zoë Ünal", "Ünal", "Zoë", email="zoe2@example.com"))
        f.write(card("李小龍", "李", "小龍", tel="+852 1234"))
        f.write(card("O'Brien & Sons", "O'Brien", "", note='say "hi"'))
    out = subprocess.run([binary, "import", "vcard", vcf], capture_output=True, text=True, env=env)
    expect("import exits 0", out.returncode, 0)
    toml_path = os.path.join(tmp, "clients.toml")
    with open(toml_path, "w", encoding="utf-8") as f:
        f.write(out.stdout)
    data = tomllib.loads(out.stdout)
    clients = data["clients"]
    expect("four clients", len(clients), 4)
    ids = [c["id"] for c in clients]
    expect("ids unique and valid", ids, ["zoe-unal", "zoe-unal-2", "client", "o-brien-sons"])
    zoe = clients[0]
    expect("name", zoe["name"], "Zoë Ünal")
    expect("phone", zoe["phone"], "+1 555 0100")
    expect("email", zoe["email"], "zoe@example.com")
    expect("address", zoe["address"], "1 Main St, Suite 2, Brooklyn, NY, 11201, USA")
    expect("birthday", zoe["birthday"], "1980-04-12")
    expect("folded, escaped note", zoe["notes"], long_note + "\nSecond line; with, punctuation")
    expect("unicode name", clients[2]["name"], "李小龍")
    expect("quotes", clients[3]["notes"], 'say "hi"')
    check = subprocess.run([binary, "--clients", toml_path, "--log", os.devnull, "--today", "2026-11-22",
                            "check"], capture_output=True, text=True, env=env)
    expect("the output passes check", (check.returncode, check.stdout.strip().endswith("0 errors, 0 warnings")),
           (0, True))
    # With that file as the clients file, a new import does not reuse its ids.
    again = subprocess.run([binary, "--clients", toml_path, "import", "vcard", vcf], capture_output=True,
                           text=True, env=env)
    expect("ids already taken are skipped", [c["id"] for c in tomllib.loads(again.stdout)["clients"]][:2],
           ["zoe-unal-3", "zoe-unal-4"])

for f in failures:
    print("FAIL:", f)
print(f"vcard: {len(failures)} failed")
sys.exit(1 if failures else 0)
