#!/usr/bin/env bash
# nnlab-train --train-eval (issue 15): the training-set figures from all
# examples, a fixed seeded sample, or the epoch's running average. Bad values
# are one message and exit 2; the default is the whole set on sets up to
# 10,000 examples (the CSV of moons, spiral and fashion-small is that of
# --train-eval all, bit for bit) and running on larger ones (the CSV of
# --train-eval running, row 0 that of the sample of 10,000); a sample gives
# figures over exactly that many examples, the same run after run, and
# changes nothing else; the row-0 progress line and the final line say
# which. $1 = path to nnlab-train.
set -u
T=${1:?usage: test_train_eval_cli.sh path/to/nnlab-train}
. "$(dirname "$0")/lib.sh"

msg() { echo "nnlab-train: --train-eval expects a number of training examples from 1 to 100000000, 'all', 'running' or 'auto' (all up to 10000, else running), got '$1'"; }
for bad in 0 -5 -3 runing abc "" 1.5 100000001; do
    exit2 "--train-eval '$bad'" "$(msg "$bad")" "$T" --train-eval "$bad" --epochs 1
    check "--train-eval '$bad': one line" test "$(wc -l < "$dir/err")" -eq 1
done
exit2 "--train-eval without a value" "--train-eval needs a value" "$T" --epochs 1 --train-eval
check "--help documents --train-eval" grep -q -- "--train-eval N|all|running|auto" <<<"$("$T" --help)"
check "--help documents the final line's train_eval" grep -q "train_eval=all|N|running" <<<"$("$T" --help)"

FINAL='^final epoch=[0-9]+ train_loss=[0-9.]+ train_acc=[0-9.]+ dev_loss=[0-9.]+ dev_acc=[0-9.]+ test_acc=[0-9.]+ seconds=[0-9.]+ train_eval='
cut10() { cut -d, -f1-10 "$1"; }

# The default on small sets is the whole set: the same CSV as 'all'.
cnn=(--data fashion-small --layers c8k3,p2,32 --opt adam --lr 0.002 --batch 64 --seed 4)
for set in "--data moons --epochs 20" "--data spiral --epochs 20 --l2 0.01" "${cnn[*]} --epochs 2"; do
    # shellcheck disable=SC2086
    out=$("$T" $set --csv "$dir/default.csv"); rc=$?
    # shellcheck disable=SC2086
    "$T" $set --train-eval all --quiet --csv "$dir/all.csv" >/dev/null
    check "$set: exit 0 ($rc)" test $rc -eq 0
    check "$set: default = --train-eval all, bit for bit" cmp -s <(cut10 "$dir/default.csv") <(cut10 "$dir/all.csv")
    check "$set: final line ends in train_eval=all" grep -Eq "${FINAL}all\$" <<<"$(tail -n 1 <<<"$out")"
    check "$set: row 0 says train_eval all" grep -Eq '^epoch +0 .*  train_eval all$' <<<"$out"
    check "$set: later rows do not repeat it" test "$(grep -c train_eval <<<"$out")" -eq 2
done

# A sample of 300 of fashion-small's 1,667 training images.
"$T" "${cnn[@]}" --epochs 2 --train-eval all --quiet --csv "$dir/all.csv" >/dev/null
out=$("$T" "${cnn[@]}" --epochs 2 --train-eval 300 --csv "$dir/s1.csv"); rc=$?
"$T" "${cnn[@]}" --epochs 2 --train-eval 300 --quiet --csv "$dir/s2.csv" >/dev/null
check "sample: exit 0 ($rc)" test $rc -eq 0
check "sample: final line ends in train_eval=300" grep -Eq "${FINAL}300\$" <<<"$(tail -n 1 <<<"$out")"
check "sample: row 0 says train_eval 300 of 1667" grep -Eq '^epoch +0 .*  train_eval 300 of 1667$' <<<"$out"
check "sample: the same CSV run after run" cmp -s <(cut10 "$dir/s1.csv") <(cut10 "$dir/s2.csv")
check "sample: steps, lr, dev and test as with all (training untouched)" \
      cmp -s <(cut -d, -f1-4,7-10 "$dir/s1.csv") <(cut -d, -f1-4,7-10 "$dir/all.csv")
