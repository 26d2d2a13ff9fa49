#!/usr/bin/python3
"""Writes the PyTorch parity fixtures of the tensor ops and losses of issue 12 (run by hand; CI
uses the committed files):

    /usr/bin/python3 tools/make_loss_fixtures.py

Same conventions as make_fixtures.py: every case is computed in float64 from float32-representable
inputs (drawn in float32, then cast), one file per case, seeded by the case name (so adding a case
changes no other), float tensors stored as F32 and index tensors as I64.

  rnn4j-core/src/test/resources/fixtures/ops/<case>.safetensors       checked by OpParityTest
  rnn4j-core/src/test/resources/fixtures/losses/<case>.safetensors    checked by LossParityTest

Ops metadata: module "op", op (softmax|log_softmax|logsumexp|amax|argmax|mean|gather|
index_select|clamp|pow), dim, keep_dim ("true"/"false"), min, max (clamp), exponent (pow),
variant (plain|ties|masked|repeats|boundary|zeros|inverted: what the input exercises).
Tensors: x, index (I64; gather, index_select), out.y (I64 for argmax), seed.y, grad.x (no seed or
grad for argmax).

Loss metadata: module (MSELoss|L1Loss|HuberLoss|SmoothL1Loss|CrossEntropyLoss|NLLLoss|
BCEWithLogitsLoss), reduction (none|mean|sum), and per loss: delta (Huber), beta (SmoothL1);
layout (unbatched [C] | batched [N, C] | spatial [N, C, d1, d2]), target_kind (index|prob),
ignore_index, ignored_in_target, label_smoothing, has_weight (CrossEntropy, NLL);
has_weight, has_pos_weight (BCEWithLogits). Tensors: x, target (I64 class indices or F32),
weight, pos_weight (when given), out.loss, seed.loss, grad.x, grad.target (float targets only).
The scalar back-propagated is (out.loss * seed.loss).sum().
"""
import itertools
import os
import shutil
import sys
import zlib

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rnn4j-core", "src", "test", "resources",
                    "fixtures")
REDUCTIONS = ["none", "mean", "sum"]


def b(v):
    return "true" if v else "false"


def gen_for(name):
    g = torch.Generator()
    g.manual_seed(zlib.crc32(name.encode()))
    return g


def f32(*shape, gen, scale=1.0):
    """Normal samples in float32 (times scale, rounded to float32), returned as float64."""
    return (torch.randn(tuple(shape), generator=gen, dtype=torch.float32) * scale).double()


def save(folder, name, tensors, meta):
    os.makedirs(os.path.join(ROOT, folder), exist_ok=True)
    out = {}
    for k, v in tensors.items():
        v = v.detach()
        out[k] = v.float() if v.is_floating_point() else v.long()
    meta = {k: str(v) for k, v in dict(meta, case=name).items()}
    safetensors_io.save(os.path.join(ROOT, folder, name + ".safetensors"), out, meta, dtype=None)


def backprop(name, outs, inputs, gen):
    """Seeds out.y / out.loss, back-propagates sum(out * seed), returns the tensors to store."""
    (key, out), = outs.items()
    seed = f32(*out.shape, gen=gen)
    (out * seed).sum().backward()
    tensors = dict(inputs)
    tensors["out." + key] = out
    tensors["seed." + key] = seed
    for k, v in inputs.items():
        if v.requires_grad:
            tensors["grad." + k] = v.grad
    return tensors


# ------------------------------------------------------------------ ops

SHAPE = (3, 4, 5)


def op_input(variant, gen, shape=SHAPE):
    x = f32(*shape, gen=gen)
    if variant == "ties":
        x = torch.round(x)  # small integers: many ties per lane
    elif variant == "masked":
        x = x.masked_fill(torch.rand(shape, generator=gen, dtype=torch.float64) < 0.3, float("-inf"))
        x.view(-1, shape[-1])[0, :] = x.view(-1, shape[-1])[0, :].clamp(min=-1)  # a lane with no -inf left
    return x


