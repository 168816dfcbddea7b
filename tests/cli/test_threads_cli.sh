#!/usr/bin/env bash
# nnlab-train --threads (issue 15): a bad count is one clear message and exit 2;
# a thread count gives the same CSV run after run; 1 and 2 threads agree to
# rounding; --help documents it; threads is not written into setup files.
# $1 = path to nnlab-train.
set -u
T=${1:?usage: test_threads_cli.sh path/to/nnlab-train}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi; }

for bad in 0 -1 65 two 1.5 ""; do
    err=$("$T" --threads "$bad" --epochs 1 2>&1 >/dev/null); rc=$?
    check "--threads '$bad' is refused (exit $rc)" test $rc -eq 2
    check "message says what it accepts (got: $err)" \
          test "$err" = "nnlab-train: --threads expects a thread count from 1 to 64 or 'auto' (one per processor), got '$bad'"
done
check "--help documents --threads" grep -q -- "--threads N|auto" <<<"$("$T" --help)"

# A small CNN on the built-in fashion-small images: enough work per batch
# for the engine to split it over the threads.
run() { "$T" --data fashion-small --layers c8k3,p2,32 --opt adam --lr 0.002 --batch 64 \
             --epochs 2 --seed 4 --quiet "$@"; }
run --threads 2 --csv "$dir/a.csv" >/dev/null || fail=1
run --threads 2 --csv "$dir/b.csv" >/dev/null || fail=1
run --threads 1 --csv "$dir/one.csv" >/dev/null || fail=1
run --threads auto --csv "$dir/auto.csv" >/dev/null || fail=1
cut -d, -f1-10 "$dir/a.csv" >"$dir/a.cut"; cut -d, -f1-10 "$dir/b.csv" >"$dir/b.cut"
check "2 threads give the same CSV twice (seconds aside)" cmp -s "$dir/a.cut" "$dir/b.cut"
check "the CSV has its 3 rows" test "$(wc -l < "$dir/a.csv")" -eq 4
# 1 vs 2 threads: sums in another order; the losses agree to 3 decimals.
check "1 and 2 threads agree to rounding" awk -F, 'NR == FNR { l[FNR] = $5; next }
    FNR > 1 { d = l[FNR] - $5; if (d < 0) d = -d; if (d > 1e-3) bad = 1 } END { exit bad }' \
    "$dir/one.csv" "$dir/a.csv"
check "auto runs" test "$(wc -l < "$dir/auto.csv")" -eq 4

# A setup file may name threads (the window never writes it: engine.pool checks nn_setup_write).
printf '# nnlab setup 1\nlr = 0.05\nthreads = 2\nepochs = 2\n' >"$dir/t.setup"
out=$("$T" --setup "$dir/t.setup" --quiet); rc=$?
check "a setup may say threads (exit $rc)" test $rc -eq 0
exit $fail
