#!/usr/bin/env bash
# Setup files on the command line: nnlab-train --setup FILE (options after it
# override it, options before it are overridden by the keys it names, the
# window's keys are ignored), each kind of bad file names its line and exits 2,
# and nnlab FILE refuses a bad one before opening a window.
# $1 = nnlab-train, $2 = nnlab (optional). Run from the source root.
set -u
T=${1:?usage: test_setup_cli.sh path/to/nnlab-train [path/to/nnlab]}
N=${2:-}
. "$(dirname "$0")/lib.sh"
final() { "$T" "$@" --quiet 2>/dev/null | tail -n 1 | sed 's/ seconds=.*//'; }

S=$dir/demo.setup
cat >"$S" <<'END'
# nnlab setup 1
# a teacher's demo
data = moons
layers = 8,8
act = tanh
lr = 0.05
batch = 16
epochs = 4
seed = 3
view = playground
lesson = lessons/05_l2_regularisation.lesson
lesson-step = 2
END
same_run=$(final --data moons --layers 8,8 --act tanh --lr 0.05 --batch 16 --epochs 4 --seed 3)
check "--setup gives the run of the same options" test "$(final --setup "$S")" = "$same_run"
check "the run has 4 epochs" grep -q '^final epoch=4 ' <<<"$same_run"
over=$(final --setup "$S" --lr 0.5)
check "--setup FILE --lr 0.5 overrides the file" \
    test "$over" = "$(final --data moons --layers 8,8 --act tanh --lr 0.5 --batch 16 --epochs 4 --seed 3)"
check "... and differs from the file's lr" test "$over" != "$same_run"
check "options before --setup are overridden by the file" test "$(final --lr 0.5 --setup "$S")" = "$same_run"
check "a setting the file does not name keeps an earlier option" \
    test "$(final --l2 0.01 --setup "$S")" = "$(final --setup "$S" --l2 0.01)"
# The same CSV columns, rows and values (but the seconds) as the options.
"$T" --setup "$S" --quiet --csv "$dir/a.csv" >/dev/null
"$T" --data moons --layers 8,8 --act tanh --lr 0.05 --batch 16 --epochs 4 --seed 3 --quiet --csv "$dir/b.csv" >/dev/null
check "--setup's CSV equals the options' CSV" \
    cmp -s <(cut -d, -f1-10 "$dir/a.csv") <(cut -d, -f1-10 "$dir/b.csv")
check "CSV header unchanged" test "$(head -n1 "$dir/a.csv")" = \
    "epoch,steps,examples,lr,train_loss,train_acc,dev_loss,dev_acc,test_loss,test_acc,seconds"

# Windows line ends and spaces are fine.
printf '# nnlab setup 1\r\n  lr   =   0.05  \r\ndata=moons\r\nlayers = 8,8\r\nact = tanh\r\nbatch = 16\r\nepochs = 4\r\nseed = 3\r\n' >"$dir/crlf.setup"
check "CRLF and spaces" test "$(final --setup "$dir/crlf.setup")" = "$same_run"

# Each kind of error names the file and its line, exit 2.
printf '# nnlab setup 1\nlr = 0.1\nlrr = 0.2\n' >"$dir/unknown.setup"
exit2 "unknown key" "unknown.setup:3: unknown setting 'lrr' (did you mean 'lr'?)" "$T" --setup "$dir/unknown.setup"
printf '# nnlab setup 1\n\nepochs = many\n' >"$dir/value.setup"
exit2 "bad value" "value.setup:3: epochs expects" "$T" --setup "$dir/value.setup"
printf 'lr = 0.1\n' >"$dir/header.setup"
exit2 "bad header" "header.setup:1: not an nnlab setup (the first line must be '# nnlab setup 1')" \
    "$T" --setup "$dir/header.setup"
printf '# nnlab setup 7\n' >"$dir/newer.setup"
exit2 "newer version" "newer.setup:1: a setup of version 7" "$T" --setup "$dir/newer.setup"
printf '# nnlab setup 1\nlr: 0.1\n' >"$dir/colon.setup"
exit2 "no '='" "colon.setup:2: expected 'name = value', got 'lr: 0.1'" "$T" --setup "$dir/colon.setup"
printf '# nnlab setup 1\nlesson-step = -1\n' >"$dir/step.setup"
exit2 "bad lesson-step" "step.setup:2: lesson-step expects" "$T" --setup "$dir/step.setup"
exit2 "a directory" "$dir: cannot open: it is a directory" "$T" --setup "$dir"
exit2 "a missing file" "nope.setup: cannot open: no such file" "$T" --setup "$dir/nope.setup"
exit2 "no value" "--setup needs a value" "$T" --setup
head -c 3000 /dev/urandom >"$dir/random.setup"
timeout 20 "$T" --setup "$dir/random.setup" >/dev/null 2>&1
check "random bytes: exit 2" test $? -eq 2
check "--help documents --setup" bash -c "'$T' --help | grep -q -- '--setup FILE'"

if [ -n "$N" ]; then
    exit2 "nnlab FILE with a bad line" "unknown.setup:3: unknown setting 'lrr'" "$N" "$dir/unknown.setup"
    printf '# nnlab setup 1\nview = nosuch\n' >"$dir/view.setup"
    exit2 "nnlab FILE with an unknown view" "view.setup:2: no view 'nosuch'" "$N" "$dir/view.setup"
    exit2 "nnlab missing FILE" "nope.setup: cannot open: no such file" "$N" "$dir/nope.setup"
    out=$(cd "$dir" && timeout 60 "$N" "$S" --frames 2 --screenshot shot.png 2>&1); rc=$?
    check "nnlab FILE opens a good setup ($rc: $out)" test $rc -eq 0 -a -s "$dir/shot.png"
    check "nnlab --help documents SETUP" bash -c "'$N' --help | grep -q 'SETUP'"
fi
exit $fail
