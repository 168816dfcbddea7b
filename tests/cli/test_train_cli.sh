#!/usr/bin/env bash
# The nnlab-train contract: CSV header, final line, exit codes, determinism,
# and the accuracies the foundation issue names. $1 = path to nnlab-train.
set -u
T=${1:?usage: test_train_cli.sh path/to/nnlab-train}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() { # check "what" command...
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
field() { # field NAME "final line"
    sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

header='epoch,steps,examples,lr,train_loss,train_acc,dev_loss,dev_acc,test_loss,test_acc,seconds'

# The issue's reference run: spiral, 3 classes, 32-32 ReLU, He, SGD 0.1, batch 32, 300 epochs.
out=$("$T" --data spiral --classes 3 --layers 32,32 --act relu --init he --opt sgd --lr 0.1 \
          --batch 32 --epochs 300 --seed 1 --csv "$dir/a.csv"); rc=$?
final=$(tail -n 1 <<<"$out")
check "reference run exits 0" test $rc -eq 0
check "final line format" grep -Eq '^final epoch=300 train_loss=[0-9.]+ train_acc=[0-9.]+ dev_loss=[0-9.]+ dev_acc=[0-9.]+ test_acc=[0-9.]+ seconds=[0-9.]+ train_eval=all$' <<<"$final"
check "spiral dev_acc >= 0.95 ($(field dev_acc "$final"))" ge "$(field dev_acc "$final")" 0.95
check "CSV header exact" test "$(head -n 1 "$dir/a.csv")" = "$header"
check "CSV has rows 0..300" test "$(wc -l < "$dir/a.csv")" -eq 302
check "CSV row 300 counts steps and examples" grep -q '^300,3600,108000,0.1,' "$dir/a.csv"
check "no temporary CSV left" test ! -e "$dir/a.csv.tmp"

# Determinism: same seed => same CSV apart from the seconds column; another seed differs.
"$T" --data spiral --classes 3 --layers 32,32 --lr 0.1 --batch 32 --epochs 300 --seed 1 --quiet --csv "$dir/b.csv" >/dev/null
"$T" --data spiral --classes 3 --layers 32,32 --lr 0.1 --batch 32 --epochs 300 --seed 2 --quiet --csv "$dir/c.csv" >/dev/null
check "same seed, same CSV" cmp -s <(cut -d, -f1-10 "$dir/a.csv") <(cut -d, -f1-10 "$dir/b.csv")
differ() { ! cmp -s "$1" "$2"; }
check "another seed, another CSV" differ <(cut -d, -f1-10 "$dir/a.csv") <(cut -d, -f1-10 "$dir/c.csv")

# Small nets on xor and circle; the linear model underfits the spiral.
for d in xor circle; do
    f=$("$T" --data $d --layers 8,8 --epochs 200 --quiet)
    check "$d dev_acc >= 0.95 ($(field dev_acc "$f"))" ge "$(field dev_acc "$f")" 0.95
done
f=$("$T" --data spiral --layers none --epochs 300 --quiet)
check "spiral with --layers none stays below 0.6 ($(field dev_acc "$f"))" lt "$(field dev_acc "$f")" 0.6
check "--quiet prints only the final line" test "$(wc -l <<<"$f")" -eq 1

# Regression: accuracy cells are empty.
"$T" --data sine --epochs 3 --quiet --csv "$dir/s.csv" >/dev/null
check "regression CSV has empty accuracy cells" grep -Eq '^3,[0-9]+,[0-9]+,[0-9.e-]+,[0-9.]+,,[0-9.]+,,[0-9.]+,,' "$dir/s.csv"

# Bad usage: exit 2 and one line naming the option.
bad() { # bad "expected text" args...
    local want=$1; shift
    local err; err=$("$T" "$@" 2>&1 >/dev/null); local rc=$?
    check "exit 2 for: $* ($err)" test $rc -eq 2
    check "message names '$want'" grep -q -- "$want" <<<"$err"
    check "message is one line" test "$(wc -l <<<"$err")" -eq 1
}
bad "--lr" --lr abc
bad "--batch" --batch 0
bad "--layers" --layers 3,,4
bad "--frobnicate" --frobnicate
bad "--epochs" --epochs
bad "--data" --data mnistx
bad "--split" --split 0.9,0.2,0.2
bad "--csv" --epochs 1 --csv /nonexistent/dir/x.csv

# Divergence: exit 3 and the message says epoch and step.
err=$("$T" --data sine --lr 10000 --epochs 50 --batch 8 2>&1 >/dev/null); rc=$?
check "diverged run exits 3" test $rc -eq 3
check "divergence message says epoch and step ($err)" grep -q 'diverged at epoch [0-9]*, step [0-9]*' <<<"$err"

# The CSV's lr is the rate used during epoch E (row E; row 0 the first epoch's):
# inverse decay, lr0 = 1, k = 0.2: epoch E uses 1 / (1 + 0.2 (E - 1)).
"$T" --data moons --samples 100 --layers 4 --lr 1 --decay inverse --decay-rate 0.2 --epochs 10 --seed 1 \
     --quiet --csv "$dir/decay.csv" >/dev/null
lr_row() { awk -F, -v e="$1" '$1 == e { print $4 }' "$dir/decay.csv"; }
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d < 1e-5 && d > -1e-5) }'; }
check "CSV lr row 0 = the first epoch's, 1 ($(lr_row 0))" near "$(lr_row 0)" 1
check "CSV lr row 1 = epoch 1's, 1 ($(lr_row 1))" near "$(lr_row 1)" 1
check "CSV lr row 2 = 1/1.2 ($(lr_row 2))" near "$(lr_row 2)" 0.8333333
check "CSV lr row 10 = 1/2.8 ($(lr_row 10))" near "$(lr_row 10)" 0.3571429

# --layer-stats: the saturated fraction is the last column; a sigmoid layer
# with tiny weights sits at 0.5 (none saturated), a dense layer has none.
"$T" --data moons --samples 100 --layers 4,4 --act sigmoid --init small --epochs 1 --seed 1 \
     --quiet --layer-stats "$dir/stats.csv" >/dev/null
check "--layer-stats header ends with saturated" grep -qx 'epoch,layer,act_mean,act_std,grad_norm,weight_norm,grad_ratio,name,saturated' <(head -1 "$dir/stats.csv")
check "--layer-stats: the sigmoid layer's saturated fraction is 0" grep -qx '1,1,0\.[45][0-9]*,.*,sigmoid,0' "$dir/stats.csv"
# a sigmoid network with He weights on inputs scaled up saturates
"$T" --data moons --samples 100 --layers 4 --act sigmoid --init he --feature-scale 50,50 --epochs 1 --seed 1 \
     --quiet --layer-stats "$dir/sat.csv" >/dev/null
sat=$(awk -F, '$8 == "sigmoid" { print $9 }' "$dir/sat.csv")
check "--layer-stats: a sigmoid fed large inputs is mostly saturated ($sat)" ge "$sat" 0.5

check "--help documents the CSV header" grep -q "$header" <("$T" --help)
exit $fail
