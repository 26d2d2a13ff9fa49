"""Writes the ONNX import fixtures: what torch.onnx.export makes of nn.RNN/LSTM/GRU/Linear,
nn.Embedding, nn.LayerNorm (decomposed before opset 17, LayerNormalization from 17), nn.Dropout in
eval mode, nn.Tanh/ReLU/Sigmoid and nn.Sequential of them.

Run by hand with Debian's PyTorch (no `onnx` Python package is needed: torch.onnx serialises
the protobuf itself):

    /usr/bin/python3 tools/make_onnx_fixtures.py

For each case it writes rnn4j-onnx/src/test/resources/onnx/torch/NAME.onnx (exported from a
seeded module with dynamic time and batch axes) and NAME.safetensors holding two input sets and
PyTorch's outputs for them: `a.*` at the sizes used for the export, `b.*` at other sizes (the
graph must not have baked the export sizes in). Keys: `{a,b}.input`, `{a,b}.h0`, `{a,b}.c0`
(when the graph takes the state), `{a,b}.output`, `{a,b}.h_n`, `{a,b}.c_n`. An Embedding's input is
INT64 (stored as I64); everything else is float32. seq_linear_tanh_lstm.onnx has no .safetensors:
rnn4j refuses it (its Sequential cannot hold an LSTM), and the test checks the message.
"""
import os
import sys
import warnings
import zlib

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rnn4j-onnx", "src", "test", "resources", "onnx", "torch")

I, H = 3, 4


def recurrent_case(name, module, opset, with_state):
    torch.manual_seed(zlib.crc32(name.encode()))
    lstm = isinstance(module, torch.nn.LSTM)
    bf = module.batch_first
    rows = module.num_layers * (2 if module.bidirectional else 1)

    def inputs(t, b):
        x = torch.randn(b, t, I) if bf else torch.randn(t, b, I)
        h = torch.randn(rows, b, H)
        c = torch.randn(rows, b, H)
        return x, h, c

    xa, ha, ca = inputs(5, 2)
    state = ((ha, ca) if lstm else ha) if with_state else None
    args = (xa, state) if with_state else (xa,)
    names_in = ["input"] + ((["h0", "c0"] if lstm else ["h0"]) if with_state else [])
    names_out = ["output", "h_n"] + (["c_n"] if lstm else [])
    seq = {0: "batch", 1: "time"} if bf else {0: "time", 1: "batch"}
    dyn = {"input": seq, "output": seq}
    for n in names_in[1:] + names_out[1:]:
        dyn[n] = {1: "batch"}
    module.eval()
    path = os.path.join(OUT, name + ".onnx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, args, path, input_names=names_in, output_names=names_out,
                          opset_version=opset, dynamic_axes=dyn)
    tensors = {}
    for tag, (t, b) in (("a", (5, 2)), ("b", (7, 3))):
        x, h, c = (xa, ha, ca) if tag == "a" else inputs(t, b)
        with torch.no_grad():
            if with_state:
                out = module(x, (h, c) if lstm else h)
            else:
                out = module(x)
        tensors[tag + ".input"] = x
        if with_state:
            tensors[tag + ".h0"] = h
            if lstm:
                tensors[tag + ".c0"] = c
        y, state_n = out
        tensors[tag + ".output"] = y
        tensors[tag + ".h_n"] = state_n[0] if lstm else state_n
        if lstm:
            tensors[tag + ".c_n"] = state_n[1]
    safetensors_io.save(os.path.join(OUT, name + ".safetensors"), tensors,
                        metadata={"module": repr(module), "opset": str(opset), "torch": torch.__version__})


def linear_case(name, module, opset, rank):
    torch.manual_seed(zlib.crc32(name.encode()))
    module.eval()
    xa = torch.randn(5, 2, I) if rank == 3 else torch.randn(5, I)
    dyn = {"input": {0: "time", 1: "batch"}, "output": {0: "time", 1: "batch"}} if rank == 3 else \
        {"input": {0: "batch"}, "output": {0: "batch"}}
    path = os.path.join(OUT, name + ".onnx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, (xa,), path, input_names=["input"], output_names=["output"],
                          opset_version=opset, dynamic_axes=dyn)
    xb = torch.randn(7, 3, I) if rank == 3 else torch.randn(9, I)
    tensors = {}
    for tag, x in (("a", xa), ("b", xb)):
        with torch.no_grad():
            tensors[tag + ".input"] = x
            tensors[tag + ".output"] = module(x)
    safetensors_io.save(os.path.join(OUT, name + ".safetensors"), tensors,
                        metadata={"module": repr(module), "opset": str(opset), "torch": torch.__version__})


