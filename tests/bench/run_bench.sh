#!/usr/bin/env bash
# The MLP benchmark (issues 4 and 15): one epoch of MLP 784-256-10, ReLU,
# softmax cross-entropy, batch 128, plain SGD, on the 60,000 Fashion-MNIST
# training images with 1 engine thread (OpenBLAS 2) and with 2 (the engine's
# pool) against the GEMM floors (the same cblas_sgemm calls alone); a whole
# nnlab-train epoch (evaluation included) against its training alone
# (tests/bench/bench_mlp.c says how each is taken); and PyTorch on CPU for the
# same network, data, batch and optimizer with 1 and 2 threads, side by side,
# when python3-torch is installed. Not a unit test: it prints figures from one
# run on one machine, with its load average.
#
#   tests/bench/run_bench.sh [BUILD_DIR] [FASHION_DIR]
#
# BENCH_ROUNDS=N (default 3) rounds; BENCH_THREADS="1 2" the PyTorch thread
# counts. Rounds alternate the sides and the best of each is kept, but a busy
# neighbour still shows in the figures: run it on a quiet machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
data=${2:-/usr/share/datasets/fashion-mnist}
cmake --build "$build" --target bench_mlp >/dev/null
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2   # bench_mlp sets OpenBLAS per side
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores; load average before $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/tests/bench/bench_mlp" "$data"
. "$here/find_torch.sh"      # $py: a python3 that imports torch, or ""
if [ -n "$py" ]; then
    # PyTorch side by side: torch_mlp.py starts bench_mlp --serve as its peer
    # and alternates one nnlab epoch and one PyTorch epoch per round, with the
    # same thread count on both sides (torch.set_num_threads; nnlab's engine
    # threads), for 1 and 2 threads (BENCH_THREADS="1 2").
    # Debian's torch calls OpenBLAS from inside its own pool; an OpenBLAS pool
    # of its own on top oversubscribes the cores (3.9 s/epoch instead of 1.0
    # here), so by default its BLAS runs on the calling thread.
    # TORCH_BLAS_THREADS overrides that. Its OpenMP threads wait as
    # libgomp's default has them (OMP_WAIT_POLICY unset: spin a while, then
    # sleep), as the engine's pool does (it watches for up to 0.1 ms, then
    # sleeps). TORCH_OMP_WAIT_POLICY=PASSIVE (sleep at once) or ACTIVE (always
    # spin: on a shared machine a spinning thread waits for a descheduled
    # partner, 17 s/epoch against 1.0 s passive once at load average 7)
    # overrides that.
    for th in ${BENCH_THREADS:-1 2}; do
        if ! env -u OMP_WAIT_POLICY OMP_NUM_THREADS=$th OPENBLAS_NUM_THREADS=${TORCH_BLAS_THREADS:-1} \
             ${TORCH_OMP_WAIT_POLICY:+OMP_WAIT_POLICY=$TORCH_OMP_WAIT_POLICY} \
             "$py" "$here/torch_mlp.py" "$data" "$th" --peer "$build/tests/bench/bench_mlp" --serve "$data"; then
            echo "pytorch: $py tests/bench/torch_mlp.py failed (its message is above)"
        fi
    done
    echo "python=$py"
else
    echo "pytorch: skipped, no python3 here can import torch (apt-get install -y python3-torch)"
fi
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
