#!/usr/bin/env bash
# nnlab-train --feature-scale: documented in --help and the README, bad values
# exit 2 with one line naming the option and the value, and the behaviour
# the normalising-inputs lesson relies on. $1 = path to nnlab-train.
set -u
T=${1:?usage: test_feature_scale_cli.sh path/to/nnlab-train}
fail=0
check() { # check "what" command...
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }

check "--help lists --feature-scale F1,F2" grep -Eq '^  --feature-scale F1,F2 +Multiply each input feature' <("$T" --help)
check "README's options table lists --feature-scale" grep -q -- '--feature-scale F1,F2' README.md

bad() { # bad "expected text" args...
    local want=$1; shift
    local err; err=$("$T" "$@" 2>&1 >/dev/null); local rc=$?
    check "exit 2 for: $* ($err)" test $rc -eq 2
    check "message names '$want'" grep -qF -- "$want" <<<"$err"
    check "message is one line" test "$(wc -l <<<"$err")" -eq 1
}
for v in abc 0 -1 1,0 1,-50 1,inf nan,1 1e7 1,50,3 1, 0x10,1; do
    bad "--feature-scale expects one factor per input feature" --data moons --feature-scale "$v" --epochs 1
    bad "got '$v'" --data moons --feature-scale "$v" --epochs 1
done
bad "--feature-scale needs a value" --data moons --feature-scale
bad "--feature-scale 50 gives 1 factor but moons has 2 input features" --data moons --feature-scale 50 --epochs 1
bad "--feature-scale 1,50 gives 2 factors but sine has 1 input feature" --data sine --feature-scale 1,50 --epochs 1
bad "--feature-scale 1,50 applies to the synthetic data sets" --data fashion-small --feature-scale 1,50 --epochs 1

# moons, 8 hidden neurons, lr 1, 50 epochs: fits; the second input x50 makes
# the same rate diverge (exit 3); normalised, the same rate fits again.
run="--data moons --layers 8 --lr 1 --epochs 50 --quiet"
f=$("$T" $run); rc=$?
check "unscaled at lr 1: exit 0, train_acc >= 0.95 ($(field train_acc "$f"))" ge "$(field train_acc "$f")" 0.95
err=$("$T" $run --feature-scale 1,50 2>&1 >/dev/null); rc=$?
check "x50 at lr 1 diverges: exit 3 ($err)" test $rc -eq 3
f=$("$T" $run --feature-scale 1,50 --normalize); rc=$?
check "x50 normalised at lr 1: exit 0 ($rc)" test $rc -eq 0
check "x50 normalised at lr 1: train_acc >= 0.95 ($(field train_acc "$f"))" ge "$(field train_acc "$f")" 0.95
exit $fail