def module_case(name, module, opset, make_input, axes):
    """A one-input, one-output module; make_input(t, b) gives an input, axes names its dynamic axes."""
    torch.manual_seed(zlib.crc32(name.encode()))
    for sub in module.modules():  # LayerNorm starts at ones and zeros: random values catch a swap
        if isinstance(sub, torch.nn.LayerNorm) and sub.elementwise_affine:
            torch.nn.init.normal_(sub.weight)
            torch.nn.init.normal_(sub.bias)
    module.eval()
    xa = make_input(5, 2)
    path = os.path.join(OUT, name + ".onnx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, (xa,), path, input_names=["input"], output_names=["output"],
                          opset_version=opset, dynamic_axes={"input": axes, "output": axes})
    tensors = {}
    for tag, x in (("a", xa), ("b", make_input(7, 3))):
        with torch.no_grad():
            tensors[tag + ".input"] = x
            tensors[tag + ".output"] = module(x)
    safetensors_io.save(os.path.join(OUT, name + ".safetensors"), tensors, dtype=None,
                        metadata={"module": repr(module), "opset": str(opset), "torch": torch.__version__})


def module_cases():
    nn = torch.nn
    tb = {0: "time", 1: "batch"}
    bt = {0: "batch", 1: "time"}

    def floats(f):
        return lambda t, b: torch.randn(t, b, f)

    def indices(num, batch_first=False):
        return lambda t, b: torch.randint(0, num, (b, t) if batch_first else (t, b))

    module_case("embedding_padding_idx", nn.Embedding(10, 4, padding_idx=0), 14, indices(10), tb)
    module_case("layernorm_opset14", nn.LayerNorm(4), 14, floats(4), tb)
    module_case("layernorm_no_affine_opset15", nn.LayerNorm(4, elementwise_affine=False), 15, floats(4), tb)
    module_case("layernorm_eps_opset17", nn.LayerNorm(4, eps=1e-3), 17, floats(4), tb)
    module_case("dropout_eval", nn.Dropout(0.3), 16, floats(4), tb)
    module_case("tanh", nn.Tanh(), 14, floats(4), tb)
    module_case("relu", nn.ReLU(), 16, floats(4), tb)
    module_case("sigmoid", nn.Sigmoid(), 17, floats(4), tb)
    module_case("seq_embedding_mlp", nn.Sequential(nn.Embedding(10, 4), nn.Dropout(0.2), nn.LayerNorm(4),
                nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3), nn.Sigmoid()), 16, indices(10, True), bt)
    module_case("seq_embedding_layernorm17", nn.Sequential(nn.Embedding(12, 6, padding_idx=3),
                nn.LayerNorm(6, eps=1e-4), nn.Tanh(), nn.Linear(6, 2)), 17, indices(12), tb)
    module_case("seq_linear_tanh_linear", nn.Sequential(nn.Linear(I, 5), nn.Tanh(), nn.Linear(5, 2)), 14, floats(I), tb)
    module_case("seq_linear_tanh_linear_2d", nn.Sequential(nn.Linear(I, 5), nn.Tanh(), nn.Linear(5, 2)), 15,
                lambda t, b: torch.randn(t * b, I), {0: "batch"})
    torch.manual_seed(zlib.crc32(b"seq_linear_tanh_lstm"))
    chain = nn.Sequential(nn.Linear(I, H), nn.Tanh(), nn.LSTM(H, 5)).eval()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(chain, (torch.randn(5, 2, I),), os.path.join(OUT, "seq_linear_tanh_lstm.onnx"),
                          input_names=["input"], output_names=["output", "h_n", "c_n"], opset_version=14,
                          dynamic_axes={"input": tb, "output": tb})


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    cases = [
        ("lstm_2layers_bidirectional_state", torch.nn.LSTM(I, H, num_layers=2, bidirectional=True), 14, True),
        ("lstm_1layer", torch.nn.LSTM(I, H), 17, False),
        ("lstm_batch_first_no_bias", torch.nn.LSTM(I, H, num_layers=2, batch_first=True, bias=False), 14, True),
        ("gru_2layers_batch_first_state", torch.nn.GRU(I, H, num_layers=2, batch_first=True), 14, True),
        ("gru_bidirectional", torch.nn.GRU(I, H, bidirectional=True), 17, False),
        ("rnn_relu_2layers_bidirectional", torch.nn.RNN(I, H, num_layers=2, nonlinearity="relu", bidirectional=True), 14, True),
        ("rnn_tanh_batch_first", torch.nn.RNN(I, H, batch_first=True), 16, False),
    ]
    for name, module, opset, with_state in cases:
        recurrent_case(name, module, opset, with_state)
    linear_case("linear_3d", torch.nn.Linear(I, H), 14, 3)
    linear_case("linear_2d_gemm", torch.nn.Linear(I, H), 17, 2)
    linear_case("linear_no_bias", torch.nn.Linear(I, H, bias=False), 14, 3)
    module_cases()
    print("wrote", OUT)


if __name__ == "__main__":
    main()
