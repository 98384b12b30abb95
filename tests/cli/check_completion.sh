#!/bin/bash
# The completion scripts in the real shells: bash with bash-completion
# (COMP_WORDS/COMPREPLY), fish with `complete -C`, zsh loading the script
# (zsh -n, then compinit in a scratch ZDOTDIR).
set -u
binary=$1
examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/here" "$work/zdot"
ln -s "$binary" "$work/bin/touch"
: > "$work/here/file.txt"
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

fish_complete() { fish -c 'touch completion fish | source; complete -C $argv[1]' "$1" | tr '\n' ' ' | sed 's/ $//'; }
expect "fish: client ids" "$(fish_complete 'touch show ac')" "acme"
expect "fish: a command" "$(fish_complete 'touch sn')" "snooze"
expect "fish: channels" "$(fish_complete 'touch next v')" "visit"

touch completion zsh > "$work/_touch"
zsh -n "$work/_touch" || { echo "FAIL: zsh -n"; failures=$((failures + 1)); }
loaded=$(ZDOTDIR="$work/zdot" zsh -f -c "autoload -U compinit && compinit -u -d '$work/zdot/dump' && source '$work/_touch' && echo \${+_comps[touch]}" 2>&1)
expect "zsh: compinit registers _touch" "$loaded" "1"

echo "completion: $failures failed"
exit $((failures > 0))
