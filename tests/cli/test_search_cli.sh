#!/usr/bin/env bash
# nnlab-train search: CSV header and rows, best line, same results on 1 or 2
# threads, and usage errors. $1 = path to nnlab-train.
set -u
T=${1:?usage: test_search_cli.sh path/to/nnlab-train}
. "$(dirname "$0")/lib.sh"

out=$("$T" search --method evo --trials 12 --population 4 --jobs 2 --param lr=1e-3:1:log \
      --param 'layers=4|16,16' --epochs 30 --csv "$dir/a.csv" 2>/dev/null); rc=$?
check "search exits 0" test $rc -eq 0
check "header exact" test "$(head -n 1 "$dir/a.csv")" = "trial,generation,lr,layers,dev_error,train_error"
check "one row per trial" test "$(wc -l < "$dir/a.csv")" -eq 13
check "three generations of four" test "$(tail -n 1 "$dir/a.csv" | cut -d, -f2)" = "2"
check "best line last" grep -Eq '^best trial=[0-9]+ dev_error=[0-9.]+ train_error=[0-9.]+ lr=[0-9.e-]+ layers=' <<<"$(tail -n 1 <<<"$out")"
"$T" search --method evo --trials 12 --population 4 --jobs 1 --param lr=1e-3:1:log \
      --param 'layers=4|16,16' --epochs 30 --csv "$dir/b.csv" >/dev/null 2>&1
check "1 and 2 threads give the same CSV" cmp -s "$dir/a.csv" "$dir/b.csv"

err=$("$T" search --param lr=0:1:log 2>&1 >/dev/null); rc=$?
check "log range from 0 is refused (exit $rc)" test $rc -eq 2
check "message says log scale" grep -q "log scale" <<<"$err"
err=$("$T" search --param lrr=1e-3:1:log 2>&1 >/dev/null); rc=$?
check "unknown setting in --param is refused (exit $rc: $err)" test $rc -eq 2
err=$("$T" search --method annealing --param lr=1e-3:1:log 2>&1 >/dev/null); rc=$?
check "unknown method is refused (exit $rc)" test $rc -eq 2
# A fixed option the data cannot take fails every trial alike: refused at once,
# before any training, in nnlab-train's own words.
start=$(date +%s)
err=$("$T" search --data spiral --layers c8k3,16 --param lr=1e-3:1:log --trials 50 --epochs 200 \
      --csv "$dir/bad.csv" 2>&1 >/dev/null); rc=$?
check "image layers on spiral data are refused (exit $rc)" test $rc -eq 2
check "message names the option (got: $err)" \
      test "$err" = "nnlab-train: --layers c8k3,16 needs image data (--data fashion or fashion-small)"
check "refused before any trial" test $(( $(date +%s) - start )) -le 5
check "no CSV left behind" test ! -e "$dir/bad.csv"
# ...but a --param that replaces the offending setting makes every trial valid.
out=$("$T" search --data spiral --layers c8k3,16 --method grid --trials 2 --param 'layers=8|none' \
      --epochs 5 2>/dev/null); rc=$?
check "a --param overriding the fixed layers runs (exit $rc)" test $rc -eq 0
exit $fail
