#!/usr/bin/env bash
# Image data, convolutional networks, augmentation, model files and predict:
# the nnlab-train contract of issue 4. $1 = path to nnlab-train.
set -u
T=${1:?usage: test_images_cli.sh path/to/nnlab-train}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() { # check "what" command...
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
one_line_exit2() { # one_line_exit2 "what" args... : exit 2 and exactly one line on stderr
    local what=$1; shift
    "$T" "$@" >"$dir/out" 2>"$dir/err"; local rc=$?
    check "$what: exit 2 ($rc) with one line: $(head -c 160 "$dir/err")" \
        test $rc -eq 2 -a "$(wc -l <"$dir/err")" -eq 1
}

# A small CNN on the built-in set, saved.
out=$("$T" --data fashion-small --train-limit 600 --layers c4k3,p2,c8k3,p2,32 --opt adam --lr 0.003 \
          --epochs 4 --batch 32 --seed 3 --augment shift=1,flip-h=0.5 --save "$dir/m.nnm" \
          --csv "$dir/a.csv"); rc=$?
final=$(tail -n 1 <<<"$out")
check "CNN run exits 0" test $rc -eq 0
check "header names the set and sizes" grep -q '^nnlab-train: fashion-small, 600 train / 333 dev / 500 test' <<<"$out"
check "CNN test_acc >= 0.65 ($(field test_acc "$final"))" ge "$(field test_acc "$final")" 0.65
check "model saved, no temporary left" test -s "$dir/m.nnm" -a ! -e "$dir/m.nnm.tmp"
check "--help documents the grammars" bash -c "'$T' --help | grep -q 'cFkK' && '$T' --help | grep -q 'flip-h=P'"

# Same seed, same augmented run.
"$T" --data fashion-small --train-limit 600 --layers c4k3,p2,c8k3,p2,32 --opt adam --lr 0.003 \
     --epochs 4 --batch 32 --seed 3 --augment shift=1,flip-h=0.5 --quiet --csv "$dir/b.csv" >/dev/null
check "augmented runs are reproducible" cmp -s <(cut -d, -f1-10 "$dir/a.csv") <(cut -d, -f1-10 "$dir/b.csv")

# --load continues from the saved weights: row 0 already has the trained accuracy.
"$T" --data fashion-small --train-limit 600 --load "$dir/m.nnm" --opt adam --lr 0.003 --epochs 1 \
     --seed 3 --quiet --csv "$dir/c.csv" >/dev/null; rc=$?
check "--load exits 0" test $rc -eq 0
check "--load row 0 = saved model's test accuracy" \
    test "$(sed -n 2p "$dir/c.csv" | cut -d, -f10)" = "$(tail -n 1 "$dir/a.csv" | cut -d, -f10)"

# Class subset, limit, fallback notice.
out=$("$T" --data fashion --data-dir "$dir/none" --class-subset 7,5 --train-limit 100 --layers 16 \
          --epochs 2 2>"$dir/err"); rc=$?
check "fallback run exits 0" test $rc -eq 0
check "one-line fallback notice" test "$(grep -c 'using the built-in fashion-small' "$dir/err")" -eq 1
check "class subset: 2 classes, 100 train, 100 test" grep -q '100 train / 66 dev / 100 test' <<<"$out"

# Bad usage: one line, exit 2.
one_line_exit2 "bad conv item" --data fashion-small --layers c8
one_line_exit2 "conv on flat data" --data spiral --layers c8k3,16
one_line_exit2 "augment on flat data" --data spiral --augment rotate=10
one_line_exit2 "unknown transform" --data fashion-small --augment spin=3
one_line_exit2 "class listed twice" --data fashion-small --class-subset 3,3
one_line_exit2 "--dropout with the image grammar" --data fashion-small --layers c4k3,16 --dropout 0.5
one_line_exit2 "--load with --layers" --data fashion-small --load "$dir/m.nnm" --layers c4k3,16
one_line_exit2 "missing model to load" --data fashion-small --load "$dir/nothing.nnm"
one_line_exit2 "save into a missing directory" --data fashion-small --train-limit 50 --epochs 1 --layers 8 --save "$dir/no/such/dir/m.nnm"

# The exact wording of these messages is part of the interface (the image
# settings now live in the engine's settings table, nn/config.h).
err_is() { # err_is "expected stderr line" args... : exit 2, exactly that line
    local want=$1; shift
    "$T" "$@" >"$dir/out" 2>"$dir/err"; local rc=$?
    check "message: $want" test $rc -eq 2 -a "$(cat "$dir/err")" = "nnlab-train: $want"
}
err_is "--layers c8k3,16 needs image data (--data fashion or fashion-small)" --data spiral --layers c8k3,16
err_is "--layers p2 needs image data (--data fashion or fashion-small)" --layers c8k3,16 --data fashion-small --data spiral --layers p2
err_is "--augment needs image data (--data fashion or fashion-small)" --data spiral --augment rotate=10
err_is "--layers c4k3,16: write dropout as dX items in the list (e.g. ...,d0.25,64); --dropout and --batchnorm apply to plain lists of sizes" \
    --data fashion-small --layers c4k3,16 --batchnorm
err_is "--load takes the network from $dir/m.nnm; drop --layers c4k3,16" --data fashion-small --load "$dir/m.nnm" --layers c4k3,16
err_is "--load: the data have 2 inputs but the network expects 784" --data spiral --load "$dir/m.nnm"
err_is "--class-subset needs at least 2 classes, got '3'" --data fashion-small --class-subset 3
err_is "class 3 is listed twice" --data fashion-small --class-subset 3,3
err_is "--train-limit expects an integer from 1 to 100000000, got '0'" --data fashion-small --train-limit 0
err_is "--dev-size expects an integer from 0 to 100000000, got '-1'" --data fashion-small --dev-size -1
err_is "a dev set of 5000 leaves no training images (2000 available)" --data fashion-small --dev-size 5000
err_is "--augment: unknown transform 'spin'; NAME=VALUE[@P] items: rotate=DEG, scale=S, shift=PX, crop=PX, cutout=PX, flip-h=P, flip-v=P, invert=P, intensity=K" \
    --data fashion-small --augment spin=3
err_is "--layers: 'c8' needs a kernel size 'kK'; items are N (dense), cFkK[sS][pP] (conv), pK[sS] (max-pool) or dX (dropout), e.g. c8k3,p2,c16k3,p2,64" \
    --data fashion-small --layers c8
err_is "--data expects spiral|circle|xor|gauss|moons|sine|fashion|fashion-small, got 'mnist'" --data mnist
# The fallback notice comes first, then the error: two lines.
"$T" --data fashion --data-dir "$dir/none" --layers c4k3,16 --dropout 0.5 >/dev/null 2>"$dir/err"; rc=$?
check "notice, then the error (exit $rc)" test $rc -eq 2 -a "$(wc -l <"$dir/err")" -eq 2 \
    -a "$(grep -c 'using the built-in fashion-small' "$dir/err")" -eq 1 -a "$(grep -c 'write dropout as dX' "$dir/err")" -eq 1
# A later --layers with plain sizes replaces a layer spec; a later --data replaces images.
out=$("$T" --layers c8k3,16 --layers 4 --data fashion-small --data spiral --train-limit 5 --epochs 1 2>/dev/null); rc=$?
check "plain --layers and --data replace the image ones (exit $rc)" \
    bash -c "test $rc -eq 0 && grep -q '^nnlab-train: spiral, 360 train' <<<'$out'"
# --help documents every image option, from the settings table or not.
help=$("$T" --help)
for opt in '--data fashion ' '--data fashion-small ' '--data-dir DIR' '--train-limit N' '--class-subset LIST' \
           '--dev-size N' '--augment LIST' '--save FILE' '--load FILE' 'pK\[sS\]' 'rotate=DEG'; do
    check "--help documents $opt" grep -q -- "$opt" <<<"$help"
done

# predict: a dark boot-ish shape on white paper, as a 24-bit BMP.
if command -v python3 >/dev/null; then
python3 - "$dir/pic.bmp" <<'PY'
import struct, sys
w, h = 90, 60
rows = []
for y in range(h):
    row = b''
    for x in range(w):
        dark = (20 <= x < 45 and 5 <= y < 50) or (20 <= x < 80 and 35 <= y < 50)
        v = 30 if dark else 235
        row += bytes((v, v, v))
    row += b'\0' * ((4 - len(row) % 4) % 4)
    rows.append(row)
data = b''.join(reversed(rows))
hdr = struct.pack('<2sIHHI', b'BM', 54 + len(data), 0, 0, 54)
info = struct.pack('<IiiHHIIiiII', 40, w, h, 1, 24, 0, len(data), 2835, 2835, 0, 0)
open(sys.argv[1], 'wb').write(hdr + info + data)
PY
    out=$("$T" predict --model "$dir/m.nnm" --image "$dir/pic.bmp"); rc=$?
    check "predict exits 0" test $rc -eq 0
    check "predict notes the inverted background" grep -q 'light background inverted' <<<"$out"
    check "predict prints 10 class probabilities" test "$(grep -cE '^0\.[0-9]{4} |^1\.0000 ' <<<"$out")" -eq 10
    check "probabilities sum to 1" awk '/^[01][.][0-9][0-9][0-9][0-9] / { s += $1 } END { exit !(s > 0.995 && s < 1.005) }' <<<"$out"
    check "prediction line names a class" grep -qE '^prediction: (T-shirt/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot) [01]\.[0-9]{4}$' <<<"$out"
else
    echo "skip predict on a picture (python3 not found to draw one)"
fi
printf 'not a picture\n' >"$dir/text.png"
: >"$dir/empty.jpg"
head -c 1000 "$dir/m.nnm" >"$dir/cut.nnm"
one_line_exit2 "predict: text file as image" predict --model "$dir/m.nnm" --image "$dir/text.png"
one_line_exit2 "predict: empty image" predict --model "$dir/m.nnm" --image "$dir/empty.jpg"
one_line_exit2 "predict: missing image" predict --model "$dir/m.nnm" --image "$dir/none.png"
one_line_exit2 "predict: missing model" predict --model "$dir/none.nnm" --image "$dir/text.png"
one_line_exit2 "predict: truncated model" predict --model "$dir/cut.nnm" --image "$dir/text.png"
one_line_exit2 "predict: foreign model" predict --model "$dir/text.png" --image "$dir/text.png"
one_line_exit2 "predict: no --image" predict --model "$dir/m.nnm"
"$T" --data spiral --epochs 1 --quiet --save "$dir/spiral.nnm" >/dev/null
one_line_exit2 "predict: not an image model" predict --model "$dir/spiral.nnm" --image "$dir/text.png"
exit $fail
