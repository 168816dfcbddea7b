#!/usr/bin/env bash
# nnlab-train augment: the PNG grid of augmented training images. Its size is
# read back from the file (the PNG header: width and height at bytes 16-23),
# the same seed writes the identical file and another seed another one, and
# bad input (spec, data, output path, numbers) is one line on stderr with
# exit 2 and no file left behind. $1 = path to nnlab-train.
set -u
T=${1:?usage: test_augment_cli.sh path/to/nnlab-train}
. "$(dirname "$0")/lib.sh"
# "W H" of a PNG from its IHDR chunk (big-endian 32-bit width, height).
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d %d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'; }

spec=rotate=15,scale=0.1,shift=2,flip-h=0.5,cutout=8
out=$("$T" augment --data fashion-small --augment $spec --count 8 --seed 3 --out "$dir/a.png" 2>"$dir/err"); rc=$?
check "exits 0 (rc $rc: $(cat "$dir/err"))" test $rc -eq 0
check "is a PNG" test "$(head -c 8 "$dir/a.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a"
check "size (8 + 1) x 96 by 4 x 96 read from the file: $(png_size "$dir/a.png")" test "$(png_size "$dir/a.png")" = "864 384"
check "final line" test "$out" = "final images=4 variants=8 width=864 height=384"
check "no temporary file left" test ! -e "$dir/a.png.tmp"

"$T" augment --augment $spec --count 8 --seed 3 --out "$dir/b.png" >/dev/null 2>&1
check "same seed, identical file (fashion-small is the default data)" cmp -s "$dir/a.png" "$dir/b.png"
"$T" augment --augment $spec --count 8 --seed 4 --out "$dir/c.png" >/dev/null 2>&1
check "another seed, another file" test -s "$dir/c.png" -a "$(cmp -s "$dir/a.png" "$dir/c.png"; echo $?)" = 1

"$T" augment --augment rotate=30 --count 3 --images 2 --zoom 1 --out "$dir/d.png" >/dev/null 2>&1; rc=$?
check "--count 3 --images 2 --zoom 1: 4 x 32 by 2 x 32 (rc $rc): $(png_size "$dir/d.png")" test "$(png_size "$dir/d.png")" = "128 64"
"$T" augment --augment flip-h=1 --count 1 --images 10 --zoom 2 --out "$dir/e.png" >/dev/null 2>&1
check "ten rows: 2 x 64 by 10 x 64: $(png_size "$dir/e.png")" test "$(png_size "$dir/e.png")" = "128 640"

# Fashion-MNIST missing: the built-in fashion-small, said once on stderr (as for training).
"$T" augment --data fashion --data-dir "$dir/nowhere" --augment rotate=5 --out "$dir/f.png" >/dev/null 2>"$dir/err"; rc=$?
check "missing Fashion-MNIST: fashion-small instead, with a notice (rc $rc: $(cat "$dir/err"))" \
    test $rc -eq 0 -a "$(grep -c "fashion-small" "$dir/err")" -ge 1 -a -s "$dir/f.png"

# Bad input: exit 2, one line naming what is wrong, nothing written.
bad() {
    local what=$1 pattern=$2; shift 2
    "$T" augment "$@" >"$dir/out" 2>"$dir/err"; local rc=$?
    check "$what: exit 2 (rc $rc)" test $rc -eq 2
    check "$what: one line saying '$pattern' ($(head -c 200 "$dir/err"))" \
        test "$(wc -l < "$dir/err")" -eq 1 -a "$(grep -c -- "$pattern" "$dir/err")" -eq 1
    check "$what: no file" test ! -e "$dir/bad.png" -a ! -e "$dir/bad.png.tmp"
}
bad "unknown transform" "unknown transform 'spin'" --augment spin=3 --out "$dir/bad.png"
bad "value out of range" "rotate expects a number from 0 to 180" --augment rotate=400 --out "$dir/bad.png"
bad "no transform" "changes no image" --augment none --out "$dir/bad.png"
bad "missing spec" "--augment SPEC is required" --out "$dir/bad.png"
bad "missing out" "--out FILE.png is required" --augment rotate=5
bad "2-D data" "needs image data" --data spiral --augment rotate=5 --out "$dir/bad.png"
bad "unknown data" "--data expects" --data mnist --augment rotate=5 --out "$dir/bad.png"
bad "count 0" "--count expects an integer from 1 to 32" --augment rotate=5 --count 0 --out "$dir/bad.png"
bad "zoom text" "--zoom expects" --augment rotate=5 --zoom big --out "$dir/bad.png"
bad "unknown option" "unknown option '--rows'" --augment rotate=5 --rows 3 --out "$dir/bad.png"
"$T" augment --augment rotate=5 --out "$dir/no/such/dir.png" >/dev/null 2>"$dir/err"; rc=$?
check "output in a missing directory: exit 2 naming it (rc $rc: $(cat "$dir/err"))" \
    test $rc -eq 2 -a "$(grep -c "no/such/dir.png" "$dir/err")" -eq 1
"$T" augment --augment rotate=5 --out /dev/full >/dev/null 2>"$dir/err"; rc=$?
check "a device is refused, never replaced (rc $rc)" test $rc -eq 2 -a -c /dev/full

"$T" augment --help >"$dir/help"; rc=$?
check "--help exits 0 and documents the size" test $rc -eq 0 -a "$(grep -c "(N + 1) \* 32Z wide" "$dir/help")" -eq 1
check "listed among the commands" sh -c "'$T' nosuch 2>&1 | grep -q ' augment'"
exit $fail
