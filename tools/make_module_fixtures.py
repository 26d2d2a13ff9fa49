#!/usr/bin/python3
"""Writes the PyTorch parity fixtures of the feed-forward modules: Embedding, LayerNorm,
Sequential and the activation modules Tanh, ReLU, Sigmoid (run by hand; CI uses the committed
files):

    /usr/bin/python3 tools/make_module_fixtures.py

The layout is make_fixtures.py's (that script's docstring), one file per case in
rnn4j-core/src/test/resources/fixtures/<module>/<case>.safetensors, computed in float64 with
float32-representable parameters, inputs and seeds, stored as F32 except the INT64 indices of
Embedding (stored as I64). ModuleParityTest reads them.

Tensors:
  param.<name>       every parameter (state_dict order)
  init.<name>        LayerNorm only: the parameters of a freshly built module (PyTorch's init)
  x                  the input (Embedding: INT64 indices)
  out.y, seed.y      the output and its upstream weights: loss = (out.y * seed.y).sum()
  grad.x             d loss / d x (not for INT64 inputs)
  grad.param.<name>  d loss / d parameter, for every parameter that requires grad (a frozen
                     pretrained Embedding has none)
Metadata (strings): case, module, repr (PyTorch's repr of the module), input_rank, and
  Embedding: num_embeddings, embedding_dim, padding_idx ("none" or the value given, which may be
    negative), pretrained, freeze ("true"/"false"), repeated ("true": an index occurs twice),
    hits_padding ("true": the padding index occurs in x)
  LayerNorm: normalized_shape, eps (repr), elementwise_affine, bias, shift (added to x; a large
    shift tests the variance's cancellation)
  Sequential: nothing more; ModuleParityTest builds each case by its name
  Tanh/ReLU/Sigmoid: has_zeros ("true": some inputs are exactly 0, where ReLU's gradient is 0)

PyTorch 1.13 has no LayerNorm(bias=False) (2.1+): that case sets the module's bias to None,
which is what 2.1 builds (its repr does not show bias either).
"""
import os
import shutil
import sys
import zlib

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
from make_fixtures import covering  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rnn4j-core", "src", "test", "resources",
                    "fixtures")
FOLDERS = ["Embedding", "LayerNorm", "Sequential", "Tanh", "ReLU", "Sigmoid"]
SIZES = [7, 33, 1]  # ties in the covering go to the first level: 7, not the degenerate 1
LEAD = {0: (), 1: (), 2: (3,), 3: (2, 3)}


def b(v):
    return "true" if v else "false"


def f32(*shape, gen):
    """Standard normal in float32, returned as float64 (exactly representable)."""
    return torch.randn(tuple(shape), generator=gen, dtype=torch.float32).double()


def seeded(name):
    torch.manual_seed(zlib.crc32(name.encode()))  # parameter initialisation
    g = torch.Generator()
    g.manual_seed(zlib.crc32((name + "/data").encode()))
    return g


def write(name, mod, x, meta, gen, extra=None):
    """Runs mod on x, back-propagates (out * seed).sum() and writes the case file."""
    if x.is_floating_point():
        x.requires_grad_(True)
    y = mod(x)
    seed = f32(*y.shape, gen=gen)
    if y.requires_grad:  # not for a frozen Embedding: nothing to differentiate
        (y * seed).sum().backward()
    tensors = {}
    for k, p in mod.state_dict(keep_vars=True).items():
        tensors["param." + k] = p
    tensors.update(extra or {})
    tensors["x"] = x
    tensors["out.y"] = y
    tensors["seed.y"] = seed
    if x.is_floating_point():
        tensors["grad.x"] = x.grad
    for k, p in mod.named_parameters():
        if p.requires_grad:
            tensors["grad.param." + k] = p.grad
    stored = {k: (v.detach().float() if v.is_floating_point() else v.detach()) for k, v in tensors.items()}
    meta = dict(meta, case=name, repr=repr(mod))
    folder = os.path.join(ROOT, meta["module"])
    os.makedirs(folder, exist_ok=True)
    safetensors_io.save(os.path.join(folder, name + ".safetensors"), stored, {k: str(v) for k, v in meta.items()},
                        dtype=None)


# ------------------------------------------------------------------ Embedding

def embedding_cases():
    factors = {"size": [(10, 3), (33, 7), (1, 1)], "pad": [None, 0, 4, -1], "rank": [0, 1, 2, 3],
               "pre": ["no", "freeze", "train"]}

    def allowed(c):
        return c["pad"] is None or c["pad"] < c["size"][0]

    return covering(factors, [], allowed, lambda c: 0)


