#!/usr/bin/env bash
# Files the programs read and write (issue 10): FIFOs, devices, directories
# and missing or unreadable files as inputs and outputs; predict with a model
# of more than 256 outputs; exit codes and streams of the lesson options,
# --lesson and --screenshot; hexadecimal numbers and out-of-range --layers.
# $1 = nnlab-train, $2 = nnlab (optional). Run from the source root.
set -u
T=${1:?usage: test_files_cli.sh path/to/nnlab-train [path/to/nnlab]}
N=${2:-}
. "$(dirname "$0")/lib.sh"

mkfifo "$dir/fifo"
D=tests/data
# Device nodes of our own (as root): a regression must never replace the
# system's /dev/null or /dev/full, so the tests write to copies in $dir.
devnull= devfull=
if mknod -m 666 "$dir/null" c 1 3 2>/dev/null && mknod -m 666 "$dir/full" c 1 7 2>/dev/null; then
    devnull=$dir/null devfull=$dir/full
fi

# predict with 300 outputs (more than the 256 class names a file holds).
out=$("$T" predict --model $D/wide300.nnm --image $D/tiny.png 2>&1); rc=$?
check "predict with 300 outputs exits 0 ($rc)" test $rc -eq 0
check "predict prints 300 classes and a prediction" \
    test "$(grep -c '^0\.[0-9]* class ' <<<"$out")" -eq 300 -a "$(grep -c '^prediction: class ' <<<"$out")" -eq 1

# A FIFO as any input is refused at once.
exit2 "predict --model FIFO" "FIFO" "$T" predict --model "$dir/fifo" --image $D/tiny.png
exit2 "predict --image FIFO" "FIFO" "$T" predict --model $D/tiny.nnm --image "$dir/fifo"
exit2 "--load FIFO" "FIFO" "$T" --data fashion-small --train-limit 50 --epochs 1 --load "$dir/fifo"
mkdir "$dir/data"
mkfifo "$dir/data/train-images-idx3-ubyte.gz"
exit2 "--data-dir with a FIFO file" "FIFO" "$T" --data fashion --data-dir "$dir/data" --epochs 1
exit2 "predict --model DIR" "a directory" "$T" predict --model "$dir" --image $D/tiny.png
exit2 "predict --model missing" "no such file" "$T" predict --model "$dir/none.nnm" --image $D/tiny.png
if [ "$(id -u)" != 0 ]; then
    cp $D/tiny.nnm "$dir/locked.nnm"; chmod 000 "$dir/locked.nnm"
    exit2 "predict --model unreadable" "permission denied" "$T" predict --model "$dir/locked.nnm" --image $D/tiny.png
fi

# An output whose folder is missing, is a file, or takes no new files (procfs)
# is named for what it is.
exit2 "--save into a missing directory" "$dir/no/m.nnm: cannot write: the directory does not exist" \
    "$T" --data xor --epochs 1 --quiet --save "$dir/no/m.nnm"
exit2 "--csv under a FIFO" "$dir/fifo is not a directory" "$T" --data xor --epochs 1 --quiet --csv "$dir/fifo/h.csv"
if [ -d /proc/self ]; then
    exit2 "--save into /proc" "cannot create a file in /proc" "$T" --data xor --epochs 1 --quiet --save /proc/nnlab_m.nnm
fi

# An output that is a FIFO or a device is never replaced.
exit2 "--csv FIFO" "not a regular file" "$T" --data xor --epochs 1 --quiet --csv "$dir/fifo"
check "the FIFO is still a FIFO" test -p "$dir/fifo"
if [ -n "$devnull" ]; then
    exit2 "--save to a null device" "not a regular file" "$T" --data xor --epochs 1 --quiet --save "$devnull"
    check "the null device is still a device" test -c "$devnull"
    exit2 "--csv to a full device (as /dev/full)" "not a regular file" "$T" --data xor --epochs 1 --quiet --csv "$devfull"
    check "the full device is still a device" test -c "$devfull"
fi

# Numbers: no hexadecimal, no inf; every --layers number range-checked.
exit2 "--lr 0x10" "--lr expects a number" "$T" --data xor --epochs 1 --lr 0x10
exit2 "--lr inf" "--lr expects a number" "$T" --data xor --epochs 1 --lr inf
exit2 "--layers c4294967297k3" "filter count from 1 to 1024" "$T" --data fashion-small --epochs 1 --layers c4294967297k3
exit2 "--layers c4k200" "kernel larger than the 28x28 image" "$T" --data fashion-small --epochs 1 --layers c4k200

if [ -n "$N" ] && [ -x "$N" ]; then
    # Lesson errors go to stderr, with exit 2, for a FIFO too.
    exit2 "--check-lesson broken" "tests/lessons/bad_unknown_action.lesson:" "$N" --check-lesson tests/lessons/bad_unknown_action.lesson
    exit2 "--run-lesson broken" "tests/lessons/bad_unknown_action.lesson:" "$N" --run-lesson tests/lessons/bad_unknown_action.lesson
    exit2 "--check-lesson FIFO" "FIFO" "$N" --check-lesson "$dir/fifo"
    exit2 "--run-lesson missing" "no such file" "$N" --run-lesson "$dir/none.lesson"
    # --lesson: a missing or broken file is an error before any window opens.
    exit2 "--lesson missing" "no such file" "$N" --lesson "$dir/none.lesson" --screenshot "$dir/s.png"
    exit2 "--lesson broken" "bad_unknown_action.lesson:" "$N" --lesson tests/lessons/bad_unknown_action.lesson --screenshot "$dir/s.png"
    check "no screenshot was taken" test ! -e "$dir/s.png"
    # --screenshot that cannot be written: exit 2, and a device is not replaced.
    exit2 "--screenshot into a missing directory" "directory does not exist" "$N" --screenshot "$dir/no/s.png"
    exit2 "--screenshot FIFO" "not a regular file" "$N" --screenshot "$dir/fifo"
    check "the FIFO is still a FIFO" test -p "$dir/fifo"
    if [ -n "$devnull" ]; then
        exit2 "--screenshot to a null device" "not a regular file" "$N" --screenshot "$devnull"
        check "the null device is still a device" test -c "$devnull"
    fi
    # settings.ini as a FIFO: the window starts with defaults instead of hanging,
    # and saving does not replace the FIFO.
    mkdir -p "$dir/cfg/nnlab"; mkfifo "$dir/cfg/nnlab/settings.ini"
    XDG_CONFIG_HOME="$dir/cfg" timeout 20 "$N" --frames 1 >"$dir/out" 2>"$dir/err" </dev/null; rc=$?
    check "settings.ini FIFO: the program does not hang ($rc): $(head -c 200 "$dir/err")" test $rc -ne 124
    check "settings.ini is still a FIFO" test -p "$dir/cfg/nnlab/settings.ini"
fi
exit $fail
