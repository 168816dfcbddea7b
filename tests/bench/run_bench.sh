#!/usr/bin/env bash
# The engine benchmark (issue 4): one epoch of MLP 784-256-10, ReLU, softmax
# cross-entropy, batch 128, plain SGD, on the 60,000 Fashion-MNIST training
# images with 2 threads; the GEMM floor (the same cblas_sgemm calls alone); and
# PyTorch on CPU for the same network and data when python3-torch is installed.
# Not a unit test: it prints figures from one run on one machine.
#
#   tests/bench/run_bench.sh [BUILD_DIR] [FASHION_DIR]
#
# Run it on a quiet machine: rounds alternate nnlab and the floor and the best
# of each is kept, but a busy neighbour still shows in the figures.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
data=${2:-/usr/share/datasets/fashion-mnist}
threads=2
cmake --build "$build" --target bench_mlp >/dev/null
export OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
out=$("$build/tests/bench/bench_mlp" "$data")
echo "$out"
nn=$(sed -n 's/.*nnlab_epoch_seconds=\([0-9.]*\).*/\1/p' <<<"$out")
if python3 -c 'import torch' 2>/dev/null; then
    t=$(python3 "$here/torch_mlp.py" "$data" "$threads")
    echo "$t"
    ts=$(sed -n 's/.*torch_epoch_seconds=\([0-9.]*\).*/\1/p' <<<"$t")
    awk -v a="$nn" -v b="$ts" 'BEGIN { printf "ratio nnlab/pytorch=%.3f (below 1: nnlab is faster)\n", a / b }'
else
    echo "pytorch: not installed (apt-get install python3-torch for the side-by-side run)"
fi