def op_cases():
    for op in ["softmax", "log_softmax"]:
        for dim in [0, 1, 2, -1, -2, -3]:
            yield dict(op=op, dim=dim, variant="plain")
        yield dict(op=op, dim=-1, variant="masked")
    for op in ["logsumexp", "mean", "amax", "argmax"]:
        for dim, keep in itertools.product([0, 1, 2, -1, -3], [False, True]):
            yield dict(op=op, dim=dim, keep=keep, variant="plain")
    for dim, keep in itertools.product([0, -1], [False, True]):
        yield dict(op="amax", dim=dim, keep=keep, variant="ties")
        yield dict(op="argmax", dim=dim, keep=keep, variant="ties")
    yield dict(op="logsumexp", dim=-1, keep=False, variant="masked")
    for dim in [0, 1, 2, -1, -2]:
        yield dict(op="gather", dim=dim, variant="repeats")
        yield dict(op="index_select", dim=dim, variant="repeats")
    for lo, hi, variant in [(-0.5, 0.5, "plain"), (-1.0, 0.25, "boundary"), (0.0, float("inf"), "plain"),
                            (float("-inf"), 0.0, "plain"), (1.0, -1.0, "inverted")]:
        yield dict(op="clamp", min=lo, max=hi, variant=variant)
    for e in [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, -0.5, -1.0, -2.0, -1.5]:
        yield dict(op="pow", exponent=e, variant="zeros")


def fmt(v):
    """A number as Java's Double.parseDouble reads it (Infinity, not inf)."""
    v = float(v)
    return ("-" if v < 0 else "") + "Infinity" if v in (float("inf"), float("-inf")) else repr(v)


def op_name(c):
    parts = [c["op"]]
    if "dim" in c:
        parts.append("dim{}".format(c["dim"]).replace("-", "m"))
    if "keep" in c:
        parts.append("keep" if c["keep"] else "drop")
    if c["op"] == "clamp":
        parts.append("{}_{}".format(c["min"], c["max"]).replace("-", "m").replace(".", "p"))
    if c["op"] == "pow":
        parts.append("e{}".format(c["exponent"]).replace("-", "m").replace(".", "p"))
    parts.append(c["variant"])
    return "_".join(parts)


def op_case(c):
    name = op_name(c)
    gen = gen_for(name)
    op = c["op"]
    meta = {"module": "op", "op": op, "variant": c["variant"], "dim": c.get("dim", 0),
            "keep_dim": b(c.get("keep", False))}
    x = op_input(c["variant"], gen)
    inputs = {"x": x}
    if op == "gather":
        d = c["dim"] % 3
        ishape = list(SHAPE)
        ishape[(d + 1) % 3] -= 1  # smaller than the input apart from dim ...
        ishape[d] = 6  # ... and longer along dim, with repeats
        inputs["index"] = torch.randint(0, SHAPE[d], tuple(ishape), generator=gen)
    elif op == "index_select":
        inputs["index"] = torch.tensor([1, 0, 1, SHAPE[c["dim"]] - 1, 1])
    elif op == "clamp":
        meta.update(min=fmt(c["min"]), max=fmt(c["max"]))
        if c["variant"] == "boundary":  # elements exactly at the bounds: the gradient passes there
            x.view(-1)[::4] = c["min"]
            x.view(-1)[1::4] = c["max"]
    elif op == "pow":
        meta["exponent"] = fmt(c["exponent"])
        x.view(-1)[::7] = 0.0  # PyTorch's conventions at 0
        if c["exponent"] != int(c["exponent"]):
            x = x.abs()  # fractional powers of negatives are NaN: keep them out except -0
            x.view(-1)[3::7] = -0.0
        inputs["x"] = x
    if op != "argmax":
        x.requires_grad_(True)
    if op == "softmax":
        y = torch.softmax(x, c["dim"])
    elif op == "log_softmax":
        y = torch.log_softmax(x, c["dim"])
    elif op == "logsumexp":
        y = torch.logsumexp(x, c["dim"], keepdim=c["keep"])
    elif op == "mean":
        y = x.mean(c["dim"], keepdim=c["keep"])
    elif op == "amax":
        y = x.amax(c["dim"], keepdim=c["keep"])
    elif op == "argmax":
        y = x.argmax(c["dim"], keepdim=c["keep"])
    elif op == "gather":
        y = x.gather(c["dim"], inputs["index"])
    elif op == "index_select":
        y = x.index_select(c["dim"], inputs["index"])
    elif op == "clamp":
        y = x.clamp(c["min"], c["max"])
    else:
        y = x.pow(c["exponent"])
    if op == "argmax":
        save("ops", name, {"x": x, "out.y": y}, meta)
    else:
        save("ops", name, backprop(name, {"y": y}, inputs, gen), meta)
    return name


