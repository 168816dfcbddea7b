#!/usr/bin/env bash
# Fullscreen under X without a window manager (a bare Xvfb, a kiosk started
# with xinit) fills the screen, and F11 back returns to the window (issue
# #10: a 1920x1080 frame was drawn into the 1280x720 window, stayed so after
# toggling back, and F12 saved a half-white image).
# $1 = nnlab-train (unused), $2 = nnlab.
set -u
N=$(realpath "${2:?usage: test_fullscreen.sh nnlab-train nnlab}")
for tool in xvfb-run identify convert xdotool; do
    command -v $tool >/dev/null || { echo "FAIL $tool is missing: apt-get install -y xvfb xauth imagemagick xdotool"; exit 1; }
done
# As in test_window.sh: X11/Mesa keep allocations until exit; ours are
# leak-checked by the app.* tests on the dummy driver.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
. "$(dirname "$0")/lib.sh"

# $1 = PNG, $2 = expected WxH: that size, a real picture, almost no pure white
# (the undrawn part of a too-small window reads back white).
picture_ok() {
    local f=$1 want=$2 size white sd
    size=$(identify -format '%wx%h' "$f" 2>/dev/null)
    white=$(convert "$f" -fill black +opaque white -format '%[fx:mean]' info: 2>/dev/null)
    sd=$(identify -format '%[fx:standard_deviation]' "$f" 2>/dev/null)
    check "$(basename "$f") is $want ($size), white ${white:-?}, std ${sd:-?}" \
        awk -v s="$size" -v w="$want" -v white="${white:-1}" -v sd="${sd:-0}" \
            'BEGIN { exit !(s == w && white < 0.02 && sd > 0.05) }'
}

x() { env -u SDL_VIDEODRIVER XDG_CONFIG_HOME="$dir/cfg" timeout -s KILL 90 xvfb-run -a -s "-screen 0 $1x24" "${@:2}"; }

# --fullscreen on a screen larger than the default window, and on one the same size.
x 1920x1080 "$N" --fullscreen --frames 30 --screenshot "$dir/big.png" >/dev/null 2>&1
picture_ok "$dir/big.png" 1920x1080
x 1280x720 "$N" --fullscreen --frames 30 --screenshot "$dir/same.png" >/dev/null 2>&1
picture_ok "$dir/same.png" 1280x720

# The window itself (xwininfo), not only what SDL believes: started with
# --fullscreen it covers the screen; F12 saves it; F11 returns to 1280x720
# and F12 saves that; F11 again covers the screen; SIGTERM ends it.
cat > "$dir/toggle.sh" <<'SCRIPT'
cd "$1" || exit 1
"$2" --play --fullscreen &
pid=$!
win=$(timeout 30 xdotool search --sync --name '^nnlab$' | head -1)
geom() { xwininfo -id "$win" | awk '/Width:/ { w = $2 } /Height:/ { h = $2 } /Absolute upper-left X:/ { x = $4 } /Absolute upper-left Y:/ { y = $4 } END { printf "%sx%s+%s+%s\n", w, h, x, y }' >> geometry.txt; }
sleep 2
xdotool windowfocus --sync "$win"
geom; xdotool key F12; sleep 1.5
xdotool key F11; sleep 1.5; geom; xdotool key F12; sleep 1.5
xdotool key F11; sleep 1.5; geom
kill -TERM "$pid"
wait "$pid"
echo $? > rc.txt   # nnlab's own code: xvfb-run's may be 5 when its clean-up races
SCRIPT
mkdir -p "$dir/shots"
x 1920x1080 bash "$dir/toggle.sh" "$dir/shots" "$N" >"$dir/toggle.log" 2>&1
rc=$(cat "$dir/shots/rc.txt" 2>/dev/null)
check "toggling run ends 143 on SIGTERM ($rc)" test "$rc" = 143
[ "$rc" = 143 ] || cat "$dir/toggle.log"
g=()
[ -f "$dir/shots/geometry.txt" ] && mapfile -t g < "$dir/shots/geometry.txt"
check "--fullscreen: the window covers the screen (${g[0]:-none})" test "${g[0]:-}" = 1920x1080+0+0
check "F11: back to the 1280x720 window (${g[1]:-none})" test "$(echo "${g[1]:-}" | cut -d+ -f1)" = 1280x720
check "F11 again: the window covers the screen (${g[2]:-none})" test "${g[2]:-}" = 1920x1080+0+0
shopt -s nullglob
shots=("$dir"/shots/nnlab-*.png)
check "F12 saved two screenshots (${#shots[@]})" test "${#shots[@]}" = 2
[ -f "${shots[0]:-}" ] && picture_ok "${shots[0]}" 1920x1080
[ -f "${shots[1]:-}" ] && picture_ok "${shots[1]}" 1280x720
exit $fail
