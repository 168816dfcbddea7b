#!/usr/bin/env python3
"""The MLP benchmark's peer: the identical MLP 784-256-10 (ReLU, softmax
cross-entropy, batch 128, plain SGD lr 0.1) trained with PyTorch on CPU for one
epoch over the same 60,000 Fashion-MNIST training images, pixels kept as uint8
and turned into floats (/255) per mini-batch as nnlab does. Without the dataset,
random images of the same shape are used, as bench_mlp does.

    OMP_NUM_THREADS=T OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tests/bench/torch_mlp.py \
        [FASHION_DIR] [T] [--peer build/tests/bench/bench_mlp --serve FASHION_DIR]

Alone it prints torch_epoch_seconds=S (best of BENCH_ROUNDS epochs, default 3,
after a warm-up one). With --peer, the rest of the line is nnlab's side
(bench_mlp --serve, started here with BENCH_THREADS=T): after both have warmed
up, rounds alternate one nnlab epoch and one PyTorch epoch, so a busy
neighbour slows both alike, and the best of each and their ratio are printed.
"""
import os
import subprocess
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_idx import idx  # noqa: E402  (beside this script)

args = sys.argv[1:]
peer = None
if "--peer" in args:
    peer = args[args.index("--peer") + 1:]
    args = args[:args.index("--peer")]
d = args[0] if len(args) > 0 else "/usr/share/datasets/fashion-mnist"
threads = int(args[1]) if len(args) > 1 else 2
rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
torch.set_num_threads(threads)
torch.manual_seed(1)


try:
    x8 = idx(d + "/train-images-idx3-ubyte.gz").reshape(60000, 784)
    y = idx(d + "/train-labels-idx1-ubyte.gz").long()
    data = "fashion-mnist"
except (OSError, RuntimeError):          # same shapes, same work: random pixels
    x8 = torch.randint(0, 256, (60000, 784), dtype=torch.uint8)
    y = torch.randint(0, 10, (60000,))
    data = "random"
model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = torch.nn.CrossEntropyLoss()


def epoch():
    t0 = time.perf_counter()
    order = torch.randperm(60000)
    for first in range(0, 60000, 128):
        idx_b = order[first:first + 128]
        xb = x8[idx_b].float().div_(255.0)
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(model(xb), y[idx_b])
        loss.backward()
        opt.step()
    return time.perf_counter() - t0


def nnlab_epoch(p):
    """One epoch of the peer: send a line, read its figures back."""
    p.stdin.write("epoch\n")
    p.stdin.flush()
    line = p.stdout.readline()
    if not line.startswith("nnlab_epoch_seconds="):
        sys.exit("torch_mlp.py: the peer said %r instead of nnlab_epoch_seconds=" % line)
    return float(line.split()[0].split("=")[1]), line.strip()


p = None
if peer:
    p = subprocess.Popen(peer, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                         env=dict(os.environ, BENCH_THREADS=str(threads)))
    if p.stdout.readline().strip() != "ready":
        sys.exit("torch_mlp.py: the peer %s did not start" % " ".join(peer))
epoch()                                   # warm-up, as for nnlab
best, best_nn, nn_line = 1e30, 1e30, ""
for _ in range(rounds):
    if p:
        s, line = nnlab_epoch(p)
        if s < best_nn:
            best_nn, nn_line = s, line
    best = min(best, epoch())
if p:
    p.stdin.close()
    p.wait()
    print("threads=%d %s" % (threads, nn_line))
print("threads=%d torch_epoch_seconds=%.4f torch_version=%s blas_threads=%s omp_wait_policy=%s data=%s best of %d"
      % (threads, best, torch.__version__, os.environ.get("OPENBLAS_NUM_THREADS", "default"),
         os.environ.get("OMP_WAIT_POLICY", "default"), data, rounds))
if p:
    print("threads=%d ratio nnlab/pytorch=%.3f (below 1: nnlab is faster; alternating rounds)"
          % (threads, best_nn / best))
