#!/usr/bin/env bash
# nnlab-train surface and ewa: CSV headers and rows, the final line, and exit
# codes 0 (done), 2 (bad usage) and 3 (diverged). $1 = path to nnlab-train.
set -u
T=${1:?usage: test_surface_cli.sh path/to/nnlab-train}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi; }

# A converging run: Adam on Rosenbrock from (-1.5, 2).
out=$("$T" surface --fn rosenbrock --opt adam --lr 0.02 --start -1.5,2 --steps 2500 \
      --csv "$dir/r.csv" 2>"$dir/err"); rc=$?
check "surface exits 0 (rc $rc: $(cat "$dir/err"))" test $rc -eq 0
check "header exact" test "$(head -n 1 "$dir/r.csv")" = "step,x,y,f,gx,gy"
check "steps + 1 rows after the header" test "$(($(wc -l < "$dir/r.csv") - 1))" -eq 2501
check "row 0 is the start" test "$(sed -n 2p "$dir/r.csv" | cut -d, -f1-3)" = "0,-1.5,2"
check "row 0 has f and gradient (12.5, -155, -50)" test "$(sed -n 2p "$dir/r.csv" | cut -d, -f4-)" = "12.5,-155,-50"
check "last row is step 2500" test "$(tail -n 1 "$dir/r.csv" | cut -d, -f1)" = "2500"
check "final line" grep -Eq '^final step=2500 x=0\.99[0-9]* y=0\.99[0-9]* f=[0-9.e-]+$' <<<"$out"
check "no temporary file left" test ! -e "$dir/r.csv.tmp"

# Same seed, same noisy path; the options all parse.
"$T" surface --fn bowl --cond 25 --opt momentum --lr 0.05 --beta 0.8 --grad-noise 0.5 --seed 3 \
    --decay step --decay-every 20 --decay-factor 0.5 --steps 60 --csv "$dir/a.csv" >/dev/null 2>&1
"$T" surface --fn bowl --cond 25 --opt momentum --lr 0.05 --beta 0.8 --grad-noise 0.5 --seed 3 \
    --decay step --decay-every 20 --decay-factor 0.5 --steps 60 --csv "$dir/b.csv" >/dev/null 2>&1
check "seeded noise repeats" cmp -s "$dir/a.csv" "$dir/b.csv"
"$T" surface --fn plateau --opt adam --lr 0.1 --beta2 0.99 --eps 1e-7 --no-bias-correction \
    --decay inverse --decay-rate 0.01 --steps 10 >/dev/null 2>&1; rc=$?
check "adam options accepted (rc $rc)" test $rc -eq 0

# Diverging: plain SGD far too fast on Rosenbrock.
out=$("$T" surface --fn rosenbrock --opt sgd --lr 0.01 --start -1.5,2 --steps 100 \
      --csv "$dir/d.csv" 2>"$dir/err"); rc=$?
check "diverged exits 3 (rc $rc)" test $rc -eq 3
check "message names the step" grep -q "diverged at step 5" "$dir/err"
check "CSV keeps the path before divergence" test "$(wc -l < "$dir/d.csv")" -eq 6

# Bad usage: exit 2 with one line naming the option.
usage() {   # usage NAME WORD ARGS...: exit 2, one stderr line containing WORD
    local name=$1 word=$2; shift 2
    local err; err=$("$T" "$@" 2>&1 >/dev/null); local rc=$?
    check "$name exits 2 (rc $rc)" test $rc -eq 2
    check "$name: one line naming $word" test "$(wc -l <<<"$err")" -eq 1 -a -n "$(grep -F -- "$word" <<<"$err")"
}
usage "unknown surface"     "--fn"     surface --fn rosenbrok --steps 3
usage "missing --fn"        "--fn"     surface --steps 3
usage "bad optimizer"       "--opt"    surface --fn bowl --opt nesterov
usage "bad rate"            "--lr"     surface --fn bowl --lr fast
usage "beta of 1"           "--beta"   surface --fn bowl --opt adam --beta 1
usage "one-number start"    "--start"  surface --fn bowl --start 1
usage "negative steps"      "--steps"  surface --fn bowl --steps -1
usage "cond off the bowl"   "--cond"   surface --fn camel --cond 4
usage "unknown decay"       "--decay"  surface --fn bowl --decay cosine
usage "unknown option"      "--lrr"    surface --fn bowl --lrr 0.1
usage "ewa without beta"    "--beta"   ewa
usage "ewa beta of 1"       "--beta"   ewa --beta 1
# Every wrong beta names the same range, [0, 1): 2 and -0.1 said "from 0 to 1".
for b in 1 2 -0.1 fast; do
    usage "ewa beta of $b"   "--beta expects a number in [0, 1), got '$b'"   ewa --beta "$b"
    usage "surface beta of $b" "--beta expects a number in [0, 1), got '$b'" surface --fn bowl --opt adam --beta "$b"
done
usage "surface beta2 of 2"  "--beta2 expects a number in [0, 1), got '2'" surface --fn bowl --opt adam --beta2 2

out=$("$T" surface --help); rc=$?
check "surface --help exits 0 and names the CSV" test $rc -eq 0 -a -n "$(grep -F "step,x,y,f,gx,gy" <<<"$out")"

# ewa
out=$("$T" ewa --beta 0.9 --seed 2 --csv "$dir/e.csv" 2>"$dir/err"); rc=$?
check "ewa exits 0 (rc $rc: $(cat "$dir/err"))" test $rc -eq 0
check "ewa header exact" test "$(head -n 1 "$dir/e.csv")" = "day,value,average"
check "ewa 365 days" test "$(($(wc -l < "$dir/e.csv") - 1))" -eq 365
check "ewa corrected day 1 equals the value" \
    test "$(sed -n 2p "$dir/e.csv" | cut -d, -f2)" = "$(sed -n 2p "$dir/e.csv" | cut -d, -f3)"
check "ewa final line" grep -Eq '^final day=365 value=-?[0-9.]+ average=-?[0-9.e-]+$' <<<"$out"
"$T" ewa --beta 0.9 --seed 2 --no-bias-correction --csv "$dir/u.csv" >/dev/null 2>&1
v1=$(sed -n 2p "$dir/u.csv" | cut -d, -f2); a1=$(sed -n 2p "$dir/u.csv" | cut -d, -f3)
check "uncorrected day 1 is a tenth of the value ($a1 vs $v1)" \
    awk -v v="$v1" -v a="$a1" 'BEGIN { d = a - 0.1 * v; exit !(d < 1e-4 && d > -1e-4) }'
exit $fail
