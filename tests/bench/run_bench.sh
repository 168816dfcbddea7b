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
# PyTorch: Debian's python3-torch lives in /usr/bin/python3, which a pyenv or
# venv python3 earlier on PATH cannot import; take the first that can.
py=
for cand in /usr/bin/python3 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import torch' 2>/dev/null; then
        py=$(command -v "$cand")
        break
    fi
done
if [ -n "$py" ]; then
    # torch.set_num_threads($threads) gives PyTorch's own pool the same threads.
    # Debian's torch calls OpenBLAS from inside that pool; an OpenBLAS pool of
    # its own on top oversubscribes the cores (3.9 s/epoch instead of 1.0 here),
    # so by default its BLAS runs on the calling thread. TORCH_BLAS_THREADS
    # overrides that.
    if t=$(OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=${TORCH_BLAS_THREADS:-1} \
           "$py" "$here/torch_mlp.py" "$data" "$threads"); then
        echo "$t python=$py"
        ts=$(sed -n 's/.*torch_epoch_seconds=\([0-9.]*\).*/\1/p' <<<"$t")
        awk -v a="$nn" -v b="$ts" 'BEGIN { printf "ratio nnlab/pytorch=%.3f (below 1: nnlab is faster)\n", a / b }'
    else
        echo "pytorch: $py tests/bench/torch_mlp.py failed (its message is above)"
    fi
else
    echo "pytorch: skipped, no python3 here can import torch (apt-get install -y python3-torch)"
fi
