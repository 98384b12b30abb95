#!/bin/sh
# `cmake --install` into a DESTDIR: today's /usr/local layout with the program
# as bin/touch, none of the Debian package's files, and the installed binary
# runs on the installed examples.
set -eu
build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
DESTDIR="$dest" cmake --install "$build" --prefix /usr/local > /dev/null
for f in bin/touch lib/touch/touch-readers.so lib/touch/touch-calendar.so lib/touch/touch-zone.so \
         share/man/man1/touch.1 share/man/man5/touch.5 \
         share/doc/touch/examples/clients.toml share/doc/touch/examples/touch.log \
         share/bash-completion/completions/touch share/zsh/site-functions/_touch \
         share/fish/vendor_completions.d/touch.fish; do
    test -e "$dest/usr/local/$f" || { echo "not installed: $f"; exit 1; }
done
# The Debian package's files (component "deb") are not part of this install.
extra=$(find "$dest" -name '*touch-clients*' -o -name copyright -o -name 'changelog*')
[ -z "$extra" ] || { echo "installed from the package's layout: $extra"; exit 1; }
test -z "$(find "$dest" -path "$dest/usr/local" -prune -o -type f -print)" ||
    { echo "installed outside /usr/local"; exit 1; }
. "$(dirname "$0")/scrubbed.sh"
scrub_environment "$dest/run"
out=$("$dest/usr/local/bin/touch" \
      --clients "$dest/usr/local/share/doc/touch/examples/clients.toml" --today 2026-11-22 next)
case "$out" in
    *"Cedar Dental"*) echo "installed binary runs: $out" ;;
    *) echo "unexpected output: $out"; exit 1 ;;
esac
# import calls finds the readers' module in ../lib/touch, from wherever it runs.
printf 'date,number,direction,duration\n' > "$dest/calls.csv"
(cd / && "$dest/usr/local/bin/touch" --clients "$dest/usr/local/share/doc/touch/examples/clients.toml" \
    --log "$dest/calls.log" --today 2026-11-22 import calls "$dest/calls.csv") ||
    { echo "installed binary: import calls failed"; exit 1; }
# A zone configured: the zone module from ../lib/touch likewise.
printf '[settings]\ntimezone = "Asia/Tokyo"\n[[clients]]\nid = "acme"\n' > "$dest/zoned.toml"
(cd / && "$dest/usr/local/bin/touch" --clients "$dest/zoned.toml" --log "$dest/calls.log" due) ||
    { echo "installed binary: settings.timezone failed"; exit 1; }
# Under the package's name, touch-clients, it behaves the same: the same
# output, messages that begin `touch: `, and what is not its own handed on to
# coreutils' touch, with a copy of itself first on PATH.
ln -s "$dest/usr/local/bin/touch" "$dest/touch-clients"
same=$("$dest/touch-clients" \
       --clients "$dest/usr/local/share/doc/touch/examples/clients.toml" --today 2026-11-22 next)
[ "$same" = "$out" ] || { echo "as touch-clients: $same"; exit 1; }
err=$("$dest/touch-clients" --today someday next 2>&1 >/dev/null || true)
case "$err" in "touch: "*) ;; *) echo "as touch-clients, an error reads: $err"; exit 1 ;; esac
PATH="$dest/usr/local/bin:/usr/bin:/bin" "$dest/touch-clients" "$dest/made-by-coreutils"
test -f "$dest/made-by-coreutils" || { echo "touch-clients FILE made no file"; exit 1; }
echo "as touch-clients: the same, and FILE goes to coreutils' touch"
