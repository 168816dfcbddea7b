#!/usr/bin/env python3
"""The benchmark's peer: the identical MLP 784-256-10 (ReLU, softmax cross-entropy,
batch 128, plain SGD lr 0.1) trained with PyTorch on CPU for one epoch over the
same 60,000 Fashion-MNIST training images, pixels kept as uint8 and turned into
floats (/255) per mini-batch as nnlab does. Prints torch_epoch_seconds=S (best
of 3 epochs after a warm-up one). Without the dataset, random images of the
same shape are used, as bench_mlp does.

    OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tests/bench/torch_mlp.py [FASHION_DIR] [THREADS]
"""
import gzip
import os
import struct
import sys
import time

import torch

d = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.set_num_threads(threads)
torch.manual_seed(1)


def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    nd = raw[3]
    dims = struct.unpack(">" + "I" * nd, raw[4:4 + 4 * nd])
    return torch.frombuffer(bytearray(raw[4 + 4 * nd:]), dtype=torch.uint8).reshape(dims)


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
    order = torch.randperm(60000)
    for first in range(0, 60000, 128):
        idx_b = order[first:first + 128]
        xb = x8[idx_b].float().div_(255.0)
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(model(xb), y[idx_b])
        loss.backward()
        opt.step()


epoch()                                   # warm-up, as for nnlab
best = 1e30
for _ in range(3):
    t0 = time.perf_counter()
    epoch()
    best = min(best, time.perf_counter() - t0)
print("torch_epoch_seconds=%.4f torch_version=%s threads=%d blas_threads=%s data=%s"
      % (best, torch.__version__, threads, os.environ.get("OPENBLAS_NUM_THREADS", "default"), data))
