#!/bin/sh
# `cmake --install` into a DESTDIR: today's /usr/local layout with the program
# as bin/touch, none of the Debian package's files, and the installed binary
# runs on the installed examples.
set -eu
build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
DESTDIR="$dest" cmake --install "$build" --prefix /usr/local > /dev/null
for f in bin/touch share/man/man1/touch.1 share/man/man5/touch.5 \
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
out=$(env -i PATH=/usr/bin:/bin TZ=UTC "$dest/usr/local/bin/touch" \
      --clients "$dest/usr/local/share/doc/touch/examples/clients.toml" --today 2026-11-22 next)
case "$out" in
    *"Cedar Dental"*) echo "installed binary runs: $out" ;;
    *) echo "unexpected output: $out"; exit 1 ;;
esac
