#!/usr/bin/env bash
# The CNN benchmark (issue 15): one epoch of the README's CNN
# (c16k3,p2,c32k3,p2,128, Adam, batch 64) on the Fashion-MNIST training
# images with 1 engine thread (OpenBLAS threading each product) and with 2
# (the engine's pool), side by side in one run; the evaluation pass for both;
# and the GEMM floors (tests/bench/bench_cnn.c says which). Not a unit test:
# it prints figures from one run on one machine, with its load average.
#
#   tests/bench/run_cnn_bench.sh [BUILD_DIR] [FASHION_DIR]
#
# BENCH_ROUNDS=N (default 2) rounds; BENCH_IMAGES=N trains on N images only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
data=${2:-/usr/share/datasets/fashion-mnist}
cmake --build "$build" --target bench_cnn >/dev/null
# The 1-thread rounds give OpenBLAS 2 threads (as OPENBLAS_NUM_THREADS=2 did
# before the pool); the helper switches it per round with openblas_set_num_threads.
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores; load average before $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/tests/bench/bench_cnn" "$data"
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