check "sample: its train_loss differs from the whole set's" \
      awk -F, 'NR == FNR { l[FNR] = $5; next } FNR > 1 && l[FNR] == $5 { same = 1 } END { exit same }' \
      "$dir/all.csv" "$dir/s1.csv"
# Accuracy over 300 examples is a multiple of 1/300; over 1,667 it is mostly not.
mult() { awk -F, -v n="$2" 'NR > 1 { k = $6 * n; if ((k - int(k + 0.5))^2 > 1e-6) bad = 1 } END { exit bad }' "$1"; }
check "sample: train_acc is right/300 in every row" mult "$dir/s1.csv" 300
notmult() { ! mult "$@"; }
check "whole set: train_acc is not right/300" notmult "$dir/all.csv" 300
check "whole set: train_acc is right/1667 in every row" mult "$dir/all.csv" 1667

# A sample at least as large as the set is the whole set, and says so.
out=$("$T" "${cnn[@]}" --epochs 2 --train-eval 5000 --csv "$dir/big.csv")
check "--train-eval 5000 > 1667 images: the whole set" cmp -s <(cut10 "$dir/big.csv") <(cut10 "$dir/all.csv")
check "--train-eval 5000: final line says train_eval=all" grep -Eq "${FINAL}all\$" <<<"$(tail -n 1 <<<"$out")"

# The running average: auto on a set larger than 10,000 (moons, 12,000
# training examples), or asked for. Row 0 is the sample of 10,000's.
big=(--data moons --samples 20000 --epochs 2 --layers 16)
out=$("$T" "${big[@]}" --csv "$dir/auto.csv"); rc=$?
"$T" "${big[@]}" --train-eval running --quiet --csv "$dir/run.csv" >/dev/null
"$T" "${big[@]}" --train-eval 10000 --quiet --csv "$dir/s.csv" >/dev/null
check "running: exit 0 ($rc)" test $rc -eq 0
check "running: final line ends in train_eval=running" grep -Eq "${FINAL}running\$" <<<"$(tail -n 1 <<<"$out")"
check "running: row 0 says train_eval running (row 0: 10000 of 12000)" \
      grep -Eq '^epoch +0 .*  train_eval running \(row 0: 10000 of 12000\)$' <<<"$out"
check "running: later rows do not repeat it" test "$(grep -c train_eval <<<"$out")" -eq 2
check "running: auto on 12,000 = --train-eval running, bit for bit" cmp -s <(cut10 "$dir/auto.csv") <(cut10 "$dir/run.csv")
check "running: row 0 = the sample of 10,000's" cmp -s <(sed -n 2p "$dir/run.csv" | cut -d, -f1-10) <(sed -n 2p "$dir/s.csv" | cut -d, -f1-10)
check "running: steps, lr, dev and test as with the sample (training untouched)" \
      cmp -s <(cut -d, -f1-4,7-10 "$dir/run.csv") <(cut -d, -f1-4,7-10 "$dir/s.csv")
check "running: epochs 1 and 2 differ from the sample's" \
      awk -F, 'NR == FNR { l[FNR] = $5; a[FNR] = $6; next } FNR > 2 && (l[FNR] == $5 || a[FNR] == $6) { same = 1 } END { exit same }' \
      "$dir/s.csv" "$dir/run.csv"
