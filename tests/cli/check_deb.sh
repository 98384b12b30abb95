#!/bin/sh
# The Debian package as a system meets it: cpack builds it from a built tree,
# lintian finds no error in it, apt-get installs it, touch-clients runs on the
# installed examples exactly as the built touch does, coreutils' touch and its
# man page are still what `touch` means, and a purge leaves nothing of it.
# It installs a system package, so it needs root and is not part of ctest;
# .ci/run runs it after the test suite.
#   usage: tests/cli/check_deb.sh BUILD-DIR
set -eu
build=$(cd "${1:?usage: check_deb.sh BUILD-DIR}" && pwd)
source=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
installed=no
cleanup() {  # a check that stops half-way still leaves the system as it was
    [ $installed = yes ] && apt-get purge -y touch-clients > /dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

[ "$(id -u)" -eq 0 ] || { echo "check_deb.sh installs a package: run it as root"; exit 2; }
if dpkg -s touch-clients > /dev/null 2>&1; then
    echo "touch-clients is already installed; purge it first"
    exit 2
fi

# Build the package.
rm -f "$build"/touch-clients_*.deb
(cd "$build" && cpack > "$work/cpack.out" 2>&1) || { cat "$work/cpack.out"; exit 1; }
set -- "$build"/touch-clients_*.deb
[ $# -eq 1 ] && [ -f "$1" ] || { echo "cpack made no touch-clients_*.deb"; exit 1; }
deb=$1
echo "built ${deb##*/}"

# lintian: no error. The one warning it gives, initial-upload-closes-no-bugs,
# asks the first upload to Debian to close its ITP bug; no such bug exists.
status=0
lintian --info "$deb" > "$work/lintian" 2>&1 || status=$?
grep -v '^N:' "$work/lintian" | grep -v 'root privileges' || true
if [ $status -gt 1 ]; then
    fail "lintian did not run (status $status)"
elif [ $status -eq 1 ] || grep -q '^E:' "$work/lintian"; then
    fail "lintian reports errors"
else
    pass "lintian: no errors"
fi
unexpected=$(grep '^W:' "$work/lintian" | grep -v ' initial-upload-closes-no-bugs ' || true)
[ -z "$unexpected" ] && pass "lintian: no warning but initial-upload-closes-no-bugs" ||
    fail "lintian warns: $unexpected"

# Nothing under /usr/local, nothing that is coreutils'.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' > "$work/contents"
if grep -q '^/usr/local' "$work/contents"; then fail "files under /usr/local"; else pass "nothing under /usr/local"; fi
for path in $(dpkg -L coreutils); do
    if [ -f "$path" ] && grep -qxF "$path" "$work/contents"; then fail "the package holds coreutils' $path"; fi
done
for path in /usr/bin/touch-clients /usr/share/man/man1/touch-clients.1.gz \
            /usr/share/man/man5/touch-clients.5.gz /usr/share/doc/touch-clients/copyright \
            /usr/share/doc/touch-clients/changelog.Debian.gz \
            /usr/share/doc/touch-clients/examples/clients.toml \
            /usr/share/doc/touch-clients/examples/touch.log \
            /usr/lib/touch/touch-readers.so /usr/lib/touch/touch-calendar.so /usr/lib/touch/touch-zone.so \
            /usr/share/bash-completion/completions/touch-clients \
            /usr/share/zsh/vendor-completions/_touch-clients \
            /usr/share/fish/vendor_completions.d/touch-clients.fish; do
    grep -qxF "$path" "$work/contents" || fail "the package lacks $path"
done

# Install it the way the README does.
installed=yes
DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" > "$work/apt" 2>&1 ||
    { cat "$work/apt"; fail "apt-get install"; echo "deb: $failures failed"; exit 1; }
pass "apt-get install ./${deb##*/}"
dpkg -L touch-clients > "$work/installed"

# The installed program on the installed examples, as the built one on the
# source's: the same output whichever name it runs under.
. "$source/tests/cli/scrubbed.sh"
scrub_environment "$work/run"
/usr/bin/touch-clients --clients /usr/share/doc/touch-clients/examples/clients.toml \
    --today 2026-11-22 due > "$work/due.installed" 2>&1 || fail "touch-clients due exited $?"
"$build/touch" --clients "$source/examples/clients.toml" --today 2026-11-22 due > "$work/due.built" 2>&1
if cmp -s "$work/due.installed" "$work/due.built" && grep -q 'Cedar Dental' "$work/due.installed"; then
    pass "touch-clients due: $(head -n 1 "$work/due.installed")"
else
    fail "touch-clients due differs from the built touch:"; diff "$work/due.built" "$work/due.installed" || true
fi
# import calls opens the readers' module from /usr/lib/touch: a call log with
# no calls in it imports nothing, and says nothing is missing.
printf 'date,number,direction,duration\n' > "$work/calls.csv"
if out=$(touch-clients --clients /usr/share/doc/touch-clients/examples/clients.toml \
         --log "$work/calls.log" --today 2026-11-22 import calls "$work/calls.csv" 2>&1); then
    pass "touch-clients import calls: the readers' module loads"
else
    fail "touch-clients import calls: $out"
fi
# import ics opens the calendar module from /usr/lib/touch likewise.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' > "$work/empty.ics"
if out=$(touch-clients --clients /usr/share/doc/touch-clients/examples/clients.toml \
         --log "$work/calls.log" --today 2026-11-22 import ics "$work/empty.ics" 2>&1); then
    pass "touch-clients import ics: the calendar module loads"
else
    fail "touch-clients import ics: $out"
fi
# A time zone opens the zone module from /usr/lib/touch likewise.
printf '[settings]\ntimezone = "Asia/Tokyo"\n[[clients]]\nid = "acme"\n' > "$work/zoned.toml"
if out=$(touch-clients --clients "$work/zoned.toml" --log "$work/calls.log" due 2>&1); then
    pass "touch-clients with settings.timezone: the zone module loads"
else
    fail "touch-clients with settings.timezone: $out"
fi
# Errors read as the spec says, whatever the name.
err=$(touch-clients --clients /usr/share/doc/touch-clients/examples/clients.toml --today 2026-13-40 due 2>&1 >/dev/null || true)
case "$err" in "touch: "*) pass "an error under touch-clients: $err" ;; *) fail "error reads [$err]" ;; esac
# Anything that is not one of its commands still goes to coreutils.
touch-clients "$work/made-by-coreutils" && [ -f "$work/made-by-coreutils" ] &&
    pass "touch-clients FILE is coreutils' touch FILE" || fail "touch-clients FILE made no file"

