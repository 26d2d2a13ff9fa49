#!/usr/bin/python3
"""Writes the PyTorch fixtures of packed (variable-length) batches for rnn4j's PackedParityTest
(run by hand; CI uses the committed files):

    /usr/bin/python3 tools/make_packed_fixtures.py

In the style of make_fixtures.py: computed in float64 with mkldnn off, parameters, inputs and
seeds drawn in float32 (so exactly representable), floats stored as F32, indices as I64.

One file per case: rnn4j-core/src/test/resources/fixtures/packed/<module>/<case>.safetensors

Metadata (strings): case, module (RNN|LSTM|GRU), input_size, hidden_size, num_layers, bias,
batch_first, bidirectional, dropout ("0"), proj_size (LSTM), nonlinearity (RNN), has_h0, has_c0,
enforce_sorted, lengths ("3,5,1" in the caller's batch order), padding_value, total_length.

Tensors:
  param.<name>                    every parameter
  x                               the padded input [T, B, I] ([B, T, I] with batch_first); the
                                  padding holds random values, which must not matter
  h0, c0                          initial states in the caller's batch order (when given)
  packed.data, packed.batch_sizes pack_padded_sequence(x, lengths, batch_first, enforce_sorted)
  packed.sorted_indices, packed.unsorted_indices   (unsorted cases only; I64)
  out.data, out.h_n, out.c_n      the module's packed output data and final states
  out.padded                      pad_packed_sequence(output, batch_first, padding_value, total_length)
  out.lengths                     its lengths (I64)
  seed.data, seed.h_n, seed.c_n, seed.padded   upstream weights: the loss is the sum over those
                                  outputs of (out * seed).sum()
  grad.x, grad.h0, grad.c0, grad.param.<name>  gradients of that loss
"""
import os
import shutil
import sys
import zlib

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rnn4j-core", "src", "test", "resources",
                    "fixtures", "packed")

UNSORTED = [3, 5, 1, 5, 2]  # a tie (5, 5): the sort must be stable, as PyTorch's on CPU
SORTED = [6, 4, 4, 2]
SINGLE = [4]

# module, layers, bidirectional, bias, batch_first, h0, proj, nonlinearity, lengths, enforce_sorted, T
CASES = [
    ("RNN", 1, False, True, False, True, 0, "tanh", UNSORTED, False, 6),
    ("RNN", 2, True, True, False, False, 0, "relu", UNSORTED, False, 5),
    ("RNN", 1, True, False, True, True, 0, "tanh", SORTED, True, 6),
    ("GRU", 2, True, True, False, True, 0, None, UNSORTED, False, 6),
    ("GRU", 1, False, True, True, False, 0, None, UNSORTED, False, 5),
    ("GRU", 2, False, False, False, True, 0, None, SORTED, True, 7),
    ("LSTM", 2, True, True, False, True, 0, None, UNSORTED, False, 6),
    ("LSTM", 2, True, True, True, True, 2, None, UNSORTED, False, 5),
    ("LSTM", 1, False, True, False, False, 3, None, SORTED, True, 6),
    ("LSTM", 1, True, False, False, False, 0, None, UNSORTED, False, 5),
    ("LSTM", 2, False, True, False, True, 0, None, SINGLE, False, 4),
]
INPUT, HIDDEN = 3, 5


def b(v):
    return "true" if v else "false"


def f32(*shape, gen):
    return torch.randn(tuple(shape), generator=gen, dtype=torch.float32).double()


def case_name(c):
    m, layers, bi, bias, bf, h0, proj, nl, lengths, sort, t = c
    return "{}_L{}{}{}{}{}{}{}_{}_B{}_T{}".format(
        m, layers, "_bi" if bi else "", "" if bias else "_nobias", "_bf" if bf else "", "_h0" if h0 else "",
        "_P{}".format(proj) if proj else "", "_" + nl if m == "RNN" else "", "sorted" if sort else "unsorted",
        len(lengths), t)


