# Sourced by the shell checks: `scrub_environment DIR` gives the rest of the
# script the environment the Python harness (harness.py) gives the binary:
# TZ=UTC, NO_COLOR=1, C.UTF-8, HOME and the XDG folders inside DIR, and no
# TOUCH_* variable or MAKELEVEL (under make every touch is touch(1)'s) from
# the caller. PATH is kept: these checks run the system's own programs
# (cmake, apt-get, man, the shells) as a user would.
scrub_environment() {
    mkdir -p "$1/home"
    for name in $(env | sed -n 's/^\(TOUCH_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
    unset MAKELEVEL
    export TZ=UTC NO_COLOR=1 LC_ALL=C.UTF-8 HOME="$1/home" XDG_CONFIG_HOME="$1/config" \
        XDG_DATA_HOME="$1/data"
}
