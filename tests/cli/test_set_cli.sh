#!/usr/bin/env bash
# nnlab --set NAME=VALUE: settings that cannot work together are refused
# before any window opens (exit 2, one line naming the problem), as
# nnlab-train refuses the same options; good ones start the window.
# $1 = nnlab-train, $2 = nnlab (optional: skipped without it). Run from the source root.
set -u
T=${1:?usage: test_set_cli.sh path/to/nnlab-train [path/to/nnlab]}
N=${2:-}
. "$(dirname "$0")/lib.sh"
[ -n "$N" ] || { echo "ok   (no nnlab: skipped)"; exit 0; }
export XDG_CONFIG_HOME="$dir/cfg"

# nnlab-train's message for the same options, and the window's.
"$T" --data gauss --classes 6 --epochs 1 >/dev/null 2>"$dir/train_err"; rc=$?
check "nnlab-train refuses gauss with 6 classes (rc $rc)" test $rc -eq 2
check "nnlab-train names it" grep -qF "gauss has exactly 2 classes (got 6)" "$dir/train_err"
exit2 "nnlab --set data=gauss --set classes=6" "gauss has exactly 2 classes (got 6)" \
    "$N" --set data=gauss --set classes=6 --frames 2 --screenshot "$dir/x.png"
check "no screenshot for the refused settings" test ! -e "$dir/x.png"
exit2 "nnlab --set samples=2" "samples" "$N" --set samples=2 --frames 2 --screenshot "$dir/y.png"
check "one line on stderr" test "$(wc -l <"$dir/err")" -eq 1

# Settings that go together still open the window.
out=$(timeout 60 "$N" --set data=spiral --set classes=5 --frames 2 --screenshot "$dir/ok.png" 2>&1); rc=$?
check "spiral with 5 classes opens ($rc: $out)" test $rc -eq 0 -a -s "$dir/ok.png"
out=$(timeout 60 "$N" --set data=fashion-small --frames 2 --screenshot "$dir/img.png" 2>&1); rc=$?
check "fashion-small opens ($rc: $out)" test $rc -eq 0 -a -s "$dir/img.png"
exit $fail
