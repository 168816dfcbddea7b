#!/usr/bin/env bash
# How an MLP's training time grows (issue 15): epoch time against batch size
# (1, 8, 64, 256, all), hidden width (64 ... 1024) and depth (1 ... 20 hidden
# layers) on Fashion-MNIST, with 1 and 2 threads, as a Markdown table
# (tests/bench/bench_scaling.c says how each figure is taken). Not a unit
# test: figures from one run on one machine, with its load average.
#
#   tests/bench/run_scaling.sh [BUILD_DIR] [FASHION_DIR]
#
# BENCH_TABLE_IMAGES=N (default 10000) training images per row;
# BENCH_ROUNDS=N (default 2) rounds per row; BENCH_SWEEP=batch|width|depth
# one sweep only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
data=${2:-/usr/share/datasets/fashion-mnist}
cmake --build "$build" --target bench_scaling >/dev/null
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores; load average before $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
"$build/tests/bench/bench_scaling" "$data"
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg); the table took $(( $(date +%s) - start )) s"