# ------------------------------------------------------------------ losses

def regression_cases():
    for r in REDUCTIONS:
        yield "MSELoss", r, {}
        yield "L1Loss", r, {}
        for delta in [1.0, 0.3, 2.5]:
            yield "HuberLoss", r, {"delta": delta}
        for beta in [1.0, 0.0, 0.4]:
            yield "SmoothL1Loss", r, {"beta": beta}


def regression_case(module, reduction, opts):
    suffix = "".join("_{}{}".format(k, v).replace(".", "p") for k, v in opts.items())
    name = "{}_{}{}".format(module, reduction, suffix)
    gen = gen_for(name)
    x = f32(4, 6, gen=gen, scale=1.5)
    target = f32(4, 6, gen=gen)
    if opts.get("beta") != 0.0:
        # d = 0 exactly: the L1 gradient there is 0. Not for beta = 0: PyTorch 2.x computes that
        # as l1_loss (gradient 0 at d = 0, the unit tests check it) but 1.13 gives -1 there.
        target.view(-1)[::5] = x.view(-1)[::5]
    x.requires_grad_(True)
    target.requires_grad_(True)
    if module == "MSELoss":
        loss = F.mse_loss(x, target, reduction=reduction)
    elif module == "L1Loss":
        loss = F.l1_loss(x, target, reduction=reduction)
    elif module == "HuberLoss":
        loss = F.huber_loss(x, target, reduction=reduction, delta=opts["delta"])
    else:
        loss = F.smooth_l1_loss(x, target, reduction=reduction, beta=opts["beta"])
    meta = dict({"module": module, "reduction": reduction}, **{k: repr(v) for k, v in opts.items()})
    save("losses", name, backprop(name, {"loss": loss}, {"x": x, "target": target}, gen), meta)
    return name


LAYOUTS = {"unbatched": (5,), "batched": (6, 5), "spatial": (3, 5, 2, 2)}


def class_target(shape, gen, ignore_index, ignored):
    rows = (shape[0],) + shape[2:] if len(shape) > 1 else ()
    t = torch.randint(0, shape[0 if len(shape) == 1 else 1], rows, generator=gen)
    if ignored:
        t.view(-1)[1::3] = ignore_index  # at least one (a [C] input has its one target ignored)
        if t.dim() == 0:
            t.fill_(ignore_index)
    return t


def ce_cases():
    for module in ["CrossEntropyLoss", "NLLLoss"]:
        kinds = ["index", "prob"] if module == "CrossEntropyLoss" else ["index"]
        smoothing = [0.0, 0.2] if module == "CrossEntropyLoss" else [0.0]
        for r, layout, kind, weight, ls in itertools.product(REDUCTIONS, LAYOUTS, kinds, [False, True], smoothing):
            for ignored in ([False, True] if kind == "index" else [False]):
                if ignored and layout == "unbatched" and r == "mean":
                    continue  # the mean over no target is NaN: covered by the unit tests, not worth a file
                yield dict(module=module, r=r, layout=layout, kind=kind, weight=weight, ls=ls, ignored=ignored,
                           ignore_index=-100)
    # an ignore_index that is a real class, and a bigger language-model-like case
    yield dict(module="CrossEntropyLoss", r="mean", layout="batched", kind="index", weight=True, ls=0.1,
               ignored=True, ignore_index=2)
    yield dict(module="NLLLoss", r="mean", layout="spatial", kind="index", weight=False, ls=0.0, ignored=True,
               ignore_index=0)
    yield dict(module="CrossEntropyLoss", r="mean", layout="wide", kind="index", weight=False, ls=0.0,
               ignored=False, ignore_index=-100)


