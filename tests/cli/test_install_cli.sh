#!/usr/bin/env bash
# `cmake --install BUILD --prefix TMP` gives a working program: the installed
# nnlab runs a lesson (named without its folder, so it must find
# share/nnlab/lessons) on fashion-small (share/nnlab/assets) headless from a
# folder outside the source tree, nnlab-train trains on fashion-small, the man
# pages and the desktop entry are where desktops and man look and parse, and
# the icons are there at their sizes. Then, with share/nnlab moved away, the
# installed programs say the data is missing: they read their installation,
# never the source tree they were built from.
# $1 = nnlab-train, $2 = nnlab (optional); the build folder is found from $1.
set -u
T=$(realpath "$1") N=${2:+$(realpath "$2")}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi; }

build=$(dirname "$T")
while [ "$build" != / ] && [ ! -f "$build/CMakeCache.txt" ]; do build=$(dirname "$build"); done
if [ ! -f "$build/CMakeCache.txt" ]; then echo "FAIL no CMake build folder above $T"; exit 1; fi
tmp=$(realpath "$(mktemp -d /tmp/nnlab_install.XXXXXX)")
trap 'rm -rf "$tmp"' EXIT
P=$tmp/prefix
out=$(cmake --install "$build" --prefix "$P" 2>&1); rc=$?
check "cmake --install --prefix exits 0 (exit $rc)" test $rc -eq 0
[ $rc -eq 0 ] || { echo "$out"; exit 1; }
# Defaults of the tree the build was configured from must not help here.
unset NNLAB_ASSETS NNLAB_LESSONS
mkdir -p "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 1

check "bin/nnlab-train installed" test -x "$P/bin/nnlab-train"
check "share/nnlab/assets/fashion-small installed" test -f "$P/share/nnlab/assets/fashion-small/train.png"
check "the README's screenshots are not installed" test ! -e "$P/share/nnlab/assets/screenshots"
check "share/man/man1/nnlab-train.1 installed" test -f "$P/share/man/man1/nnlab-train.1"
check "share/doc/nnlab/README.md installed" test -f "$P/share/doc/nnlab/README.md"
warn=$(groff -man -ww -z "$P/share/man/man1/nnlab-train.1" 2>&1)
check "nnlab-train.1 parses without a warning${warn:+ ($warn)}" test -z "$warn"

out=$("$P/bin/nnlab-train" --data fashion-small --train-limit 200 --layers 16 --epochs 1 --quiet 2>&1); rc=$?
check "installed nnlab-train trains on fashion-small (exit $rc)" test $rc -eq 0
check "it reports the final line" grep -q '^final epoch=1 .*test_acc=' <<<"$out"

if [ -n "$N" ] && [ -x "$N" ]; then
    check "bin/nnlab installed" test -x "$P/bin/nnlab"
    check "lib/nnlab/libnnlab_mp4.so installed (MP4 recordings)" test -f "$P/lib/nnlab/libnnlab_mp4.so"
    n=$(ls "$P"/share/nnlab/lessons/*.lesson 2>/dev/null | wc -l)
    want=$(ls "$ROOT"/lessons/*.lesson 2>/dev/null | wc -l)
    check "every lesson installed ($n of $want)" test "$n" -gt 0 -a "$n" = "$want"
    out=$(SDL_VIDEODRIVER=dummy "$P/bin/nnlab" --run-lesson 19_softmax 2>&1); rc=$?
    check "installed nnlab runs lesson 19_softmax by name, headless (exit $rc)" test $rc -eq 0
    check "from share/nnlab/lessons (named without bin/..)" grep -qF "$P/share/nnlab/lessons/19_softmax.lesson:" <<<"$out"
    check "every checkpoint passed" grep -q 'all passed' <<<"$out"
    [ $rc -eq 0 ] || echo "$out"

    version=$("$N" --version | awk '{ print $2 }')
    for page in nnlab nnlab-train; do
        check "$page.1 names version $version" grep -q "^\.TH .*\"nnlab $version\"" "$P/share/man/man1/$page.1"
        f=$P/share/man/man1/$page.1
        check "groff renders $page.1 with a NAME section" bash -c 'groff -man -Tascii -P-cbou "$1" 2>/dev/null | grep -q "^NAME"' _ "$f"
    done
    warn=$(groff -man -ww -z "$P/share/man/man1/nnlab.1" 2>&1)
    check "nnlab.1 parses without a warning${warn:+ ($warn)}" test -z "$warn"

    desktop=$P/share/applications/nnlab.desktop
    check "share/applications/nnlab.desktop installed" test -f "$desktop"
    v=$(desktop-file-validate "$desktop" 2>&1); rc=$?
    check "desktop-file-validate accepts it without a remark (exit $rc${v:+: $v})" test $rc -eq 0 -a -z "$v"
    exe=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | sort -u)
    check "its Exec runs the installed program ($exe)" test "$exe" = nnlab -a -x "$P/bin/$exe"
    icon=$(sed -n 's/^Icon=//p' "$desktop")
    svg=$P/share/icons/hicolor/scalable/apps/$icon.svg
    check "its icon '$icon' is installed as hicolor/scalable/apps/$icon.svg" test -f "$svg"
    check "the SVG is an <svg> document" grep -q '<svg ' "$svg"
    # PNG sizes are rendered by ImageMagick when the build found it.
    if grep -q '^NNLAB_CONVERT:FILEPATH=/' "$build/CMakeCache.txt"; then
        for s in 48 128 256; do
            png=$P/share/icons/hicolor/${s}x${s}/apps/$icon.png
            size=$(od -An -tu1 -j16 -N8 "$png" 2>/dev/null | awk '{ print $3*256+$4 "x" $7*256+$8 }')
            check "hicolor/${s}x${s}/apps/$icon.png is a ${s}x$s PNG ($size)" test "$size" = "${s}x$s"
        done
    else
        echo "skip PNG icons: the build found no ImageMagick"
    fi
fi

# Without share/nnlab the installed programs must say what is missing (exit
# 2), not quietly read the source tree.
mv "$P/share/nnlab" "$tmp/moved"
out=$("$P/bin/nnlab-train" --data fashion-small --epochs 1 --quiet 2>&1); rc=$?
check "without share/nnlab, nnlab-train --data fashion-small exits 2 (exit $rc)" test $rc -eq 2
check "and names the missing asset" grep -q "asset 'fashion-small/.*' not found" <<<"$out"
if [ -n "$N" ] && [ -x "$N" ]; then
    out=$(SDL_VIDEODRIVER=dummy "$P/bin/nnlab" --run-lesson 19_softmax 2>&1); rc=$?
    check "without share/nnlab, nnlab --run-lesson 19_softmax exits 2 (exit $rc)" test $rc -eq 2
fi
exit $fail