def embedding_case(c):
    (num, dim), pad, rank, pre = c["size"], c["pad"], c["rank"], c["pre"]
    name = "Embedding_N{}_D{}_{}_rank{}{}".format(num, dim, "nopad" if pad is None else "pad{}".format(pad), rank,
                                                   "" if pre == "no" else "_pretrained_" + pre)
    gen = seeded(name)
    if pre == "no":
        mod = torch.nn.Embedding(num, dim, padding_idx=pad)
    else:
        mod = torch.nn.Embedding.from_pretrained(f32(num, dim, gen=gen).float(), freeze=pre == "freeze",
                                                 padding_idx=pad)
    mod = mod.double()
    shape = {0: (), 1: (6,), 2: (3, 4), 3: (2, 3, 2)}[rank]
    x = torch.randint(0, num, shape, generator=gen, dtype=torch.int64)
    flat = x.view(-1)
    pad_row = None if pad is None else pad % num
    if pad_row is not None:
        flat[0] = pad_row  # the padding row is looked up: it must get no gradient
    if flat.numel() >= 3:
        flat[2] = flat[1]  # a repeated index: its gradients must add up
    meta = {"module": "Embedding", "num_embeddings": num, "embedding_dim": dim,
            "padding_idx": "none" if pad is None else pad, "input_rank": rank, "pretrained": b(pre != "no"),
            "freeze": b(pre == "freeze"), "repeated": b(flat.numel() >= 3),
            "hits_padding": b(pad_row is not None)}
    write(name, mod, x, meta, gen)


# ------------------------------------------------------------------ LayerNorm

def layernorm_cases():
    factors = {"n": SIZES, "rank": [1, 2, 3], "eps": [1e-5, 1e-3, 0.5], "affine": [True, False],
               "bias": [True, False], "shift": [0.0, 1000.0]}

    def allowed(c):
        return c["affine"] or c["bias"]  # bias only exists with elementwise_affine

    return covering(factors, ["eps", "affine", "bias"], allowed, lambda c: 0)


def layernorm_case(c):
    n, rank, eps, affine, bias, shift = c["n"], c["rank"], c["eps"], c["affine"], c["bias"], c["shift"]
    name = "LayerNorm_N{}_rank{}_eps{}{}{}{}".format(n, rank, eps, "" if affine else "_noaffine",
                                                     "" if bias else "_nobias", "_shift" if shift else "")
    gen = seeded(name)
    mod = torch.nn.LayerNorm(n, eps=eps, elementwise_affine=affine)
    if not bias:
        mod.bias = None  # PyTorch 2.1's LayerNorm(bias=False)
    init = {"init." + k: v.detach().clone() for k, v in mod.state_dict().items()}
    mod = mod.double()
    with torch.no_grad():
        for p in mod.parameters():  # away from ones and zeros, so that gamma and beta matter
            p.copy_(f32(*p.shape, gen=gen))
    x = (f32(*LEAD[rank], n, gen=gen) + shift).float().double()  # float32-representable after the shift
    meta = {"module": "LayerNorm", "normalized_shape": n, "input_rank": rank, "eps": repr(eps),
            "elementwise_affine": b(affine), "bias": b(bias), "shift": repr(shift)}
    write(name, mod, x, meta, gen, init)


# ------------------------------------------------------------------ Sequential

def sequential_cases():
    nn = torch.nn
    return [
        ("Sequential_mlp", lambda: nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 3), nn.ReLU(),
                                                 nn.Linear(3, 2, bias=False), nn.Sigmoid()),
         lambda g: f32(3, 4, gen=g), 2),
        ("Sequential_embedding", lambda: nn.Sequential(nn.Embedding(10, 4, padding_idx=0), nn.LayerNorm(4),
                                                       nn.Dropout(0.5), nn.Linear(4, 3), nn.Tanh()),
         lambda g: torch.randint(0, 10, (2, 5), generator=g, dtype=torch.int64), 2),
        ("Sequential_nested", lambda: nn.Sequential(nn.Linear(3, 3), nn.Sequential(nn.Tanh(), nn.Linear(3, 2)),
                                                    nn.Sigmoid()),
         lambda g: f32(3, gen=g), 1),
        ("Sequential_empty", lambda: nn.Sequential(), lambda g: f32(2, 3, gen=g), 2),
    ]


def sequential_case(name, build, input_fn, rank):
    gen = seeded(name)
    mod = build().double().eval()  # eval: Dropout is the identity, as the Java twin in eval mode
    write(name, mod, input_fn(gen), {"module": "Sequential", "input_rank": rank}, gen)


# ------------------------------------------------------------------ activations

def activation_case(module, rank, zeros):
    name = "{}_rank{}{}".format(module, rank, "_zeros" if zeros else "")
    gen = seeded(name)
    x = f32(*{0: (), 1: (7,), 2: (3, 5), 3: (2, 3, 4)}[rank], gen=gen)
    if zeros:
        x.view(-1)[::2] = 0.0  # ReLU's gradient at exactly 0 is 0
    write(name, getattr(torch.nn, module)(), x,
          {"module": module, "input_rank": rank, "has_zeros": b(zeros)}, gen)


def main():
    for folder in FOLDERS:
        shutil.rmtree(os.path.join(ROOT, folder), ignore_errors=True)
    for c in embedding_cases():
        embedding_case(c)
    for c in layernorm_cases():
        layernorm_case(c)
    for case in sequential_cases():
        sequential_case(*case)
    for module in ["Tanh", "ReLU", "Sigmoid"]:
        for rank in [0, 1, 2, 3]:
            activation_case(module, rank, False)
        activation_case(module, 2, True)
    for folder in FOLDERS:
        path = os.path.join(ROOT, folder)
        files = os.listdir(path)
        print(folder, len(files), "cases,", sum(os.path.getsize(os.path.join(path, f)) for f in files), "bytes")


if __name__ == "__main__":
    main()
