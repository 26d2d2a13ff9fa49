#!/usr/bin/python3
"""Flattens a PyTorch optimizer's state_dict() into rnn4j's names, for Optimizer.loadStateDict.

    /usr/bin/python3 tools/optim_state.py IN.pt OUT.safetensors

reads a state dict saved with torch.save(optimizer.state_dict(), IN.pt) and writes it as
safetensors (tools/safetensors_io.py). From Python: flatten(optimizer.state_dict()).

Layout (one parameter group, as rnn4j's optimizers):
    state.{i}.{key}          each tensor or number of optimizer.state for the i-th parameter of
                             the group ('step', 'exp_avg', 'momentum_buffer', ...); None is left out
    param_groups.0.{name}    each hyper-parameter: numbers as 0-dim, tuples such as betas as [k],
                             booleans 1.0/0.0; 'params' and PyTorch's implementation switches
                             (foreach, capturable, differentiable, fused) are left out
    {key}.f64                the exact double behind a number that float32 rounds: its 64 bits in
                             three integer pieces (bits 63..42, 41..21, 20..0), each exact in
                             float32; shape = the value's shape + [3] (see StateDicts.java)
Every tensor is float32; 0-dim tensors stay 0-dim.
"""
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

IGNORED = {"params", "foreach", "capturable", "differentiable", "fused"}


def _pieces(value):
    (bits,) = struct.unpack("<Q", struct.pack("<d", float(value)))
    return [float(bits >> 42), float((bits >> 21) & 0x1FFFFF), float(bits & 0x1FFFFF)]


def _put_numbers(out, key, values, shape):
    t = torch.tensor(values, dtype=torch.float64).reshape(shape)
    out[key] = t.float()
    rounded = t.float().double().reshape(-1).tolist()
    # Compare bits, not values: NaN != NaN, and -0.0 == 0.0.
    if any(struct.pack("<d", r) != struct.pack("<d", v) for r, v in zip(rounded, values)):
        pieces = [p for v in values for p in _pieces(v)]
        out[key + ".f64"] = torch.tensor(pieces, dtype=torch.float32).reshape(list(shape) + [3])


def put(out, key, value):
    """Stores one state value (tensor, number, bool or tuple of numbers) under `key`."""
    if value is None:
        return
    if isinstance(value, torch.Tensor):
        out[key] = value.detach().to(torch.float32).clone()
    elif isinstance(value, bool):
        out[key] = torch.tensor(1.0 if value else 0.0, dtype=torch.float32)
    elif isinstance(value, (int, float)):
        _put_numbers(out, key, [float(value)], [])
    elif isinstance(value, (tuple, list)):
        _put_numbers(out, key, [float(v) for v in value], [len(value)])
    else:
        raise TypeError("cannot flatten %s = %r" % (key, value))


def flatten(state_dict):
    """The flat {name: float32 tensor} form of optimizer.state_dict()."""
    groups = state_dict["param_groups"]
    if len(groups) != 1:
        raise ValueError("rnn4j optimizers have one parameter group, got %d" % len(groups))
    position = {pid: i for i, pid in enumerate(groups[0]["params"])}
    out = {}
    for pid in sorted(state_dict["state"], key=lambda p: position[p]):
        for key, value in state_dict["state"][pid].items():
            put(out, "state.%d.%s" % (position[pid], key), value)
    for key, value in groups[0].items():
        if key not in IGNORED:
            put(out, "param_groups.0." + key, value)
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: optim_state.py IN.pt OUT.safetensors\n")
        return 2
    state = torch.load(argv[1], map_location="cpu")
    safetensors_io.save(argv[2], flatten(state), {"format": "rnn4j optimizer state"})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
