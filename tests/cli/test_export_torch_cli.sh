#!/usr/bin/env bash
# nnlab-train --export-torch FILE.py (issue 16): the script and its data files
# are written whole or not at all; the data are nnlab's own split; every
# setting path gives valid Python; and, where PyTorch is installed
# (python3 -c "import torch"), the exported scripts train to within a few
# points of nnlab's dev accuracy and print nnlab-train's CSV and final line.
# $1 = nnlab-train. Run from the source root.
set -u
T=${1:?usage: test_export_torch_cli.sh path/to/nnlab-train}
. "$(dirname "$0")/lib.sh"
HEADER=epoch,steps,examples,lr,train_loss,train_acc,dev_loss,dev_acc,test_loss,test_acc,seconds
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }   # field NAME "final ..." -> value

# A Python that can import torch (Debian's python3-torch lives in /usr/bin/python3).
PY= TORCH=
for p in python3 /usr/bin/python3; do
    command -v "$p" >/dev/null 2>&1 || continue
    [ -z "$PY" ] && PY=$p
    if "$p" -c "import torch" >/dev/null 2>&1; then PY=$p TORCH=1; break; fi
done

# 1. Export: the script and three CSVs, nothing temporary left; the sets have
#    the sizes nnlab-train trains on (its banner: "N train / D dev / T test").
S="--data spiral --layers 32,32 --act tanh --init xavier --opt adam --lr 0.01 --epochs 60 --batch 32"
out=$("$T" $S --export-torch "$dir/spiral.py" 2>"$dir/err"); rc=$?
check "export spiral exits 0 ($rc): $(head -c 200 "$dir/err")" test $rc -eq 0
check "export says what it wrote" grep -q "^wrote $dir/spiral.py, .*spiral_train.csv" <<<"$out"
for f in spiral.py spiral_train.csv spiral_dev.csv spiral_test.csv; do check "$f written" test -s "$dir/$f"; done
check "no .tmp file left" test -z "$(ls "$dir" | grep '\.tmp$')"
banner=$("$T" $S --epochs 1 2>/dev/null | head -1)
n=$(sed -n 's/.*, \([0-9]*\) train \/ \([0-9]*\) dev \/ \([0-9]*\) test,.*/\1 \2 \3/p' <<<"$banner")
rows=$(for s in train dev test; do echo $(($(wc -l <"$dir/spiral_$s.csv") - 1)); done | xargs)
check "CSV rows ($rows) = nnlab's split ($n)" test -n "$n" -a "$rows" = "$n"
check "CSV header: x1,x2,y" test "$(head -1 "$dir/spiral_train.csv")" = "x1,x2,y"
check "the script states the settings and L2 as nnlab defines it" \
    grep -q "lambda / (2 m)" "$dir/spiral.py"

# 2. Image data: six IDX files whose counts are nnlab's split of fashion-small.
I="--data fashion-small --train-limit 600 --layers c4k3,p2,32 --opt adam --lr 0.003 --epochs 3 --init he"
"$T" $I --export-torch "$dir/fs.py" >/dev/null 2>"$dir/err"; rc=$?
check "export fashion-small exits 0 ($rc): $(head -c 200 "$dir/err")" test $rc -eq 0
banner=$("$T" $I --epochs 1 2>/dev/null | head -1)
n=$(sed -n 's/.*, \([0-9]*\) train \/ \([0-9]*\) dev \/ \([0-9]*\) test,.*/\1 \2 \3/p' <<<"$banner")
counts=$(for s in train dev test; do od -An -tu1 -j4 -N4 "$dir/fs_$s-labels.idx" | awk '{print $1*16777216+$2*65536+$3*256+$4}'; done | xargs)
check "IDX label counts ($counts) = nnlab's split ($n)" test -n "$n" -a "$counts" = "$n"
check "IDX images: 784 bytes per image + 16" \
    test $(stat -c %s "$dir/fs_train-images.idx") -eq $((16 + 784 * ${n%% *}))
check "the CNN's layers are in the script" grep -q "nn.Conv2d(1, 4, kernel_size=3, stride=1, padding=1)" "$dir/fs.py"

