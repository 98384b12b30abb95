#!/bin/bash
# The completion scripts in the real shells, for both ways of installing: the
# program as touch (cmake --install) and as touch-clients (the Debian package),
# with and without `alias touch=touch-clients`. First the candidates, through
# bash's COMP_WORDS/COMPREPLY, fish's `complete -C` and zsh's compinit; then
# each shell for real: an interactive bash, zsh or fish on a pseudo-terminal,
# finding the script where it would be installed and set up as the README
# says, is typed a command line and a TAB, and the line it completed is read
# back.
set -u
binary=$1
examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/pkg" "$work/here" "$work/zdot"
ln -s "$binary" "$work/bin/touch"
ln -s "$binary" "$work/pkg/touch-clients"
: > "$work/here/file.txt"
: > "$work/here/shelf.txt"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/scrubbed.sh"
scrub_environment "$work"
cd "$work/here"
export PATH="$work/bin:/usr/bin:/bin" TOUCH_CLIENTS="$examples/clients.toml" HOME="$work"
failures=0
expect() {  # what, actual, wanted
    if [ "$2" != "$3" ]; then echo "FAIL: $1: got [$2], wanted [$3]"; failures=$((failures + 1)); fi
}

bash_complete() {
    bash -c 'source /usr/share/bash-completion/bash_completion
             source <(touch completion bash)
             COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
             _touch_complete; echo "${COMPREPLY[*]}"' bash "$@"
}
expect "bash: a command" "$(bash_complete touch lo)" "log"
expect "bash: client ids and aliases" "$(bash_complete touch log a)" "acme amos"
expect "bash: channels, custom included" "$(bash_complete touch log acme l)" "lunch"
expect "bash: an option" "$(bash_complete touch due --ch)" "--channel"
expect "bash: an option's value" "$(bash_complete touch due --format j)" "json"
expect "bash: plan offers ics" "$(bash_complete touch plan --format i)" "ics"
expect "bash: files for coreutils' touch" "$(bash_complete touch fi)" "file.txt"
expect "bash: a shell" "$(bash_complete touch completion z)" "zsh"
printf '[people.pat]\n[people.sam]\n[[clients]]\nid = "acme"\nteam = ["sam"]\n' > "$work/team.toml"
expect "bash: --for offers the people" "$(TOUCH_CLIENTS=$work/team.toml bash_complete touch due --for '')" "pat sam"
expect "bash: --for completes a name" "$(TOUCH_CLIENTS=$work/team.toml bash_complete touch remind --for s)" "sam"

# A second client after a comma, a client by a word of its name, and no
# channel the client avoids.
printf '[[clients]]\nid = "weber"\nname = "Zahnarztpraxis Weber"\navoid = ["text"]\n[[clients]]\nid = "acme"\n' > "$work/words.toml"
expect "bash: a second client after a comma" "$(TOUCH_CLIENTS=$work/words.toml bash_complete touch log acme,)" "acme,weber"
expect "bash: a client by a word of its name" "$(TOUCH_CLIENTS=$work/words.toml bash_complete touch log Zahn)" "weber"
expect "bash: not a channel the client avoids" "$(TOUCH_CLIENTS=$work/words.toml bash_complete touch log weber te)" ""
expect "bash: nor one a client of a list avoids" "$(TOUCH_CLIENTS=$work/words.toml bash_complete touch log acme,weber te)" ""
expect "bash: a channel the client does not avoid" "$(TOUCH_CLIENTS=$work/words.toml bash_complete touch log acme te)" "text"

