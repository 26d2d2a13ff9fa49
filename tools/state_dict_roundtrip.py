#!/usr/bin/python3
"""Proves that state dicts cross between PyTorch and rnn4j in both directions (issue 4).

Run by hand (CI replays the committed results with StateDictRoundTripTest):

    /usr/bin/python3 tools/state_dict_roundtrip.py export
        PyTorch -> rnn4j. For each model below writes, into
        rnn4j-core/src/test/resources/fixtures/roundtrip/:
          <name>.pt.safetensors   model.state_dict() exactly as safetensors.torch.save_file
                                  would write it (metadata: the module's options)
          <name>.io.safetensors   an input x and PyTorch's outputs out.output, out.h_n (out.c_n)
        StateDictRoundTripTest loads the state dict into the twin rnn4j module with
        loadStateDict and checks it predicts PyTorch's outputs.

    mvn -q -B -pl rnn4j-core test -Dtest=StateDictRoundTripTest -Drnn4j.writeRoundtrip=true
        rnn4j -> file. Writes <name>.rnn4j.safetensors (an rnn4j module's stateDict(), saved
        by SafeTensors.save) and <name>.rnn4j.io.safetensors (x and rnn4j's outputs).

    /usr/bin/python3 tools/state_dict_roundtrip.py check
        file -> PyTorch. Loads every <name>.rnn4j.safetensors into the twin PyTorch module
        with load_state_dict(strict=True), runs x, asserts PyTorch's outputs equal rnn4j's
        (rtol 1e-5, atol 1e-6) and writes them to <name>.rnn4j.torch.safetensors, which
        StateDictRoundTripTest compares with rnn4j's forward on every build.

Only torch, struct and json are used (see safetensors_io.py). PyTorch computes in float64
with mkldnn off, on the float32 weights, so the reference is exact to float32.
"""
import glob
import os
import sys
import zlib

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rnn4j-core", "src", "test", "resources",
                   "fixtures", "roundtrip")

# name -> (module, input_size, hidden_size, options, state dict dtype on disk, x shape)
MODELS = {
    "lstm_2layer_bi_proj_bf": ("LSTM", 4, 6, dict(num_layers=2, bidirectional=True, proj_size=3, batch_first=True),
                               "F32", (2, 5, 4)),
    "gru_2layer_f64": ("GRU", 3, 5, dict(num_layers=2), "F64", (6, 2, 3)),
    "rnn_relu_nobias": ("RNN", 5, 4, dict(nonlinearity="relu", bias=False), "F32", (4, 3, 5)),
    "lstm_sine": ("LSTM", 1, 16, dict(), "F16", (20, 1, 1)),
}


def metadata(name, module, inp, hidden, o):
    meta = {"case": name, "module": module, "input_size": inp, "hidden_size": hidden,
            "num_layers": o.get("num_layers", 1), "bias": o.get("bias", True),
            "batch_first": o.get("batch_first", False), "bidirectional": o.get("bidirectional", False),
            "dropout": 0, "format": "pt"}
    if module == "RNN":
        meta["nonlinearity"] = o.get("nonlinearity", "tanh")
    if module == "LSTM":
        meta["proj_size"] = o.get("proj_size", 0)
    return {k: (("true" if v else "false") if isinstance(v, bool) else str(v)) for k, v in meta.items()}


def build(meta):
    """The PyTorch twin of a module described by rnn4j's metadata keys."""
    kw = dict(num_layers=int(meta["num_layers"]), bias=meta["bias"] == "true",
              batch_first=meta["batch_first"] == "true", bidirectional=meta["bidirectional"] == "true")
    if meta["module"] == "RNN":
        kw["nonlinearity"] = meta["nonlinearity"]
    if meta["module"] == "LSTM" and int(meta["proj_size"]):
        kw["proj_size"] = int(meta["proj_size"])
    return getattr(torch.nn, meta["module"])(int(meta["input_size"]), int(meta["hidden_size"]), **kw)


def forward(model, module, x):
    if module == "LSTM":
        output, (h_n, c_n) = model(x)
        return {"out.output": output, "out.h_n": h_n, "out.c_n": c_n}
    output, h_n = model(x)
    return {"out.output": output, "out.h_n": h_n}


def export():
    os.makedirs(DIR, exist_ok=True)
    for name, (module, inp, hidden, o, dtype, xshape) in MODELS.items():
        torch.manual_seed(zlib.crc32(name.encode()))
        meta = metadata(name, module, inp, hidden, o)
        model = build(meta)
        sd = model.state_dict()
        # What is on disk is what Java must reproduce: round the weights to the file's dtype first.
        on_disk = {k: v.to({"F32": torch.float32, "F64": torch.float64, "F16": torch.float16}[dtype])
                   for k, v in sd.items()}
        safetensors_io.save(os.path.join(DIR, name + ".pt.safetensors"), on_disk, meta, dtype=dtype)
        model.load_state_dict({k: v.float() for k, v in on_disk.items()}, strict=True)
        model = model.double()
        x = torch.randn(xshape, dtype=torch.float32).double()
        with torch.no_grad():
            outs = forward(model, module, x)
        safetensors_io.save(os.path.join(DIR, name + ".io.safetensors"), dict(x=x, **outs), {"case": name})
        print("exported", name, dtype, list(sd))


def check():
    files = sorted(glob.glob(os.path.join(DIR, "*.rnn4j.safetensors")))
    if not files:
        sys.exit("no *.rnn4j.safetensors in " + DIR + ": run the Maven command in this script's docstring first")
    for path in files:
        sd, meta = safetensors_io.load(path)
        io, _ = safetensors_io.load(path.replace(".rnn4j.safetensors", ".rnn4j.io.safetensors"))
        model = build(meta)
        model.load_state_dict(sd, strict=True)  # raises on any missing, unexpected or misshapen key
        model = model.double()
        with torch.no_grad():
            outs = forward(model, meta["module"], io["x"].double())
        for k, v in outs.items():
            theirs = io[k].double()
            err = (v - theirs).abs().max().item()
            assert torch.allclose(v, theirs, rtol=1e-5, atol=1e-6), "{}: {} differs by {}".format(path, k, err)
            print("{}: {} max |PyTorch - rnn4j| = {:.3g}".format(os.path.basename(path), k, err))
        safetensors_io.save(path.replace(".rnn4j.safetensors", ".rnn4j.torch.safetensors"), outs,
                            {"case": meta.get("case", ""), "torch": torch.__version__})
    print("OK:", len(files), "rnn4j state dicts load into PyTorch with strict=True and predict the same numbers")


if __name__ == "__main__":
    with torch.backends.mkldnn.flags(enabled=False):
        if sys.argv[1:] == ["export"]:
            export()
        elif sys.argv[1:] == ["check"]:
            check()
        else:
            sys.exit(__doc__)