# 3. Bad input: one clear message, exit 2, nothing written.
"$T" $S --export-torch /nonexistent-dir/x.py >"$dir/out" 2>"$dir/err"; rc=$?
check "unwritable path: exit 2 ($rc)" test $rc -eq 2
check "unwritable path: one line naming the path" test "$(wc -l <"$dir/err")" -eq 1 -a -n "$(grep -- '--export-torch /nonexistent-dir/x.py' "$dir/err")"
check "unwritable path: nothing on stdout" test ! -s "$dir/out"
mkdir "$dir/bad_dev.csv"                       # a data file that cannot be written
"$T" $S --export-torch "$dir/bad.py" >/dev/null 2>"$dir/err"; rc=$?
check "unwritable data file: exit 2 ($rc): $(head -c 200 "$dir/err")" test $rc -eq 2
check "unwritable data file: no script, no CSV, no .tmp" \
    test -z "$(ls "$dir" | grep -E '^bad(\.py|_train|_test|.*\.tmp)')"
"$T" $S --export-torch "$dir/x.txt" >/dev/null 2>"$dir/err"; rc=$?
check "a name not ending in .py: exit 2 ($rc), says .py" test $rc -eq 2 -a -n "$(grep -F '.py' "$dir/err")"
"$T" --data spiral --lr -1 --export-torch "$dir/y.py" >/dev/null 2>"$dir/err"; rc=$?
check "bad settings: exit 2 ($rc)" test $rc -eq 2

# 4. Every optimizer, schedule and option the script spells out is valid
#    Python (and, with torch, runs two epochs and prints the CSV).
i=0
while read -r opts; do
    i=$((i + 1))
    "$T" --samples 120 --epochs 2 $opts --export-torch "$dir/v$i.py" >/dev/null 2>"$dir/err"
    check "variant $i exports: $opts" test $? -eq 0
    if [ -n "$PY" ]; then
        check "variant $i compiles" "$PY" -m py_compile "$dir/v$i.py"
    fi
    if [ -n "$TORCH" ]; then
        "$PY" "$dir/v$i.py" >"$dir/vout" 2>"$dir/verr"; rc=$?
        check "variant $i runs ($rc): $(tail -c 300 "$dir/verr")" test $rc -eq 0
        check "variant $i: header, epochs 0..2 and the final line" \
            test "$(head -1 "$dir/vout")" = "$HEADER" -a "$(grep -c '^[0-9]*,' "$dir/vout")" -eq 3 \
                 -a -n "$(tail -1 "$dir/vout" | grep '^final epoch=2 train_loss=')"
    fi
done <<'EOF_VARIANTS'
--opt sgd --decay inverse --decay-rate 0.5 --act relu --init he
--opt momentum --beta 0.8 --decay exp --act leaky --slope 0.1 --init glorot --clip 1
--opt rmsprop --decay sqrt --act sigmoid --init small --normalize
--opt adagrad --decay step --decay-every 1 --decay-factor 0.5 --act linear --init zeros
--opt adam --no-bias-correction --batchnorm --dropout 0.3 --init large --early-stop 1
--data sine --loss mse --batch all --l2 0.1
--data fashion-small --train-limit 200 --layers c4k3s2,p2,d0.25,16 --augment rotate=10,scale=0.1,shift=2,flip-h=0.5,cutout=6,invert=0.1,intensity=0.2,crop=2
EOF_VARIANTS

# 5. Same settings, same accuracy within a few points (PyTorch's random
#    numbers differ from nnlab's, so not bit-for-bit).
if [ -z "$TORCH" ]; then
    echo "SKIP torch: no python3 with torch here (apt install python3-torch); the scripts were only compiled${PY:+ with $PY}"
else
    compare() {
        local name=$1 tol=$2; shift 2
        local mine theirs
        mine=$("$T" "$@" --quiet 2>/dev/null | tail -1)
        "$T" "$@" --export-torch "$dir/$name.py" >/dev/null 2>&1
        theirs=$("$PY" "$dir/$name.py" 2>"$dir/err" | tail -1)
        local a b
        a=$(field dev_acc "$mine") b=$(field dev_acc "$theirs")
        echo "     $name: nnlab dev_acc=$a, PyTorch dev_acc=$b"
        check "$name: both finish ($a, $b)" test -n "$a" -a -n "$b"
        check "$name: dev accuracies within $tol ($a vs $b)" \
            awk -v a="${a:-0}" -v b="${b:-9}" -v t="$tol" 'BEGIN { d = a - b; exit !(d <= t && -d <= t) }'
    }
    compare spiral_adam 0.05 $S
    compare moons_l2_dropout 0.05 --data moons --noise 0.3 --layers 64,64 --l2 0.5 --dropout 0.2 --lr 0.1 --epochs 80
    compare fashion_cnn 0.06 --data fashion-small --train-limit 1000 --layers c4k3,p2,32 --opt adam \
        --lr 0.003 --epochs 8 --init he
fi
exit $fail
