#!/usr/bin/env bash
# Frame time of the Playground while training spiral with a 2-16-16-3 network
# and every picture on, in a real window under Xvfb with SDL's software
# renderer; and the time to the first frame. Not a unit test: it prints figures.
#   bash tests/bench/frame_bench.sh [path/to/nnlab] [frames] [path/to/other/nnlab]
# With a second program, the projector-size cases run both in turns (old and
# new side by side on a shared machine). Each line ends with the load average.
# Targets (issue 5): median <= 16 ms, p95 <= 25 ms, first frame <= 0.5 s (both scenarios).
# Targets (issue 15), at 1920x1080 with zoom 1.5: median <= 16 ms and p95 <= 25 ms
# with every picture on, median <= 16 ms with the Fashion-MNIST image grid
# playing, first frame <= 0.3 s. The stats line also gives the Playground's
# updates a second and its threads.
set -eu
N=${1:-build/app/nnlab}
frames=${2:-600}
other=${3:-}
cfg=$(mktemp -d)
trap 'rm -rf "$cfg"' EXIT
assets=${NNLAB_ASSETS:-$(cd "$(dirname "$0")/../.." && pwd)/assets}
big() {   # program, then --set options
    local prog=$1; shift
    env -u SDL_VIDEODRIVER SDL_RENDER_DRIVER=software NNLAB_FRAME_STATS=1 XDG_CONFIG_HOME="$cfg" NNLAB_ASSETS="$assets" \
        xvfb-run -a -s "-screen 0 1920x1080x24" "$prog" --size 1920x1080 --scale 1.5 --play --frames "$frames" \
        --view playground "$@" | grep '^frames=' | tr -d '\n'
    echo " load=$(cut -d' ' -f1 /proc/loadavg) $prog"
}
echo "nnlab frame benchmark: $frames frames, spiral 2-16-16-3, training on, 1920x1080 zoom 1.5, software renderer"
for run in 1 2 3; do
    big "$N"
    if [ -n "$other" ]; then big "$other"; fi
done
echo "nnlab frame benchmark: $frames frames, fashion-small c4k3,p2,32 (the image grid), 1920x1080 zoom 1.5, software renderer"
for run in 1 2 3; do
    big "$N" --set data=fashion-small --set layers=c4k3,p2,32
    if [ -n "$other" ]; then big "$other" --set data=fashion-small --set layers=c4k3,p2,32; fi
done
echo "nnlab frame benchmark: $frames frames, spiral 2-16-16-3, training on, 1280x720, software renderer"
for run in 1 2 3; do
    env -u SDL_VIDEODRIVER SDL_RENDER_DRIVER=software NNLAB_FRAME_STATS=1 XDG_CONFIG_HOME="$cfg" \
        xvfb-run -a -s "-screen 0 1280x720x24" "$N" --play --frames "$frames" --view playground \
        | grep '^frames='
done
# Batch 1 on images with a small conv net: every frame trains up to its
# budget, and an update that ends an epoch (evaluating three sets) takes a
# frame of its own (tests/app/test_session.c checks those rules; this prints
# what they cost here).
echo "nnlab frame benchmark: $frames frames, fashion-small c4k3,p2,32, batch 1, 1280x720, software renderer"
for run in 1 2; do
    env -u SDL_VIDEODRIVER SDL_RENDER_DRIVER=software NNLAB_FRAME_STATS=1 XDG_CONFIG_HOME="$cfg" \
        xvfb-run -a -s "-screen 0 1280x720x24" "$N" --play --frames "$frames" --view playground \
        --set data=fashion-small --set layers=c4k3,p2,32 --set batch=1 --set train-limit=300 \
        | grep '^frames='
done
