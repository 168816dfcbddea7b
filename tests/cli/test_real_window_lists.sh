#!/usr/bin/env bash
# Every list of every view opened in a real window (issue #10): nnlab runs
# under Xvfb at 1280x720, training, once on the default 2-D data and once on
# fashion-small; xdotool clicks each view's tab, each tab of its panels and
# each dropdown (once per view), as a person with a mouse would, and Escape
# closes the list again. The program says where its controls are
# through NNLAB_UI_DUMP (app/shell/ui_dump.h); a list counts as opened when
# the next frame reports it open. The window must stay alive throughout and
# Ctrl+Q must end it with exit 0.
#   REAL_WINDOW_SHOTS=DIR  keep a screenshot of each open list there
# $1 = nnlab-train (unused), $2 = nnlab.
set -u
N=$(realpath "${2:?usage: test_real_window_lists.sh nnlab-train nnlab}")
for tool in xvfb-run xdotool import; do
    command -v $tool >/dev/null || { echo "FAIL $tool is missing: apt-get install -y xvfb xauth imagemagick xdotool"; exit 1; }
done
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"   # as test_window.sh: X11 keeps its allocations
. "$(dirname "$0")/lib.sh"

cat > "$dir/walk.sh" <<'SCRIPT'
set -u
N=$1 dir=$2 shots=$3 tag=$4
shift 4
dump=$dir/controls.txt
rm -f "$dump"
NNLAB_UI_DUMP=$dump "$N" --play "$@" > "$dir/nnlab.out" 2>&1 &
pid=$!
win=$(timeout 30 xdotool search --sync --name '^nnlab$' | head -1)
[ -n "$win" ] || { echo "FAIL no window"; exit 1; }
xdotool windowfocus --sync "$win" 2>/dev/null
opened=0 missed=0 n_shot=0
seen=" "
alive() { kill -0 "$pid" 2>/dev/null || { echo "FAIL nnlab died ($1)"; wait "$pid"; echo "exit $?"; cat "$dir/nnlab.out"; exit 1; }; }
# wait (up to 15 s) until the dump satisfies the awk program $1
until_dump() {
    for _ in $(seq 150); do
        [ -s "$dump" ] && awk "$1" "$dump" && return 0
        sleep 0.1
    done
    return 1
}
click() { xdotool mousemove --sync "$1" "$2" click 1; sleep 0.25; }
centre() { awk -v k="$1" -v want="$2" -v top="$3" '$1 == k && (top ? $3 < 50 : $3 >= 50) { if (n++ == want) { print int($2 + $4 / 2), int($3 + $5 / 2), $8; exit } }' "$dump"; }
count() { awk -v k="$1" -v top="$2" '$1 == k && (top ? $3 < 50 : $3 >= 50) { n++ } END { print n + 0 }' "$dump"; }
until_dump '/^view /{ v = 1 } END { exit !v }' || { echo "FAIL no controls reported"; exit 1; }
n_views=$(count tab 1)
echo "views: $n_views"
for v in $(seq 0 $((n_views - 1))); do
    read -r x y _ <<< "$(centre tab "$v" 1)"
    click "$x" "$y"
    alive "view tab $v"
    sleep 0.5
    view=$(awk '/^view /{ print $2; exit }' "$dump")
    n_tabs=$(count tab 0)
    for t in $(seq -1 $((n_tabs - 1))); do        # -1: the panels as the view opens
        if [ "$t" -ge 0 ]; then
            read -r x y _ <<< "$(centre tab "$t" 0)"
            [ -n "$x" ] || continue
            click "$x" "$y"; alive "$view tab $t"; sleep 0.3
        fi
        n_lists=$(count dropdown 0)
        for d in $(seq 0 $((n_lists - 1))); do
            read -r x y locked <<< "$(centre dropdown "$d" 0)"
            [ -n "$x" ] && [ "$locked" = 0 ] || continue
            label=$(awk -v want="$d" '$1 == "dropdown" && $3 >= 50 { if (n++ == want) { $1 = $2 = $3 = $4 = $5 = $6 = $7 = $8 = ""; sub(/^ +/, ""); print; exit } }' "$dump")
            items=$(awk -v want="$d" '$1 == "dropdown" && $3 >= 50 { if (n++ == want) { print $7; exit } }' "$dump")
            key="$view|$label|$items"
            [ -n "$label" ] || key="$key|$t"                # unnamed lists: one per panel tab
            case $seen in *" $key "*) continue ;; esac    # the same list under another tab
            seen="$seen$key "
            click "$x" "$y"
            alive "$view: list '$label'"
            if until_dump '/^open /{ o = 1 } END { exit !o }'; then
                opened=$((opened + 1))
                echo "ok   $view: list '$label' opened"
                if [ -n "$shots" ]; then
                    n_shot=$((n_shot + 1))
                    import -window root "$shots/${tag}_$(printf %02d "$n_shot")_${view}_${label// /_}.png"
                fi
            else
                missed=$((missed + 1))
                echo "FAIL $view: list '$label' at $x,$y did not open"
            fi
            xdotool key Escape; sleep 0.2
            until_dump '/^open /{ o = 1 } END { exit o }' || echo "FAIL $view: list '$label' still open after Escape"
            alive "$view: list '$label' closed"
        done
    done
done
echo "lists opened on $tag: $opened, not opened: $missed"
xdotool key ctrl+q
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
wait "$pid"; rc=$?
echo "nnlab exit $rc"
[ "$missed" = 0 ] && [ "$opened" -ge 15 ] && [ "$rc" = 0 ]
SCRIPT
shots=${REAL_WINDOW_SHOTS:-}
[ -n "$shots" ] && mkdir -p "$shots"
for data in plane fashion-small; do
    extra=()
    [ $data = plane ] || extra=(--set data=$data)
    XDG_CONFIG_HOME="$dir/cfg-$data" timeout -s KILL 600 env -u SDL_VIDEODRIVER xvfb-run -a -s "-screen 0 1280x720x24" \
        bash "$dir/walk.sh" "$N" "$dir" "$shots" $data "${extra[@]}" > "$dir/walk.log" 2>&1
    rc=$?
    cat "$dir/walk.log"
    check "$data: every list of every view opened and closed in a real window, Ctrl+Q ended it (walk exit $rc)" test $rc = 0
    check "$data: no FAIL line in the walk" sh -c "! grep -q '^FAIL' '$dir/walk.log'"
done
exit $fail
