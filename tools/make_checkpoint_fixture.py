#!/usr/bin/python3
"""Writes a PyTorch training run as an rnn4j checkpoint, for TorchCheckpointTest: training that
PyTorch stopped continues in Java.

Run by hand with Debian's python3-torch (PyTorch 1.13), from the repository root:

    /usr/bin/python3 tools/make_checkpoint_fixture.py

A model Net = LSTM(3, 8) + Linear(8, 1) (applied at every time step), MSE loss, Adam(lr=1e-2,
weight_decay=1e-4), trained in float32 for 3 steps on batches x_s [6, 4, 3] -> target_s [6, 4, 1].
Output, in rnn4j-core/src/test/resources/fixtures/checkpoint/:

torch_step3.safetensors, an rnn4j checkpoint (org.rnn4j.io.Checkpoints, format version 1):
    model.{name}          net.state_dict() (lstm.weight_ih_l0, ..., head.weight, head.bias)
    optimizer.{key}       adam.state_dict() flattened by tools/optim_state.py
    __metadata__          rnn4j.format "checkpoint", rnn4j.format_version "1",
                          rnn4j.checkpoint {"step":3,"epoch":0,"model":"Net","optimizer":"Adam",
                                            "longs":{},"doubles":{}},
                          rnn4j.data_crc32 zlib.crc32 of the data section (unsigned decimal)
torch_next5.safetensors, what PyTorch did next:
    x.{s}, target.{s}     the batches of steps s = 4..8
    param.{s}.{name}      the parameters after step s
"""
import json
import os
import struct
import sys
import zlib

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import optim_state  # noqa: E402
import safetensors_io  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                   "rnn4j-core", "src", "test", "resources", "fixtures", "checkpoint")


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(3, 8)
        self.head = torch.nn.Linear(8, 1)

    def forward(self, x):
        return self.head(self.lstm(x)[0])


def data_crc32(path):
    """zlib's CRC-32 of the bytes after a safetensors file's header."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    return zlib.crc32(raw[8 + n:]) & 0xFFFFFFFF


def write_checkpoint(path, net, adam, step):
    tensors = {"model." + k: v for k, v in net.state_dict().items()}
    tensors.update({"optimizer." + k: v for k, v in optim_state.flatten(adam.state_dict()).items()})
    meta = {
        "rnn4j.format": "checkpoint",
        "rnn4j.format_version": "1",
        "rnn4j.checkpoint": json.dumps({"step": step, "epoch": 0, "model": "Net", "optimizer": "Adam",
                                        "longs": {}, "doubles": {}}, separators=(",", ":")),
    }
    # The checksum covers the data only, so writing the file again with it in the header keeps it true.
    safetensors_io.save(path, tensors, meta)
    meta["rnn4j.data_crc32"] = str(data_crc32(path))
    safetensors_io.save(path, tensors, meta)


def main():
    torch.manual_seed(1913)
    net = Net()
    adam = torch.optim.Adam(net.parameters(), lr=1e-2, weight_decay=1e-4)
    batches = [(torch.randn(6, 4, 3), torch.randn(6, 4, 1)) for _ in range(8)]
    os.makedirs(OUT, exist_ok=True)
    after = {}
    for s, (x, target) in enumerate(batches, start=1):
        adam.zero_grad()
        torch.nn.functional.mse_loss(net(x), target).backward()
        adam.step()
        if s == 3:
            write_checkpoint(os.path.join(OUT, "torch_step3.safetensors"), net, adam, 3)
        if s > 3:
            for k, v in net.state_dict().items():
                after["param.%d.%s" % (s, k)] = v.clone()
            after["x.%d" % s] = x
            after["target.%d" % s] = target
    safetensors_io.save(os.path.join(OUT, "torch_next5.safetensors"), after,
                        {"steps": "4-8", "source": "tools/make_checkpoint_fixture.py"})


if __name__ == "__main__":
    main()