# Asked for on a small set: row 0 is the whole set's, and the line says so.
out=$("$T" --data moons --epochs 2 --train-eval running --csv "$dir/run.csv"); rc=$?
"$T" --data moons --epochs 2 --train-eval all --quiet --csv "$dir/all.csv" >/dev/null
check "running on 360: exit 0 ($rc), final line ends in train_eval=running" grep -Eq "${FINAL}running\$" <<<"$(tail -n 1 <<<"$out")"
check "running on 360: row 0 says train_eval running (row 0: all)" grep -Eq '^epoch +0 .*  train_eval running \(row 0: all\)$' <<<"$out"
check "running on 360: row 0 = all's" cmp -s <(sed -n 2p "$dir/run.csv" | cut -d, -f1-10) <(sed -n 2p "$dir/all.csv" | cut -d, -f1-10)
# Every row's accuracy is a count of right answers over the 360 examples.
check "running on 360: train_acc is right/360 in every row" mult "$dir/run.csv" 360
out=$("$T" --data sine --epochs 2 --train-eval running)
check "regression: row 0 says train_eval running (row 0: all)" grep -Eq '^epoch +0 .*train_mse.*  train_eval running \(row 0: all\)$' <<<"$out"
check "regression: final line ends in train_eval=running" grep -Eq 'train_acc= .*train_eval=running$' <<<"$(tail -n 1 <<<"$out")"

# With --early-stop best_epoch still ends the line; regression says it too.
f=$("$T" --data moons --epochs 5 --early-stop 2 --quiet)
check "early stop: ... train_eval=all best_epoch=B" grep -Eq "${FINAL}all best_epoch=[0-9]+\$" <<<"$f"
f=$("$T" --data moons --epochs 5 --early-stop 2 --train-eval running --quiet --csv "$dir/es.csv")
check "early stop, running: ... train_eval=running best_epoch=B" grep -Eq "${FINAL}running best_epoch=[0-9]+\$" <<<"$f"
b=$(sed -n 's/.* best_epoch=//p' <<<"$f")
check "early stop, running: the final line's train_loss is epoch B's row" \
      grep -q "^$b,.*,$(sed -n 's/.* train_loss=\([0-9.]*\) .*/\1/p' <<<"$f")," "$dir/es.csv"
out=$("$T" --data sine --epochs 2 --train-eval 50)
check "regression: row 0 says train_eval 50 of N" grep -Eq '^epoch +0 .*train_mse.*  train_eval 50 of [0-9]+$' <<<"$out"

# A setup file and --set-style names take it like any setting.
printf '# nnlab setup 1\ndata = moons\nepochs = 2\ntrain-eval = 100\n' >"$dir/t.setup"
f=$("$T" --setup "$dir/t.setup" --quiet); rc=$?
check "a setup may say train-eval (exit $rc)" grep -Eq "${FINAL}100\$" <<<"$f"
printf '# nnlab setup 1\ndata = moons\nepochs = 2\ntrain-eval = running\n' >"$dir/r.setup"
f=$("$T" --setup "$dir/r.setup" --quiet); rc=$?
check "a setup may say train-eval = running (exit $rc)" grep -Eq "${FINAL}running\$" <<<"$f"
printf '# nnlab setup 1\ntrain-eval = runing\n' >"$dir/bad.setup"
exit2 "a setup's train-eval = runing" "bad.setup:2: train-eval expects" "$T" --setup "$dir/bad.setup"
# The PyTorch script evaluates the whole training set, and its final line says so.
"$T" --data moons --epochs 2 --export-torch "$dir/m.py" >/dev/null
check "--export-torch: the script's final line ends in train_eval=all" grep -qF 'seconds={seconds:.3f} train_eval=all")' "$dir/m.py"
# ... also when nnlab-train's setting is running: the script evaluates the whole set, and says all.
"$T" --data moons --epochs 2 --train-eval running --export-torch "$dir/r.py" >/dev/null; rc=$?
check "--export-torch with --train-eval running: exit 0 ($rc), the script says train_eval=all" \
      grep -qF 'seconds={seconds:.3f} train_eval=all")' "$dir/r.py"
exit $fail