def ce_case(c):
    name = "{module}_{r}_{layout}_{kind}{wt}{sm}{ig}".format(
        wt="_weight" if c["weight"] else "", sm="_ls{}".format(c["ls"]).replace(".", "p") if c["ls"] else "",
        ig="_ignore{}".format(c["ignore_index"]).replace("-", "m") if c["ignored"] else "", **c)
    gen = gen_for(name)
    shape = (64, 65) if c["layout"] == "wide" else LAYOUTS[c["layout"]]
    classes = shape[0] if len(shape) == 1 else shape[1]
    x = f32(*shape, gen=gen, scale=2.0)
    inputs = {"x": x}
    if c["kind"] == "index":
        target = class_target(shape, gen, c["ignore_index"], c["ignored"])
    else:
        target = torch.softmax(f32(*shape, gen=gen), 0 if len(shape) == 1 else 1).float().double()
    inputs["target"] = target
    weight = torch.rand(classes, generator=gen, dtype=torch.float32).double() + 0.25 if c["weight"] else None
    if weight is not None:
        inputs["weight"] = weight
    x.requires_grad_(True)
    if c["kind"] == "prob":
        target.requires_grad_(True)
    if c["module"] == "NLLLoss":
        logp = torch.log_softmax(f32(*shape, gen=gen), 0 if len(shape) == 1 else 1).float().double()
        x = inputs["x"] = logp.requires_grad_(True)
        loss = F.nll_loss(x, target, weight=weight, ignore_index=c["ignore_index"], reduction=c["r"])
    else:
        loss = F.cross_entropy(x, target, weight=weight, ignore_index=c["ignore_index"], reduction=c["r"],
                               label_smoothing=c["ls"])
    meta = {"module": c["module"], "reduction": c["r"], "layout": "batched" if c["layout"] == "wide" else c["layout"],
            "target_kind": c["kind"], "has_weight": b(c["weight"]), "ignore_index": c["ignore_index"],
            "ignored_in_target": b(c["ignored"]), "label_smoothing": repr(c["ls"])}
    save("losses", name, backprop(name, {"loss": loss}, inputs, gen), meta)
    return name


def bce_case(r, weight, pos_weight):
    name = "BCEWithLogitsLoss_{}{}{}".format(r, "_weight" if weight else "", "_posweight" if pos_weight else "")
    gen = gen_for(name)
    x = f32(4, 3, gen=gen, scale=3.0)
    x.view(-1)[0] = 40.0  # far out on both sides: the stable form must not overflow
    x.view(-1)[1] = -40.0
    target = torch.rand(4, 3, generator=gen, dtype=torch.float32).double()
    target.view(-1)[2::4] = 1.0
    target.view(-1)[3::4] = 0.0
    inputs = {"x": x.requires_grad_(True), "target": target.requires_grad_(True)}
    kw = {}
    if weight:
        inputs["weight"] = kw["weight"] = torch.rand(3, generator=gen, dtype=torch.float32).double() + 0.5
    if pos_weight:
        inputs["pos_weight"] = kw["pos_weight"] = torch.rand(3, generator=gen, dtype=torch.float32).double() * 3
    loss = F.binary_cross_entropy_with_logits(x, target, reduction=r, **kw)
    meta = {"module": "BCEWithLogitsLoss", "reduction": r, "has_weight": b(weight), "has_pos_weight": b(pos_weight)}
    save("losses", name, backprop(name, {"loss": loss}, inputs, gen), meta)
    return name


def main():
    torch.set_default_dtype(torch.float64)
    for folder in ["ops", "losses"]:
        shutil.rmtree(os.path.join(ROOT, folder), ignore_errors=True)
    counts = {}
    for c in op_cases():
        op_case(c)
        counts["ops"] = counts.get("ops", 0) + 1
    for module, r, opts in regression_cases():
        regression_case(module, r, opts)
        counts[module] = counts.get(module, 0) + 1
    for c in ce_cases():
        ce_case(c)
        counts[c["module"]] = counts.get(c["module"], 0) + 1
    for r, w, pw in itertools.product(REDUCTIONS, [False, True], [False, True]):
        bce_case(r, w, pw)
        counts["BCEWithLogitsLoss"] = counts.get("BCEWithLogitsLoss", 0) + 1
    total = sum(os.path.getsize(os.path.join(d, f)) for folder in ["ops", "losses"]
                for d, _, fs in os.walk(os.path.join(ROOT, folder)) for f in fs)
    print("cases:", counts, "total", sum(counts.values()), "files,", total, "bytes")


if __name__ == "__main__":
    main()
