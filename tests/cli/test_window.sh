#!/usr/bin/env bash
# A real window under Xvfb: nnlab starts, trains for 3 seconds of frames,
# saves its own screenshot, and the PNG is a real picture of the Playground.
# $1 = nnlab-train (unused), $2 = nnlab.
set -u
N=${2:?usage: test_window.sh nnlab-train nnlab}
command -v xvfb-run >/dev/null || { echo "FAIL xvfb-run is missing: apt-get install -y xvfb xauth"; exit 1; }
command -v identify >/dev/null || { echo "FAIL identify is missing: apt-get install -y imagemagick"; exit 1; }
# Under AddressSanitizer, LeakSanitizer reports allocations that the X11, D-Bus
# and Mesa libraries keep until exit (not ours, and from unloaded modules that
# suppressions cannot name). Our own code is leak-checked by the app.* tests
# on the dummy driver, so leak detection is off for this process only.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi; }

# No SDL_VIDEODRIVER: the X11 driver of a real (virtual) display.
out=$(env -u SDL_VIDEODRIVER XDG_CONFIG_HOME="$dir/cfg" timeout 60 \
      xvfb-run -a -s "-screen 0 1280x720x24" bash -c '"$0" "$@"; echo $? > "'"$dir"'/rc.txt"' \
      "$N" --play --frames 180 --screenshot "$dir/shot.png" 2>&1)
rc=$(cat "$dir/rc.txt" 2>/dev/null)   # nnlab's own code: xvfb-run's may be 5 when its clean-up races
check "nnlab exits 0 under Xvfb (${rc:-none}: $out)" test "${rc:-}" = 0
check "screenshot written" test -s "$dir/shot.png"
check "screenshot is 1280x720" test "$(identify -format '%wx%h' "$dir/shot.png" 2>/dev/null)" = "1280x720"
sd=$(identify -format '%[fx:standard_deviation]' "$dir/shot.png" 2>/dev/null)
check "screenshot is not blank (std $sd)" awk -v s="${sd:-0}" 'BEGIN { exit !(s > 0.05) }'
colours=$(identify -format '%k' "$dir/shot.png" 2>/dev/null)
check "screenshot has many colours ($colours)" test "${colours:-0}" -gt 500
exit $fail
