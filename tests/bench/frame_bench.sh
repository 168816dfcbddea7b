#!/usr/bin/env bash
# Frame time of the Playground while training spiral with a 2-16-16-3 network
# and every picture on, in a real window under Xvfb with SDL's software
# renderer; and the time to the first frame. Not a unit test: it prints figures.
#   bash tests/bench/frame_bench.sh [path/to/nnlab] [frames]
# Targets (issue 5): median <= 16 ms, p95 <= 25 ms, first frame <= 0.5 s (both scenarios).
set -eu
N=${1:-build/app/nnlab}
frames=${2:-600}
cfg=$(mktemp -d)
trap 'rm -rf "$cfg"' EXIT
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
