#!/usr/bin/env bash
# The CNN benchmark (issue 15): one epoch of the README's CNN
# (c16k3,p2,c32k3,p2,128, Adam, batch 64) on the Fashion-MNIST training
# images with 1 engine thread (OpenBLAS threading each product) and with 2
# (the engine's pool), side by side in one run; the evaluation pass for both;
# and the GEMM floors (tests/bench/bench_cnn.c says which); then, where a
# python3 can import torch (Debian's python3-torch; not needed to build or test
# nnlab), the same network, data, batch and optimizer in PyTorch with 1 and 2
# threads (tests/bench/torch_cnn.py) and the ratios nnlab/PyTorch per thread
# count. Not a unit test: it prints figures from one run on one machine, with
# its load average.
#
#   tests/bench/run_cnn_bench.sh [BUILD_DIR] [FASHION_DIR]
#
# BENCH_ROUNDS=N (default 2) rounds; BENCH_IMAGES=N trains on N images only
# (PyTorch then on the same first N images).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
data=${2:-/usr/share/datasets/fashion-mnist}
cmake --build "$build" --target bench_cnn >/dev/null
# The 1-thread rounds give OpenBLAS 2 threads (as OPENBLAS_NUM_THREADS=2 did
# before the pool); the helper switches it per round with openblas_set_num_threads.
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores; load average before $(cut -d' ' -f1-3 /proc/loadavg)"
out=$("$build/tests/bench/bench_cnn" "$data")
echo "$out"
echo "load average after nnlab $(cut -d' ' -f1-3 /proc/loadavg)"
. "$here/find_torch.sh"      # $py: a python3 that imports torch, or ""
if [ -z "$py" ]; then
    echo "pytorch: skipped, no python3 here can import torch (apt-get install -y python3-torch)"
    exit 0
fi
# torch.set_num_threads(T) sizes PyTorch's own pool; its BLAS runs on the
# calling thread (an OpenBLAS pool on top would oversubscribe the cores, see
# run_bench.sh). TORCH_BLAS_THREADS overrides that.
images=$(sed -n 's/^data: .*, \([0-9]*\) training + .*/\1/p' <<<"$out")
if ! t=$(OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=${TORCH_BLAS_THREADS:-1} \
         "$py" "$here/torch_cnn.py" "$data" "${images:-0}" "${BENCH_ROUNDS:-2}" 1 2); then
    echo "pytorch: $py tests/bench/torch_cnn.py failed (its message is above)"
    exit 1
fi
echo "$t python=$py"
echo "load average after pytorch $(cut -d' ' -f1-3 /proc/loadavg)"
for k in 1 2; do
    a=$(sed -n "s/^threads=$k train_epoch_seconds=\([0-9.]*\).*/\1/p" <<<"$out")
    b=$(sed -n "s/^torch_threads=$k torch_train_epoch_seconds=\([0-9.]*\).*/\1/p" <<<"$t")
    awk -v k="$k" -v a="$a" -v b="$b" \
        'BEGIN { printf "ratio threads=%d nnlab/pytorch train_epoch=%.3f (below 1: nnlab is faster)%s\n", k, a / b,
                 k == 1 ? "; nnlab 1 engine thread with OpenBLAS on 2, PyTorch 1 thread" : "" }'
done
