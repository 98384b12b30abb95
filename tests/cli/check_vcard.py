#!/usr/bin/python3
"""touch import vcard on cards written by Debian's python3-vobject and by
hand; the output must load as TOML, pass `touch check`, and keep the data."""
import os
import sys
import time
import tomllib

import vobject

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Sandbox  # noqa: E402

box = Sandbox(sys.argv[1])
expect = box.expect_equal


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


tmp = box.root
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
    extra = vobject.vCard()
    extra.add("fn").value = "Dana Lee"
    extra.add("n").value = vobject.vcard.Name(family="Lee", given="Dana")
    extra.add("org").value = ["Acme Corp", "Sales"]
    extra.add("nickname").value = "Dee"
    extra.add("categories").value = ["gold", "web"]
    extra.add("uid").value = "urn:uuid:1234"
    fax = extra.add("tel")
    fax.value = "+1 555 0199"
    fax.type_param = "FAX"
    f.write(extra.serialize())
out = box.run("import", "vcard", vcf, text=True)
expect("import exits 0", out.returncode, 0)
toml_path = os.path.join(tmp, "clients.toml")
with open(toml_path, "w", encoding="utf-8") as f:
    f.write(out.stdout)
data = tomllib.loads(out.stdout)
clients = data["clients"]
expect("five clients", len(clients), 5)
ids = [c["id"] for c in clients]
expect("ids unique and valid", ids, ["zoe-unal", "zoe-unal-2", "client-1", "obrien-sons", "dana-lee"])
dana = clients[4]
expect("company in the name", dana["name"], "Acme Corp (Dana Lee)")
expect("nickname as alias", dana.get("aliases"), ["Dee"])
expect("categories as tags", dana.get("tags"), ["gold", "web"])
expect("uid kept", dana.get("vcard_uid"), "urn:uuid:1234")
expect("a fax is not the phone", dana.get("phone"), None)
zoe = clients[0]
expect("name", zoe["name"], "Zoë Ünal")
expect("phone", zoe["phone"], "+1 555 0100")
expect("email", zoe["email"], "zoe@example.com")
expect("address", zoe["address"], "1 Main St, Suite 2, Brooklyn NY 11201, USA")
expect("birthday", zoe["birthday"], "1980-04-12")
expect("folded, escaped note", zoe["notes"], long_note + "\nSecond line; with, punctuation")
expect("unicode name", clients[2]["name"], "李小龍")
expect("quotes", clients[3]["notes"], 'say "hi"')
check = box.run("--clients", toml_path, "--log", os.devnull, "check", today="2026-11-22", text=True)
expect("the output passes check", (check.returncode, check.stdout.strip().endswith("0 errors, 0 warnings")),
       (0, True))
# With that file as the clients file, importing again adds nothing.
again = box.run("--clients", toml_path, "import", "vcard", vcf, text=True)
expect("re-import adds nothing", (again.returncode, again.stdout), (0, ""))
expect("and says so", again.stderr, f"touch: 5 contacts already in {toml_path}, skipped\n")
# A new card with a taken name gets an id that is neither an id nor an alias.
new = os.path.join(tmp, "new.vcf")
with open(new, "w", encoding="utf-8", newline="") as f:
    f.write(card("Dee", "", "Dee", email="dee@example.com"))
    f.write(card("Zoe Unal-Berg", "Unal-Berg", "Zoe", email="zoe3@example.com"))
    f.write(card("Zoë Ünal", "Ünal", "Zoë", email="zoe4@example.com"))
more = box.run("--clients", toml_path, "import", "vcard", new, text=True)
expect("new ids avoid ids and aliases", [c["id"] for c in tomllib.loads(more.stdout)["clients"]],
       ["dee-2", "zoe-unal-berg"])
# A card with a client's name and a new email is that client's, or another
# person's: not a third Zoë Ünal, and said.
expect("a known name with a new email is said, not imported",
       "'Zoë Ünal' looks like client 'zoe-unal' (the same name); not imported" in more.stderr, True)

# Id choice is linear: 20,000 names without Latin letters took 24 s when
# every id counted up from "-2".
many = os.path.join(tmp, "many.vcf")
with open(many, "w", encoding="utf-8") as f:
    f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李小龍\r\nEND:VCARD\r\n" * 20000)
start = time.monotonic()
out = box.run("--clients", os.devnull, "import", "vcard", many, text=True)
seconds = time.monotonic() - start
ids = [c["id"] for c in tomllib.loads(out.stdout)["clients"]]
expect("20,000 ids, unique", (len(ids), len(set(ids)), ids[-1]), (20000, 20000, "client-20000"))
expect("in linear time (seconds < 10)", seconds < 10, True)

box.finish()
