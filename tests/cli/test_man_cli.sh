#!/usr/bin/env bash
# The man pages (dist/man/*.1) against the programs' --help, so neither can
# drift: every option that `nnlab --help`, `nnlab-train --help` and
# `nnlab-train COMMAND --help` list is an item (.TP) of that program's (or
# command's) section of the man page and every option they name is in it
# somewhere, every option the man page lists as an
# item (.TP) is one the program takes, every exit code --help names has an
# item under EXIT STATUS, every command has a section, and groff reads the
# pages without a warning.
# $1 = nnlab-train, $2 = nnlab (optional).
set -u
T=$1 N=${2:-}
MAN=$(cd "$(dirname "$0")/../../dist/man" && pwd)
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi; }

opts() { grep -oE -- '--[a-z][a-z0-9-]*' | sort -u; }
# roff source -> plain text: \- is -, font changes go.
plain() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(aq/'"'"'/g' -e 's/\\&//g'; }
# The lines of a man page from the heading matching $2 to the next heading of
# the same or a higher level (.SH ends an .SS section; .SH ends an .SH one).
section() {
    awk -v start="$2" '
        inside && /^\.SH/ { exit }
        inside && level == "SS" && /^\.SS/ { exit }
        $0 ~ start { inside = 1; level = substr($0, 2, 2); next }
        inside { print }' "$1"
}
# The options a section lists as items: the line after each .TP.
items() { awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' | plain | opts; }
# The exit codes a --help names: the digits of its "Exit codes" paragraph.
exit_codes() {
    sed -n '/^Exit codes/,/^$/p' | grep -oE '(^|[ (,;:])[0-9]([ ,;.)]|$)' | tr -dc '0-9\n' | sort -u
}

# compare PROGRAM-LABEL MANFILE START-REGEX HELP-TEXT (sets of options
# compared with comm: one process per set, not per option, so this stays fast)
compare() {
    local label=$1 page=$2 start=$3 help=$4 src listed items mentioned named o before=$fail
    src=$(section "$page" "$start")
    check "$label: the man page has the section /$start/" test -n "$src"
    # An option --help lists (on a line of its own) is an item (.TP) of the
    # section; one it names in passing is at least mentioned there; an item
    # of the section is an option --help names.
    listed=$(grep -E '^ +--' <<<"$help" | opts)
    named=$(opts <<<"$help")
    items=$(items <<<"$src")
    mentioned=$(plain <<<"$src" | opts)
    for o in $(comm -23 <(echo "$listed") <(echo "$items")); do
        check "$label: $o (listed by --help) is an item of the man page" false
    done
    for o in $(comm -23 <(echo "$named") <(echo "$mentioned")); do
        check "$label: $o (named by --help) is in the man page" false
    done
    for o in $(comm -13 <(echo "$named") <(echo "$items")); do
        [ "$o" = --help ] && continue     # every command takes it, not all list it
        check "$label: $o (man page item) is in --help" false
    done
    [ "$fail" = "$before" ] && echo "ok   $label: the $(wc -w <<<"$listed") options --help lists are the man page's items, and no other"
}

exit_items() { section "$1" '^\.SH "?EXIT STATUS' | awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' | sed -n 's/^\.B \([0-9]\)$/\1/p'; }

for page in "$MAN"/nnlab.1 "$MAN"/nnlab-train.1; do
    warn=$(groff -man -ww -z "$page" 2>&1)
    check "$(basename "$page"): groff -man -ww has no warning${warn:+ ($warn)}" test -z "$warn"
done

# nnlab-train: the training options, then each command's.
help=$("$T" --help)
compare "nnlab-train" "$MAN/nnlab-train.1" '^\.SH OPTIONS' "$help"
all_codes=$(exit_codes <<<"$help")
commands=$("$T" no-such-command 2>&1 | sed -n 's/.*commands are: *\(.*\) (see --help).*/\1/p')
check "nnlab-train lists its commands ($commands)" test -n "$commands"
for c in $commands; do
    [ "$c" = train ] && continue
    help=$("$T" "$c" --help)
    compare "nnlab-train $c" "$MAN/nnlab-train.1" "^\\.SS \"nnlab\\\\\\\\-train $c\"" "$help"
    all_codes+=$'\n'$(exit_codes <<<"$help")
done
documented=$(exit_items "$MAN/nnlab-train.1")
for code in $(sort -u <<<"$all_codes"); do
    check "nnlab-train: exit code $code has an item under EXIT STATUS" grep -qx "$code" <<<"$documented"
done

if [ -n "$N" ] && [ -x "$N" ]; then
    help=$("$N" --help)
    compare "nnlab" "$MAN/nnlab.1" '^\.SH OPTIONS' "$help"
    documented=$(exit_items "$MAN/nnlab.1")
    for code in $(exit_codes <<<"$help"); do
        check "nnlab: exit code $code has an item under EXIT STATUS" grep -qx "$code" <<<"$documented"
    done
fi
exit $fail
