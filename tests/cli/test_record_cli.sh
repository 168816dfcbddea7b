#!/usr/bin/env bash
# nnlab --record FILE: the command line's recordings (record/record.h).
# --frames N records exactly N frames; a file name that is not .gif/.mp4, a
# folder that does not exist and a bad --record-area are one line on stderr
# and exit 2, leaving nothing behind. The frame counts here are ImageMagick's
# reading of the GIF; tests/app/test_record.c counts with giflib and libavformat.
# $1 = nnlab-train (unused), $2 = nnlab.
set -u
N=${2:?usage: test_record_cli.sh nnlab-train nnlab}
command -v identify >/dev/null || { echo "FAIL identify is missing: apt-get install -y imagemagick"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export XDG_CONFIG_HOME="$dir/cfg" SDL_VIDEODRIVER=dummy
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi; }

"$N" --help | grep -q -- "--record FILE" ; check "--help documents --record" test $? = 0
"$N" --help | grep -q -- "--record-area window|view" ; check "--help documents --record-area" test $? = 0

out=$("$N" --view race --play --frames 10 --size 800x600 --record "$dir/race.gif" 2>"$dir/err"); rc=$?
check "GIF: exit 0 ($rc: $(cat "$dir/err"))" test $rc = 0
check "GIF: says where and how many ($out)" grep -q "Recording saved to $dir/race.gif (10 frames, 0.8 s)" <<<"$out"
check "GIF: 10 images" test "$(identify "$dir/race.gif" 2>/dev/null | wc -l)" = 10
check "GIF: 800x600" test "$(identify -format '%W x %H\n' "$dir/race.gif" 2>/dev/null | head -1)" = "800 x 600"
check "GIF: 8/100 s a frame" test "$(identify -format '%T\n' "$dir/race.gif" 2>/dev/null | sort -u)" = 8

out=$("$N" --view race --play --frames 6 --size 800x600 --record "$dir/race.mp4" 2>"$dir/err"); rc=$?
check "MP4: exit 0 ($rc: $(cat "$dir/err"))" test $rc = 0
check "MP4: says where and how many ($out)" grep -q "Recording saved to $dir/race.mp4 (6 frames, 0.2 s)" <<<"$out"
check "MP4: an ISO media file" test "$(head -c 8 "$dir/race.mp4" | tail -c 4)" = ftyp

out=$("$N" --view race --frames 3 --record-area view --record "$dir/view.gif" 2>"$dir/err"); rc=$?
size=$(identify -format '%W %H\n' "$dir/view.gif" 2>/dev/null | head -1)
check "view only: exit 0 ($rc)" test $rc = 0
check "view only: smaller than the window ($size)" awk -v s="$size" 'BEGIN { split(s, a, " "); exit !(a[1] > 100 && a[1] <= 1280 && a[2] > 100 && a[2] < 720) }'

for bad in "$dir/no/such/folder/x.gif" "$dir/x.avi" ; do
    "$N" --frames 2 --record "$bad" >"$dir/out" 2>"$dir/err"; rc=$?
    check "--record $bad: exit 2 ($rc)" test $rc = 2
    check "--record $bad: one line naming it ($(cat "$dir/err"))" test "$(wc -l <"$dir/err")" = 1 -a -n "$(grep -F "$bad" "$dir/err")"
done
check "nothing left behind" test -z "$(ls "$dir" | grep -v -e cfg -e err -e out -e race -e view)"
"$N" --frames 2 --record-area everything --record "$dir/y.gif" >"$dir/out" 2>"$dir/err"; rc=$?
check "--record-area everything: exit 2, one line ($rc: $(cat "$dir/err"))" test $rc = 2 -a "$(wc -l <"$dir/err")" = 1
exit $fail
