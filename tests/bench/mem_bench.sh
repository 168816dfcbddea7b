#!/usr/bin/env bash
# Memory and allocator calls while the Playground plays for an hour: the
# default spiral run with every picture on, in a real window under Xvfb. Not
# a unit test: it prints figures (see tests/bench/README.md).
#
#   bash tests/bench/mem_bench.sh [path/to/nnlab] [path/to/older/nnlab]
#
# An hour at 60 frames a second and the default speed (8 updates a frame,
# 12 updates an epoch on spiral) is 144,000 epochs. Memory grows with epochs
# (history rows, curve points), not with frames, so the run presses '+' nine
# times (4096 updates a frame at most, within the 6 ms training budget of a
# frame: about 12 epochs a frame) and does not pace frames, and stops at
# epoch 144,000: an hour's epochs in a few minutes. tests/bench/alloc_shim.c
# (LD_PRELOAD) counts the allocator calls, frames and triangles and prints RSS
# every SHIM_EVERY frames. A second nnlab (e.g. the commit before the fix) is
# run the same way for comparison.
#
# Environment: MEM_BENCH_EPOCHS (default 144000), MEM_BENCH_MAX_S (wall-clock
# cap per run, default 900: a build whose frames slow down with the history
# stops there), SHIM_EVERY (default 1000 frames; a line at least every 30 s
# too), MEM_BENCH_RENDER=software
# (SDL's software renderer, as frame_bench.sh; default) or default (SDL's own
# choice: OpenGL on Xvfb's Mesa).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
new=${1:-build/app/nnlab}
old=${2:-}
epochs=${MEM_BENCH_EPOCHS:-144000}
max_s=${MEM_BENCH_MAX_S:-900}
every=${SHIM_EVERY:-1000}
render=${MEM_BENCH_RENDER:-software}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -shared -fPIC $(pkg-config --cflags sdl2) -o "$tmp/shim.so" "$here/alloc_shim.c" -ldl

run() {   # run LABEL NNLAB
    local cfg="$tmp/cfg-$1" out="$tmp/$1.txt"
    mkdir -p "$cfg"
    local renv=(SDL_RENDER_DRIVER=software)
    [ "$render" = default ] && renv=()
    local x=()
    if command -v xvfb-run >/dev/null; then x=(xvfb-run -a -s "-screen 0 1280x720x24"); fi
    echo "== $1: $2 (renderer: $render)"
    # the shim goes on nnlab only (not on Xvfb): env inside xvfb-run
    timeout "$max_s" env -u SDL_VIDEODRIVER "${renv[@]}" XDG_CONFIG_HOME="$cfg" \
        "${x[@]}" env LD_PRELOAD="$tmp/shim.so" SHIM_NODELAY=1 SHIM_FASTER=9 SHIM_EVERY="$every" \
        SHIM_STOP_EPOCH="$epochs" "$2" --play --view playground 2>/dev/null | tee "$out" || true
    # first line after the start-up one, and the last
    awk -v label="$1" -v target="$epochs" '
        /^frame=/ { n++; for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                    if (n == 2) { e0 = v["epoch"]; r0 = v["rss_mb"] }
                    e1 = v["epoch"]; r1 = v["rss_mb"]; a1 = v["allocs_per_frame"]; t1 = v["triangles_per_frame"];
                    m1 = v["ms_per_frame"]; w1 = v["wall_s"] }
        END { if (n < 2) { print label ": no figures"; exit }
              printf "%s: epochs %d -> %d%s in %.0f s; RSS %.1f -> %.1f MB (%+.2f MB per 10,000 epochs); " \
                     "at the end, per frame: %.0f allocator calls, %.0f triangles, %.1f ms\n",
                     label, e0, e1, (e1 >= target ? "" : " (stopped by the time cap)"), w1, r0, r1,
                     (e1 > e0 ? (r1 - r0) * 10000 / (e1 - e0) : 0), a1, t1, m1 }' "$out" >> "$tmp/summary"
}

echo "nnlab memory benchmark: Playground, spiral 2-16-16-3, playing to epoch $epochs" \
     "(an hour at 60 fps and the default speed), 1280x720"
run new "$new"
[ -n "$old" ] && run old "$old"
echo "== summary"
cat "$tmp/summary"
