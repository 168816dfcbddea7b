#!/usr/bin/env bash
# nnlab --check-lesson / --run-lesson on every lesson in lessons/ (all must be
# valid and pass every checkpoint) and on the malformed lessons in
# tests/lessons/ (exit 2, naming the line their first line expects).
# $1 = nnlab-train (unused), $2 = nnlab. Run from the source root.
set -u
N=${2:-}
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi; }

if [ -z "$N" ] || [ ! -x "$N" ]; then
    echo "FAIL nnlab not found at '$N'"; exit 1
fi

for f in lessons/*.lesson; do
    out=$("$N" --check-lesson "$f" 2>&1); rc=$?
    check "$f is valid (exit $rc: $out)" test $rc -eq 0
    check "$f check says OK" grep -q ": OK (" <<<"$out"
    out=$("$N" --run-lesson "$f" 2>&1); rc=$?
    check "$f passes headless (exit $rc)" test $rc -eq 0
    steps=$(grep -c '^step [0-9]*/[0-9]* "' <<<"$out")
    total=$(grep -m1 -o '^step 1/[0-9]*' <<<"$out" | cut -d/ -f2)
    check "$f prints one line per step ($steps of ${total:-?})" test "$steps" = "${total:-x}"
    check "$f has no FAIL line" bash -c '! grep -q ": FAIL" <<<"$1"' _ "$out"
    [ $rc -eq 0 ] || echo "$out"
done

for f in tests/lessons/bad_*.lesson; do
    want=$(head -n 1 "$f" | sed -n 's/^# expect-error: \([0-9]*\): .*/\1/p')
    out=$("$N" --check-lesson "$f" 2>&1); rc=$?
    check "$f is refused by --check-lesson (exit $rc)" test $rc -eq 2
    check "$f error names line $want ($out)" grep -q "$f:$want: " <<<"$out"
    out=$("$N" --run-lesson "$f" 2>&1); rc=$?
    check "$f is refused by --run-lesson (exit $rc)" test $rc -eq 2
done

out=$("$N" --check-lesson tests/lessons/no_such.lesson 2>&1); rc=$?
check "a missing file exits 2 (exit $rc)" test $rc -eq 2
exit $fail
