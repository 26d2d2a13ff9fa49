#!/usr/bin/python3
"""Writes the PyTorch parity fixtures of the character language model (issue 16), checked by
rnn4j-tasks' TextProtocolParityTest (run by hand; CI uses the committed files):

    /usr/bin/python3 tools/make_text_fixtures.py

Each case trains tools/text_protocol.py's CharLM with its Trainer on a 90-character text (the
first 81 characters train in 3 lanes of 27, windows of 5: 5 windows a pass, so the 7 steps wrap
into a second pass with a zero state; the last 9 characters are held out, read as windows of 5
and 3), in float64 from float32 initial weights, and stores what rnn4j must reproduce:

  text           I64 [90]  the text's indices; vocab I64 [V] its code points (sorted)
  init.<name>    F32       the initial weights (PyTorch's init under the case's seed)
  loss           F32 [7]   each step's loss (nats)
  final.<name>   F32       the weights after the last step
  val_bpc_init, val_bpc_final   F32 [1]   validation bits per character before and after

Metadata: cell, embed, hidden, layers, batch, seq, steps, lr, clip, schedule.
Output: rnn4j-tasks/src/test/resources/fixtures/text/<case>.safetensors
"""
import os
import sys
import zlib

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
import text_protocol as tp  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rnn4j-tasks", "src", "test", "resources",
                    "fixtures", "text")
TEXT = ("In the beginning God created the heaven and the earth. And the earth was without form, and")
CASES = [  # name, cell, schedule, clip
    ("lstm-cosine", "lstm", "cosine", 0.5),
    ("gru-constant", "gru", "constant", 0.5),
    ("rnn-onecycle", "rnn", "onecycle", 0.0),
]
SIZES = dict(embed=6, hidden=8, layers=2, batch=3, seq=5, steps=7, lr=0.01)


def case(name, cell, schedule, clip):
    assert len(TEXT) == 90
    torch.manual_seed(zlib.crc32(name.encode()))
    vocab, train, val = tp.corpus(TEXT)
    model = tp.CharLM(len(vocab), SIZES["embed"], SIZES["hidden"], SIZES["layers"], cell)
    init = {k: v.detach().clone() for k, v in model.state_dict().items()}
    model.double()
    trainer = tp.Trainer(model, train, SIZES["batch"], SIZES["seq"], SIZES["lr"], SIZES["steps"], clip, schedule)
    assert trainer.lanes.windows == 5, trainer.lanes.windows
    bpc0 = tp.val_bpc(model, val, SIZES["seq"])
    losses = [trainer.step() for _ in range(SIZES["steps"])]
    bpc1 = tp.val_bpc(model, val, SIZES["seq"])
    tensors = {"text": torch.cat([train, val]), "vocab": torch.tensor([ord(c) for c in vocab], dtype=torch.long),
               "loss": torch.tensor(losses, dtype=torch.float32),
               "val_bpc_init": torch.tensor([bpc0], dtype=torch.float32),
               "val_bpc_final": torch.tensor([bpc1], dtype=torch.float32)}
    for k, v in init.items():
        tensors["init." + k] = v.float()
    for k, v in model.state_dict().items():
        tensors["final." + k] = v.float()
    meta = dict(SIZES, cell=cell, schedule=schedule, clip=clip, case=name)
    os.makedirs(ROOT, exist_ok=True)
    safetensors_io.save(os.path.join(ROOT, name + ".safetensors"), tensors, {k: str(v) for k, v in meta.items()},
                        dtype=None)
    print(name, "losses", ["%.4f" % x for x in losses], "bpc %.4f -> %.4f" % (bpc0, bpc1))


def main():
    for c in CASES:
        case(*c)


if __name__ == "__main__":
    main()
