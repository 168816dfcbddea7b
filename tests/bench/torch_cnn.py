#!/usr/bin/env python3
"""The CNN benchmark's peer: the README's CNN c16k3,p2,c32k3,p2,128 as PyTorch
layers (3x3 convolutions with padding 1, ReLU, 2x2 max-pooling, dense 128,
ReLU, 10 outputs; softmax cross-entropy, Adam lr 0.001, batch 64) trained on
CPU for one epoch over the same Fashion-MNIST training images bench_cnn uses
(the first IMAGES of the IDX file), pixels kept as uint8 and turned into floats
per mini-batch as nnlab does. For each thread count given, 20 warm-up batches,
then ROUNDS timed epochs; prints one line per thread count:
torch_threads=T torch_train_epoch_seconds=S (the best of the rounds).
Without the dataset, random images of the same shape are used, as bench_cnn does.

    OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tests/bench/torch_cnn.py \
        [FASHION_DIR] [IMAGES] [ROUNDS] [THREADS...]

IMAGES 0 (the default) means all 60,000; THREADS default to 1 2.
Needs Debian's python3-torch (a benchmark's peer only: not needed to build or test nnlab).
"""
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_idx import idx  # noqa: E402  (beside this script)

d = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
n = int(sys.argv[2]) if len(sys.argv) > 2 and int(sys.argv[2]) > 0 else 60000
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 1
thread_counts = [int(a) for a in sys.argv[4:]] or [1, 2]
BATCH = 64
WARMUP = 20 * BATCH                       # images of the warm-up (a whole epoch takes minutes)


try:
    x8 = idx(d + "/train-images-idx3-ubyte.gz")[:n].reshape(-1, 1, 28, 28)
    y = idx(d + "/train-labels-idx1-ubyte.gz")[:n].long()
    data = "fashion-mnist"
except (OSError, RuntimeError):          # same shapes, same work: random pixels
    x8 = torch.randint(0, 256, (n, 1, 28, 28), dtype=torch.uint8)
    y = torch.randint(0, 10, (n,))
    data = "random"
n = x8.shape[0]


def network():
    torch.manual_seed(1)
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))


def epoch(model, opt, loss_fn, images=None):
    order = torch.randperm(n)
    for first in range(0, images or n, BATCH):
        rows = order[first:first + BATCH]
        xb = x8[rows].float().div_(255.0)
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(model(xb), y[rows])
        loss.backward()
        opt.step()


for threads in thread_counts:
    torch.set_num_threads(threads)
    model = network()
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = torch.nn.CrossEntropyLoss()
    epoch(model, opt, loss_fn, WARMUP)    # warm-up: first allocations and page faults
    best = 1e30
    for _ in range(rounds):
        t0 = time.perf_counter()
        epoch(model, opt, loss_fn)
        best = min(best, time.perf_counter() - t0)
    print("torch_threads=%d torch_train_epoch_seconds=%.3f torch_version=%s images=%d data=%s "
          "blas_threads=%s" % (threads, best, torch.__version__, n, data,
                               os.environ.get("OPENBLAS_NUM_THREADS", "default")), flush=True)