def make(c):
    m, layers, bi, bias, bf, with_h0, proj, nl, lengths, enforce_sorted, steps = c
    name = case_name(c)
    torch.manual_seed(zlib.crc32(name.encode()))
    gen = torch.Generator()
    gen.manual_seed(zlib.crc32((name + "/data").encode()))
    kw = dict(num_layers=layers, bias=bias, batch_first=bf, bidirectional=bi)
    if m == "RNN":
        kw["nonlinearity"] = nl
    if proj:
        kw["proj_size"] = proj
    mod = getattr(torch.nn, m)(INPUT, HIDDEN, **kw).double()
    d = 2 if bi else 1
    batch = len(lengths)
    hout = proj or HIDDEN
    x = f32(batch, steps, INPUT, gen=gen) if bf else f32(steps, batch, INPUT, gen=gen)
    inputs = {"x": x}
    if with_h0:
        inputs["h0"] = f32(layers * d, batch, hout, gen=gen)
        if m == "LSTM":
            inputs["c0"] = f32(layers * d, batch, HIDDEN, gen=gen)
    for v in inputs.values():
        v.requires_grad_(True)
    packed = pack_padded_sequence(x, lengths, batch_first=bf, enforce_sorted=enforce_sorted)
    if m == "LSTM":
        output, (h_n, c_n) = mod(packed, (inputs["h0"], inputs["c0"])) if with_h0 else mod(packed)
        outs = {"data": output.data, "h_n": h_n, "c_n": c_n}
    else:
        output, h_n = mod(packed, inputs["h0"]) if with_h0 else mod(packed)
        outs = {"data": output.data, "h_n": h_n}
    padding_value, total_length = -0.5, steps + 1
    padded, out_lengths = pad_packed_sequence(output, batch_first=bf, padding_value=padding_value,
                                              total_length=total_length)
    outs["padded"] = padded
    assert out_lengths.tolist() == lengths
    seeds = {k: f32(*v.shape, gen=gen) for k, v in outs.items()}
    loss = sum((outs[k] * seeds[k]).sum() for k in outs)
    loss.backward()

    tensors = {}
    for k, p in mod.named_parameters():
        tensors["param." + k] = p.float()
    for k, v in inputs.items():
        tensors[k] = v.detach().float()
    tensors["packed.data"] = packed.data.detach().float()
    tensors["packed.batch_sizes"] = packed.batch_sizes
    if packed.sorted_indices is not None:
        tensors["packed.sorted_indices"] = packed.sorted_indices
        tensors["packed.unsorted_indices"] = packed.unsorted_indices
    for k, v in outs.items():
        tensors["out." + k] = v.detach().float()
    tensors["out.lengths"] = out_lengths
    for k, v in seeds.items():
        tensors["seed." + k] = v.float()
    for k, v in inputs.items():
        tensors["grad." + k] = v.grad.float()
    for k, p in mod.named_parameters():
        tensors["grad.param." + k] = p.grad.float()
    meta = {
        "case": name, "module": m, "input_size": INPUT, "hidden_size": HIDDEN, "num_layers": layers,
        "bias": b(bias), "batch_first": b(bf), "bidirectional": b(bi), "dropout": "0", "has_h0": b(with_h0),
        "has_c0": b(with_h0 and m == "LSTM"), "enforce_sorted": b(enforce_sorted),
        "lengths": ",".join(map(str, lengths)), "padding_value": repr(padding_value), "total_length": total_length,
    }
    if m == "RNN":
        meta["nonlinearity"] = nl
    if m == "LSTM":
        meta["proj_size"] = proj
    folder = os.path.join(ROOT, m)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + ".safetensors")
    safetensors_io.save(path, tensors, meta, dtype=None)
    return path


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    with torch.backends.mkldnn.flags(enabled=False):
        paths = [make(c) for c in CASES]
    total = sum(os.path.getsize(p) for p in paths)
    print("packed cases:", len(paths), "files,", total, "bytes")


if __name__ == "__main__":
    main()
