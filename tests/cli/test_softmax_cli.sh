#!/usr/bin/env bash
# nnlab-train softmax: the notes' example z = (2, 5, -1, 3) through the
# softmax (p = 0.042 0.842 0.002 0.114, loss -log 0.842), adding a constant to
# every logit changing no p, the stable form for huge logits, and exit code 2
# with one line for bad usage. $1 = path to nnlab-train.
set -u
T=${1:?usage: test_softmax_cli.sh path/to/nnlab-train}
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi; }

out=$("$T" softmax --logits 2,5,-1,3 --true 1 2>&1); rc=$?
check "notes' example exits 0 (rc $rc)" test $rc -eq 0
check "header" test "$(head -n 1 <<<"$out" | tr -s ' ')" = "class z exp_z p y p_minus_y"
check "p = 0.042 0.842 0.002 0.114" test "$(sed -n 2,5p <<<"$out" | awk '{print $4}' | tr '\n' ' ')" = "0.042 0.842 0.002 0.114 "
check "e^z = 7.389 148.4 0.3679 20.09" test "$(sed -n 2,5p <<<"$out" | awk '{print $3}' | tr '\n' ' ')" = "7.389 148.4 0.3679 20.09 "
check "y marks class 1" test "$(sed -n 2,5p <<<"$out" | awk '{print $5}' | tr '\n' ' ')" = "0 1 0 0 "
check "p - y" test "$(sed -n 2,5p <<<"$out" | awk '{print $6}' | tr '\n' ' ')" = "+0.042 -0.158 +0.002 +0.114 "
check "sum line" grep -qx 'sum=176.256' <<<"$out"
want=$(awk 'BEGIN { s = exp(2) + exp(5) + exp(-1) + exp(3); printf "loss=%.6f", -log(exp(5) / s) }')
check "loss = -log p[1] ($want)" grep -qx "$want" <<<"$out"

# Shift invariance: +100 to every logit, the same probabilities.
a=$("$T" softmax --logits 2,5,-1,3 | sed -n 2,5p | awk '{print $4}')
b=$("$T" softmax --logits 102,105,99,103 | sed -n 2,5p | awk '{print $4}')
check "adding 100 to every logit changes no p" test "$a" = "$b"
check "without --true: no loss line" test -z "$("$T" softmax --logits 2,5,-1,3 | grep '^loss=')"

# Huge logits: e^z would overflow, so the column is e^(z - max); p still exact.
out=$("$T" softmax --logits 1000,0,999 2>&1); rc=$?
check "huge logits exit 0 (rc $rc)" test $rc -eq 0
check "the shifted heading" grep -q 'exp_z_minus_max' <<<"$out"
check "no inf or nan" test -z "$(grep -Ei 'inf|nan' <<<"$out")"
check "p = 0.731 0.000 0.269" test "$(sed -n 2,4p <<<"$out" | awk '{print $4}' | tr '\n' ' ')" = "0.731 0.000 0.269 "

# Bad usage: exit 2, one line naming the option.
for args in "" "--logits 3" "--logits 1,x" "--logits 1,2 --true 2" "--logits 1,2 --true -1" "--bogus" "--logits"; do
    err=$("$T" softmax $args 2>&1 >/dev/null); rc=$?
    check "'softmax $args' exits 2 (rc $rc)" test $rc -eq 2
    check "'softmax $args' says one line ($err)" test "$(wc -l <<<"$err")" -eq 1 -a -n "$err"
done
check "help" grep -q 'nnlab-train softmax --logits' <<<"$("$T" softmax --help)"
exit $fail
