#!/usr/bin/python3
"""Writes the INT64 safetensors fixture from PyTorch, and checks a file rnn4j wrote.

Run by hand with Debian's python3-torch (PyTorch 1.13), from the repository root:

    /usr/bin/python3 tools/make_int64_fixture.py
        writes rnn4j-core/src/test/resources/fixtures/int64/torch_int64.safetensors:
        torch.int64 tensors (extremes, a transposed view, empty, 0-d) saved as I64 beside a
        float32 one, as safetensors.torch.save_file stores them. SafeTensorsInt64Test loads it.

    /usr/bin/python3 tools/make_int64_fixture.py --verify FILE
        loads FILE (written by rnn4j's SafeTensors.save with the same tensors) with PyTorch and
        exits non-zero unless every name, dtype, shape and value equals tensors() below.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                   "rnn4j-core", "src", "test", "resources", "fixtures", "int64")


def tensors():
    """The fixture's content; SafeTensorsInt64Test spells the same values out."""
    return {
        "index": torch.tensor([[0, 1, -1], [2 ** 40 + 3, -(2 ** 63), 2 ** 63 - 1]], dtype=torch.int64),
        "column": torch.arange(12, dtype=torch.int64).reshape(3, 4).t(),  # stored row-major: [4, 3]
        "empty": torch.zeros(0, 2, dtype=torch.int64),
        "scalar": torch.tensor(-7, dtype=torch.int64),
        "weight": torch.tensor([[0.5, -1.25], [3.0, 0.001]], dtype=torch.float32),
    }


def verify(path):
    got, _ = safetensors_io.load(path)
    want = tensors()
    if list(got) != list(want):
        sys.exit(f"names differ: {list(got)} != {list(want)}")
    for name, w in want.items():
        g = got[name]
        if g.dtype != w.dtype or g.shape != w.shape or not torch.equal(g, w.contiguous()):
            sys.exit(f"{name}: got {g.dtype} {tuple(g.shape)} {g}, want {w.dtype} {tuple(w.shape)} {w}")
    print(f"{path}: {len(want)} tensors equal PyTorch's (dtypes, shapes, values)")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--verify":
        verify(sys.argv[2])
        return
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "torch_int64.safetensors")
    safetensors_io.save(path, tensors(), {"source": "tools/make_int64_fixture.py"}, dtype=None)
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
