#!/usr/bin/env python3
"""Writes examples/memory-cell.safetensors: the tutorial's hand-set one-unit LSTM memory cell.

Pure standard library (no torch needed). The same numbers are built in as
`rnn4j explain lstm --weights memory-cell` (org.rnn4j.cli.explain.MemoryCell), and a test checks
that this file loads to exactly that state dict and metadata.

Input per step: [value, store, forget, emit]. With linear g and h (activation=identity):
  i = sigmoid(40*store - 20)                 f = sigmoid(20 - 40*store - 40*forget)
  g = value                                  o = sigmoid(40*emit - 20)
  c = f*c_prev + i*g                         h = o*c
Loads into LSTM(4, 1, activation=identity) (PyTorch: nn.LSTM(4, 1) with its tanh replaced).
"""
import json
import os
import struct

SCENARIO = "5,1,0,0; 0,0,0,0; 3,0,0,0; 0,0,0,1; 0,0,1,0; 0,0,0,1; 7,1,0,1"
TENSORS = [
    ("weight_ih_l0", [4, 4], [0, 40, 0, 0,
                              0, -40, -40, 0,
                              1, 0, 0, 0,
                              0, 0, 0, 40]),
    ("weight_hh_l0", [4, 1], [0, 0, 0, 0]),
    ("bias_ih_l0", [4], [-20, 20, 0, -20]),
    ("bias_hh_l0", [4], [0, 0, 0, 0]),
]
METADATA = {
    "rnn4j.cell": "lstm",
    "rnn4j.activation": "identity",
    "rnn4j.input": SCENARIO,
    "rnn4j.note": "the tutorial's memory cell; inputs per step: [value, store, forget, emit]",
}


def main():
    header = {"__metadata__": METADATA}
    data = b""
    for name, shape, values in TENSORS:
        raw = struct.pack("<%df" % len(values), *values)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "memory-cell.safetensors")
    with open(out, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)
    print("wrote", os.path.normpath(out))


if __name__ == "__main__":
    main()
