#!/usr/bin/python3
"""Writes PyTorch reference trajectories for org.rnn4j.optim (SGD, Adam, gradient clipping).

Run by hand with Debian's python3-torch (PyTorch 1.13), from the repository root:

    /usr/bin/python3 tools/make_optim_fixtures.py

Output: rnn4j-core/src/test/resources/optim/{trajectories,clip}.txt, a line format that the
JUnit tests parse (see OptimFixtures.java). Every number is the repr() of a Python float holding
a float32 value exactly, so it parses back to the same float32 bits.

trajectories.txt, per configuration:
    config NAME
    optimizer adam|sgd
    option KEY VALUE              (one per hyper-parameter)
    param I SHAPE... : VALUES     (initial parameters, float32)
    step S
    grad I none | grad I : VALUES (the gradient set before step S; none = grad is None)
    after I : VALUES              (parameter I after optimizer.step())
    end

clip.txt, per case:
    case NAME
    kind norm|value
    option KEY VALUE
    param I SHAPE...
    grad I none | grad I : VALUES
    total VALUE                   (clip_grad_norm_ return value; norm cases only)
    clipped I : VALUES            (p.grad after clipping; omitted for none)
    end
"""
import math
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                   "rnn4j-core", "src", "test", "resources", "optim")

SHAPES = [(3, 4), (5,), (), (4, 10)]  # (4, 10) = 40 elements: ATen's vector loop plus its tail
STEPS = 5


def fmt(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


def shape_str(shape):
    return " ".join(str(s) for s in shape)


def initial_params():
    g = torch.Generator().manual_seed(1234)
    return [torch.randn(s, generator=g, dtype=torch.float32) for s in SHAPES]


def make_grad(i, step, p):
    """A deterministic gradient for parameter i before step `step` (1-based), in float64, then float32.

    Parameter 2 (the scalar) has no gradient at step 3, to check that such parameters are skipped.
    Parameter 1 gets an all-zero gradient at step 4. Magnitudes vary so that amsgrad's max matters.
    """
    if i == 2 and step == 3:
        return None
    if i == 1 and step == 4:
        return torch.zeros_like(p)
    k = torch.arange(p.numel(), dtype=torch.float64).reshape(p.shape)
    x = p.detach().double()
    scale = 1.5 / step if step % 2 == 0 else 0.7 * step
    g = scale * torch.sin((k + 1) * x + step + i) + 0.05 * (k - p.numel() / 2.0)
    return g.float()


CONFIGS = [
    ("adam_default", "adam", dict(lr=1e-3)),
    ("adam_lr_betas_eps", "adam", dict(lr=0.1, betas=(0.8, 0.99), eps=1e-6)),
    ("adam_weight_decay", "adam", dict(lr=0.05, weight_decay=0.1)),
    ("adam_amsgrad", "adam", dict(lr=0.05, amsgrad=True)),
    ("adam_maximize", "adam", dict(lr=0.05, maximize=True)),
    ("adam_all", "adam", dict(lr=0.2, betas=(0.5, 0.9), eps=1e-4, weight_decay=0.3,
                              amsgrad=True, maximize=True)),
    ("sgd_plain", "sgd", dict(lr=0.1)),
    ("sgd_momentum", "sgd", dict(lr=0.05, momentum=0.9)),
    ("sgd_dampening", "sgd", dict(lr=0.05, momentum=0.9, dampening=0.3)),
    ("sgd_nesterov", "sgd", dict(lr=0.05, momentum=0.8, nesterov=True)),
    ("sgd_weight_decay", "sgd", dict(lr=0.1, weight_decay=0.2)),
    ("sgd_all", "sgd", dict(lr=0.03, momentum=0.7, weight_decay=0.05, nesterov=True, maximize=True)),
]


def option_lines(kind, opts):
    lines = []
    for key, value in opts.items():
        if key == "betas":
            lines.append("option beta1 %r" % float(value[0]))
            lines.append("option beta2 %r" % float(value[1]))
        elif isinstance(value, bool):
            lines.append("option %s %s" % (key, "true" if value else "false"))
        else:
            lines.append("option %s %r" % (key, float(value)))
    return lines


def trajectories():
    out = []
    for name, kind, opts in CONFIGS:
        params = [p.clone().requires_grad_(True) for p in initial_params()]
        if kind == "adam":
            opt = torch.optim.Adam(params, foreach=False, **opts)
        else:
            opt = torch.optim.SGD(params, foreach=False, **opts)
        out.append("config " + name)
        out.append("optimizer " + kind)
        out.extend(option_lines(kind, opts))
        for i, p in enumerate(params):
            out.append("param %d %s : %s" % (i, shape_str(p.shape), fmt(p)))
        for step in range(1, STEPS + 1):
            out.append("step %d" % step)
            for i, p in enumerate(params):
                g = make_grad(i, step, p)
                p.grad = g
                out.append("grad %d none" % i if g is None else "grad %d : %s" % (i, fmt(g)))
            opt.step()
            for i, p in enumerate(params):
                out.append("after %d : %s" % (i, fmt(p)))
        out.append("end")
    return out


CLIP_CASES = [
    ("norm2_clipped", "norm", dict(max_norm=1.0, norm_type=2.0)),
    ("norm2_not_clipped", "norm", dict(max_norm=100.0, norm_type=2.0)),
    ("norm1", "norm", dict(max_norm=2.0, norm_type=1.0)),
    ("norm3", "norm", dict(max_norm=0.5, norm_type=3.0)),
    ("norm_half", "norm", dict(max_norm=0.5, norm_type=0.5)),
    ("norm_inf", "norm", dict(max_norm=0.25, norm_type=math.inf)),
    ("value", "value", dict(clip_value=0.3)),
]


def clip_cases():
    out = []
    for name, kind, opts in CLIP_CASES:
        params = [p.clone().requires_grad_(True) for p in initial_params()]
        grads = []
        for i, p in enumerate(params):
            g = make_grad(i, 3, p)  # step 3: parameter 2 has no gradient
            p.grad = None if g is None else g.clone()
            grads.append(g)
        if kind == "norm":
            total = torch.nn.utils.clip_grad_norm_(params, **opts)
        else:
            torch.nn.utils.clip_grad_value_(params, **opts)
        out.append("case " + name)
        out.append("kind " + kind)
        for key, value in opts.items():
            out.append("option %s %r" % (key, float(value)))
        for i, p in enumerate(params):
            out.append("param %d %s" % (i, shape_str(p.shape)))
            out.append("grad %d none" % i if grads[i] is None else "grad %d : %s" % (i, fmt(grads[i])))
        if kind == "norm":
            out.append("total %r" % float(total.item()))
        for i, p in enumerate(params):
            if p.grad is not None:
                out.append("clipped %d : %s" % (i, fmt(p.grad)))
        out.append("end")
    return out


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    header = "# generated by tools/make_optim_fixtures.py with torch %s\n" % torch.__version__
    with open(os.path.join(OUT, "trajectories.txt"), "w") as f:
        f.write(header + "\n".join(trajectories()) + "\n")
    with open(os.path.join(OUT, "clip.txt"), "w") as f:
        f.write(header + "\n".join(clip_cases()) + "\n")


if __name__ == "__main__":
    main()
