"""Minimal safetensors reader and writer (struct + json only; no safetensors package).

Format (https://github.com/huggingface/safetensors): an 8-byte little-endian u64 header
length N, N bytes of UTF-8 JSON ({"__metadata__": {str: str}, name: {"dtype", "shape",
"data_offsets": [begin, end]}}), then the little-endian tensor bytes, offsets relative to the
start of the data. The header is padded with spaces to a multiple of 8, like the Rust writer.
"""
import json
import struct

import torch

_DTYPES = {
    "F32": (torch.float32, 4),
    "F64": (torch.float64, 8),
    "F16": (torch.float16, 2),
    "BF16": (torch.bfloat16, 2),
    "I64": (torch.int64, 8),
}
_NAMES = {v[0]: k for k, v in _DTYPES.items()}


def save(path, tensors, metadata=None, dtype="F32"):
    """Writes `tensors` (name -> tensor, in order) converted to `dtype`; dtype=None keeps each one's own."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        kind = dtype if dtype is not None else _NAMES[t.dtype]
        torch_dtype = _DTYPES[kind][0]
        t = t.detach().to(torch_dtype).contiguous().cpu()
        # numpy has no bfloat16: reinterpret as int16 to get the bytes.
        raw = t.view(torch.int16).numpy().tobytes() if torch_dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {"dtype": kind, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def load(path):
    """Returns (tensors in file order, metadata)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {}) or {}
    base = 8 + n
    out = {}
    for name, info in header.items():
        torch_dtype, width = _DTYPES[info["dtype"]]
        begin, end = info["data_offsets"]
        raw = bytearray(data[base + begin:base + end])
        if torch_dtype == torch.bfloat16:
            t = torch.frombuffer(raw, dtype=torch.int16).view(torch.bfloat16) if raw else torch.empty(0, dtype=torch_dtype)
        else:
            t = torch.frombuffer(raw, dtype=torch_dtype) if raw else torch.empty(0, dtype=torch_dtype)
        out[name] = t.reshape(info["shape"]).clone()
    return out, metadata
