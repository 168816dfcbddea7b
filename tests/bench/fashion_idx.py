"""tests/bench/fashion_idx.py - read a gzipped IDX file (the Fashion-MNIST
format) into a uint8 torch tensor of its dimensions; shared by torch_cnn.py
and torch_mlp.py."""
import gzip
import struct

import torch


def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    nd = raw[3]
    dims = struct.unpack(">" + "I" * nd, raw[4:4 + 4 * nd])
    return torch.frombuffer(bytearray(raw[4 + 4 * nd:]), dtype=torch.uint8).reshape(dims)
