#!/bin/sh
# The binary's own C++ runtime (TOUCH_STATIC_CXX_RUNTIME): every command
# starts without the shared libstdc++, libgcc_s and date's tz library; and
# the binary exports none of its runtime's symbols, so that the modules,
# which bring the shared libstdc++, throw, catch and unwind with that one
# alone. (A sanitizer's runtime exports an interceptor of __cxa_throw: built
# so, a module's exception went through the binary's copy and ended the
# process with SIGABRT, which is why the option is off with the sanitizers.)
set -eu
touch=$1
loaded=$(LD_TRACE_LOADED_OBJECTS=1 "$touch")
case "$loaded" in *libc.so*) ;; *) echo "no libc in: $loaded"; exit 1 ;; esac
if printf '%s\n' "$loaded" | grep -E 'libstdc|libgcc_s|libdate'; then
    echo "loaded at start: a shared C++ library"; exit 1
fi
exported=$(nm -D --defined-only "$touch" | grep -E ' (__cxa_|_Unwind_|__gxx_|_ZN?K?St)' || true)
[ -z "$exported" ] || { echo "the binary exports its C++ runtime's symbols:"; echo "$exported"; exit 1; }
echo "started without the shared C++ runtime, exporting none of its own"