# The man page's bash recipe, run as written, in an interactive bash whose
# ~/.bashrc loads bash-completion (which binds touch to its own _longopt).
recipe_home="$work/home-recipe"
mkdir -p "$recipe_home/.local/share/bash-completion/completions"
echo 'source /usr/share/bash-completion/bash_completion' > "$recipe_home/.bashrc"
man_page="$here/../../man/touch.1"
recipe=$(sed -n '/^touch completion bash >/,/^\.EE/p' "$man_page" | grep -v -e '^\.EE' -e '^touch completion fish' \
             -e '^touch completion zsh' | sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g")
[ -n "$recipe" ] || { echo "FAIL: no bash recipe in $man_page"; failures=$((failures + 1)); }
HOME="$recipe_home" bash -c "$recipe"
bound=$(HOME="$recipe_home" bash --rcfile "$recipe_home/.bashrc" -i -c 'complete -p touch' 2>/dev/null)
expect "bash: the man page's recipe binds touch" "$bound" "complete -o filenames -F _touch_complete touch"
completed=$(HOME="$recipe_home" bash --rcfile "$recipe_home/.bashrc" -i -c \
    'COMP_WORDS=(touch sno); COMP_CWORD=1; _touch_complete; echo "${COMPREPLY[*]}"' 2>/dev/null)
expect "bash: the man page's recipe completes" "$completed" "snooze"

fish_complete() { fish -c 'touch completion fish | source; complete -C $argv[1]' "$1" | tr '\n' ' ' | sed 's/ $//'; }
expect "fish: client ids" "$(fish_complete 'touch show ac')" "acme"
expect "fish: a command" "$(fish_complete 'touch sn')" "snooze"
expect "fish: channels" "$(fish_complete 'touch next v')" "visit"
expect "fish: --for offers the people" "$(TOUCH_CLIENTS=$work/team.toml fish_complete 'touch plan --for p')" "pat"

touch completion zsh > "$work/_touch"
zsh -n "$work/_touch" || { echo "FAIL: zsh -n"; failures=$((failures + 1)); }
loaded=$(ZDOTDIR="$work/zdot" zsh -f -c "autoload -U compinit && compinit -u -d '$work/zdot/dump' && source '$work/_touch' && echo \${+_comps[touch]}" 2>&1)
expect "zsh: compinit registers _touch" "$loaded" "1"

# --- The real shells, interactive, on a pseudo-terminal. -------------------
# type_in SHELL-COMMAND... -- LINE...: each LINE is typed with a TAB, then the
# line is run as `show_line LINE`, which prints GOT[what the line became].
cat > "$work/type_in.py" <<'PY'
import os, pty, re, select, sys, time
split = sys.argv.index("--")
command, lines = sys.argv[1:split], sys.argv[split + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
seen = b""
def read(until=None, quiet=None, limit=10.0):
    """Reads until `until` is in the output, or nothing came for `quiet` seconds."""
    global seen
    end, last = time.time() + limit, time.time()
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            seen += chunk
            last = time.time()
        if until and re.search(until, seen):
            return
        if quiet and time.time() - last > quiet:
            return
read(until=rb"READY>")
time.sleep(0.3)  # a shell may drop what is typed before its line editor starts
for line in lines:
    seen = b""
    os.write(fd, line.encode() + b"\t")
    read(quiet=0.5, limit=5)
    os.write(fd, b"\x01show_line \r")
    read(until=rb"GOT\[[^\]]*\][\s\S]*READY>", limit=5)
    got = re.search(rb"GOT\[([^\]]*)\]", seen)
    print(got.group(1).decode().strip() if got else "(no line)")
os.write(fd, b"\x03")
time.sleep(0.1)
os.write(fd, b"exit\r")
read(quiet=0.3, limit=2)
os.kill(pid, 9)
os.waitpid(pid, 0)
PY

# Homes for each shell and way of installing, the scripts where the shells
# look for them, and the rc files the README describes.
setup_home() {  # name, extra rc lines for bash, zsh, fish
    local home="$work/home-$1"
    mkdir -p "$home/.local/share/bash-completion/completions" "$home/zfunc" \
             "$home/.local/share/fish/vendor_completions.d" "$home/.config/fish"
    cat > "$home/.bashrc" <<RC
source /usr/share/bash-completion/bash_completion
PS1='READY> '
show_line() { printf 'GOT[%s]\\n' "\$*"; }
$2
RC
    cat > "$home/.zshrc" <<RC
# The man page's recipe: the folder before zsh's own, which has a _touch of its own.
fpath=("$home/zfunc" \$fpath)
autoload -U compinit && compinit -u -d "$home/zcompdump"
bindkey -e
PS1='READY> '
show_line() { printf 'GOT[%s]\\n' "\$*"; }
$3
RC
    cat > "$home/.config/fish/config.fish" <<RC
set -g fish_greeting ''
function fish_prompt; echo 'READY> '; end
function show_line; printf 'GOT[%s]\\n' "\$argv"; end
$4
RC
}
# As `cmake --install` puts them: touch, _touch, touch.fish.
setup_home source 'source ~/.local/share/bash-completion/completions/touch' '' ''
touch completion bash > "$work/home-source/.local/share/bash-completion/completions/touch"
touch completion zsh > "$work/home-source/zfunc/_touch"
touch completion fish > "$work/home-source/.local/share/fish/vendor_completions.d/touch.fish"
# As the package puts them: touch-clients, _touch-clients, touch-clients.fish;
# once without the alias and once with it.
for name in package alias; do
    if [ $name = alias ]; then
        setup_home alias 'alias touch=touch-clients
source ~/.local/share/bash-completion/completions/touch-clients' \
            'alias touch=touch-clients' 'alias touch=touch-clients'
    else
        setup_home package '' '' ''
    fi
    touch completion bash > "$work/home-$name/.local/share/bash-completion/completions/touch-clients"
    touch completion zsh > "$work/home-$name/zfunc/_touch-clients"
    touch completion fish > "$work/home-$name/.local/share/fish/vendor_completions.d/touch-clients.fish"
done

# Each shell as the user runs it; PATH has this program as touch (installed
# from source, before coreutils' touch) or as touch-clients (the package).
source_path="$work/bin:/usr/bin:/bin"
package_path="$work/pkg:/usr/bin:/bin"
in_shell() {  # shell, home, PATH, lines...
    local shell=$1 home="$work/home-$2" path=$3
    shift 3
    local -a command=("$shell" -i)
    [ "$shell" = bash ] && command=(bash --rcfile "$home/.bashrc" -i)
    env PATH="$path" HOME="$home" ZDOTDIR="$home" XDG_CONFIG_HOME="$home/.config" \
        XDG_DATA_HOME="$home/.local/share" TERM=xterm \
        python3 "$work/type_in.py" "${command[@]}" -- "$@" | tr '\n' '|' | sed 's/|$//'
}
for shell in bash zsh fish; do
    expect "$shell, installed as touch" \
        "$(in_shell $shell source "$source_path" 'touch sno' 'touch show ac' 'touch fi')" \
        "touch snooze|touch show acme|touch file.txt"
    # Once touch-clients' script is loaded, touch still completes as coreutils'.
    expect "$shell, installed as touch-clients" \
        "$(in_shell $shell package "$package_path" 'touch-clients sno' 'touch-clients show ac' \
                    'touch sh' 'touch --no-c')" \
        "touch-clients snooze|touch-clients show acme|touch shelf.txt|touch --no-create"
    expect "$shell, alias touch=touch-clients" \
        "$(in_shell $shell alias "$package_path" 'touch sno' 'touch show ac' 'touch fi' \
                    'touch-clients log acme lu')" \
        "touch snooze|touch show acme|touch file.txt|touch-clients log acme lunch"
done

echo "completion: $failures failed"
exit $((failures > 0))