# `touch` is still coreutils', on PATH and in man.
[ "$(sh -c 'command -v touch')" = /usr/bin/touch ] && pass "command -v touch: /usr/bin/touch" ||
    fail "command -v touch: $(sh -c 'command -v touch')"
# (dpkg names it /bin/touch where /bin is a link to /usr/bin)
owner=$(dpkg -S /usr/bin/touch /bin/touch 2>/dev/null | cut -d: -f1 | sort -u)
if [ "$owner" = coreutils ] && [ -z "$(dpkg --verify coreutils)" ]; then
    pass "/usr/bin/touch is coreutils', and coreutils' files are as it shipped them"
else
    fail "/usr/bin/touch belongs to [$owner]; dpkg --verify coreutils: $(dpkg --verify coreutils)"
fi
[ -z "$(dpkg-divert --list '*touch*')" ] || fail "a diversion: $(dpkg-divert --list '*touch*')"
page=$(man -w touch)
case "$page" in */man1/touch.1*) [ "$(dpkg -S "$page" | cut -d: -f1)" = coreutils ] ;; *) false ;; esac &&
    pass "man -w touch: $page (coreutils)" || fail "man -w touch: $page"
[ "$(man -w touch-clients)" = /usr/share/man/man1/touch-clients.1.gz ] &&
    [ "$(man -w 5 touch-clients)" = /usr/share/man/man5/touch-clients.5.gz ] &&
    pass "man -w touch-clients: its own pages" || fail "man -w touch-clients: $(man -w touch-clients)"

# The alias the README suggests, in an interactive shell, and a script beside it.
out=$(bash --norc -i -c 'alias touch=touch-clients
touch --clients /usr/share/doc/touch-clients/examples/clients.toml --today 2026-11-22 next' 2>/dev/null)
case "$out" in *"Cedar Dental"*) pass "alias touch=touch-clients: touch next" ;; *) fail "alias: [$out]" ;; esac
(cd "$work" && sh -c 'touch next') && [ -f "$work/next" ] &&
    pass "a script's touch next is coreutils' (made a file)" || fail "a script's touch next"

# Purge: nothing it installed is left (a folder may stay when another package owns it).
apt-get purge -y touch-clients > "$work/apt" 2>&1 || { cat "$work/apt"; fail "apt-get purge"; }
installed=no
left=0
while IFS= read -r path; do
    [ "$path" = /. ] && continue
    if [ -d "$path" ] && [ ! -L "$path" ]; then
        dpkg -S "$path" > /dev/null 2>&1 && continue
    fi
    if [ -e "$path" ] || [ -L "$path" ]; then fail "left after purge: $path"; left=$((left + 1)); fi
done < "$work/installed"
if [ $left -eq 0 ]; then pass "purged: none of its $(wc -l < "$work/installed") paths left behind"; fi
if dpkg -s touch-clients > /dev/null 2>&1; then fail "dpkg still knows touch-clients"; fi

echo "deb: $failures failed"
exit $((failures > 0))
